/** Types of `build.mjs` (plain JavaScript, so that `npm start` needs only Node and esbuild). */
export declare const ROOT: string;
export declare const OUT: string;
export declare const ENTRIES: readonly string[];
export declare function staleReason(): string | undefined;
/** Builds dist/app/; resolves with the milliseconds it took. */
export declare function buildApp(): Promise<number>;
