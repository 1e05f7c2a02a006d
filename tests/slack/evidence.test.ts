/**
 * End to end: an Evidence click on an answer, as Slack sends it (a signed block_actions payload),
 * through the real Bolt app and the real core over the real `knowledge/`; the quotes come back
 * privately on the message's response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVIDENCE_ACTION_ID } from "../../adapters/slack/evidence.ts";
import type { SlackBlock, SlackMessage } from "../../adapters/slack/render.ts";
import { buttonClickPayload, interactivityBody, postSigned } from "../fakes/slack/sign.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { type Harness, knowledge, SECRET, startHarness } from "./harness.ts";

const evidenceValues = (message: SlackMessage): string[] =>
  message.blocks.flatMap((b: SlackBlock) =>
    b.type === "section" && b.accessory?.action_id === EVIDENCE_ACTION_ID
      ? [b.accessory.value ?? ""]
      : [],
  );

describe("GIVEN an answer with an Evidence button beside each fact", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const click = (value: string, responseUrl: string) =>
    postSigned(
      h.url,
      SECRET,
      interactivityBody(
        buttonClickPayload({
          actionId: EVIDENCE_ACTION_ID,
          value,
          responseUrl,
          channelId: "C0EVID",
          user: { id: "U0BEA", name: "bea", username: "bea" },
        }),
      ),
    );

  it("WHEN someone clicks one, THEN the core's sources reply comes back to them alone, with each article's quote; a forged value gets a polite notice", async () => {
    const { res } = await h.command("stargate", { channelId: "C0EVID" });
    const values = evidenceValues(res.json<SlackMessage>());
    expect(values.length).toBeGreaterThan(0);
    const factId = values[0] as string;
    const fact = (await knowledge()).facts.get(factId);
    const quotes = Object.values(fact?.quotes ?? {});
    expect(quotes.length).toBeGreaterThan(0);

    const responseUrl = h.fake.responseUrl("C0EVID");
    expect((await click(factId, responseUrl)).status).toBe(200);
    const answer = await h.fake.waitFor("response_url", (c) =>
      responseUrl.endsWith(`/${c.responseId}`),
    );
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.replace_original).toBe(false);
    expect(limitViolations(answer.body)).toEqual([]);
    expect(unsafeStrings(answer.body)).toEqual([]);
    const blocks = JSON.stringify(answer.body.blocks);
    // Each quote as the article has it (our escaping of `&<>` aside), as a block quote.
    for (const quote of quotes) {
      const escaped = quote.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      expect(blocks).toContain(JSON.stringify(`&gt;“${escaped}”`).slice(1, -1));
    }
    // Asked of the core as the clicker, not as a share; nothing went to the channel.
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: `sources ${factId}`,
      user: { id: "U0BEA", name: "bea" },
      conversation: { id: "C0EVID" },
    });
    expect(h.briefing.requests.at(-1)).not.toHaveProperty("share");
    expect(h.fake.messages("C0EVID")).toHaveLength(0);

    const asked = h.briefing.requests.length;
    const forgedUrl = h.fake.responseUrl("C0EVID");
    await click("sources stargate <!channel>", forgedUrl);
    const notice = await h.fake.waitFor("response_url", (c) =>
      forgedUrl.endsWith(`/${c.responseId}`),
    );
    expect(notice.body.response_type).toBe("ephemeral");
    expect(notice.body.text).toMatch(/no longer available/);
    expect(h.briefing.requests).toHaveLength(asked);

    // A well-formed id the base no longer has (a reload since): the core's own no-match reply.
    const goneUrl = h.fake.responseUrl("C0EVID");
    await click("a-fact-removed-since", goneUrl);
    const gone = await h.fake.waitFor("response_url", (c) => goneUrl.endsWith(`/${c.responseId}`));
    expect(gone.body.response_type).toBe("ephemeral");
    expect(h.briefing.requests.at(-1)).toMatchObject({ text: "sources a-fact-removed-since" });
    expect(JSON.stringify(gone.body.blocks)).toMatch(/Nothing in the briefing matches/);
  });
});
