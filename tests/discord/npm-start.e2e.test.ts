/**
 * `npm start` with DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL pointing at the fake
 * Discord: the real entry point logs in over the gateway and answers `/partnership ask
 * query:stargate` with embeds carrying the Stargate facts, mentions off; its HEALTH_PORT says
 * ready once the gateway is.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/index.ts";
import { entryCommand } from "../helpers/run.ts";
import { TOKEN } from "./harness.ts";

let child: ChildProcess | undefined;
let fake: FakeDiscord | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  child = fake = dir = undefined;
});

describe("npm start with Discord settings", () => {
  it("logs in over the gateway, is ready on HEALTH_PORT, and answers /partnership ask query:stargate with embeds, mentions off, never logging the token", async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    dir = await mkdtemp(join(tmpdir(), "discord-start-"));
    let output = "";
    child = spawn(...entryCommand("bin/start.ts"), {
      env: {
        PATH: process.env.PATH ?? "",
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: join(dir, "briefing.db"),
        LOG_LEVEL: "debug",
        WEB_PORT: "off",
        HEALTH_PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    await fake.waitForSession(25_000);
    const ask = fake.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const body = await ask.response();
    const data = (body.type === 5 ? await ask.edit() : body.data) as {
      embeds?: { title?: string; description?: string }[];
      allowed_mentions?: unknown;
    };
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds?.[0]?.title).toMatch(/stargate/i);
    expect(data.embeds?.[0]?.description).toMatch(/• .+ — \*.+\*/);
    const serving = output.split("\n").find((l) => l.includes("health and metrics serving"));
    const healthPort: unknown = serving ? JSON.parse(serving).port : undefined;
    expect(healthPort).toBeTypeOf("number");
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain("discord: ok");
    for (const part of [TOKEN, ...TOKEN.split(".")]) expect(output).not.toContain(part);
  });
});
