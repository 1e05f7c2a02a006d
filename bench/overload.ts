/**
 * `npx tsx bench/overload.ts [burst ...]`: how many slash commands the bot answers inside Slack's
 * 3 seconds when they all arrive at once. The bot runs as `npm start` does (its own process, Slack
 * over HTTP against the stand-in Web API); this process only sends the burst and times each
 * answer from the moment it was sent. Prints, per burst size, how many were answered in time,
 * how many late, how many failed, and p50/p99. Not part of `npm run bench`: it starts a process
 * and takes about 20 s. The load is sent from this process, so on a small machine the sender
 * competes with the bot for the CPU, as it would with other work on a shared host.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import { postSigned, slashCommandBody } from "../tests/fakes/slack/sign.ts";
import { percentile } from "./harness.ts";

const SECRET = "overload-signing-secret-0123456789";
const TOKEN = "xoxb-overload-token-0123456789";
const DEADLINE_MS = 3000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const TEXTS = ["stargate", "help", "topics", "timeline", "sources", "agi", "money", "compute"];

async function startBot(apiUrl: string, dir: string): Promise<{ bot: ChildProcess; port: number }> {
  const bot = spawn(TSX, ["bin/start.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: "0",
      DATABASE_PATH: join(dir, "briefing.db"),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    // The bot logs to stderr.
    bot.stderr?.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.includes("slack adapter running"));
      if (line) resolve({ bot, port: JSON.parse(line).port });
    });
    bot.once("exit", () => reject(new Error(`the bot exited:\n${out}`)));
  });
}

async function burst(url: string, responseUrl: string, n: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const body = slashCommandBody({
        text: `${TEXTS[i % TEXTS.length]} ${i}`,
        response_url: responseUrl,
      });
      const t0 = performance.now();
      try {
        const res = await postSigned(url, SECRET, body, { agent });
        const ms = performance.now() - t0;
        return { ms, ok: res.status === 200 };
      } catch {
        return { ms: performance.now() - t0, ok: false };
      }
    }),
  );
  agent.destroy();
  const times = results.map((r) => r.ms);
  const inTime = results.filter((r) => r.ok && r.ms <= DEADLINE_MS).length;
  return {
    n,
    inTime,
    late: results.filter((r) => r.ok && r.ms > DEADLINE_MS).length,
    failed: results.filter((r) => !r.ok).length,
    p50: Math.round(percentile(times, 50)),
    p99: Math.round(percentile(times, 99)),
  };
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const fake = await startFakeSlack({ botToken: TOKEN });
const dir = await mkdtemp(join(tmpdir(), "overload-"));
const { bot, port } = await startBot(fake.apiUrl, dir);
try {
  const url = `http://127.0.0.1:${port}/slack/events`;
  await burst(url, fake.responseUrl("C0001"), 50); // warm-up
  console.log("burst  in-time  late  failed  p50 ms  p99 ms");
  for (const n of sizes.length > 0 ? sizes : [250, 500, 1000, 1500]) {
    const r = await burst(url, fake.responseUrl("C0001"), n);
    console.log(
      `${String(r.n).padStart(5)}  ${String(r.inTime).padStart(7)}  ${String(r.late).padStart(4)}  ${String(r.failed).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}`,
    );
    await new Promise((r) => setTimeout(r, 1000));
  }
} finally {
  bot.kill("SIGTERM");
  await new Promise((r) => bot.once("exit", r));
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}
