/**
 * `BENCH_ONLY=overload npm run bench`: slash commands against the bot run as `npm start` runs it
 * (its own process, Slack over HTTP, against the stand-in Web API), with the overload gate off
 * (`SLACK_MAX_IN_FLIGHT=off`, every command served however late: the bot before the gate) and on
 * (the default), in the same run, and against a no-op server (the floor: what this machine and
 * this sender can do at all).
 *
 * - paced: commands sent at a steady rate for `PACED_SECONDS`; the highest rate at which 99% of
 *   them are acknowledged with their answer inside Slack's 3 s is the capacity;
 * - burst: that many sent at once, as in issue 14 (1,500).
 *
 * Each ack is timed from the moment it was sent. The note says how many were answered in time,
 * shed (the polite "busy" ack), late (past 3 s) or failed. Opt-in (about a minute and a half):
 * `npm run bench` alone skips it. The load is sent from this process, so on a small machine the
 * sender competes with the bot for the CPU, as other work on a shared host would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUSY_REPLY } from "../adapters/slack/request-guard.ts";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import { signedHeaders, slashCommandBody } from "../tests/fakes/slack/sign.ts";
import { type Bench, percentile } from "./harness.ts";

const SECRET = "overload-signing-secret-0123456789";
const TOKEN = "xoxb-overload-token-0123456789";
const DEADLINE_MS = 3000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TEXTS = ["stargate", "help", "topics", "timeline", "sources", "agi", "money", "compute"];
const RATES = [100, 200, 400, 600, 800];
const PACED_SECONDS = 3;
const BURSTS = [500, 1500];

type Outcome = "answered" | "shed" | "late" | "failed";
interface Sent {
  ms: number;
  outcome: Outcome;
}

async function startBot(
  apiUrl: string,
  dir: string,
  gate: "on" | "off",
): Promise<{ bot: ChildProcess; port: number }> {
  const bot = spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: "0",
      WEB_PORT: "off",
      DATABASE_PATH: join(dir, `briefing-${gate}.db`),
      LOG_LEVEL: "info",
      ...(gate === "off" ? { SLACK_MAX_IN_FLIGHT: "off" } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    bot.stderr?.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.includes("slack adapter running"));
      if (line) resolve({ bot, port: JSON.parse(line).port });
    });
    bot.once("exit", () => reject(new Error(`the bot exited:\n${out}`)));
  });
}

/**
 * A sender as cheap as it can be, so that on a small machine the figures are the bot's and not
 * the sender's: every request is signed and encoded before the clock starts, sent on a fresh
 * connection (`Connection: close`, as many independent senders would) and its answer only
 * searched for the status line and the busy text.
 */
function sender(port: number, responseUrl: string, prepare: number) {
  const requests = Array.from({ length: prepare }, (_, n) => {
    const body = slashCommandBody({
      text: `${TEXTS[n % TEXTS.length]} ${n}`,
      response_url: responseUrl,
    });
    const headers = signedHeaders(SECRET, body);
    const head = [
      "POST /slack/events HTTP/1.1",
      `host: 127.0.0.1:${port}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      `content-length: ${Buffer.byteLength(body)}`,
      "connection: close",
    ].join("\r\n");
    return Buffer.from(`${head}\r\n\r\n${body}`);
  });
  let i = 0;
  const send = (): Promise<Sent> =>
    new Promise((resolve) => {
      const request = requests[i++ % requests.length] ?? Buffer.alloc(0);
      const t0 = performance.now();
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (outcome: Outcome | "ok") => {
        if (settled) return;
        settled = true;
        const ms = performance.now() - t0;
        resolve({
          ms,
          outcome: outcome === "ok" ? (ms <= DEADLINE_MS ? "answered" : "late") : outcome,
        });
      };
      const socket = connect(port, "127.0.0.1", () => socket.write(request));
      socket.on("data", (d: Buffer) => chunks.push(d));
      socket.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (!text.startsWith("HTTP/1.1 200")) return done("failed");
        done(text.includes(BUSY_REPLY.text) ? "shed" : "ok");
      });
      socket.on("error", () => done("failed"));
    });
  return { send };
}

/** `rate` commands a second for `seconds`, sent every 10 ms in small batches. */
async function paced(send: () => Promise<Sent>, rate: number, seconds: number): Promise<Sent[]> {
  const all: Promise<Sent>[] = [];
  const total = rate * seconds;
  const start = performance.now();
  while (all.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    while (all.length < due) all.push(send());
    await new Promise((r) => setTimeout(r, 10));
  }
  return Promise.all(all);
}

function summarize(results: readonly Sent[]) {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const times = results.map((r) => r.ms);
  return {
    answered: count("answered"),
    shed: count("shed"),
    late: count("late"),
    failed: count("failed"),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    inTime: results.filter((r) => r.ms <= DEADLINE_MS && r.outcome !== "failed").length,
  };
}

/**
 * The floor: a server that answers every request at once without looking at it, in a process of
 * its own. What it cannot do on this machine, with this sender, no bot can.
 */
async function startFloor(): Promise<{ bot: ChildProcess; port: number }> {
  const code = `const s = require("node:http").createServer((q, r) => { q.resume(); q.on("end", () => {
    r.writeHead(200, { "content-type": "application/json" }); r.end("{}"); }); });
    s.listen({ port: 0, backlog: 4096 }, () => console.log(s.address().port));`;
  const bot = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) =>
    bot.stdout?.once("data", (d) => resolve(Number(String(d)))),
  );
  return { bot, port };
}

const TARGETS = ["floor", "off", "on"] as const;
const LABEL = {
  floor: "floor (no-op server)",
  off: "gate off (before)",
  on: "gate on",
} as const;

export default async function overload(bench: Bench): Promise<void> {
  const fake = await startFakeSlack({ botToken: TOKEN });
  const dir = await mkdtemp(join(tmpdir(), "overload-"));
  const prepare = Math.max(...BURSTS, ...RATES.map((r) => r * PACED_SECONDS));
  try {
    for (const target of TARGETS) {
      const { bot, port } =
        target === "floor" ? await startFloor() : await startBot(fake.apiUrl, dir, target);
      const { send } = sender(port, fake.responseUrl(), prepare);
      const label = LABEL[target];
      try {
        await Promise.all(Array.from({ length: 50 }, send)); // warm-up
        let capacity = 0;
        for (const rate of RATES) {
          const s = summarize(await paced(send, rate, PACED_SECONDS));
          const n = rate * PACED_SECONDS;
          if (s.answered >= 0.99 * n) capacity = rate;
          bench.record({
            section: "overload",
            case: `${label}: ${rate}/s for ${PACED_SECONDS} s`,
            n,
            p50Ms: s.p50,
            p99Ms: s.p99,
            note: `answered in 3 s ${s.answered}, shed ${s.shed}, late ${s.late}, failed ${s.failed}`,
          });
          await new Promise((r) => setTimeout(r, 500));
        }
        bench.record({
          section: "overload",
          case: `${label}: capacity`,
          n: 0,
          note: `${capacity}/s answered inside 3 s (99% at that rate, of ${RATES.join(", ")}/s)`,
        });
        for (const n of BURSTS) {
          const s = summarize(await Promise.all(Array.from({ length: n }, send)));
          bench.record({
            section: "overload",
            case: `${label}: ${n} at once`,
            n,
            p50Ms: s.p50,
            p99Ms: s.p99,
            note: `acked in 3 s ${s.inTime} (answered ${s.answered}, shed ${s.shed}), late ${s.late}, failed ${s.failed}`,
          });
          await new Promise((r) => setTimeout(r, 1000));
        }
      } finally {
        bot.kill("SIGTERM");
        await new Promise((r) => bot.once("exit", r));
      }
    }
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
