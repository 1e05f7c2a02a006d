/**
 * Replicas on one PostgreSQL database, as separate processes against the loopback Slack fake.
 *
 * 1. Two processes fan the week's digest out to 200 channels in two workspaces at once; one is
 *    killed with SIGKILL in the middle of it; a restarted replica (its clock past the dead one's
 *    leases) finishes the week. Every channel must end with exactly one post, none missing.
 * 2. The "what it must show": two `npm start` replicas in Slack HTTP mode on a fresh
 *    database take an admin's subscribes (half through each), then `npm run --silent cli -- digest
 *    run --at <slot>` beside each of them at once posts exactly one digest per channel, and
 *    `/partnership status` answers the same from both replicas.
 */
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { nextSlot } from "../../src/schedule/due.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { signedHeaders, slashCommandBody } from "../fakes/slack/sign.ts";
import { fixtureCommand } from "../helpers/fixtures.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import { cleanEnv, ROOT } from "../helpers/run.ts";
import { until } from "../helpers/wait.ts";
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

interface Replica {
  child: ChildProcessWithoutNullStreams;
  loaded: Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
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
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        ready();
        resolve({ code, signal, stdout });
      });
    },
  );
  return { child, loaded, done };
}

const posts = () => fake.callsTo("chat.postMessage").filter((c) => c.status === 200).length;

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
  while (posts() < 40) await new Promise((r) => setTimeout(r, 5));
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

/** A process started through npm, in a process group of its own so that npm and node stop together. */
function npm(args: string[], env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn("npm", args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    output: () => output,
    exited,
    exitedEarly: () => done,
    stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      return exited;
    },
  };
}

it("GIVEN two npm start replicas in Slack HTTP mode on a fresh database WHEN digest run --at the slot runs beside each at once THEN each of 20 channels gets exactly one digest and status reads the same from both", {
  timeout: 60_000,
}, async () => {
  const SECRET = "replica-must-show-signing-secret";
  const db = await createTestDatabase();
  const slack = await startFakeSlack({ botToken: TOKEN, users: { UADMIN: { is_admin: true } } });
  const env = cleanEnv({
    DATABASE_URL: db.url,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    KNOWLEDGE_DIR,
    PORT: "0",
    LOG_LEVEL: "info",
  });
  const replicas = [npm(["start"], env), npm(["start"], env)];
  const runs: ReturnType<typeof npm>[] = [];
  try {
    const ports: number[] = [];
    for (const r of replicas) {
      await until(() => r.output().includes("slack adapter running"), "a replica to start", 30_000);
      const line =
        r
          .output()
          .split("\n")
          .find((l) => l.includes("slack adapter running")) ?? "";
      ports.push(JSON.parse(line).port);
    }
    const command = async (port: number | undefined, channel: string, text: string) => {
      const body = slashCommandBody({
        text,
        user_id: "UADMIN",
        channel_id: channel,
        response_url: slack.responseUrl(channel),
      });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        body,
        headers: signedHeaders(SECRET, body),
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    for (const port of ports) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.text()).toContain("database: ok");
      expect(ready.status).toBe(200);
    }

    // The admin subscribes 20 channels, half through each replica.
    const channels = Array.from({ length: 20 }, (_, i) => `CMUST${String(i).padStart(2, "0")}`);
    for (const [i, channel] of channels.entries()) {
      expect(await command(ports[i % 2], channel, "subscribe mon 09:00 UTC")).toMatch(/Monday/);
    }

    // Every post is held until the test lets go, so both passes are seen mid fan-out together.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    slack.failNext("chat.postMessage", ...channels.map(() => ({ until: held })));
    const slot = nextSlot({ day: 1, hour: 9, minute: 0, timezone: "UTC" }, new Date()).at;
    const at = new Date(slot.getTime() + 5 * 60_000).toISOString();
    for (let i = 0; i < 2; i++) {
      runs.push(npm(["run", "--silent", "cli", "--", "digest", "run", "--at", at], env));
    }
    const store = await openPostgresStore(db.url, { poolSize: 1 });
    try {
      const owners = async () =>
        (
          await store.pool.query<{ n: number }>(
            "SELECT count(DISTINCT claimed_by)::int AS n FROM digests WHERE state = 'claimed'",
          )
        ).rows[0]?.n ?? 0;
      // Each pass holds up to its concurrency's worth of claims while its posts wait.
      const deadline = Date.now() + 30_000;
      while ((await owners()) < 2) {
        if (Date.now() > deadline || runs.some((r) => r.exitedEarly())) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await owners()).toBe(2);
    } finally {
      release();
      await store.close();
    }
    const codes = await Promise.all(runs.map((r) => r.exited));
    expect(codes, runs.map((r) => r.output()).join("\n")).toEqual([0, 0]);
    const postedBy = runs.map((r) => r.output().match(/^ {2}posted /gm)?.length ?? 0);
    expect(postedBy[0]).toBeGreaterThan(0);
    expect(postedBy[1]).toBeGreaterThan(0);
    expect((postedBy[0] ?? 0) + (postedBy[1] ?? 0)).toBe(channels.length);
    for (const channel of channels) expect(slack.messages(channel)).toHaveLength(1);

    // Status comes from the shared database: the same answer from either replica.
    const status = await Promise.all(
      ports.map((port) => command(port, channels[0] ?? "", "status")),
    );
    expect(status[0]).toMatch(/Last briefing: week \d{4}-W\d{2}, posted/);
    expect(status[1]).toEqual(status[0]);
    for (const text of [...replicas, ...runs].map((r) => r.output()))
      expect(text).not.toContain(TOKEN);
  } finally {
    await Promise.all([...replicas, ...runs].map((r) => r.stop()));
    await slack.close();
    await db.drop();
  }
});
