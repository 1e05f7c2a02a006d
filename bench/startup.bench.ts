/**
 * Start-up, whole processes, as a user or a supervisor starts them: the median wall time of 5 runs
 * as a ratio to `node -e 0` in the same run, and the peak memory (max RSS) of each.
 *
 *   console   printf 'stargate\n' | npm start --silent   (web and health on free ports)
 *   cli ask   npm run --silent cli -- ask stargate
 *   adapters  npm start with Slack (HTTP) and Discord configured against the loopback fakes,
 *             until ready and one /partnership stargate answered on each; peak of the bot process
 *   and the console without npm, from the build and from the same sources through tsx
 *
 * `BENCH_BEFORE=<dir>` runs the same commands in another checkout too (a clone of main with its
 * node_modules), interleaved run by run, so before and after come from one run:
 *   BENCH_ONLY=startup BENCH_BEFORE=/tmp/before npm run bench
 * Peak memory needs GNU time (`/usr/bin/time`) and Linux's /proc; without them it is left out.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeDiscord } from "../tests/fakes/discord/index.ts";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import { signedHeaders, slashCommandBody } from "../tests/fakes/slack/sign.ts";
import { type Bench, percentile } from "./harness.ts";

const RUNS = 5;
const SECTION = "startup";
const HERE = fileURLToPath(new URL("..", import.meta.url));
const TIME = "/usr/bin/time";
const SECRET = "bench-signing-secret-0123456789";
const SLACK_TOKEN = "xoxb-bench-bot-token-0123456789";
const DISCORD_TOKEN = "bench.discord.token-0123456789";

interface Sample {
  ms: number;
  /** Peak resident memory in MB, when it could be read. */
  mb?: number;
}

let scratch = "";
let runs = 0;

/** Settings for a child: no platform settings unless given, its own database, free ports. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(SLACK_|DISCORD_|DATABASE_|KNOWLEDGE_DIR|PORT|WEB_PORT|HEALTH_PORT|LOG_LEVEL)/.test(k))
      base[k] = v;
  }
  return {
    ...base,
    DATABASE_PATH: join(scratch, `bench-${++runs}.db`),
    WEB_PORT: "0",
    HEALTH_PORT: "0",
    ...extra,
  };
}

/** Runs a shell command to its end in `cwd`; wall time, and peak RSS through GNU time. */
async function timed(command: string, cwd: string): Promise<Sample> {
  const out = join(scratch, `time-${++runs}.txt`);
  const withTime = existsSync(TIME);
  const started = performance.now();
  const code = await new Promise<number | null>((done, fail) => {
    const child = withTime
      ? spawn(TIME, ["-f", "%M", "-o", out, "sh", "-c", command], { cwd, env: env() })
      : spawn("sh", ["-c", command], { cwd, env: env() });
    child.stdout?.resume();
    child.stderr?.resume();
    child.on("error", fail);
    child.on("close", done);
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} in ${cwd} exited ${code}`);
  if (!withTime) return { ms };
  const kb = Number((await readFile(out, "utf8")).trim().split("\n").pop());
  return { ms, mb: kb / 1024 };
}

/** The process `pid` started, following single children (npm → node). */
function leaf(pid: number): number {
  for (;;) {
    const path = `/proc/${pid}/task/${pid}/children`;
    if (!existsSync(path)) return pid;
    const kids = readFileSync(path, "utf8").trim().split(/\s+/).filter(Boolean);
    if (kids.length !== 1) return pid;
    pid = Number(kids[0]);
  }
}

/** A process's peak resident memory so far (VmHWM), in MB. */
function peakOf(pid: number): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(status, "utf8"))?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

function waitFor(child: ChildProcess, output: () => string, text: string): Promise<string> {
  return new Promise((done, fail) => {
    const deadline = Date.now() + 60_000;
    const look = () => {
      const line = output()
        .split("\n")
        .find((l) => l.includes(text));
      if (line) done(line);
      else if (child.exitCode !== null || Date.now() > deadline)
        fail(new Error(`no "${text}" from npm start:\n${output()}`));
      else setTimeout(look, 10);
    };
    look();
  });
}

/** `npm start` with both adapters against the fakes: time to ready, and the bot's peak. */
async function bothAdapters(cwd: string): Promise<Sample> {
  const slack = await startFakeSlack({ botToken: SLACK_TOKEN });
  const discord = await startFakeDiscord({ token: DISCORD_TOKEN });
  let output = "";
  const started = performance.now();
  const npm = spawn("npm", ["start", "--silent"], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: env({
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "info",
    }),
  });
  npm.stdout?.on("data", (d) => {
    output += d;
  });
  npm.stderr?.on("data", (d) => {
    output += d;
  });
  try {
    await waitFor(npm, () => output, "briefing bot ready");
    const ms = performance.now() - started;
    await discord.waitForSession(30_000);
    const ask = discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const reply = await ask.response();
    if (reply.type === 5) await ask.edit();
    const port = Number(JSON.parse(await waitFor(npm, () => output, "slack adapter running")).port);
    const body = slashCommandBody({ text: "stargate", response_url: slack.responseUrl("C0001") });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      body,
      headers: signedHeaders(SECRET, body),
    });
    if (res.status !== 200) throw new Error(`Slack answered ${res.status}`);
    await res.text();
    const mb = npm.pid ? peakOf(leaf(npm.pid)) : undefined;
    return mb === undefined ? { ms } : { ms, mb };
  } finally {
    const exited = new Promise((done) => npm.once("exit", done));
    if (npm.pid && npm.exitCode === null) process.kill(-npm.pid, "SIGTERM");
    await exited;
    await slack.close();
    await discord.close();
  }
}

export default async (bench: Bench): Promise<void> => {
  scratch = await mkdtemp(join(tmpdir(), "startup-bench-"));
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({ name: "noop", private: true, scripts: { noop: "exec node -e 0" } }),
  );
  const trees: [string, string][] = [["", HERE]];
  if (process.env.BENCH_BEFORE) trees.push([" (before)", resolve(process.env.BENCH_BEFORE)]);
  // [name, measure, also in the BENCH_BEFORE checkout]
  const cases: [string, (cwd: string) => Promise<Sample>, boolean][] = [
    ["node -e 0", (cwd) => timed("node -e 0", cwd), false],
    // npm's own cost, the floor under every `npm start`: a script that runs `node -e 0`.
    ["npm run of a script that is node -e 0", () => timed("npm run --silent noop", scratch), false],
    [
      "console: printf 'stargate\\n' | npm start --silent",
      (cwd) => timed("printf 'stargate\\n' | npm start --silent", cwd),
      true,
    ],
    [
      "cli: npm run --silent cli -- ask stargate",
      (cwd) => timed("npm run --silent cli -- ask stargate", cwd),
      true,
    ],
    ["both adapters (fakes): npm start to ready", bothAdapters, true],
    // The same sources through the TypeScript loader instead of the build: why the build (README).
    [
      "console, same code through tsx: node --import tsx bin/start.ts",
      (cwd) => timed("printf 'stargate\\n' | node --import tsx bin/start.ts", cwd),
      false,
    ],
    [
      "console, the build without npm: node scripts/run.mjs start",
      (cwd) => timed("printf 'stargate\\n' | node scripts/run.mjs start", cwd),
      false,
    ],
  ];
  try {
    // Builds (and any cache) are made before timing: a user starts a built install.
    for (const [, cwd] of trees) await timed("npm run --silent cli -- check", cwd);
    const samples = new Map<string, Sample[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const [name, measure, beforeToo] of cases) {
        for (const [label, cwd] of trees) {
          if (label && !beforeToo) continue;
          const key = `${name}${label}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(cwd)]);
        }
      }
    }
    const baseline = percentile(samples.get("node -e 0")?.map((s) => s.ms) ?? [], 50);
    for (const [key, list] of samples) {
      const ms = list.map((s) => s.ms);
      const p50 = percentile(ms, 50);
      const peaks = list.flatMap((s) => (s.mb === undefined ? [] : [s.mb]));
      const peak = peaks.length ? `, peak RSS ${Math.round(Math.max(...peaks))} MB` : "";
      bench.record({
        section: SECTION,
        case: key,
        n: list.length,
        p50Ms: p50,
        note: `${(p50 / baseline).toFixed(1)}× node -e 0${peak}`,
      });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
