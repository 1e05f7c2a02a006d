/**
 * Smoke tests of the fake Discord itself, for what it must do as Discord does: nonces, a post
 * that commits despite an error, the rate-limit headers, listing, tokens, the gateway handshake.
 * Driven by the real @discordjs/rest client and a raw WebSocket. Its 429/5xx/403/404 injection
 * and command registration are exercised by tests/delivery/discord-delivery.test.ts and
 * tests/discord/register.test.ts.
 */
import { once } from "node:events";
import { REST, Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
} from "../fakes/discord/index.ts";

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; rest: REST }> {
  fake = await startFakeDiscord(options);
  // No retries of 5xx beyond what a test asks for; short timeouts keep failures quick.
  const rest = new REST({ api: fake.apiUrl, retries: 3, timeout: 5000 }).setToken(fake.token);
  return { fake, rest };
}

const post = (rest: REST, channelId: string, body: Record<string, unknown>) =>
  rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string; nonce?: string }>;

describe("fake Discord REST: channel messages", () => {
  it("GIVEN the same nonce with enforce_nonce twice THEN it posts once and returns the same message", async () => {
    const { fake, rest } = await start();
    const first = await post(rest, "42", {
      content: "digest",
      nonce: "week-2026-10",
      enforce_nonce: true,
    });
    const second = await post(rest, "42", {
      content: "digest",
      nonce: "week-2026-10",
      enforce_nonce: true,
    });
    expect(second.id).toBe(first.id);
    expect(fake.channelMessages).toHaveLength(1);
    // Without enforce_nonce Discord does not deduplicate.
    await post(rest, "42", { content: "digest", nonce: "week-2026-10" });
    expect(fake.channelMessages).toHaveLength(2);
  });

  it("GIVEN a failure with commit THEN the message exists although the client saw an error; the nonce finds it", async () => {
    const { fake, rest } = await start();
    fake.failNext("POST /channels/:channelId/messages", [{ status: 403, commit: true }]);
    const body = { content: "digest", nonce: "k1", enforce_nonce: true };
    await expect(post(rest, "42", body)).rejects.toMatchObject({ status: 403 });
    expect(fake.channelMessages).toHaveLength(1);
    const again = await post(rest, "42", body);
    expect(again.id).toBe(fake.channelMessages[0]?.message.id);
    expect(fake.channelMessages).toHaveLength(1);
  });

  it("GIVEN a per-channel rate limit THEN a second post within the window gets 429 with Retry-After and retry_after", async () => {
    let now = 1_000_000;
    const { fake } = await start({
      channelRateLimit: { messages: 1, perMs: 1000 },
      now: () => now,
    });
    const send = () =>
      fetch(`${fake.apiUrl}/v10/channels/7/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "x" }),
      });
    const ok = await send();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("0");
    now += 400;
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeCloseTo(0.6, 3);
    expect(await limited.json()).toMatchObject({ retry_after: 0.6, global: false });
    // Another channel has its own allowance.
    const other = await fetch(`${fake.apiUrl}/v10/channels/8/messages`, {
      method: "POST",
      headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "x" }),
    });
    expect(other.status).toBe(200);
    now += 600;
    expect((await send()).status).toBe(200);
    expect(fake.channelMessages.map((m) => m.channelId)).toEqual(["7", "8", "7"]);
  });

  it("lists a channel's latest messages, newest first, without nonces (as Discord does)", async () => {
    const { rest } = await start();
    const created = await post(rest, "5", { content: "a", nonce: "n1", enforce_nonce: true });
    expect(created.nonce).toBe("n1");
    await post(rest, "5", { content: "b" });
    const listed = (await rest.get(Routes.channelMessages("5"))) as {
      content: string;
      nonce?: string;
    }[];
    expect(listed.map((m) => m.content)).toEqual(["b", "a"]);
    expect(listed.some((m) => "nonce" in m)).toBe(false);
  });

  it("refuses a wrong bot token with 401", async () => {
    const { fake } = await start();
    const rest = new REST({ api: fake.apiUrl }).setToken("wrong-token");
    await expect(post(rest, "1", { content: "x" })).rejects.toMatchObject({ status: 401 });
    expect(fake.channelMessages).toHaveLength(0);
  });
});

describe("fake Discord gateway", () => {
  it("sends HELLO, acknowledges heartbeats, answers IDENTIFY with READY, and closes 4004 on a bad token", async () => {
    const { fake } = await start();
    const info = (await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${fake.token}` },
    }).then((r) => r.json())) as { url: string };
    expect(info.url).toBe(fake.gatewayUrl);

    const ws = new WebSocket(`${info.url}?v=10&encoding=json`);
    type GatewayMessage = { op: number; t?: string; d?: Record<string, unknown> };
    const messages: GatewayMessage[] = [];
    const arrived: (() => void)[] = [];
    ws.on("message", (data) => {
      messages.push(JSON.parse(String(data)));
      for (const wake of arrived.splice(0)) wake();
    });
    const next = async (match: (m: GatewayMessage) => boolean): Promise<GatewayMessage> => {
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => arrived.push(resolve));
      }
    };
    const hello = await next((m) => m.op === 10);
    expect(hello.d).toMatchObject({ heartbeat_interval: 41_250 });
    ws.send(JSON.stringify({ op: 1, d: null }));
    await next((m) => m.op === 11);
    ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
    const ready = await next((m) => m.t === "READY");
    expect(ready.d).toMatchObject({
      user: { id: fake.botUser.id, bot: true },
      guilds: [],
      application: { id: fake.applicationId },
      resume_gateway_url: fake.gatewayUrl,
    });
    expect(typeof ready.d?.session_id).toBe("string");
    ws.close();

    const bad = new WebSocket(fake.gatewayUrl);
    await once(bad, "open");
    bad.send(JSON.stringify({ op: 2, d: { token: "nope" } }));
    const [code] = (await once(bad, "close")) as [number];
    expect(code).toBe(4004);
  });
});
