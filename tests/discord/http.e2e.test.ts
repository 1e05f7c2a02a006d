/**
 * Discord interactions over HTTP, end to end: the real `createDiscordHttp` serving
 * `POST /discord/interactions` on a real port, with the real core over `knowledge/`, receiving
 * interactions signed as Discord signs them, and editing deferred answers over REST on the fake
 * Discord. The answers are the gateway's (one handler): the gateway tests cover the wording.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordHttp, type DiscordHttp } from "../../adapters/discord/http.ts";
import { BriefingError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { type HttpInteractions, httpInteractions } from "../fakes/discord/http-sender.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/index.ts";
import { autocompleteInteraction } from "../fakes/discord/payloads.ts";
import { interactionSigner, nowSeconds } from "../fakes/discord/sign.ts";
import { type RecordingBriefing, realBriefing, recording, TOKEN } from "./harness.ts";

const EPHEMERAL = 64;
const signer = interactionSigner();
const logs: string[] = [];
const logger = createLogger({
  level: "trace",
  destination: { write: (line: string) => void logs.push(line) },
});

let fake: FakeDiscord;
let briefing: RecordingBriefing;
const running: DiscordHttp[] = [];

async function serve(deferAfterMs?: number): Promise<{ discord: HttpInteractions; url: string }> {
  const http = createDiscordHttp({
    config: {
      token: TOKEN,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      publicKey: signer.publicKey,
    },
    briefing,
    logger,
    ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
  });
  running.push(http);
  const { port } = await http.start({ port: 0 });
  const url = `http://127.0.0.1:${port}/discord/interactions`;
  return { discord: httpInteractions(fake, url, signer), url };
}

type Data = {
  flags?: number;
  content?: string;
  embeds?: { title?: string; description?: string }[];
  components?: { components: { custom_id?: string }[] }[];
  allowed_mentions?: unknown;
  choices?: { value: string }[];
};
const dataOf = (body: { data?: unknown } | undefined) => (body?.data ?? {}) as Data;

let discord: HttpInteractions;
let url: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  briefing = recording(await realBriefing());
  ({ discord, url } = await serve());
});

afterAll(async () => {
  for (const http of running) await http.stop();
  await fake.close();
  const all = logs.join("\n");
  for (const part of [TOKEN, ...TOKEN.split(".")]) expect(all).not.toContain(part);
  expect(all).not.toContain("fake-interaction-token-");
});

describe("POST /discord/interactions", () => {
  it("answers a signed PING with {type: 1}", async () => {
    const pong = await discord.ping();
    expect(pong.status).toBe(200);
    expect(pong.body).toEqual({ type: 1 });
  });

  it("refuses with 401, before the core sees anything: another key, a tampered body, no headers, a stale timestamp", async () => {
    const asked = briefing.requests.length;
    const ask = () => ({
      ...autocompleteInteraction(
        { applicationId: fake.applicationId, user: { id: "1", username: "eve" }, channelId: "9" },
        { command: "partnership", subcommand: "ask", options: { query: "star" }, focused: "query" },
      ),
      type: 2,
    });
    const payload = ask();
    const raw = JSON.stringify(payload);
    const tampered = raw.replace("star", "stop");
    const stale = nowSeconds() - 3600;
    const refused = await Promise.all([
      discord.send(payload, { headers: interactionSigner().headers(raw) }),
      discord.send(payload, { headers: signer.headers(raw), rawBody: tampered }),
      discord.send(payload, { headers: { "content-type": "application/json" } }),
      discord.send(payload, { headers: signer.headers(raw, stale) }),
      discord.ping({ headers: interactionSigner().headers("{}") }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(briefing.requests.length).toBe(asked);
    expect(fake.webhookCalls).toEqual([]);
  });

  it("answers a signed /partnership ask query:stargate with the $500 billion fact, privately, mentions off", async () => {
    const { status, body } = await discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    expect(status).toBe(200);
    expect(body?.type).toBe(4);
    const data = dataOf(body);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds?.[0]?.title).toMatch(/stargate/i);
    expect(JSON.stringify(data.embeds)).toContain("$500 billion");
    expect(briefing.requests.at(-1)).toMatchObject({
      platform: { name: "discord" },
      text: "ask stargate",
      conversation: { id: fake.channelId, workspaceId: fake.guildId, isDirect: false },
    });
  });

  it("answers components as the gateway does, on any replica: Share posts publicly crediting the clicker; an Evidence pick answers privately", async () => {
    const asked = await discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    // Another server takes the click (as another replica would): the adapter keeps nothing between requests.
    const other = await serve();
    const share = await other.discord.click(asked.handle, "share:ask stargate");
    expect(share.status).toBe(200);
    const shared = dataOf(share.body);
    expect(share.body?.type).toBe(4);
    expect(shared.flags ?? 0).toBe(0);
    expect(shared.content).toContain("<@200000000000000002>");
    expect(shared.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(shared.embeds)).toContain("$500 billion");

    const factId = factIdIn(asked.handle.original());
    const pick = await discord.select(asked.handle, "evidence", [factId]);
    expect(pick.body?.type).toBe(4);
    expect(dataOf(pick.body).flags).toBe(EPHEMERAL);
    expect(briefing.requests.at(-1)?.text).toBe(`sources ${factId}`);
  });

  it("acknowledges a component it did not write without changing its message (type 6), and refuses an interaction type it does not handle (400)", async () => {
    const asked = await discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const before = briefing.requests.length;
    const stray = await discord.click(asked.handle, "someone-elses-button");
    expect(stray.status).toBe(200);
    expect(stray.body).toEqual({ type: 6 });
    // A modal submit (type 5): the bot opens no modals.
    const modal = {
      ...asked.handle.payload,
      id: `${asked.handle.id}9`,
      type: 5,
      data: { custom_id: "m", components: [] },
    };
    expect((await discord.send(modal)).status).toBe(400);
    expect(briefing.requests.length).toBe(before);
  });

  it("answers autocomplete with the core's topic choices (type 8)", async () => {
    const { body } = await discord.send(
      autocompleteInteraction(
        {
          applicationId: fake.applicationId,
          user: { id: "1", username: "eve" },
          guildId: fake.guildId,
          channelId: fake.channelId,
        },
        {
          command: "partnership",
          subcommand: "ask",
          options: { query: "starg" },
          focused: "query",
        },
      ),
    );
    expect(body?.type).toBe(8);
    expect(dataOf(body).choices?.map((c) => c.value)).toContain("stargate");
  });

  it("refuses a body over the limit (413) and a signed body that is not an interaction (400)", async () => {
    const huge = "x".repeat(300 * 1024);
    const big = await fetch(url, { method: "POST", headers: signer.headers(huge), body: huge });
    expect(big.status).toBe(413);
    const odd = await fetch(url, { method: "POST", headers: signer.headers("[1]"), body: "[1]" });
    expect(odd.status).toBe(400);
  });

  it("GIVEN a slow answer THEN the response defers (type 5) and the answer arrives as a REST edit of @original", async () => {
    const slow = await serve(0);
    const { body, handle } = await slow.discord.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    expect(body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = (await handle.edit()) as Data;
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(edit.embeds)).toContain("$500 billion");
    expect(handle.original()).toMatchObject({ flags: EPHEMERAL });
  });

  it("GIVEN PORT is taken THEN start stops naming PORT", async () => {
    const taken = Number(new URL(url).port);
    const http = createDiscordHttp({
      config: {
        token: TOKEN,
        applicationId: fake.applicationId,
        apiUrl: fake.apiUrl,
        publicKey: signer.publicKey,
      },
      briefing,
      logger,
    });
    const error = await http.start({ port: taken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as Error).message).toMatch(new RegExp(`^PORT ${taken}: .*EADDRINUSE`));
  });

  it("GIVEN a bot token Discord refuses THEN start stops naming DISCORD_TOKEN", async () => {
    const http = createDiscordHttp({
      config: {
        token: "MTk5.Wr0nG1.wrong-secret",
        applicationId: fake.applicationId,
        apiUrl: fake.apiUrl,
        publicKey: signer.publicKey,
      },
      briefing,
      logger,
    });
    const error = await http.start({ port: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as Error).message).toMatch(/refused the bot token.*DISCORD_TOKEN/);
  });
});

/** The first fact id the Evidence menu of a message offers. */
function factIdIn(message: Record<string, unknown> | undefined): string {
  const rows = (message?.components ?? []) as {
    components: { custom_id?: string; options?: { value: string }[] }[];
  }[];
  const menu = rows.flatMap((r) => r.components).find((c) => c.custom_id === "evidence");
  const value = menu?.options?.[0]?.value;
  if (!value) throw new Error("the answer has no Evidence menu");
  return value;
}
