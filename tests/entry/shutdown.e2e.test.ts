/**
 * `kill -TERM -<pgid>` of a real `npm start` (Slack over HTTP, against the stand-in Web API)
 * while requests are in flight: the signal reaches npm and the bot, and npm relays it again; it
 * must still give one orderly shutdown. Every request that reached the bot gets its answer (in the
 * acknowledgement, or on its response_url when it took longer than the ack budget), a new
 * connection is refused, the keep-alive sockets are closed after their answer, and npm exits 0.
 *
 * The steps wait on what the bot did, not on time: the signal goes once every request is being
 * worked on (each has asked the stand-in `users.info`), and the late request once the bot has
 * logged the shutdown. Waiting fixed times instead (500 ms, 300 ms) failed on a loaded machine:
 * a request still in the kernel's accept queue when the listener closed was reset (ECONNRESET),
 * and one sent before the bot had seen the signal was answered.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { type HttpResult, postSigned, slashCommandBody } from "../fakes/slack/sign.ts";
import { cleanEnv, ROOT } from "../helpers/run.ts";
import { until } from "../helpers/wait.ts";

const SECRET = "shutdown-signing-secret-0123456789";
const TOKEN = "xoxb-shutdown-bot-token-0123456789";
const IN_FLIGHT = 20;

let fake: FakeSlack;
let dir: string;
let npm: ChildProcess;
let logs = "";
let port = 0;

/** `npm start` in a process group of its own, as a terminal or a supervisor starts it. */
async function startNpm(): Promise<void> {
  logs = "";
  port = 0;
  npm = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    env: cleanEnv({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      DATABASE_PATH: join(dir, "briefing.db"),
      LOG_LEVEL: "debug",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  npm.stdout?.on("data", (d) => {
    logs += d;
  });
  npm.stderr?.on("data", (d) => {
    logs += d;
  });
  const deadline = Date.now() + 30_000;
  while (!port) {
    const line = logs.split("\n").find((l) => l.includes("slack adapter running"));
    if (line) port = JSON.parse(line).port;
    else if (Date.now() > deadline || npm.exitCode !== null)
      throw new Error(`bot did not start:\n${logs}`);
    else await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signals the whole group (npm, and the bot); resolves with npm's exit code. */
function killGroup(): Promise<number | null> {
  const exited = new Promise<number | null>((r) => npm.once("exit", (code) => r(code)));
  if (!npm.pid) throw new Error("no pid");
  process.kill(-npm.pid, "SIGTERM");
  return exited;
}

beforeAll(async () => {
  fake = await startFakeSlack({ botToken: TOKEN });
  dir = await mkdtemp(join(tmpdir(), "shutdown-"));
});

afterAll(async () => {
  if (npm && npm.exitCode === null && npm.pid) process.kill(-npm.pid, "SIGKILL");
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("npm start shut down by its process group", () => {
  it("answers every request in flight, refuses new ones, closes keep-alive sockets and exits 0", async () => {
    await startNpm();
    const url = `http://127.0.0.1:${port}/slack/events`;
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    // `subscribe` asks users.info whether the user is an admin, and the stand-in answers late, so
    // each answer is still being worked on at the signal. Half of the lookups take 1.2 s: inside
    // the 2 s ack budget on a quick machine (the answer is the ack), past it on a slow one (an
    // empty ack, the answer on response_url). The other half are held until the bot, its HTTP
    // server closed, says it is waiting for the answers still being worked on: those answers go
    // to response_url on any machine, after everything else has shut. Every answer must go out
    // before the bot exits, by either way.
    let releaseHeld: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      releaseHeld = resolve;
    });
    fake.failNext(
      "users.info",
      ...Array.from({ length: IN_FLIGHT }, (_, i) =>
        i % 2 === 0 ? { delayMs: 1200 } : { until: held },
      ),
    );
    const inFlight: Promise<HttpResult>[] = [];
    const responseUrls: string[] = [];
    for (let i = 0; i < IN_FLIGHT; i++) {
      const responseUrl = fake.responseUrl("C0001");
      responseUrls.push(responseUrl);
      const body = slashCommandBody({
        text: "subscribe mon 09:00 UTC",
        user_id: `U${i}`,
        channel_id: "C0001",
        response_url: responseUrl,
      });
      inFlight.push(postSigned(url, SECRET, body, { agent }));
    }
    // Once every one is being worked on, signal the whole group: npm and the bot.
    await until(() => fake.arrived("users.info") === IN_FLIGHT, "every request to reach the bot");
    const exited = killGroup();

    // A new connection while draining is refused, not served and not left hanging.
    await until(() => /SIGTERM: refusing new requests/.test(logs), "the bot to begin the drain");
    const late = await postSigned(
      url,
      SECRET,
      slashCommandBody({ text: "help", response_url: fake.responseUrl("C0001") }),
    ).then(
      (res) => `answered ${res.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    // Refused; or, when it reached the kernel's accept queue in the instant between the log line
    // and the listener closing, reset with the queue. Either way not served and not left hanging.
    expect(["ECONNREFUSED", "ECONNRESET"]).toContain(late);

    const results = await Promise.allSettled(inFlight);
    await until(
      () => /waiting for answers still being worked on/.test(logs),
      "the bot to wait for the answers it has not sent",
    );
    releaseHeld();
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.map((r) => String(r.status === "rejected" && r.reason))).toEqual([]);
    expect(await exited, logs).toBe(0);
    agent.destroy();
    // Each request's answer, from its acknowledgement or else from its response_url.
    const answers = results.map((r, i) => {
      if (r.status !== "fulfilled") return "";
      expect(r.value.status).toBe(200);
      expect(r.value.headers.connection).toBe("close");
      if (r.value.text) return r.value.text;
      const id = new URL(responseUrls[i] ?? "").pathname.split("/").at(-1);
      const posted = fake.callsTo("response_url").filter((c) => c.responseId === id);
      return posted.map((c) => JSON.stringify(c.body)).join("");
    });
    for (const answer of answers) expect(answer).toMatch(/Only admins/);
    // The held half had their acks first: those answers went to response_url.
    expect(fake.callsTo("response_url").length).toBeGreaterThanOrEqual(IN_FLIGHT / 2);
    expect(logs).toMatch(/shut down cleanly/);
    expect(logs.match(/SIGTERM: refusing new requests/g)).toHaveLength(1);
    expect(logs).not.toMatch(/exiting without waiting|exiting anyway/);
  }, 60_000);

  // An idle bot shuts down in milliseconds. Under `tsx`'s CLI wrapper (the old `npm start`) the
  // wrapper relayed npm's copy of the signal, found the bot gone or busy closing, and exited 143
  // about one time in three, so this ran three times. `scripts/run.mjs` runs the bot in npm's
  // child itself, with no wrapper left to relay: once proves the wiring, and the relayed copies
  // npm still sends are tests/entry/shutdown-signals.test.ts's ("copies of one signal relayed by
  // npm", in-process, every run).
  it("exits 0 when idle", async () => {
    await startNpm();
    expect(await killGroup(), logs).toBe(0);
    expect(logs).toMatch(/shut down cleanly/);
    expect(logs.match(/SIGTERM: refusing new requests/g)).toHaveLength(1);
  }, 60_000);
});
