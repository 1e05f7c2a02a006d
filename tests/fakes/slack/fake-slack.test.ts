/**
 * The fake's own behaviour, as the digest delivery tests rely on it: failure injection, the
 * per-channel rate limit, message metadata in history, and what the real Web API client does
 * with each.
 */
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "./fake-slack.ts";
import { FORM, formBody, post } from "./sign.ts";

const TOKEN = "xoxb-fake-test-token";

describe("the fake Slack Web API", () => {
  let fake: FakeSlack;
  let clock = 1_800_000_000_000;
  /** A Web API client that retries quickly. */
  const client = (retries = 3) =>
    new webApi.WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries, factor: 1, minTimeout: 1, maxTimeout: 5 },
      logLevel: webApi.LogLevel.ERROR,
    });
  /** A raw call, to see the status and headers the client would hide. */
  const raw = (method: string, fields: Record<string, string>, token = TOKEN) =>
    post(`${fake.apiUrl}${method}`, formBody(fields), {
      "content-type": FORM,
      authorization: `Bearer ${token}`,
    });

  beforeEach(async () => {
    fake = await startFakeSlack({
      botToken: TOKEN,
      rateLimit: { intervalMs: 1000, retryAfter: 0 },
      now: () => clock,
      users: { UADMIN: { is_admin: true } },
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("answers auth.test with the bot's ids, and refuses other tokens", async () => {
    const me = await client().auth.test();
    expect(me).toMatchObject({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T0001" });
    expect((await raw("auth.test", {}, "xoxb-wrong")).json()).toEqual({
      ok: false,
      error: "invalid_auth",
    });
    expect((await post(`${fake.apiUrl}auth.test`, "", { "content-type": FORM })).json()).toEqual({
      ok: false,
      error: "not_authed",
    });
  });

  it("answers users.info with admin flags", async () => {
    const { user } = await client().users.info({ user: "UADMIN" });
    expect(user).toMatchObject({ id: "UADMIN", is_admin: true, is_owner: false });
    await expect(client().users.info({ user: "UNONE" })).rejects.toMatchObject({
      data: { error: "user_not_found" },
    });
  });

  it("GIVEN a 429 with Retry-After then success, the client retries and one message is posted", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    const res = await client().chat.postMessage({ channel: "C1", text: "hello" });
    expect(res.ok).toBe(true);
    const calls = fake.callsTo("chat.postMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[0]?.responseHeaders["retry-after"]).toBe("0");
    expect(fake.messages("C1")).toHaveLength(1);
  });

  it("answers an injected 429 with Retry-After: 1 by default", async () => {
    fake.failNext("chat.postMessage", { status: 429 });
    const res = await raw("chat.postMessage", { channel: "C1", text: "x" });
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("1");
  });

  it("GIVEN two 503s then success, one message is posted", async () => {
    fake.failNext("chat.postMessage", { status: 503 }, { status: 503 });
    await client().chat.postMessage({ channel: "C1", text: "hello" });
    expect(fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([503, 503, 200]);
    expect(fake.messages("C1")).toHaveLength(1);
  });

  it("GIVEN permanent errors, injected or from the channel's state, nothing is posted", async () => {
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(client().chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    fake.setChannel("C2", { archived: true });
    fake.setChannel("C3", { member: false });
    fake.setChannel("C4", { exists: false });
    for (const [channel, error] of [
      ["C2", "is_archived"],
      ["C3", "not_in_channel"],
      ["C4", "channel_not_found"],
    ] as const) {
      const res = await raw("chat.postMessage", { channel, text: "x" });
      expect(res.json()).toEqual({ ok: false, error });
      expect(fake.messages(channel)).toHaveLength(0);
    }
    expect(fake.messages("C1")).toHaveLength(0);
  });

  it("limits chat.postMessage to one a second per channel, answering 429 with Retry-After", async () => {
    expect((await raw("chat.postMessage", { channel: "C1", text: "1" })).status).toBe(200);
    clock += 500;
    const limited = await raw("chat.postMessage", { channel: "C1", text: "2" });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("0");
    expect((await raw("chat.postMessage", { channel: "C2", text: "other channel" })).status).toBe(
      200,
    );
    clock += 500;
    expect((await raw("chat.postMessage", { channel: "C1", text: "3" })).status).toBe(200);
    expect(fake.messages("C1").map((m) => m.text)).toEqual(["1", "3"]);
  });

  it("rounds the remaining wait up to whole seconds when no Retry-After is configured", async () => {
    const strict = await startFakeSlack({ botToken: TOKEN, rateLimit: {}, now: () => clock });
    try {
      const send = (text: string) =>
        post(`${strict.apiUrl}chat.postMessage`, formBody({ channel: "C1", text }), {
          "content-type": FORM,
          authorization: `Bearer ${TOKEN}`,
        });
      expect((await send("1")).status).toBe(200);
      clock += 100;
      expect((await send("2")).headers["retry-after"]).toBe("1");
    } finally {
      await strict.close();
    }
  });

  it("stores blocks and metadata, and returns metadata from history only when asked", async () => {
    const metadata = { event_type: "partnership_digest", event_payload: { week: "2026-W01" } };
    const web = client();
    const first = await web.chat.postMessage({ channel: "C1", text: "a", metadata });
    clock += 1000;
    await web.chat.postMessage({
      channel: "C1",
      text: "b",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "b" } }],
    });
    expect(first.ts).toMatch(/^\d+\.\d{6}$/);
    expect(first.channel).toBe("C1");

    const plain = await web.conversations.history({ channel: "C1" });
    expect(plain.messages?.map((m) => m.text)).toEqual(["b", "a"]);
    expect(plain.messages?.some((m) => "metadata" in m)).toBe(false);

    const full = await web.conversations.history({
      channel: "C1",
      include_all_metadata: true,
      limit: 10,
    });
    expect(full.messages?.[1]?.metadata).toEqual(metadata);
    expect(fake.messages("C1")[1]?.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "b" } },
    ]);
  });

  it("pages history with cursors, newest first", async () => {
    const web = client();
    for (const text of ["1", "2", "3", "4", "5"]) {
      await web.chat.postMessage({ channel: "C5", text });
      clock += 1000; // past the per-channel rate limit
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await web.conversations.history({
        channel: "C5",
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...(page.messages ?? []).map((m) => m.text ?? ""));
      cursor = page.has_more ? page.response_metadata?.next_cursor : undefined;
    } while (cursor);
    expect(seen).toEqual(["5", "4", "3", "2", "1"]);
  });

  it("refuses blocks Slack would refuse", async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    await expect(
      client().chat.postMessage({ channel: "C1", text: "x", blocks }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
  });

  it("answers chat.postEphemeral and records it", async () => {
    const res = await client().chat.postEphemeral({ channel: "C1", user: "U1", text: "psst" });
    expect(res.ok).toBe(true);
    expect(fake.ephemerals).toEqual([{ channel: "C1", user: "U1", text: "psst" }]);
  });

  it("stores visible response_url posts as channel messages, and refuses unknown urls", async () => {
    const url = fake.responseUrl("C9");
    const json = (body: unknown) => JSON.stringify(body);
    await post(url, json({ response_type: "in_channel", text: "shared" }), {
      "content-type": "application/json",
    });
    await post(url, json({ response_type: "ephemeral", text: "private" }), {
      "content-type": "application/json",
    });
    expect(fake.messages("C9").map((m) => [m.text, m.via])).toEqual([["shared", "response_url"]]);
    const unknown = await post(`${fake.origin}/response/NOPE`, "{}", {
      "content-type": "application/json",
    });
    expect(unknown.status).toBe(404);
  });

  it("waits for a call already made or still to come, and gives up when none comes", async () => {
    await raw("chat.postMessage", { channel: "C1", text: "early" });
    await expect(fake.waitFor("chat.postMessage")).resolves.toMatchObject({
      body: { text: "early" },
    });
    const later = fake.waitFor("chat.postMessage", (c) => c.body.channel === "C7");
    await raw("chat.postMessage", { channel: "C7", text: "late" });
    await expect(later).resolves.toMatchObject({ body: { text: "late" } });
    await expect(fake.waitFor("chat.update", undefined, 20)).rejects.toThrow(
      /no matching chat.update/,
    );
  });

  it("answers a delayed call normally", async () => {
    fake.failNext("chat.postMessage", { delayMs: 5 });
    expect((await raw("chat.postMessage", { channel: "C1", text: "x" })).json()).toMatchObject({
      ok: true,
    });
  });
});
