/**
 * `BENCH_ONLY=overload npm run bench`: slash commands against the bot run as `npm start` runs it
 * (its own process, Slack over HTTP, against the stand-in Web API), with the overload gate off
 * (`SLACK_MAX_IN_FLIGHT=off`, every command served however late: the bot before the gate) and on
 * (the default), in the same run, and against a no-op server (the floor: what this machine and
 * this sender can do at all).
 *
 * - paced: commands sent at a steady rate for `PACED_SECONDS`; the highest rate at which 99% of
 *   them are acknowledged with their answer inside Slack's 3 s is the capacity;
 * - burst: that many sent at once on open keep-alive connections, and issue 14's shape, 1,500 at
 *   once each on a connection opened at that moment (then the TCP handshakes are most of it).
 *
 * Each ack is timed from the moment it was sent. The note says how many were answered in time,
 * shed (the polite "busy" ack), late (past 3 s) or failed, and how far the sender's own event loop
 * fell behind: the load is sent from this process, so on a small machine the sender competes
 * with the bot for the CPU, and a large sender lag means the row measured the sender too.
 * Opt-in (about two minutes): `npm run bench` alone skips it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
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
const RATES = [500, 1000, 2000, 3000, 4000];
const PACED_SECONDS = 3;
const BURSTS = [1500, 3000, 6000];
/** Issue 14's shape: this many at once, each on a connection of its own opened at that moment. */
const FRESH_BURST = 1500;

/** `answered`: the answer came in the ack; `shed`: the "busy" ack; either may be `late`. */
type Outcome = "answered" | "shed" | "failed";
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
 * the sender's: every request is signed and encoded before the clock starts and sent on a
 * keep-alive connection opened beforehand (one request at a time on each, as Slack's pooled
 * connections would carry them); of each answer only the status, the length and the busy text
 * are looked at.
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
    ].join("\r\n");
    return Buffer.from(`${head}\r\n\r\n${body}`);
  });
  const idle: Socket[] = [];
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(socket));
      socket.once("error", reject);
      socket.once("close", () => {
        const at = idle.indexOf(socket);
        if (at >= 0) idle.splice(at, 1);
      });
    });
  /** Opens connections until `n` are idle, before a case starts its clock. */
  const ensure = async (n: number) => {
    const more = Math.max(0, n - idle.length);
    idle.push(...(await Promise.all(Array.from({ length: more }, open))));
  };
  let i = 0;
  /** Sends one command; `fresh`: on a new connection, opened on the clock and closed after. */
  const send = async (fresh = false): Promise<Sent> => {
    const request = requests[i++ % requests.length] ?? Buffer.alloc(0);
    const t0 = performance.now();
    const finish = (outcome: Outcome): Sent => ({ ms: performance.now() - t0, outcome });
    let socket: Socket;
    try {
      socket = (fresh ? undefined : idle.pop()) ?? (await open());
    } catch {
      return finish("failed");
    }
    return new Promise<Sent>((resolve) => {
      let text = "";
      const onData = (d: Buffer) => {
        text += d.toString("latin1");
        const headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) return;
        const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, headEnd));
        const complete = length
          ? text.length >= headEnd + 4 + Number(length[1])
          : text.endsWith("\r\n0\r\n\r\n");
        if (!complete) return;
        socket.off("data", onData);
        socket.off("close", onClose);
        if (fresh) socket.destroy();
        else if (!socket.destroyed) idle.push(socket);
        if (!text.startsWith("HTTP/1.1 200")) return resolve(finish("failed"));
        resolve(finish(text.includes(BUSY_REPLY.text) ? "shed" : "answered"));
      };
      const onClose = () => resolve(finish("failed"));
      socket.on("data", onData);
      socket.once("close", onClose);
      socket.write(request);
    });
  };
  const close = () => {
    for (const socket of idle.splice(0)) socket.destroy();
  };
  return { send, ensure, close };
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

/** Counts by outcome, in time (inside Slack's 3 s) or late; percentiles over every ack. */
function summarize(results: readonly Sent[]) {
  const inTime = (o: Outcome) =>
    results.filter((r) => r.outcome === o && r.ms <= DEADLINE_MS).length;
  const acked = results.filter((r) => r.outcome !== "failed");
  const times = acked.map((r) => r.ms);
  const s = {
    answered: inTime("answered"),
    shed: inTime("shed"),
    late: acked.filter((r) => r.ms > DEADLINE_MS).length,
    failed: results.length - acked.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
  return {
    ...s,
    note: `in 3 s: answered ${s.answered}, shed ${s.shed}; late ${s.late}; failed ${s.failed}`,
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

/**
 * Runs one case and says how far behind the sender's own loop fell meanwhile: when that is large,
 * the case measured the sender as much as the bot.
 */
async function withSenderLag<T>(run: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const result = await run();
  histogram.disable();
  return { result, lagMs: Math.max(0, histogram.max / 1e6 - 10) };
}

export default async function overload(bench: Bench): Promise<void> {
  const fake = await startFakeSlack({ botToken: TOKEN });
  const dir = await mkdtemp(join(tmpdir(), "overload-"));
  const prepare = Math.max(...BURSTS, ...RATES.map((r) => r * PACED_SECONDS));
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    for (const target of TARGETS) {
      const { bot, port } =
        target === "floor" ? await startFloor() : await startBot(fake.apiUrl, dir, target);
      const { send, ensure, close } = sender(port, fake.responseUrl(), prepare);
      const label = LABEL[target];
      try {
        await ensure(50);
        await Promise.all(Array.from({ length: 50 }, () => send())); // warm-up
        let capacity = 0;
        for (const rate of RATES) {
          await ensure(Math.min(rate * PACED_SECONDS, 3000));
          const { result, lagMs } = await withSenderLag(() =>
            paced(() => send(), rate, PACED_SECONDS),
          );
          const s = summarize(result);
          const n = rate * PACED_SECONDS;
          if (s.answered >= 0.99 * n) capacity = rate;
          bench.record({
            section: "overload",
            case: `${label}: ${rate}/s for ${PACED_SECONDS} s`,
            n,
            p50Ms: s.p50,
            p99Ms: s.p99,
            note: `${s.note}; sender lag ${Math.round(lagMs)} ms`,
          });
          await pause(500);
        }
        bench.record({
          section: "overload",
          case: `${label}: capacity`,
          n: 0,
          note: `${capacity}/s answered inside 3 s (99% at that rate, of ${RATES.join(", ")}/s)`,
        });
        const bursts = [
          ...BURSTS.map((n) => ({ n, fresh: false })),
          { n: FRESH_BURST, fresh: true },
        ];
        for (const { n, fresh } of bursts) {
          if (!fresh) await ensure(n);
          const { result, lagMs } = await withSenderLag(() =>
            Promise.all(Array.from({ length: n }, () => send(fresh))),
          );
          const s = summarize(result);
          bench.record({
            section: "overload",
            case: `${label}: ${n} at once${fresh ? ", new connections" : ""}`,
            n,
            p50Ms: s.p50,
            p99Ms: s.p99,
            note: `${s.note}; sender lag ${Math.round(lagMs)} ms`,
          });
          await pause(1000);
        }
      } finally {
        close();
        bot.kill("SIGTERM");
        await new Promise((r) => bot.once("exit", r));
      }
    }
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
