import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MESSAGE_LIMITS } from "../../adapters/discord/limits.ts";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { shareCustomId } from "../../adapters/discord/share.ts";
import { clip, escapeMarkdown } from "../../adapters/discord/text.ts";
import type { Reply, ReplyKind, ReplyLine, SourceRef } from "../../src/reply/reply.ts";
import { cmd, commandArb, fact, reply, src } from "../helpers/replies.ts";
import { discordLimitViolations } from "./limits-check.ts";

const allText = (message: ReturnType<typeof renderDiscord>) =>
  [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? "",
    ]),
  ].join("\n");

describe("renderDiscord: layout", () => {
  it("puts the title, intro and each fact with its sources in the embed, sources as a field, the footer last", () => {
    const alpha = src("alpha", "Alpha");
    const beta = src("beta", "Beta");
    const message = renderDiscord(
      reply({
        intro: "A data-centre venture.",
        sections: [
          {
            heading: "Key facts",
            lines: [
              fact("Stargate was announced.", [alpha, beta], { when: "Jan 2025", factId: "f1" }),
            ],
          },
        ],
        citations: [alpha, beta],
        footer: ["Ask for the timeline for more."],
      }),
    );
    expect(message.embeds).toHaveLength(1);
    const [embed] = message.embeds;
    expect(embed?.title).toBe("Stargate");
    expect(embed?.description).toContain("A data-centre venture.");
    expect(embed?.description).toContain("**Key facts**");
    expect(embed?.description).toContain("• Stargate was announced. (Jan 2025) — *Alpha, Beta*");
    expect(embed?.fields).toEqual([
      { name: "Sources", value: "• **Alpha**: Title of alpha\n• **Beta**: Title of beta" },
    ]);
    expect(embed?.footer?.text).toBe("Ask for the timeline for more.");
    expect(message.allowed_mentions).toEqual({ parse: [] });
    // No Share button (none asked for); the Evidence menu lists the fact.
    expect(message.components.map((r) => r.components.map((c) => c.custom_id))).toEqual([
      ["evidence"],
    ]);
  });

  it("keeps a counterpoint attached under its fact, with its relation, sources and note", () => {
    const message = renderDiscord(
      reply({
        sections: [
          {
            lines: [
              fact("Microsoft holds 49%.", [src("a", "Alpha")], { status: "disputed" }),
              {
                text: "Others report 27%.",
                role: "counterpoint",
                relation: "Other side",
                note: "The figures count different things.",
                sources: [src("b", "Beta")],
              },
              fact("A later fact.", [src("c", "Gamma")]),
            ],
          },
        ],
      }),
    );
    const description = message.embeds[0]?.description ?? "";
    expect(description).toContain(
      "• Microsoft holds 49%. *(disputed)* — *Alpha*\n  ↔ **Other side:** Others report 27%. — *Beta*\n  *The figures count different things.*\n• A later fact.",
    );
  });

  it("writes hints as Discord commands: suggestions and `more` become /partnership … with option names", () => {
    const message = renderDiscord(
      reply({
        kind: "list",
        sections: [
          {
            lines: [
              {
                text: "Stargate: the venture",
                role: "info",
                sources: [],
                more: cmd("timeline stargate"),
              },
            ],
          },
        ],
        suggestions: [cmd("stargate"), cmd("sources drift-apart")],
      }),
    );
    const embed = message.embeds[0];
    expect(embed?.description).toContain("`/partnership timeline topic:stargate`");
    expect(embed?.fields?.[0]).toEqual({
      name: "Try",
      value: "• `/partnership ask query:stargate`\n• `/partnership sources target:drift-apart`",
    });
  });

  it("adds a Share button carrying the command, and credits who shared without a ping", () => {
    const withButton = renderDiscord(reply({}), { shareCustomId: shareCustomId("ask stargate") });
    expect(withButton.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: "Share in channel", custom_id: "share:ask stargate" },
        ],
      },
    ]);
    const shared = renderDiscord(reply({}), { sharedBy: "123456" });
    expect(shared.content).toBe("Shared by <@123456>");
    expect(shared.components).toEqual([]);
    expect(shared.allowed_mentions).toEqual({ parse: [] });
  });

  it("escapes markdown and mention syntax in text from the fact base", () => {
    const message = renderDiscord(
      reply({
        sections: [
          {
            lines: [
              fact("@everyone see <@123> and <@&456>, **bold**, [link](http://x), `code`, @here", [
                src("s", "Label_with_underscores"),
              ]),
            ],
          },
        ],
      }),
    );
    const description = message.embeds[0]?.description ?? "";
    expect(description).not.toMatch(/(^|[^\\])<@/);
    expect(description).not.toContain("@everyone");
    expect(description).not.toContain("@here");
    expect(description).toContain("\\*\\*bold\\*\\*");
    expect(description).toContain("\\[link\\](http://x)");
    expect(description).toContain("Label\\_with\\_underscores");
  });

  it("cuts a long reply within the limits, ending with how many lines were left out and the next command", () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      fact(
        `Fact number ${i} ${"is long and detailed ".repeat(10)}`,
        [src(`s${i}`, `Source ${i}`)],
        {
          factId: `f${i}`,
          more: cmd(`sources f${i}`),
        },
      ),
    );
    const message = renderDiscord(
      reply({
        sections: [{ heading: "Everything", lines }],
        citations: lines.flatMap((l) => l.sources),
      }),
    );
    expect(discordLimitViolations(message)).toEqual([]);
    const text = allText(message);
    expect(text).toContain("Fact number 0");
    expect(text).not.toContain("Fact number 59");
    expect(text).toMatch(/… \d+ more lines not shown\. Next: `\/partnership sources target:f\d+`/);
    // The Sources field lists the articles behind the lines shown.
    const sources = message.embeds.at(-1)?.fields?.find((f) => f.name === "Sources")?.value ?? "";
    expect(sources).toContain("**Source 0**");
    expect(sources).not.toContain("**Source 59**");
  });

  it("says how many sources are left out when they do not fit", () => {
    const many = Array.from({ length: 200 }, (_, i) => src(`source-${i}`, `Source ${i}`));
    const message = renderDiscord(
      reply({ sections: [{ lines: [fact("One fact.", many)] }], citations: many }),
    );
    expect(discordLimitViolations(message)).toEqual([]);
    expect(allText(message)).toMatch(/… and \d+ more: `\/partnership sources`/);
  });

  it("never leaves an empty embed: an empty title falls back to a generic one", () => {
    const message = renderDiscord(reply({ title: "   ", sections: [] }));
    expect(message.embeds[0]?.title).toBe("Partnership briefing");
    expect(discordLimitViolations(message)).toEqual([]);
  });
});

describe("text helpers", () => {
  it("clip never splits a surrogate pair nor leaves a dangling escape", () => {
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("abc\\*def", 5)).toBe("abc…");
    expect(clip("short", 10)).toBe("short");
  });

  it("escapeMarkdown escapes line-start markers", () => {
    expect(escapeMarkdown("# Heading\n- item\n> quote\n1. first")).toBe(
      "\\# Heading\n\\- item\n\\> quote\n1\\. first",
    );
  });
});

// ---- property: any Reply renders within every limit --------------------------------------------

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: "grapheme", maxLength: max }),
    fc.constantFrom("@everyone", "<@123>", "**", "\\", "`", "# x", "😀".repeat(50)),
  );

// Some with a quote (the evidence of `sources <fact id>`), article text as hostile as the rest.
const sourceArb: fc.Arbitrary<SourceRef> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 40 }),
    title: text(400),
    label: text(80),
    quote: text(1200),
  },
  { requiredKeys: ["id", "title", "label"] },
);

const lineArb: fc.Arbitrary<ReplyLine> = fc.record(
  {
    text: text(2500),
    role: fc.constantFrom<ReplyLine["role"]>("fact", "counterpoint", "info"),
    sources: fc.array(sourceArb, { maxLength: 6 }),
    // Some real fact ids, so the Evidence menu is drawn too.
    factId: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[a-z0-9]{1,30}(-[a-z0-9]{1,30}){0,4}$/),
    ),
    when: text(30),
    relation: text(40),
    status: fc.constantFrom<"disputed" | "superseded">("disputed", "superseded"),
    note: text(600),
    more: commandArb(text(60)),
    command: commandArb(text(60)),
    example: commandArb(text(60)),
  },
  { requiredKeys: ["text", "role", "sources"] },
);

const replyArb: fc.Arbitrary<Reply> = fc.record(
  {
    kind: fc.constantFrom<ReplyKind>(
      "answer",
      "list",
      "digest",
      "notice",
      "usage",
      "error",
      "no-match",
    ),
    title: text(600),
    intro: text(5000),
    sections: fc.array(
      fc.record(
        { heading: text(300), lines: fc.array(lineArb, { maxLength: 40 }) },
        { requiredKeys: ["lines"] },
      ),
      { maxLength: 8 },
    ),
    citations: fc.array(sourceArb, { maxLength: 80 }),
    footer: fc.array(fc.oneof(text(600), commandArb(text(60))), { maxLength: 8 }),
    suggestions: fc.array(commandArb(text(60)), { maxLength: 30 }),
    shareable: fc.boolean(),
    visibility: fc.constantFrom<Reply["visibility"]>("private", "channel"),
  },
  { requiredKeys: ["kind", "title", "sections", "citations", "shareable", "visibility"] },
);

describe("renderDiscord: property", () => {
  it("renders any Reply within every Discord limit, with mentions off", () => {
    fc.assert(
      fc.property(
        replyArb,
        fc.option(fc.string({ maxLength: 300 })),
        fc.option(fc.stringMatching(/^\d{1,20}$/)),
        (r, command, sharer) => {
          const message = renderDiscord(r, {
            ...(command !== null ? { shareCustomId: shareCustomId(command) } : {}),
            ...(sharer !== null ? { sharedBy: sharer } : {}),
          });
          expect(discordLimitViolations(message)).toEqual([]);
          expect(message.embeds.length).toBeGreaterThan(0);
          expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMITS.content);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("shows every fact line of a reply that fits, in order, each naming its sources", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,59}$/),
            label: fc.stringMatching(/^[A-Z][a-z]{2,12}$/),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (facts) => {
          const lines = facts.map((f, i) => fact(`${i}: ${f.text}`, [src(`s${i}`, f.label)]));
          const message = renderDiscord(reply({ sections: [{ lines }] }));
          const description = message.embeds[0]?.description ?? "";
          let from = 0;
          for (const [i, f] of facts.entries()) {
            const at = description.indexOf(`• ${i}: ${f.text.replace(/\s+/g, " ").trim()}`, from);
            expect(at).toBeGreaterThanOrEqual(from);
            expect(description.slice(at).split("\n")[0]).toContain(`*${f.label}*`);
            from = at;
          }
        },
      ),
    );
  });
});
