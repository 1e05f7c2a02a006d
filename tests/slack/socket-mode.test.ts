import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { APP_TOKEN, type Harness, startHarness } from "./harness.ts";

describe("GIVEN SLACK_APP_TOKEN is set, WHEN the adapter starts", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { appToken: APP_TOKEN } });
    await h.fake.socket.connected();
  });
  afterAll(async () => {
    await h.close();
  });

  it("THEN it connects over Socket Mode with the app token and opens no HTTP port", async () => {
    expect(h.slack.port).toBeUndefined();
    const open = h.fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
  });

  it("THEN a slash command envelope is answered in its ack, ephemerally, with the facts", async () => {
    const ack = await h.fake.socket.send("slash_commands", {
      token: "legacy-verification-token",
      team_id: "T0001",
      team_domain: "fake-team",
      channel_id: "C0SOCK",
      channel_name: "partnership",
      user_id: "U0ANN",
      user_name: "ann",
      command: "/partnership",
      text: "<!channel> stargate",
      api_app_id: "A0FAKE",
      response_url: h.fake.responseUrl("C0SOCK"),
      trigger_id: "1.2.3",
    });
    const payload = ack.payload ?? {};
    expect(payload.response_type).toBe("ephemeral");
    expect(limitViolations(payload)).toEqual([]);
    expect(unsafeStrings(payload)).toEqual([]);
    expect(JSON.stringify(payload.blocks)).toMatch(/Sources?: /);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "@channel stargate",
      conversation: { id: "C0SOCK" },
    });
  });

  it("THEN a mention arriving as an events_api envelope is answered in a thread", async () => {
    await h.fake.socket.send("events_api", {
      token: "legacy-verification-token",
      team_id: "T0001",
      api_app_id: "A0FAKE",
      type: "event_callback",
      event_id: "Ev0SOCK",
      event_time: 1700000000,
      event: {
        type: "app_mention",
        user: "U0ANN",
        channel: "C0SOCK",
        text: "<@UBOT> timeline stargate",
        ts: "1700000000.000700",
      },
      authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }],
    });
    const post = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.body.thread_ts === "1700000000.000700",
    );
    expect(post.body.channel).toBe("C0SOCK");
    expect(limitViolations(post.body)).toEqual([]);
  });
});
