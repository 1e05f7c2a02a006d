/**
 * Smoke tests of the fake itself, for what it must do as Slack does and no test of ours shows by
 * passing: token checks, the per-channel rate limit, metadata in history, cursors, refused blocks.
 * Its failure injection, users.info, response_url and waiting helpers are exercised by the
 * delivery and adapter tests that use them.
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
});
