/** Types of `build.mjs` (plain JavaScript, so that `npm start` needs only Node and esbuild). */
export declare const ROOT: string;
export declare const OUT: string;
export declare const ENTRIES: readonly string[];
/** Why the build of the checkout at `root` (default: this one) is stale, or undefined. */
export declare function staleReason(root?: string): string | undefined;
/** Builds dist/app/; resolves with the milliseconds it took. */
export declare function buildApp(root?: string): Promise<number>;
