/**
 * Slack's fallback `text`: what notifications show and screen readers read, so a faithful plain
 * version of the blocks, cut only between lines (or at a word) and saying what it left out.
 */
import { describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../../adapters/slack/limits.ts";
import { escapeText } from "../../adapters/slack/mrkdwn.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
import { fact, reply, src } from "../helpers/replies.ts";

describe("renderSlack: the fallback text", () => {
  it("lists every topic whole for `topics` and for a miss", async () => {
    const briefing = await shippedBriefing();
    const kb = await shippedKnowledge();
    for (const text of ["topics", "frobnicate"]) {
      const answer = await briefing.handle(request(text, { platform: { name: "slack" } }));
      const fallback = renderSlack(answer).text;
      expect(fallback.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      expect(fallback).not.toContain("…");
      for (const topic of kb.topics.values())
        expect(fallback, text).toContain(escapeText(topic.title));
      for (const line of answer.sections.flatMap((s) => s.lines))
        expect(fallback, text).toContain(escapeText(line.text));
    }
  });

  it("names each command in `help`, with its example", async () => {
    const briefing = await shippedBriefing();
    const answer = await briefing.handle(request("help", { platform: { name: "slack" } }));
    const fallback = renderSlack(answer).text;
    expect(fallback).toMatch(
      /\n• \/partnership timeline \[topic\]: .+ Example: \/partnership timeline/,
    );
    expect(fallback).toContain("\n• /partnership status: ");
  });

  it("cuts a long reply between lines, never mid-word, and says how many lines it left out", () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      fact(`Fact ${i} ${"with many plain words ".repeat(8)}end${i}.`, [
        src(`s${i}`, `Source ${i}`),
      ]),
    );
    const fallback = renderSlack(reply({ sections: [{ lines }] })).text;
    expect(fallback.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    const shown = fallback.split("\n").filter((l) => l.startsWith("• Fact "));
    // Every fact line shown is whole but perhaps the last, which ends at a word.
    for (const line of shown.slice(0, -1)) expect(line).toMatch(/ end\d+\. \(Source \d+\)$/);
    expect(shown.at(-1)).toMatch(/(\w\.|\w)(…| \(Source \d+\))$/);
    expect(shown.at(-1)).not.toMatch(/ wor…$| wo…$| w…$| pla…$/);
    const left = 40 - shown.length + (shown.at(-1)?.endsWith("…") ? 1 : 0);
    expect(fallback).toContain(`\n… ${left} more lines not shown.`);
  });
});
