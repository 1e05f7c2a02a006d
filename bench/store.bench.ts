/**
 * Store operation latency, SQLite against PostgreSQL: the same port methods on a temp SQLite file
 * (WAL, synchronous=FULL) and on a fresh database on the local PostgreSQL server (loopback TCP,
 * the server's own fsync settings). One operation at a time (latency), then 1,000 claims with 8
 * in flight from one process (throughput; SQLite group-commits them, PostgreSQL runs them on the
 * pool's connections).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Reply } from "../src/reply/reply.ts";
import type { SubscriptionStore } from "../src/store/port.ts";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { createTestDatabase } from "../tests/store/postgres-db.ts";
import type { Bench } from "./harness.ts";

const SECTION = "store";
const N = 1000;
const IN_FLIGHT = 8;
const schedule = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
const at = new Date("2026-01-07T12:00:00Z");
const reply: Reply = {
  kind: "digest",
  title: "Partnership briefing",
  sections: [],
  citations: [],
  shareable: false,
  visibility: "channel",
};
const channel = (i: number) => ({ platform: "slack", workspaceId: "T1", channelId: `C${i}` });
const claim = (subscriptionId: number, week: string) => ({
  subscriptionId,
  week,
  slotAt: new Date("2026-01-12T09:00:00Z"),
  owner: "bench",
  at: new Date(),
  asOf: new Date(),
  reported: ["money-1@2026-01-05"],
  reply,
});

async function measure(bench: Bench, engine: string, store: SubscriptionStore): Promise<void> {
  const ids: number[] = [];
  const row = (name: string, d: number[]) => bench.summarize(SECTION, `${engine}: ${name}`, d);
  row(
    "subscribe (new channel)",
    await bench.timeEach(
      N,
      async (i) => {
        ids.push((await store.subscribe(channel(i), schedule, "U", at)).subscription.id);
      },
      0,
    ),
  );
  row("find", await bench.timeEach(N, (i) => store.find(channel(i % N))));
  row(`listActive (${N} subscriptions)`, await bench.timeEach(50, () => store.listActive(), 5));
  const claimed: number[] = [];
  row(
    "claim",
    await bench.timeEach(
      N,
      async (i) => {
        const c = await store.claim(claim(ids[i] ?? 0, "2026-W03"));
        if (c) claimed.push(c.id);
      },
      0,
    ),
  );
  row(
    "digest (read one week)",
    await bench.timeEach(N, (i) => store.digest(ids[i % N] ?? 0, "2026-W03")),
  );
  row(
    "markPosted",
    await bench.timeEach(
      claimed.length,
      (i) => store.markPosted(claimed[i] ?? 0, "bench", `m${i}`, new Date()),
      0,
    ),
  );
  const t0 = performance.now();
  let next = 0;
  let won = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < N) {
        const id = ids[next++] ?? 0;
        if (await store.claim(claim(id, "2026-W04"))) won++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  bench.record({
    section: SECTION,
    case: `${engine}: ${N} claims, ${IN_FLIGHT} in flight`,
    n: N,
    note: `${Math.round(N / seconds)} claims/s, ${won} won`,
  });
}

export default async function run(bench: Bench): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-store-"));
  const sqlite = openSqliteStore(join(dir, "briefing.db"));
  try {
    await measure(bench, "SQLite", sqlite);
  } finally {
    sqlite.close();
    await rm(dir, { recursive: true, force: true });
  }

  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  try {
    database = await createTestDatabase();
  } catch (error) {
    bench.record({ section: SECTION, case: "PostgreSQL", n: 0, note: `skipped: ${error}` });
    return;
  }
  const pg = await openPostgresStore(database.url, { poolSize: IN_FLIGHT });
  try {
    await measure(bench, "PostgreSQL", pg);
  } finally {
    await pg.close();
    await database.drop();
  }
}
