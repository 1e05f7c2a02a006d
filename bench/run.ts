/**
 * `npm run bench`: runs every `bench/*.bench.ts` section in one process and prints one table.
 * `BENCH_ONLY=core,slack npm run bench` runs some sections only.
 */
import { readdir } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Bench, createBench, formatTable } from "./harness.ts";

const here = dirname(fileURLToPath(import.meta.url));
const only = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

const bench = createBench();
console.log(`node ${process.version}, ${cpus().length} cpu(s): ${cpus()[0]?.model ?? "unknown"}`);
for (const file of files) {
  const started = Date.now();
  console.log(`running ${file} …`);
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as {
    default: (bench: Bench) => Promise<void>;
  };
  await mod.default(bench);
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\n${formatTable(bench.rows)}`);
