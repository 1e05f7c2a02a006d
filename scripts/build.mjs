/**
 * The compiled app: `bin/*.ts` bundled with esbuild into plain JavaScript in `dist/app/`, so
 * `npm start` and the CLI run without a TypeScript transform (see the README, "Start-up").
 *
 *   node scripts/build.mjs           build now (`npm run build`; `prepare` runs it on `npm ci`)
 *
 * `scripts/run.mjs` calls `staleReason()` before every run and `buildApp()` when the sources are
 * newer than the build, so an edited file is never run stale. Plain JavaScript, so that it needs
 * nothing but Node and esbuild (a dependency, present after `npm ci --omit=dev`).
 */
import {
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OUT = join(ROOT, "dist", "app");
/** Written last by a build, dated when the build began. */
const STAMP = "built.json";

/** The programs `scripts/run.mjs` runs, by name: `dist/app/<name>.js`. */
export const ENTRIES = ["start", "cli", "discord-register"];

/** What the bundle is made from: a change to any of these (or a file added or removed) rebuilds. */
const SOURCE_DIRS = ["bin", "src", "adapters"];
const SOURCE_FILES = ["package.json", "package-lock.json", "scripts/build.mjs"];

/**
 * Left as imports of `node_modules`, not bundled: native addons (better-sqlite3), drivers that
 * probe optional native modules (pg), pino (its transports run files by path in worker threads),
 * and the platform SDKs, which only a bot loads and which are large (bundling them would only
 * add build time).
 */
const EXTERNAL = ["better-sqlite3", "pg", "pino", "@slack/bolt", "discord.js"];

/** The newest modification time among the sources (files and folders, so removals count). */
function newestSource(root) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const dir of SOURCE_DIRS) visit(join(root, dir));
  for (const file of SOURCE_FILES) visit(join(root, file));
  return newest;
}

/**
 * Why the build of the checkout at `root` must be made again (none yet, or older than a source),
 * or undefined when it is current. About 150 stats: a few milliseconds.
 */
export function staleReason(root = ROOT) {
  const out = join(root, "dist", "app");
  const built = statSync(join(out, STAMP), { throwIfNoEntry: false });
  if (!built) return "no build yet";
  for (const name of ENTRIES) {
    if (!existsSync(join(out, `${name}.js`))) return `dist/app/${name}.js is missing`;
  }
  return newestSource(root) > built.mtimeMs ? "sources changed since the last build" : undefined;
}

/**
 * Builds into a folder of its own and then swaps it in, so a process starting meanwhile never
 * reads half-written files, and two builds at once (two `npm start`s) do not mix their chunks.
 */
export async function buildApp(root = ROOT) {
  // Imported here: a run whose build is current never loads esbuild.
  const esbuild = await import("esbuild");
  const started = Date.now();
  const out = join(root, "dist", "app");
  const tmp = join(root, "dist", `.app-${process.pid}-${started}`);
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, `bin/${name}.ts`])),
      outdir: tmp,
      bundle: true,
      // Lazily imported modules (an adapter, a CLI subcommand, the PostgreSQL store) become
      // chunks of their own, loaded only by a run that uses them.
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      external: EXTERNAL,
      // CommonJS packages bundled into ESM call `require` for Node's built-in modules.
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
      // Error and class names stay as written (logs show `err.type`).
      keepNames: true,
      sourcemap: "linked",
      logLevel: "error",
    });
    const stamp = join(tmp, STAMP);
    writeFileSync(stamp, `${JSON.stringify({ builtAt: new Date(started) })}\n`);
    // Dated when the build began: a source saved while it ran is newer, and rebuilds next time.
    utimesSync(stamp, started / 1000, started / 1000);
    const old = join(root, "dist", `.old-${process.pid}-${started}`);
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // esbuild keeps a service process for further builds; this process needs no more.
    await esbuild.stop();
  }
  return Date.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const ms = await buildApp();
    process.stderr.write(`built dist/app/ in ${ms} ms\n`);
  } catch (error) {
    // esbuild has printed the errors with file and line.
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  }
}
