/**
 * Replicas on PostgreSQL: one week's digest fanned out to 1,000 Slack channels by one replica, then
 * by three at once, each a process of its own running `digest run --at` (the same pass `npm start`
 * ticks, with its default concurrency of 4) on a fresh database on the local server, against the
 * loopback Slack fake set to one message per second per channel, so a duplicate shows as a second
 * message or a 429. Reports posts per second over the fan-out (first post to last, so process
 * start-up is left out; the wall time from "go" to the last exit is in the note), duplicates and
 * missing channels, and how the posts split between the replicas.
 *
 * Opt-in (`BENCH_ONLY=replicas npm run bench`): it needs the PostgreSQL server on 127.0.0.1:5432
 * and starts processes. Store operation latency on SQLite against PostgreSQL is `BENCH_ONLY=store`.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import { createTestDatabase } from "../tests/store/postgres-db.ts";
import type { Bench } from "./harness.ts";

const SECTION = "replicas";
const CHANNELS = 1000;
const TOKEN = "xoxb-replicas-bench";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = fileURLToPath(
  new URL("../tests/delivery/fixtures/replica-process.ts", import.meta.url),
);
// A minute after the Monday 09:00 UTC slot of week 2026-W03.
const RUN_AT = "2026-01-12T09:01:00Z";
/** What `digest run --json` prints, as far as the bench reads it. */
const PassOutput = z.object({ results: z.array(z.object({ outcome: z.string() })) });

interface Replica {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function replica(env: NodeJS.ProcessEnv): Replica {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, RUN_AT], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: "silent", WAIT_FOR_GO: "1" },
  });
  let stdout = "";
  let stderr = "";
  let loaded: () => void = () => {};
  const ready = new Promise<void>((r) => (loaded = r));
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => {
    stderr += d;
    if (stderr.includes("ready\n")) loaded();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        loaded();
        resolve({ code, stdout, stderr });
      });
    },
  );
  return { child, ready, done };
}

export default async (bench: Bench): Promise<void> => {
  const slack = await startFakeSlack({ botToken: TOKEN, rateLimit: { intervalMs: 1000 } });
  try {
    for (const count of [1, 3]) {
      slack.reset();
      const database = await createTestDatabase();
      try {
        const store = await openPostgresStore(database.url);
        const channels: string[] = [];
        for (let i = 0; i < CHANNELS; i++) {
          const channelId = `C${count}${String(i).padStart(5, "0")}`;
          channels.push(channelId);
          await store.subscribe(
            { platform: "slack", workspaceId: "W1", channelId },
            { day: 1, hour: 9, minute: 0, timezone: "UTC" },
            "bench",
            new Date("2026-01-05T00:00:00Z"),
          );
        }
        const replicas = Array.from({ length: count }, () =>
          replica({
            DATABASE_URL: database.url,
            SLACK_BOT_TOKEN: TOKEN,
            SLACK_SIGNING_SECRET: "replicas-bench-secret",
            SLACK_API_URL: slack.apiUrl,
            KNOWLEDGE_DIR: process.env.KNOWLEDGE_DIR ?? "knowledge",
          }),
        );
        await Promise.all(replicas.map((r) => r.ready));
        const go = Date.now();
        for (const r of replicas) r.child.stdin.end("go\n");
        const exits = await Promise.all(replicas.map((r) => r.done));
        const wall = Date.now() - go;
        for (const e of exits) {
          if (e.code !== 0) throw new Error(`a replica exited ${e.code}:\n${e.stdout}${e.stderr}`);
        }
        const posts = slack.callsTo("chat.postMessage");
        const ok = posts.filter((c) => c.status === 200);
        const window = Math.max(1, (ok.at(-1)?.at ?? 0) - (ok[0]?.at ?? 0));
        const perChannel = channels.map((c) => slack.messages(c).length);
        const duplicates = perChannel.reduce((n, c) => n + Math.max(0, c - 1), 0);
        const missing = perChannel.filter((c) => c === 0).length;
        const postedBy = exits.map(
          (e) =>
            PassOutput.parse(JSON.parse(e.stdout)).results.filter((r) => r.outcome === "posted")
              .length,
        );
        const recorded = await store.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM digests WHERE state = 'posted'",
        );
        await store.close();
        bench.record({
          section: SECTION,
          case: `${count} replica${count > 1 ? "s" : ""} (processes), 1 digest to ${CHANNELS} channels`,
          n: ok.length,
          p50Ms: window,
          note: `${(ok.length / (window / 1000)).toFixed(0)} posts/s, duplicates ${duplicates}, missing ${missing}, 429s ${posts.length - ok.length}, posted ${postedBy.join(" + ")}, recorded ${recorded.rows[0]?.n}, wall ${(wall / 1000).toFixed(2)} s`,
        });
      } finally {
        await database.drop();
      }
    }
  } finally {
    await slack.close();
  }
};
