import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventCallbackBody, JSON_TYPE, post, signedHeaders } from "../fakes/slack/sign.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { type Harness, SECRET, startHarness } from "./harness.ts";

describe("GIVEN the bot in a channel, WHEN someone mentions it", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const mention = (event: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const body = eventCallbackBody({
      type: "app_mention",
      user: "U0ANN",
      channel: "C0MEN",
      ...event,
    });
    return post(h.url, body, {
      ...signedHeaders(SECRET, body, { contentType: JSON_TYPE }),
      ...headers,
    });
  };

  it("THEN it answers in a thread under the mention, with the facts and their sources", async () => {
    const res = await mention({ text: "<@UBOT> stargate", ts: "1700000000.000100" });
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.body.thread_ts === "1700000000.000100",
    );
    expect(call.body.channel).toBe("C0MEN");
    expect(limitViolations(call.body)).toEqual([]);
    expect(unsafeStrings(call.body)).toEqual([]);
    expect(JSON.stringify(call.body.blocks)).toMatch(/Sources?: /);
    expect(call.body).not.toHaveProperty("link_names");
    expect(call.body).not.toHaveProperty("parse");
    // The bot's own mention is not part of the question; no share button in a visible reply.
    expect(h.briefing.requests.at(-1)).toMatchObject({
      platform: { name: "slack" },
      text: "stargate",
      user: { id: "U0ANN", askedAdmin: false },
      conversation: { id: "C0MEN", workspaceId: "T0001", isDirect: false },
    });
    expect(JSON.stringify(call.body.blocks)).not.toContain("Share in channel");
    // The bot token travels in the Authorization header, as the Web API client sends it.
    expect(call.headers.authorization).toMatch(/^Bearer xoxb-/);
  });

  it("THEN a mention inside a thread is answered in that thread", async () => {
    await mention({
      text: "<@UBOT> topics",
      ts: "1700000000.000300",
      thread_ts: "1700000000.000200",
    });
    const call = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.body.thread_ts === "1700000000.000200",
    );
    expect(call.body.channel).toBe("C0MEN");
  });

  it("THEN a retry of a mention already acknowledged is not answered twice", async () => {
    const asked = h.briefing.requests.length;
    await mention(
      { text: "<@UBOT> timeline", ts: "1700000000.000400" },
      { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    );
    // A later mention is answered; by then the retry has long been dropped.
    await mention({ text: "<@UBOT> help", ts: "1700000000.000500" });
    await h.fake.waitFor("chat.postMessage", (c) => c.body.thread_ts === "1700000000.000500");
    expect(h.briefing.requests.slice(asked).map((r) => r.text)).toEqual(["help"]);
    expect(
      h.fake.callsTo("chat.postMessage").some((c) => c.body.thread_ts === "1700000000.000400"),
    ).toBe(false);
  });
});
