/**
 * Shared measuring code for `npm run bench`. Every section file `bench/*.bench.ts` default-exports
 * a function that receives a `Bench` and records rows; `bench/run.ts` runs them in one process
 * and prints one table, so figures that are compared are measured in the same run.
 */
import { performance } from "node:perf_hooks";

export interface Row {
  section: string;
  case: string;
  /** How many timed operations. */
  n: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Anything else worth a column: a ratio, a total, posts per second. */
  note?: string;
}

export interface Bench {
  record(row: Row): void;
  /** Times `fn` `n` times after `warmup` untimed calls; returns each duration in ms. */
  timeEach(
    n: number,
    fn: (i: number) => unknown | Promise<unknown>,
    warmup?: number,
  ): Promise<number[]>;
  summarize(section: string, name: string, durations: readonly number[], note?: string): Row;
}

export function percentile(durations: readonly number[], p: number): number {
  if (durations.length === 0) return Number.NaN;
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function createBench(): Bench & { rows: Row[] } {
  const rows: Row[] = [];
  const bench = {
    rows,
    record(row: Row) {
      rows.push(row);
    },
    async timeEach(
      n: number,
      fn: (i: number) => unknown | Promise<unknown>,
      warmup = Math.min(100, n),
    ) {
      for (let i = 0; i < warmup; i++) await fn(i);
      const out: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fn(i);
        out[i] = performance.now() - t0;
      }
      return out;
    },
    summarize(section: string, name: string, durations: readonly number[], note?: string): Row {
      const row: Row = {
        section,
        case: name,
        n: durations.length,
        p50Ms: percentile(durations, 50),
        p99Ms: percentile(durations, 99),
        ...(note ? { note } : {}),
      };
      rows.push(row);
      return row;
    },
  };
  return bench;
}

export function formatTable(rows: readonly Row[]): string {
  const fmt = (v: number | undefined) =>
    v === undefined ? "" : v < 10 ? v.toFixed(3) : v.toFixed(1);
  const cells = [
    ["section", "case", "n", "p50 ms", "p99 ms", "note"],
    ...rows.map((r) => [r.section, r.case, String(r.n), fmt(r.p50Ms), fmt(r.p99Ms), r.note ?? ""]),
  ];
  const widths =
    cells[0]?.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length))) ?? [];
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  const [head, ...body] = cells;
  return [
    line(head ?? []),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}
