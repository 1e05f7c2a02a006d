/**
 * `npm start`, `npm run cli` and `npm run discord:register` run here: `node scripts/run.mjs
 * <start|cli|discord-register> [args]` runs `dist/app/<name>.js` in this same process (one
 * process, so signals reach the bot directly), after rebuilding it when a source is newer than
 * the build. Editing a `.ts` file and running `npm start` therefore never runs stale code.
 */
import module from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ENTRIES, OUT, staleReason } from "./build.mjs";

const [name] = process.argv.splice(2, 1);
if (!name || !ENTRIES.includes(name)) {
  process.stderr.write(`usage: node scripts/run.mjs <${ENTRIES.join("|")}> [args]\n`);
  process.exit(2);
}

const stale = staleReason();
if (stale) {
  const { buildApp } = await import("./build.mjs");
  try {
    const ms = await buildApp();
    if (process.env.npm_config_loglevel !== "silent")
      process.stderr.write(`(rebuilt dist/app/ in ${ms} ms: ${stale})\n`);
  } catch (error) {
    process.stderr.write(
      `Cannot build dist/app/: ${error instanceof Error ? error.message : error}\n`,
    );
    process.exit(1);
  }
}

// Node 22 and later keep V8's compiled code between runs (a no-op on Node 20).
module.enableCompileCache?.();
const entry = join(OUT, `${name}.js`);
// The program sees the arguments as if it had been run directly: `node dist/app/cli.js ask …`.
process.argv[1] = entry;
await import(pathToFileURL(entry).href);
