import { type APIStringSelectComponent, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  EVIDENCE_CUSTOM_ID,
  EVIDENCE_GONE,
  evidenceCommand,
  factIdOfEvidence,
} from "../../adapters/discord/evidence.ts";
import { COMPONENT_LIMITS, MESSAGE_LIMITS, QUOTE_MAX } from "../../adapters/discord/limits.ts";
import { type DiscordMessage, renderDiscord } from "../../adapters/discord/render.ts";
import { shareCustomId } from "../../adapters/discord/share.ts";
import type { Reply, ReplyKind, SourceRef } from "../../src/reply/reply.ts";
import { fact, reply, src } from "../helpers/replies.ts";
import { discordLimitViolations } from "./limits-check.ts";

/** 60 words of article text built to break out: mentions, broadcasts, entities, markdown. */
const HOSTILE = Array.from(
  { length: 60 },
  (_, i) =>
    ["<@U1>", "&amp;", "<!channel>", "@everyone", "*bold*", "_it_", "`code`", "<@&123>"][i % 8],
).join(" ");

const quoted = (id: string, quote: string, label = id): SourceRef => ({ ...src(id, label), quote });

const evidenceReply = (sources: SourceRef[], text = "Stargate was announced."): Reply =>
  reply({
    title: "Which articles back this fact",
    sections: [
      { lines: [fact(text, sources, { factId: "stargate-announced", when: "Jan 2025" })] },
    ],
    citations: sources.map(({ quote: _, ...s }) => s),
  });

const description = (m: DiscordMessage) => m.embeds.map((e) => e.description ?? "").join("\n");
const quoteLines = (m: DiscordMessage) =>
  description(m)
    .split("\n")
    .filter((l) => l.startsWith("> "));
const menuOf = (m: DiscordMessage) =>
  m.components
    .flatMap((r) => r.components)
    .find((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect);

describe("renderDiscord: the quotes of `sources <fact id>`", () => {
  it("shows each article's quote under the fact, as a block quote naming the article", () => {
    const message = renderDiscord(
      evidenceReply([
        quoted("drift-apart", "Altman unveiled the Stargate initiative", "Drift Apart"),
        quoted("tense", "Trump’s January 2025 announcement of Stargate", "Tense Talks"),
      ]),
    );
    expect(description(message)).toContain(
      "• Stargate was announced. (Jan 2025) — *Drift Apart, Tense Talks*\n" +
        "> *“Altman unveiled the Stargate initiative”* — Drift Apart\n" +
        "> *“Trump’s January 2025 announcement of Stargate”* — Tense Talks",
    );
    // The line already shows its evidence: no menu offering it again.
    expect(menuOf(message)).toBeUndefined();
  });

  it("escapes article text: markdown and mention syntax stay text, broadcasts are broken, mentions off", () => {
    const message = renderDiscord(evidenceReply([quoted("a", HOSTILE, "Alpha")]));
    expect(discordLimitViolations(message)).toEqual([]);
    const [line] = quoteLines(message);
    expect(line).toContain(
      "\\<@U1\\> &amp; \\<!channel\\> @\u200beveryone \\*bold\\* \\_it\\_ \\`code\\`",
    );
    // No unescaped mention or formatting character inside the quote marks.
    const inner = line?.slice(line.indexOf("“") + 1, line.lastIndexOf("”")) ?? "";
    expect(inner).not.toMatch(/(^|[^\\])[<>*_`]/);
    expect(inner).not.toMatch(/@everyone/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it("cuts long quotes with an ellipsis, never a limit: a 60-word hostile quote on each of 12 articles, under a long fact", () => {
    const sources = Array.from({ length: 12 }, (_, i) => quoted(`s${i}`, HOSTILE, `Source ${i}`));
    const message = renderDiscord(evidenceReply(sources, "A very long fact. ".repeat(30)));
    expect(discordLimitViolations(message)).toEqual([]);
    const lines = quoteLines(message);
    expect(lines).toHaveLength(12);
    for (const [i, line] of lines.entries()) {
      expect(line).toMatch(new RegExp(`…”\\* — Source ${i}$`));
      // An ellipsis never follows a lone backslash (it would be escaped).
      expect(line).not.toMatch(/(^|[^\\])(\\\\)*\\…/);
    }
  });

  it("cuts one runaway quote at its own cap", () => {
    const message = renderDiscord(evidenceReply([quoted("a", "word ".repeat(1000), "Alpha")]));
    const [line] = quoteLines(message);
    expect(line?.length).toBeLessThanOrEqual(QUOTE_MAX + 30);
    expect(line).toMatch(/…”\* — Alpha$/);
    expect(discordLimitViolations(message)).toEqual([]);
  });
});

describe("renderDiscord: evidence on demand", () => {
  const answer = (kind: ReplyKind = "answer", count = 2): Reply =>
    reply({
      kind,
      sections: [
        {
          lines: Array.from({ length: count }, (_, i) =>
            fact(`Fact ${i} <@U1> *says* @everyone.`, [src("a", "Alpha"), src("b", "Beta")], {
              factId: `fact-${i}`,
              ...(i % 2 === 1 ? { role: "counterpoint" as const, relation: "Other side" } : {}),
            }),
          ),
        },
      ],
    });

  it("lists the facts of an answer in a select menu whose values are the fact ids alone, after the Share row", () => {
    const message = renderDiscord(answer(), { shareCustomId: shareCustomId("ask stargate") });
    expect(message.components.map((r) => r.components.map((c) => c.custom_id))).toEqual([
      ["share:ask stargate"],
      [EVIDENCE_CUSTOM_ID],
    ]);
    expect(menuOf(message)).toEqual({
      type: 3,
      custom_id: EVIDENCE_CUSTOM_ID,
      placeholder: "Evidence: the articles' words behind a fact",
      min_values: 1,
      max_values: 1,
      options: [
        {
          label: "Fact 0 <@U1> *says* @everyone.",
          value: "fact-0",
          description: "Quotes from Alpha, Beta",
        },
        {
          label: "Fact 1 <@U1> *says* @everyone.",
          value: "fact-1",
          description: "Quotes from Alpha, Beta",
        },
      ],
    });
    expect(discordLimitViolations(message)).toEqual([]);
  });

  it("adds nothing to the embeds: the same embeds as a digest of the same facts", () => {
    const withMenu = renderDiscord(answer());
    const digest = renderDiscord(answer("digest"));
    expect(menuOf(digest)).toBeUndefined();
    expect(digest.components).toEqual([]);
    const { color: _a, ...embed } = withMenu.embeds[0] ?? {};
    const { color: _b, ...digestEmbed } = digest.embeds[0] ?? {};
    expect(embed).toEqual(digestEmbed);
  });

  it("carries no quotes and no menu in a digest, even when its lines had quotes", () => {
    const message = renderDiscord({
      ...evidenceReply([quoted("a", "words", "Alpha")]),
      kind: "digest",
    });
    expect(quoteLines(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain("words");
    expect(menuOf(message)).toBeUndefined();
  });

  it("offers no menu on usage, error and no-match replies, which state no facts", () => {
    for (const kind of ["usage", "error", "no-match"] as const) {
      const message = renderDiscord(
        reply({ kind, sections: [{ lines: [{ text: "Try help.", sources: [], role: "info" }] }] }),
      );
      expect(message.components).toEqual([]);
    }
    expect(renderDiscord(EVIDENCE_GONE).components).toEqual([]);
  });

  it("lists at most 25 facts, only those shown, within every limit, when a reply is cut", () => {
    const long = (i: number) => `Fact ${i}: ${"a long sentence about the partnership ".repeat(8)}`;
    const many = reply({
      sections: [
        {
          lines: Array.from({ length: 80 }, (_, i) =>
            fact(long(i), [src("a", "Alpha")], { factId: `fact-${i}` }),
          ),
        },
      ],
    });
    const message = renderDiscord(many, { shareCustomId: shareCustomId("ask stargate") });
    expect(discordLimitViolations(message)).toEqual([]);
    const options = menuOf(message)?.options ?? [];
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThanOrEqual(COMPONENT_LIMITS.selectOptions);
    const text = description(message);
    for (const o of options) expect(text).toContain(`Fact ${o.value.slice(5)}:`);
    expect(options.every((o) => o.label.length <= COMPONENT_LIMITS.optionLabel)).toBe(true);
    expect(
      message.embeds.reduce((n, e) => n + (e.description?.length ?? 0), 0),
    ).toBeLessThanOrEqual(MESSAGE_LIMITS.embedTotal);
  });

  it("cuts an option's label and description at a word, with an ellipsis", () => {
    const text =
      "Microsoft's stake and OpenAI's restructuring were discussed at length as announced in January by both companies and their advisers.";
    const labels = Array.from({ length: 6 }, (_, i) => src(`s${i}`, `Long Source Label ${i}`));
    const message = renderDiscord(
      reply({ sections: [{ lines: [fact(text, labels, { factId: "fact-0" })] }] }),
    );
    const [option] = menuOf(message)?.options ?? [];
    expect(option?.label.length).toBeLessThanOrEqual(COMPONENT_LIMITS.optionLabel);
    expect(option?.label).toBe(
      "Microsoft's stake and OpenAI's restructuring were discussed at length as announced in January by…",
    );
    expect(option?.description?.length).toBeLessThanOrEqual(COMPONENT_LIMITS.optionDescription);
    expect(option?.description).toMatch(
      /^Quotes from Long Source Label 0, .*Long Source Label \d and \d more$/,
    );
  });

  it("lists a fact once, and none whose id it could not read back", () => {
    const message = renderDiscord(
      reply({
        sections: [
          {
            lines: [
              fact("Once.", [src("a")], { factId: "same" }),
              fact("Twice.", [src("a")], { factId: "same" }),
              fact("Bad id.", [src("a")], { factId: "Has Spaces" }),
              fact("Too long.", [src("a")], { factId: "x".repeat(101) }),
            ],
          },
        ],
      }),
    );
    expect(menuOf(message)?.options?.map((o) => o.value)).toEqual(["same"]);
  });
});

describe("evidence values", () => {
  it("reads back one fact id, and the command asks the core for its sources", () => {
    expect(factIdOfEvidence(["stargate-announced"])).toBe("stargate-announced");
    expect(evidenceCommand("stargate-announced")).toBe("sources stargate-announced");
  });

  it("refuses anything it did not write", () => {
    for (const values of [
      [],
      ["a", "b"],
      [""],
      ["sources stargate"],
      ["Stargate"],
      ["share:ask stargate"],
      ["<@U1>"],
      ["x".repeat(101)],
    ]) {
      expect(factIdOfEvidence(values)).toBeUndefined();
    }
  });
});
