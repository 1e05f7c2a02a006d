import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUN = join(ROOT, "scripts", "run.mjs");

/**
 * How npm scripts run an entry point (`bin/start.ts` → `npm start`): `node scripts/run.mjs start`,
 * the compiled build in dist/app/ (tests/global-setup.ts builds it once before the run), with no
 * TypeScript transform in the child. The command and arguments for `spawn`.
 */
export function entryCommand(script: string, args: readonly string[] = []): [string, string[]] {
  const name = /^bin\/([\w-]+)\.ts$/.exec(script)?.[1];
  if (!name) throw new Error(`not an entry point in bin/: ${script}`);
  return [process.execPath, [RUN, name, ...args]];
}

/** A database file of its own for each child, so tests never write into the checkout's data/. */
const scratch = mkdtempSync(join(tmpdir(), "entry-db-"));
let children = 0;

/**
 * Env for a child with no platform settings (so `npm start` means the console), and the web
 * briefing and the health port off so that children never compete for ports 8080 and 9090; a test
 * that wants one sets WEB_PORT or HEALTH_PORT.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(SLACK_|DISCORD_|TOKEN_ENCRYPTION_KEY|KNOWLEDGE_DIR|DATABASE_|BRIEFING_ADMINS|LOG_LEVEL|PORT|WEB_PORT|HEALTH_PORT)/.test(
        k,
      )
    )
      env[k] = v;
  }
  return {
    ...env,
    DATABASE_PATH: join(scratch, `briefing-${++children}.db`),
    WEB_PORT: "off",
    HEALTH_PORT: "off",
    ...extra,
  };
}

/** Runs one of our entry points (`bin/…`) as its npm script does, with stdin, and collects output. */
export function runEntry(
  script: string,
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [command, argv] = entryCommand(script, args);
    const child = spawn(command, argv, { cwd: ROOT, env: options.env ?? cleanEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** A bot started by `startSlackBot`: its port, everything it has logged so far, and a stop. */
export interface RunningSlackBot {
  port: number;
  logs(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `npm start`'s code with Slack over HTTP (`env` has the SLACK_* settings and `PORT=0`)
 * and resolves once it logs the port it listens on; fails with its output if it exits first.
 */
export async function startSlackBot(
  env: NodeJS.ProcessEnv,
  timeoutMs = 25_000,
): Promise<RunningSlackBot> {
  const bot = spawn(...entryCommand("bin/start.ts"), {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  bot.stdout.on("data", (d) => {
    logs += d;
  });
  bot.stderr.on("data", (d) => {
    logs += d;
  });
  const stop = async (): Promise<number | null> => {
    if (bot.exitCode !== null) return bot.exitCode;
    const exited = new Promise<number | null>((r) => bot.once("exit", (code) => r(code)));
    bot.kill("SIGTERM");
    return exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.split("\n").find((l) => l.includes("slack adapter running"));
    if (line) return { port: JSON.parse(line).port, logs: () => logs, stop };
    if (Date.now() > deadline || bot.exitCode !== null) {
      await stop();
      throw new Error(`bot did not start:\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
