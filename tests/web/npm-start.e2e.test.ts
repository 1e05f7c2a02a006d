/**
 * `npm start` with no chat settings serves the web briefing and the health routes beside the
 * console chat, and closes both when the console's input ends (WEB_PORT=0 and HEALTH_PORT=0: any
 * free ports, read from the log).
 */
import { spawn } from "node:child_process";
import { renameSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cleanEnv, entryCommand, ROOT } from "../helpers/run.ts";

it("npm start with no chat settings serves all 16 topics on WEB_PORT and /healthz, /readyz on HEALTH_PORT (503 with the reason while the database file is gone), and stops with the console", async () => {
  const dir = await mkdtemp(join(tmpdir(), "web-npm-start-"));
  const database = join(dir, "briefing.db");
  const child = spawn(...entryCommand("bin/start.ts"), {
    cwd: ROOT,
    env: cleanEnv({
      WEB_PORT: "0",
      HEALTH_PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_PATH: database,
    }),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    const [url, healthPort] = await new Promise<[string, number]>((resolve, reject) => {
      const look = () => {
        const lines = output.split("\n");
        const web = lines.find((l) => l.includes("web briefing serving"));
        const health = lines.find((l) => l.includes("health and metrics serving"));
        if (web && health) resolve([String(JSON.parse(web).url), Number(JSON.parse(health).port)]);
        else if (child.exitCode !== null) reject(new Error(`npm start exited:\n${output}`));
        else setTimeout(look, 50);
      };
      look();
    });
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const port = new URL(url).port;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    const body = await res.text();
    const topics = body.match(/<ul class="plain topics">[\s\S]*?<\/ul>/)?.[0] ?? "";
    expect(topics.match(/<li>/g)).toHaveLength(16);

    const health = `http://127.0.0.1:${healthPort}`;
    expect((await fetch(`${health}/healthz`)).status).toBe(200);
    const ready = await fetch(`${health}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("knowledge: ok\ndatabase: ok\n");

    // The checks npm start registers, failing: the database file moved away is not ready, with
    // the reason, until it is back.
    renameSync(database, `${database}.away`);
    const gone = await fetch(`${health}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.text()).toBe(
      "knowledge: ok\ndatabase: the database file was removed while the bot was running\n",
    );
    renameSync(`${database}.away`, database);
    expect((await fetch(`${health}/readyz`)).status).toBe(200);

    // The console still answers on stdin, and end of input stops both.
    child.stdin.end("stargate\n");
    expect(await exited).toBe(0);
    expect(output).toContain("Stargate");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await expect(fetch(`${health}/healthz`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  }
});
