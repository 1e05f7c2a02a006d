import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBlock, SlackMessage } from "../../adapters/slack/render.ts";
import { SHARE_ACTION_ID } from "../../adapters/slack/share.ts";
import { buttonClickPayload, interactivityBody, postSigned } from "../fakes/slack/sign.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { type Harness, SECRET, startHarness } from "./harness.ts";

const buttonValue = (message: SlackMessage): string => {
  const actions = message.blocks.find(
    (b): b is Extract<SlackBlock, { type: "actions" }> => b.type === "actions",
  );
  const value = actions?.elements.find((e) => e.action_id === SHARE_ACTION_ID)?.value;
  if (!value) throw new Error("the answer has no share button");
  return value;
};

describe("GIVEN an ephemeral answer with a Share in channel button", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const click = (payload: Record<string, unknown>) =>
    postSigned(h.url, SECRET, interactivityBody(payload));

  it("WHEN someone clicks it, THEN the answer is posted for the channel, crediting them, and the ephemeral copy goes", async () => {
    const { res } = await h.command("stargate", { channelId: "C0SHARE" });
    const value = buttonValue(res.json<SlackMessage>());
    const asked = h.briefing.requests.length;

    const responseUrl = h.fake.responseUrl("C0SHARE");
    const clicked = await click(
      buttonClickPayload({
        actionId: SHARE_ACTION_ID,
        value,
        responseUrl,
        channelId: "C0SHARE",
        user: { id: "U0BEA", name: "bea", username: "bea" },
      }),
    );
    expect(clicked.status).toBe(200);

    const visible = await h.fake.waitFor(
      "response_url",
      (c) => c.body.response_type === "in_channel",
    );
    expect(visible.body.replace_original).toBe(false);
    expect(limitViolations(visible.body)).toEqual([]);
    expect(unsafeStrings(visible.body)).toEqual([]);
    const blocks = JSON.stringify(visible.body.blocks);
    expect(blocks).toContain("Shared by bea");
    expect(blocks).toMatch(/Sources?: /);
    expect(blocks).not.toContain(SHARE_ACTION_ID);
    expect(h.fake.messages("C0SHARE")).toHaveLength(1);

    // The command was re-run, as the person who clicked.
    expect(h.briefing.requests).toHaveLength(asked + 1);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "stargate",
      user: { id: "U0BEA", name: "bea", askedAdmin: false },
      conversation: { id: "C0SHARE" },
    });
    await h.fake.waitFor("response_url", (c) => c.body.delete_original === true);
  });

  it("WHEN the message has no response_url, THEN the answer is posted with chat.postMessage", async () => {
    const { res } = await h.command("topics", { channelId: "C0POST" });
    await click(
      buttonClickPayload({
        actionId: SHARE_ACTION_ID,
        value: buttonValue(res.json()),
        channelId: "C0POST",
      }),
    );
    const post = await h.fake.waitFor("chat.postMessage", (c) => c.body.channel === "C0POST");
    expect(JSON.stringify(post.body.blocks)).toContain("Shared by ann");
    expect(post.body).not.toHaveProperty("link_names");
    expect(post.body).not.toHaveProperty("parse");
  });

  it("WHEN a click carries a subscription change or a value we never wrote, THEN nothing is posted for the channel", async () => {
    const asked = h.briefing.requests.length;
    for (const value of ['{"v":1,"c":"subscribe mon 09:00 UTC"}', "stargate"]) {
      const responseUrl = h.fake.responseUrl("C0EVIL");
      const clicked = await click(
        buttonClickPayload({ actionId: SHARE_ACTION_ID, value, responseUrl, channelId: "C0EVIL" }),
      );
      expect(clicked.status).toBe(200);
      const reply = await h.fake.waitFor("response_url", (c) =>
        responseUrl.endsWith(`/${c.responseId}`),
      );
      expect(reply.body.response_type).toBe("ephemeral");
      expect(reply.body.text).toMatch(/cannot be shared/);
    }
    // The subscription change reached the core only as a share, which the core refuses.
    expect(h.briefing.requests).toHaveLength(asked + 1);
    expect(h.briefing.requests.at(-1)).toMatchObject({ share: true, user: { askedAdmin: false } });
    expect(h.fake.messages("C0EVIL")).toHaveLength(0);
  });
});
