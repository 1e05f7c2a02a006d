/**
 * `npm run bench`: runs every `bench/*.bench.ts` section in one process and prints one table.
 * `BENCH_ONLY=core,slack npm run bench` runs some sections only. Sections in OPT_IN run only when
 * named there.
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
/** Sections that start several processes on the PostgreSQL server: `BENCH_ONLY=replicas`. */
const OPT_IN = new Set(["replicas"]);
const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => {
    const name = f.replace(/\.bench\.ts$/, "");
    return only.length === 0 ? !OPT_IN.has(name) : only.includes(name);
  })
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
