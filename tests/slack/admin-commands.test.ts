/**
 * Admin commands as the core parses them. The core strips trailing punctuation from the command
 * word and a repeated `partnership` prefix, so `subscribe, mon 09:00`, `Unsubscribe.` and
 * `/partnership partnership subscribe` are subscription changes: the adapter must ask `users.info`
 * for them (or a real admin is refused) and must never offer to re-run them with a Share button.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../adapters/slack/render.ts";
import { SHARE_ACTION_ID } from "../../adapters/slack/share.ts";
import {
  buttonClickPayload,
  eventCallbackBody,
  interactivityBody,
  JSON_TYPE,
  post,
  postSigned,
  signedHeaders,
} from "../fakes/slack/sign.ts";
import { type Harness, SECRET, startHarness } from "./harness.ts";

type CommandResponse = SlackMessage & { response_type?: string };

const hasShareButton = (message: SlackMessage) =>
  message.blocks.some(
    (b) => b.type === "actions" && b.elements.some((e) => e.action_id === SHARE_ACTION_ID),
  );

/**
 * Admin commands written the ways the core still reads as subscribe/unsubscribe. The text is what
 * Slack sends after `/partnership` (so `partnership subscribe` is `/partnership partnership subscribe`).
 */
const ADMIN_TEXTS = [
  "subscribe, mon 09:00",
  "Unsubscribe.",
  "partnership subscribe",
  "/partnership unsubscribe",
  "subscribe: fri 16:30 Europe/London",
];

describe("GIVEN a workspace admin and the real core with a subscription store", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      subscriptions: true,
      fake: { users: { UADMIN: { is_admin: true }, UPLAIN: {} } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  for (const [i, text] of ADMIN_TEXTS.entries()) {
    it(`WHEN the admin types /partnership ${text} THEN the core hears an admin, and the answer has no Share button`, async () => {
      const { res } = await h.command(text, { userId: "UADMIN", channelId: `C0ADM${i}` });
      expect(res.status).toBe(200);
      const request = h.briefing.requests.at(-1);
      expect(request?.text).toBe(text);
      expect(request?.user).toMatchObject({ id: "UADMIN", isPlatformAdmin: true });
      const body = res.json<CommandResponse>();
      expect(body.text).not.toMatch(/Only admins/);
      expect(hasShareButton(body), "an admin command offers no Share button").toBe(false);
    });
  }

  it("WHEN someone else types them THEN the core refuses them, still with no Share button", async () => {
    for (const text of ADMIN_TEXTS) {
      const { res } = await h.command(text, { userId: "UPLAIN", channelId: "C0PLAIN" });
      const body = res.json<CommandResponse>();
      expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin, text).toBe(false);
      expect(body.text, text).toMatch(/Only admins/);
      expect(hasShareButton(body), text).toBe(false);
    }
  });

  it("WHEN the admin mentions the bot with `Unsubscribe.` THEN the core hears an admin", async () => {
    const body = eventCallbackBody({
      type: "app_mention",
      user: "UADMIN",
      channel: "C0MENADM",
      text: "<@UBOT> Unsubscribe.",
      ts: "1700000001.000100",
    });
    const res = await post(h.url, body, signedHeaders(SECRET, body, { contentType: JSON_TYPE }));
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.body.thread_ts === "1700000001.000100",
    );
    expect(JSON.stringify(call.body.blocks)).not.toMatch(/Only admins/);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "Unsubscribe.",
      user: { id: "UADMIN", isPlatformAdmin: true },
    });
  });

  it("WHEN a Share click carries one of them THEN the core, told it is a share, refuses it without asking about admin rights", async () => {
    const asked = h.briefing.requests.length;
    for (const text of ADMIN_TEXTS) {
      const responseUrl = h.fake.responseUrl("C0EVIL");
      const clicked = await postSigned(
        h.url,
        SECRET,
        interactivityBody(
          buttonClickPayload({
            actionId: SHARE_ACTION_ID,
            value: JSON.stringify({ v: 1, c: text }),
            responseUrl,
            channelId: "C0EVIL",
            user: { id: "UADMIN", name: "ada", username: "ada" },
          }),
        ),
      );
      expect(clicked.status).toBe(200);
      const reply = await h.fake.waitFor("response_url", (c) =>
        responseUrl.endsWith(`/${c.responseId}`),
      );
      expect(reply.body.response_type, text).toBe("ephemeral");
      expect(reply.body.text, text).toMatch(/cannot be shared/);
      expect(h.briefing.requests.at(-1), text).toMatchObject({
        text,
        share: true,
        user: { askedAdmin: false },
      });
    }
    expect(h.briefing.requests).toHaveLength(asked + ADMIN_TEXTS.length);
    expect(h.fake.messages("C0EVIL")).toHaveLength(0);
  });

  it("WHEN anyone previews the digest THEN the private preview has no Share button", async () => {
    const { res } = await h.command("digest", { userId: "UPLAIN", channelId: "C0DIGEST" });
    const body = res.json<CommandResponse>();
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/briefing/i);
    expect(hasShareButton(body)).toBe(false);
    // A plain answer still has one.
    const answer = await h.command("stargate", { userId: "UPLAIN", channelId: "C0DIGEST" });
    expect(hasShareButton(answer.res.json<CommandResponse>())).toBe(true);
  });
});
