/**
 * `npm run bench`: runs every `bench/*.bench.ts` section in one process and prints one table.
 * `BENCH_ONLY=core,slack npm run bench` runs some sections only. Sections in `OPT_IN` are slow
 * (they start processes and load the machine for a minute or more) and run only when named.
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
/** Sections that start several processes (replicas on PostgreSQL, the overload burst). */
const OPT_IN = new Set(["replicas", "overload"]);
const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .filter((name) => (only.length === 0 ? !OPT_IN.has(name) : only.includes(name)))
  .sort()
  .map((name) => `${name}.bench.ts`);
if (only.length === 0)
  console.log(`(opt-in, not run: ${[...OPT_IN].join(", ")}; name it in BENCH_ONLY)`);

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
