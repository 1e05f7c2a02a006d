import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutEscaped, escapeText, fitText, slackTextToPlain } from "../../adapters/slack/mrkdwn.ts";
import { renderSlack, type SlackBlock } from "../../adapters/slack/render.ts";
import { decodeShareValue, encodeShareValue, SHARE_ACTION_ID } from "../../adapters/slack/share.ts";
import type { Reply, ReplyLine } from "../../src/reply/reply.ts";
import { binaryString } from "../helpers/arbitraries.ts";
import { cmd, commandArb, fact, reply, src } from "../helpers/replies.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";

const textOf = (block: SlackBlock | undefined): string => {
  if (!block) return "";
  if (block.type === "header" || block.type === "section") return block.text.text;
  if (block.type === "context") return block.elements.map((e) => e.text).join(" | ");
  return block.elements.map((e) => e.text.text).join(" | ");
};

describe("renderSlack: layout", () => {
  it("renders a header, the intro, each fact with a context naming its sources, the footer and a share button", () => {
    const message = renderSlack(
      reply({
        intro: "A data-centre venture.",
        sections: [
          {
            heading: "Key facts",
            lines: [
              fact("Stargate was announced.", [src("a", "Alpha"), src("b", "Beta")], {
                when: "Jan 2025",
                factId: "f1",
                more: cmd("sources f1"),
              }),
            ],
          },
        ],
        footer: ["Ask for the timeline for more."],
        suggestions: [cmd("timeline stargate")],
      }),
      { shareCommand: "stargate" },
    );
    expect(message.blocks.map((b) => b.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
      "context",
      "actions",
    ]);
    expect(textOf(message.blocks[0])).toBe("Stargate");
    expect(textOf(message.blocks[1])).toBe("A data-centre venture.");
    expect(textOf(message.blocks[2])).toBe("*Key facts*");
    expect(textOf(message.blocks[3])).toBe("• *Jan 2025* — Stargate was announced.");
    expect(textOf(message.blocks[4])).toBe(
      "Sources: Alpha · Beta | More: `/partnership sources f1`",
    );
    expect(textOf(message.blocks[5])).toContain("Ask for the timeline for more.");
    expect(textOf(message.blocks[5])).toContain("`/partnership timeline stargate`");
    const actions = message.blocks[6];
    expect(actions?.type === "actions" && actions.elements[0]?.action_id).toBe(SHARE_ACTION_ID);
    expect(message.text).toContain("Stargate");
    expect(message.text).toContain("Stargate was announced. (Alpha, Beta)");
  });

  it("attaches a counterpoint to its fact with its own sources, then the note on its own, every side marked and dated alike", () => {
    const message = renderSlack(
      reply({
        sections: [
          {
            lines: [
              fact("Microsoft holds 49%.", [src("a", "Alpha")], {
                status: "disputed",
                when: "Jan 2025",
                factId: "a",
              }),
              fact("Microsoft holds 27%.", [{ ...src("b", "Beta"), quote: "27 percent" }], {
                role: "counterpoint",
                relation: "Other side",
                status: "disputed",
                when: "Oct 2025",
                note: "The figures count different things.",
                factId: "b",
              }),
            ],
          },
        ],
      }),
    );
    const texts = message.blocks.map(textOf);
    expect(texts).toEqual([
      "Stargate",
      "• *Jan 2025* — Microsoft holds 49%. _(disputed)_",
      "Source: Alpha",
      "↔ *Other side:* *Oct 2025* — Microsoft holds 27%. _(disputed)_",
      "Source: Beta",
      "&gt;“27 percent” — _Beta_",
      "_How they differ: The figures count different things._",
    ]);
    // The note is a block of its own after the last side, not beside that side's button.
    expect(message.blocks.at(-1)?.type).toBe("context");
    expect(message.text).toContain(
      "↔ Other side: Oct 2025 — Microsoft holds 27%. (disputed) (Beta)\n  “27 percent” (Beta)\n  How they differ: The figures count different things.",
    );
  });

  it("packs plain lines (topic index, help) into one section", () => {
    const message = renderSlack(
      reply({
        kind: "list",
        title: "Topics",
        sections: [
          {
            lines: ["stargate — Stargate", "money — The money", "agi — The AGI clause"].map(
              (text): ReplyLine => ({ text, sources: [], role: "info" }),
            ),
          },
        ],
      }),
    );
    expect(message.blocks.map(textOf)).toEqual([
      "Topics",
      "• stargate — Stargate\n• money — The money\n• agi — The AGI clause",
    ]);
  });

  it("falls back to a title when the reply has none, so header and text are never empty", () => {
    const message = renderSlack(reply({ title: "   " }));
    expect(textOf(message.blocks[0])).toBe("Partnership briefing");
    expect(message.text).toBe("Partnership briefing");
  });
});

describe("renderSlack: sharing", () => {
  it("puts the command text, not the reply, in the share button; it decodes back exactly", () => {
    const command = "<!channel> & @here sources \"board\" 'seat'";
    const message = renderSlack(reply({}), { shareCommand: command });
    const actions = message.blocks.at(-1);
    if (actions?.type !== "actions") throw new Error("no actions block");
    const value = actions.elements[0]?.value;
    expect(decodeShareValue(value)).toBe(command);
    expect(unsafeStrings(value)).toEqual([]);
  });

  it("offers no share button for a reply the core says may not be shared, whatever its kind", () => {
    for (const kind of ["answer", "usage", "error", "no-match", "digest"] as const) {
      const message = renderSlack(reply({ kind, shareable: false }), { shareCommand: "stargat" });
      expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
    }
  });

  it("drops the button rather than break the 2000-character value limit", () => {
    // {"v":1,"c":"…"} adds 14 characters around the command.
    expect(encodeShareValue("x".repeat(1986))?.length).toBe(2000);
    expect(encodeShareValue("x".repeat(1987))).toBeUndefined();
    const message = renderSlack(reply({}), { shareCommand: "x".repeat(5000) });
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("credits whoever shared, escaped", () => {
    const message = renderSlack(reply({}), { sharedBy: "<@U999> ann" });
    expect(textOf(message.blocks.at(-1))).toBe("Shared by &lt;@U999&gt; ann");
  });

  it("offers the button only for a reply the core calls shareable", () => {
    const shared = renderSlack(reply({ shareable: true }), { shareCommand: "stargate" });
    expect(shared.blocks.some((b) => b.type === "actions")).toBe(true);
    const kept = renderSlack(reply({ shareable: false }), { shareCommand: "subscribe" });
    expect(kept.blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("ignores button values it did not write", () => {
    expect(decodeShareValue("stargate")).toBeUndefined();
    expect(decodeShareValue('{"v":2,"c":"x"}')).toBeUndefined();
    expect(decodeShareValue(undefined)).toBeUndefined();
  });
});

describe("renderSlack: long replies", () => {
  const many = (n: number): Reply =>
    reply({
      sections: [
        {
          lines: Array.from({ length: n }, (_, i) =>
            fact(`Fact number ${i}.`, [src(`s${i}`)], { more: cmd(`sources f${i}`) }),
          ),
        },
      ],
      footer: ["More with timeline."],
      suggestions: [cmd("timeline stargate")],
    });

  it("cuts at 50 blocks with a note that says how many lines were left out and where to look", () => {
    const message = renderSlack(many(200), { shareCommand: "stargate" });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(limitViolations(message)).toEqual([]);
    const shownFacts = message.blocks.filter((b) => textOf(b).startsWith("• Fact number")).length;
    const note = message.blocks.find((b) => textOf(b).includes("not shown"));
    expect(textOf(note)).toBe(
      `… ${200 - shownFacts} more lines not shown. For more: \`/partnership timeline stargate\``,
    );
    // The footer and the share button survive the cut.
    expect(message.blocks.at(-1)?.type).toBe("actions");
    expect(textOf(message.blocks.at(-2))).toContain("More with timeline.");
  });

  it("does not cut a reply that fits", () => {
    const message = renderSlack(many(20));
    expect(message.blocks.some((b) => textOf(b).includes("not shown"))).toBe(false);
    expect(message.blocks.filter((b) => textOf(b).startsWith("• Fact number"))).toHaveLength(20);
  });

  it("keeps a fact and its counterpoint together: both shown or both left out", () => {
    const lines: ReplyLine[] = [];
    for (let i = 0; i < 30; i++) {
      lines.push(fact(`Claim ${i}.`, [src(`a${i}`)]));
      lines.push(fact(`Other side ${i}.`, [src(`b${i}`)], { role: "counterpoint" }));
    }
    const message = renderSlack(reply({ sections: [{ lines }] }));
    const texts = message.blocks.map(textOf);
    const claims = texts.filter((t) => t.startsWith("• Claim")).length;
    const others = texts.filter((t) => t.startsWith("↔")).length;
    expect(claims).toBeGreaterThan(0);
    expect(claims).toBe(others);
  });

  it("cuts a very long fact with an ellipsis, inside the section limit", () => {
    const message = renderSlack(
      reply({ sections: [{ lines: [fact("a&b ".repeat(2000), [src("x")])] }] }),
    );
    const text = textOf(message.blocks[1]);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith("…")).toBe(true);
    expect(limitViolations(message)).toEqual([]);
  });

  it("cuts a help line's text to leave room for its command and example at their longest", () => {
    const long = { placeholder: `${"!".repeat(100)} <!channel>` };
    const line = {
      text: "x".repeat(2990),
      sources: [],
      role: "info" as const,
      command: { command: "ask", args: { query: long } },
      example: { command: "ask", args: { query: long } },
    };
    const message = renderSlack(reply({ sections: [{ lines: [line] }] }));
    expect(limitViolations(message)).toEqual([]);
    expect(textOf(message.blocks[1])).toContain("Example: `");
  });
});

describe("escaping", () => {
  it("escapes Slack's control characters and breaks broadcast words", () => {
    expect(escapeText("<!channel> & <@U123> <!subteam^S1>")).toBe(
      "&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;!subteam^S1&gt;",
    );
    expect(escapeText("@here and @Channel, not me@hereford")).not.toMatch(/@(here|channel)\b/i);
  });

  it("never cuts through an entity or a surrogate pair", () => {
    expect(fitText("&".repeat(1000), 100)).toMatch(/^(&amp;)+…$/);
    expect(fitText("&".repeat(1000), 100).length).toBeLessThanOrEqual(100);
    const emoji = fitText("😀".repeat(100), 12);
    expect(emoji.length).toBeLessThanOrEqual(12);
    expect(emoji).toBe(`${"😀".repeat(5)}…`);
    expect(cutEscaped("abc", 3)).toBe("abc");
  });

  it("turns Slack's incoming markup into the plain text the user meant", () => {
    expect(slackTextToPlain("<!channel> stargate")).toBe("@channel stargate");
    expect(slackTextToPlain("<@U123|ann> &amp; <#C1|general>")).toBe("@ann & #general");
    expect(slackTextToPlain("<!subteam^S1> <https://x.test|the deal>")).toBe("@team the deal");
    expect(slackTextToPlain("a &lt;b&gt;")).toBe("a <b>");
  });
});

// ---- property: any reply renders within every limit, with nothing that could ping ----

const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "<!channel>",
      "<!here>",
      "<!everyone>",
      "@here",
      "@channel",
      "<@U123>",
      "<@U123|ann>",
      "<!subteam^S1>",
      "<#C1|general>",
      "<https://evil.test|click>",
      "&",
      "&amp;",
      "&lt;",
      "<",
      ">",
      "*",
      "_",
      "`",
      "😀",
      "\ud83d",
      "\u0000",
      "\n",
    ),
  },
  { weight: 1, arbitrary: binaryString({ maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 900 }))
      .map(([s, n]) => s.repeat(n)),
  },
);
const text = fc.array(hostile, { maxLength: 4 }).map((parts) => parts.join(" "));
// Some with a quote (the evidence of `sources <fact id>`), article text as hostile as the rest.
const sourceArb = fc.record(
  { id: text, title: text, label: text, quote: text },
  { requiredKeys: ["id", "title", "label"] },
);
const lineArb: fc.Arbitrary<ReplyLine> = fc.record(
  {
    text,
    // Some real fact ids, so Evidence buttons are drawn too.
    factId: fc.oneof(text, fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,4}$/)),
    sources: fc.array(sourceArb, { maxLength: 25 }),
    when: text,
    role: fc.constantFrom("fact", "counterpoint", "info"),
    relation: text,
    status: fc.constantFrom("disputed", "superseded"),
    note: text,
    more: commandArb(text),
    command: commandArb(text),
    example: commandArb(text),
  },
  { requiredKeys: ["text", "sources", "role"] },
);
const replyArb: fc.Arbitrary<Reply> = fc.record(
  {
    kind: fc.constantFrom("answer", "list", "digest", "notice", "usage", "error", "no-match"),
    title: text,
    intro: text,
    sections: fc.array(
      fc.record(
        { heading: text, lines: fc.array(lineArb, { maxLength: 40 }) },
        { requiredKeys: ["lines"] },
      ),
      { maxLength: 6 },
    ),
    citations: fc.constant([]),
    footer: fc.array(fc.oneof(text, commandArb(text)), { maxLength: 6 }),
    suggestions: fc.array(commandArb(text), { maxLength: 8 }),
    shareable: fc.boolean(),
    visibility: fc.constantFrom<Reply["visibility"]>("private", "channel"),
  },
  { requiredKeys: ["kind", "title", "sections", "citations", "shareable", "visibility"] },
);

describe("renderSlack: property", () => {
  it("renders any reply within every Block Kit limit, with no unescaped markup or mention", () => {
    fc.assert(
      fc.property(replyArb, text, fc.option(text), (r, command, sharer) => {
        const message = renderSlack(r, {
          shareCommand: command,
          ...(sharer === null ? {} : { sharedBy: sharer }),
        });
        expect(limitViolations(message)).toEqual([]);
        expect(unsafeStrings(message)).toEqual([]);
        // Pure: the same reply renders the same message.
        expect(renderSlack(r, { shareCommand: command })).toEqual(
          renderSlack(r, { shareCommand: command }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("names the sources of every fact it shows, in the context block right under it", () => {
    fc.assert(
      fc.property(replyArb, (generated) => {
        // Mark each line so its section can be found after escaping and cutting.
        let n = 0;
        const r: Reply = {
          ...generated,
          sections: generated.sections.map((s) => ({
            ...s,
            lines: s.lines.map((l) => ({ ...l, text: `⟦${n++}⟧ ${l.text}` })),
          })),
        };
        const lines = r.sections.flatMap((s) => s.lines);
        const blocks = renderSlack(r).blocks;
        let checked = 0;
        blocks.forEach((block, i) => {
          const marker = /^(?:• (?:\*[^\n]*?\* — )?|↔ \*[^\n]*?:\*(?: \([^\n]*?\))? )⟦(\d+)⟧/.exec(
            textOf(block),
          );
          const line = marker ? lines[Number(marker[1])] : undefined;
          if (block.type !== "section" || !line || line.sources.length === 0) return;
          checked++;
          const next = blocks[i + 1];
          expect(next?.type).toBe("context");
          expect(textOf(next)).toMatch(/^Sources?: /);
        });
        return checked >= 0;
      }),
      { numRuns: 150 },
    );
  });
});
