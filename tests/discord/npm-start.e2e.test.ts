/**
 * `npm start` with DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL pointing at the fake
 * Discord: the real entry point logs in over the gateway and answers `/partnership ask
 * query:stargate` with embeds carrying the Stargate facts, mentions off; its HEALTH_PORT says
 * ready once the gateway is. With DISCORD_PUBLIC_KEY and Slack over HTTP, one `PORT` serves both
 * Slack's `/slack/events` and Discord's `/discord/interactions`, with no gateway connection.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { httpInteractions } from "../fakes/discord/http-sender.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/index.ts";
import { interactionSigner } from "../fakes/discord/sign.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { signedHeaders, slashCommandBody } from "../fakes/slack/sign.ts";
import { entryCommand } from "../helpers/run.ts";
import { TOKEN } from "./harness.ts";

let child: ChildProcess | undefined;
let fake: FakeDiscord | undefined;
let dir: string | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
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

describe("npm start with DISCORD_PUBLIC_KEY beside Slack over HTTP", () => {
  it("serves /discord/interactions on Slack's PORT: PING, 401 for a bad signature, the $500 billion answer; Slack answers on the same port; no gateway session", async () => {
    const SECRET = "npm-start-signing-secret";
    const SLACK_TOKEN = "xoxb-npm-start-bot-token";
    fake = await startFakeDiscord({ token: TOKEN });
    slack = await startFakeSlack({ botToken: SLACK_TOKEN });
    dir = await mkdtemp(join(tmpdir(), "discord-http-start-"));
    const signer = interactionSigner();
    let output = "";
    child = spawn(...entryCommand("bin/start.ts"), {
      env: {
        PATH: process.env.PATH ?? "",
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_PUBLIC_KEY: signer.publicKey,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: "0",
        DATABASE_PATH: join(dir, "briefing.db"),
        LOG_LEVEL: "info",
        WEB_PORT: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Resolves when the bot says it is ready, or with false if it exits first.
    const started = new Promise<boolean>((resolve) => {
      const take = (d: Buffer) => {
        output += d;
        if (output.includes("briefing bot ready")) resolve(true);
      };
      child?.stdout?.on("data", take);
      child?.stderr?.on("data", take);
      child?.once("exit", () => resolve(false));
    });
    expect(await started, output).toBe(true);
    const running = output.split("\n").find((l) => l.includes("slack adapter running"));
    const port: unknown = running ? JSON.parse(running).port : undefined;
    expect(port).toBeTypeOf("number");
    const base = `http://127.0.0.1:${port}`;
    const discord = httpInteractions(fake, `${base}/discord/interactions`, signer);

    expect((await discord.ping()).body).toEqual({ type: 1 });
    expect((await discord.ping({ headers: interactionSigner().headers("{}") })).status).toBe(401);
    const asked = await discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const data = (asked.body?.type === 5 ? await asked.handle.edit() : asked.body?.data) ?? {};
    expect(JSON.stringify(data)).toContain("$500 billion");

    const body = slashCommandBody({ text: "stargate", response_url: slack.responseUrl("C0001") });
    const slackAnswer = await fetch(`${base}/slack/events`, {
      method: "POST",
      body,
      headers: signedHeaders(SECRET, body),
    });
    expect(slackAnswer.status).toBe(200);
    expect(await slackAnswer.text()).toContain("Stargate");
    const readiness = await (await fetch(`${base}/readyz`)).text();
    expect(readiness).toContain("discord: ok");
    expect(fake.sessions).toEqual([]);
    for (const part of [TOKEN, ...TOKEN.split(".")]) expect(output).not.toContain(part);
  });
});
