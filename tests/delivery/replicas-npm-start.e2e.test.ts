/**
 * Issue 13's "what it must show", with the real entry points: two `npm start` replicas in Slack
 * HTTP mode on a fresh PostgreSQL database take an admin's subscribes (half through each), then
 * `npm run --silent cli -- digest run --at <slot>` beside each of them at once posts exactly one
 * digest per channel, and `/partnership status` answers the same from both replicas. (Apart from
 * replicas-postgres.e2e.test.ts so that the two multi-process files can run side by side.)
 *
 * Each process runs what its npm script runs (`node scripts/run.mjs start|cli …`, as
 * tests/helpers/run.ts's entryCommand), without npm's own process around it: that npm starts and
 * relays to it is tests/entry/npm-scripts.test.ts's and tests/entry/shutdown.e2e.test.ts's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { expect, it } from "vitest";
import { nextSlot } from "../../src/schedule/due.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { signedHeaders, slashCommandBody } from "../fakes/slack/sign.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import { cleanEnv, entryCommand, ROOT } from "../helpers/run.ts";
import { until } from "../helpers/wait.ts";
import { createTestDatabase } from "../store/postgres-db.ts";

const TOKEN = "xoxb-replica-test-token-123456";

/** An entry point (`bin/…`) in a process group of its own, stopped with its whole group. */
function entry(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(...entryCommand(script, args), {
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
  const replicas = [entry("bin/start.ts", [], env), entry("bin/start.ts", [], env)];
  const runs: ReturnType<typeof entry>[] = [];
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
      runs.push(entry("bin/cli.ts", ["digest", "run", "--at", at], env));
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
