/**
 * Replicas on one PostgreSQL database, as separate processes against the loopback Slack fake.
 *
 * 1. Two processes fan the week's digest out to 200 channels in two workspaces at once; one is
 *    killed with SIGKILL in the middle of it; a restarted replica (its clock past the dead one's
 *    leases) finishes the week. Every channel must end with exactly one post, none missing.
 *
 * The same with `npm start` replicas and `digest run` from the CLI: replicas-npm-start.e2e.test.ts.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { fixtureCommand } from "../helpers/fixtures.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import { ROOT } from "../helpers/run.ts";
import { createTestDatabase, type TestDatabase } from "../store/postgres-db.ts";

const TOKEN = "xoxb-replica-test-token-123456";
// A minute after the channels' Monday 09:00 UTC slot of week 2026-W03.
const RUN_AT = "2026-01-12T09:01:00Z";
const CHANNELS = Array.from({ length: 200 }, (_, i) => ({
  platform: "slack",
  workspaceId: i % 2 === 0 ? "T1" : "T2",
  channelId: `C${1000 + i}`,
}));

let database: TestDatabase;
let fake: FakeSlack;
beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeSlack({ botToken: TOKEN });
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Replica {
  child: ChildProcessWithoutNullStreams;
  loaded: Promise<void>;
  done: Promise<Exit>;
}

function replica(extra: Record<string, string> = {}): Replica {
  const child = spawn(...fixtureCommand("replica-process", [RUN_AT]), {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: "silent",
      WAIT_FOR_GO: "1",
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: "replica-test-signing-secret",
      SLACK_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR,
      ...extra,
    },
  });
  let stdout = "";
  let stderr = "";
  let ready: () => void = () => {};
  const loaded = new Promise<void>((r) => (ready = r));
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => {
    stderr += d;
    if (stderr.includes("ready\n")) ready();
  });
  const done = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      ready();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, loaded, done };
}

const posts = () => fake.callsTo("chat.postMessage").filter((c) => c.status === 200).length;

/** How long the fan-out may go without a new post before the wait gives up. */
const STALL_MS = 15_000;

/**
 * Resolves once `count` posts have landed. Fails at once if a replica exits first, and after
 * STALL_MS without a new post, saying which: neither can reach the count any more.
 */
async function postsReach(count: number, replicas: Record<string, Replica>): Promise<void> {
  let exited: string | undefined;
  for (const [name, r] of Object.entries(replicas)) {
    void r.done.then((e) => {
      exited ??= `replica ${name} exited (code ${e.code}, signal ${e.signal}) after ${posts()} of the ${count} posts waited for:\n${e.stderr}${e.stdout}`;
    });
  }
  let seen = posts();
  let lastProgress = Date.now();
  while (seen < count) {
    if (exited) throw new Error(exited);
    if (Date.now() - lastProgress > STALL_MS)
      throw new Error(`no new post for ${STALL_MS} ms: stuck at ${seen} of ${count}`);
    await new Promise((r) => setTimeout(r, 5));
    const now = posts();
    if (now > seen) lastProgress = Date.now();
    seen = now;
  }
}

it("GIVEN two replicas fanning out to 200 channels WHEN one is SIGKILLed mid fan-out and a replica restarts THEN every channel has exactly one post", {
  timeout: 120_000,
}, async () => {
  const store = await openPostgresStore(database.url);
  for (const c of CHANNELS) {
    await store.subscribe(
      c,
      { day: 1, hour: 9, minute: 0, timezone: "UTC" },
      "UADMIN",
      new Date("2026-01-07T12:00:00Z"),
    );
  }
  // Slow posts keep both fan-outs running while one replica is killed.
  fake.failNext("chat.postMessage", ...CHANNELS.map(() => ({ delayMs: 25 })));

  const a = replica();
  const b = replica();
  await Promise.all([a.loaded, b.loaded]);
  for (const r of [a, b]) r.child.stdin.end("go\n");
  // Kill A once a fifth of the channels have their post: its workers are mid-post then.
  await postsReach(40, { a, b });
  a.child.kill("SIGKILL");
  const [ra, rb] = await Promise.all([a.done, b.done]);
  expect(ra.signal).toBe("SIGKILL");
  expect(rb.code).toBe(0);

  // What the dead replica held is still claimed under its lease; nothing else is left.
  const rows = await store.pool.query<{ state: string; n: number }>(
    "SELECT state, count(*)::int AS n FROM digests GROUP BY state ORDER BY state",
  );
  const left = rows.rows.filter((r) => r.state !== "posted").reduce((n, r) => n + r.n, 0);
  expect(rows.rows.filter((r) => r.state !== "posted" && r.state !== "claimed")).toEqual([]);

  // The restart: its clock is past the 10-minute lease of the dead replica's claims.
  const c = replica({ CLOCK_AHEAD_MS: String(11 * 60_000) });
  await c.loaded;
  c.child.stdin.end("go\n");
  const rc = await c.done;
  expect(rc.code).toBe(0);
  const restarted: { outcome: string }[] = JSON.parse(rc.stdout).results;
  expect(restarted).toHaveLength(left);
  for (const r of restarted) expect(["posted", "reconciled"]).toContain(r.outcome);

  for (const ch of CHANNELS) expect(fake.messages(ch.channelId)).toHaveLength(1);
  const final = await store.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM digests WHERE state = 'posted' AND message_id IS NOT NULL",
  );
  expect(final.rows[0]?.n).toBe(CHANNELS.length);
  await store.close();
});
