import { describe, expect, it } from "vitest";
import {
  EVIDENCE_ACTION_ID,
  EVIDENCE_GONE,
  evidenceCommand,
  evidenceValue,
  factIdOfEvidence,
} from "../../adapters/slack/evidence.ts";
import { SLACK_LIMITS } from "../../adapters/slack/limits.ts";
import { renderSlack, type SlackBlock } from "../../adapters/slack/render.ts";
import { encodeShareValue } from "../../adapters/slack/share.ts";
import type { Reply, ReplyKind, SourceRef } from "../../src/reply/reply.ts";
import { fact, reply, src } from "../helpers/replies.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";

type Section = Extract<SlackBlock, { type: "section" }>;
const sections = (blocks: SlackBlock[]) => blocks.filter((b): b is Section => b.type === "section");
const quoteSections = (blocks: SlackBlock[]) =>
  sections(blocks).filter((b) => b.text.text.startsWith("&gt;“"));
const buttons = (blocks: SlackBlock[]) => sections(blocks).flatMap((b) => b.accessory ?? []);

/** 60 words of article text built to break out: mentions, broadcasts, entities, markup. */
const HOSTILE = Array.from(
  { length: 60 },
  (_, i) =>
    ["<@U1>", "&amp;", "<!channel>", "@everyone", "*bold*", "_it_", "`code`", "@here"][i % 8],
).join(" ");

const quoted = (id: string, quote: string, label = id): SourceRef => ({ ...src(id, label), quote });

/** The core's reply to `sources <fact id>`: one fact line whose sources carry their quotes. */
const evidenceReply = (sources: SourceRef[], text = "Stargate was announced."): Reply =>
  reply({
    title: "Which articles back this fact",
    sections: [
      { lines: [fact(text, sources, { factId: "stargate-announced", when: "Jan 2025" })] },
    ],
    citations: sources.map(({ quote: _, ...s }) => s),
  });

describe("renderSlack: the quotes of `sources <fact id>`", () => {
  it("shows each article's quote under the fact, as a block quote naming the article", () => {
    const message = renderSlack(
      evidenceReply([
        quoted("drift-apart", "Altman unveiled the Stargate initiative", "Drift Apart"),
        quoted("tense", "Trump’s January 2025 announcement of Stargate", "Tense Talks"),
      ]),
    );
    const [quotes, ...more] = quoteSections(message.blocks);
    expect(more).toEqual([]);
    expect(quotes?.text.text).toBe(
      "&gt;“Altman unveiled the Stargate initiative” — _Drift Apart_\n" +
        "&gt;“Trump’s January 2025 announcement of Stargate” — _Tense Talks_",
    );
    // Right under the fact and its sources.
    const at = message.blocks.indexOf(quotes as SlackBlock);
    expect(message.blocks[at - 1]?.type).toBe("context");
    expect(message.blocks[at - 2]?.type).toBe("section");
    // The line already shows its evidence: no button offering it again.
    expect(buttons(message.blocks)).toEqual([]);
    expect(message.text).toContain("“Altman unveiled the Stargate initiative” (Drift Apart)");
  });

  it("escapes article text: mentions, broadcasts and entities stay inert", () => {
    const message = renderSlack(evidenceReply([quoted("a", HOSTILE, "Alpha")]));
    expect(limitViolations(message)).toEqual([]);
    expect(unsafeStrings(message)).toEqual([]);
    const text = quoteSections(message.blocks)[0]?.text.text ?? "";
    expect(text).toContain("&lt;@U1&gt; &amp;amp; &lt;!channel&gt; @\u2060everyone");
    expect(text).not.toMatch(/<[@!#]/);
  });

  it("cuts a long quote with an ellipsis, never a limit: a 60-word hostile quote on each of 12 articles, under a 3000-character fact", () => {
    const sources = Array.from({ length: 12 }, (_, i) => quoted(`s${i}`, HOSTILE, `Source ${i}`));
    const message = renderSlack(evidenceReply(sources, `${"A very long fact. ".repeat(200)}`));
    expect(limitViolations(message)).toEqual([]);
    expect(unsafeStrings(message)).toEqual([]);
    const text = quoteSections(message.blocks)[0]?.text.text ?? "";
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    // Every article is still named, each quote cut rather than dropped.
    for (let i = 0; i < 12; i++) expect(text).toContain(`— _Source ${i}_`);
    expect(text.split("\n").every((l) => l.includes("…”"))).toBe(true);
    // Never half an entity before the ellipsis.
    expect(text).not.toMatch(/&[a-z]{0,3}…/);
  });

  it("cuts one runaway quote at its own cap", () => {
    const message = renderSlack(evidenceReply([quoted("a", "word ".repeat(1000), "Alpha")]));
    const text = quoteSections(message.blocks)[0]?.text.text ?? "";
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.quoteText + 40);
    expect(text).toMatch(/…” — _Alpha_$/);
    expect(limitViolations(message)).toEqual([]);
  });
});

describe("renderSlack: evidence on demand", () => {
  const answer = (kind: ReplyKind = "answer"): Reply =>
    reply({
      kind,
      sections: [
        {
          lines: [
            fact("Stargate was announced.", [src("a", "Alpha")], { factId: "stargate-announced" }),
            fact("Altman unveiled it.", [src("b", "Beta")], {
              factId: "altman-unveiled",
              role: "counterpoint",
              relation: "Other side",
            }),
            fact("A line with no fact id.", [src("a", "Alpha")]),
          ],
        },
      ],
    });

  it("puts an Evidence button beside each fact of an answer, its value the fact id alone", () => {
    const message = renderSlack(answer());
    expect(buttons(message.blocks)).toEqual([
      {
        type: "button",
        text: { type: "plain_text", text: "Evidence" },
        action_id: EVIDENCE_ACTION_ID,
        value: "stargate-announced",
      },
      {
        type: "button",
        text: { type: "plain_text", text: "Evidence" },
        action_id: EVIDENCE_ACTION_ID,
        value: "altman-unveiled",
      },
    ]);
    expect(limitViolations(message)).toEqual([]);
  });

  it("adds no block and no text: the same message as a digest of the same facts, buttons aside", () => {
    const withEvidence = renderSlack(answer());
    const digest = renderSlack(answer("digest"));
    expect(buttons(digest.blocks)).toEqual([]);
    const strip = (blocks: SlackBlock[]) =>
      blocks.map((b) => (b.type === "section" ? { type: b.type, text: b.text } : b));
    expect(strip(withEvidence.blocks)).toEqual(strip(digest.blocks));
    expect(withEvidence.text).toBe(digest.text);
  });

  it("carries no quotes and no Evidence button in a digest, even when its lines had quotes", () => {
    const message = renderSlack({
      ...evidenceReply([quoted("a", "words", "Alpha")]),
      kind: "digest",
    });
    expect(buttons(message.blocks)).toEqual([]);
    expect(quoteSections(message.blocks)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain("words");
  });

  it("offers no button on usage, error and no-match replies, which state no facts", () => {
    for (const kind of ["usage", "error", "no-match"] as const) {
      const message = renderSlack(
        reply({ kind, sections: [{ lines: [{ text: "Try help.", sources: [], role: "info" }] }] }),
      );
      expect(JSON.stringify(message)).not.toContain(EVIDENCE_ACTION_ID);
    }
    expect(JSON.stringify(renderSlack(EVIDENCE_GONE))).not.toContain(EVIDENCE_ACTION_ID);
  });

  it("keeps every button within limits when a reply is cut at 50 blocks", () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      fact(`Fact ${i} <!channel>`, [src("a", "Alpha")], { factId: `fact-${i}` }),
    );
    const message = renderSlack(reply({ sections: [{ lines }] }));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(limitViolations(message)).toEqual([]);
    expect(unsafeStrings(message)).toEqual([]);
    const shown = sections(message.blocks).filter((b) => b.text.text.startsWith("• "));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.every((b) => b.accessory?.action_id === EVIDENCE_ACTION_ID)).toBe(true);
  });

  it("writes no button for a fact id it could not read back", () => {
    for (const factId of ["Has Spaces", "<@U1>", "x".repeat(SLACK_LIMITS.evidenceValue + 1)]) {
      const message = renderSlack(
        reply({ sections: [{ lines: [fact("A fact.", [src("a")], { factId })] }] }),
      );
      expect(buttons(message.blocks)).toEqual([]);
    }
  });
});

describe("evidence values", () => {
  it("reads back exactly the fact ids it writes, and the command asks the core for their sources", () => {
    expect(factIdOfEvidence(evidenceValue("stargate-announced"))).toBe("stargate-announced");
    expect(evidenceCommand("stargate-announced")).toBe("sources stargate-announced");
  });

  it("refuses anything it did not write", () => {
    for (const value of [
      undefined,
      42,
      "",
      "sources stargate",
      "Stargate",
      "stargate--announced",
      "-stargate",
      "<!channel>",
      encodeShareValue("stargate"),
      "a".repeat(SLACK_LIMITS.evidenceValue + 1),
    ]) {
      expect(factIdOfEvidence(value)).toBeUndefined();
    }
  });
});
