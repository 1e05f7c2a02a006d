/**
 * Disputes on Discord: every side of a dispute, with its quotes and the note on how the sides
 * differ, shown whole whenever the embed has room; cut, when it must be, at a word outside any
 * markup, saying so and naming the command that shows more.
 */
import { describe, expect, it } from "vitest";
import { type DiscordMessage, renderDiscord } from "../../adapters/discord/render.ts";
import { clip, clipWords, escapeInline } from "../../adapters/discord/text.ts";
import type { ReplyLine, SourceRef } from "../../src/reply/reply.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
import { fact, reply, src } from "../helpers/replies.ts";
import { discordLimitViolations } from "./limits-check.ts";

const descriptions = (m: DiscordMessage) => m.embeds.map((e) => e.description ?? "").join("\n");

/**
 * The markup left open on one line of Discord markdown: escapes and code spans are text, a masked
 * link is whole; what remains must pair up (`**`, then `*`, then `_`).
 */
function unclosedMarkup(line: string): string[] {
  const bare = line
    .replace(/\\./g, "")
    .replace(/`[^`]*`/g, "")
    .replace(/\[[^\]]*\]\([^)]*\)/g, "");
  const open: string[] = [];
  if (bare.includes("`")) open.push("`");
  const bold = bare.split("**").length - 1;
  if (bold % 2 === 1) open.push("**");
  const rest = bare.replaceAll("**", "");
  if ((rest.split("*").length - 1) % 2 === 1) open.push("*");
  if ((rest.split("_").length - 1) % 2 === 1) open.push("_");
  return open;
}

const quoted = (id: string, quote: string): SourceRef => ({ ...src(id, `Label ${id}`), quote });

describe("renderDiscord: a dispute in `sources <fact id>`", () => {
  it("shows every fact of the shipped base whole: each side, each quote, the note, no markup left open", async () => {
    const kb = await shippedKnowledge();
    const briefing = await shippedBriefing();
    let disputes = 0;
    for (const id of kb.facts.keys()) {
      const answer = await briefing.handle(request(`sources ${id}`));
      const lines: ReplyLine[] = answer.sections.flatMap((s) => s.lines);
      if (lines.some((l) => l.role === "counterpoint")) disputes++;
      for (const publicUrl of [undefined, "https://brief.example.com"]) {
        const message = renderDiscord(answer, publicUrl ? { publicUrl } : {});
        const where = `sources ${id}${publicUrl ? " (with links)" : ""}`;
        expect(discordLimitViolations(message), where).toEqual([]);
        const text = descriptions(message);
        for (const line of text.split("\n"))
          expect(unclosedMarkup(line), `${where}: ${line}`).toEqual([]);
        expect(text, where).not.toContain("…");
        for (const line of lines) {
          expect(text, where).toContain(escapeInline(line.text));
          for (const s of line.sources)
            if (s.quote) expect(text, where).toContain(escapeInline(s.quote));
          if (line.note) expect(text, where).toContain(`*${escapeInline(line.note)}*`);
          if (line.status) expect(text, where).toContain(`${escapeInline(line.text)}`);
        }
      }
    }
    // The base has multi-sided disputes (realignment-not-breakup has four sides).
    expect(disputes).toBeGreaterThan(5);
  });

  it("marks every side of a dispute, and puts the note after the last side's quotes", () => {
    const message = renderDiscord(
      reply({
        sections: [
          {
            lines: [
              fact("One view.", [quoted("a", "Words of a.")], { status: "disputed", factId: "a" }),
              {
                ...fact("Another view.", [quoted("b", "Words of b.")], { status: "disputed" }),
                role: "counterpoint",
                relation: "Other side",
                note: "They weigh it differently.",
                factId: "b",
              },
            ],
          },
        ],
      }),
    );
    expect(descriptions(message)).toBe(
      "• One view. *(disputed)* — *Label a*\n" +
        "> *“Words of a.”* — Label a\n" +
        "  ↔ **Other side:** Another view. *(disputed)* — *Label b*\n" +
        "> *“Words of b.”* — Label b\n" +
        "  *They weigh it differently.*",
    );
  });

  it("when a dispute cannot fit, shortens the quotes at a word, then leaves out whole lines, and says so", () => {
    const words = (n: number, w: string) =>
      Array.from({ length: n }, (_, i) => `${w}${i}`).join(" ");
    const side = (i: number, quoteWords: number): ReplyLine => ({
      ...fact(`Side ${i} ${words(25, "claim")}.`, [quoted(`s${i}`, words(quoteWords, "said"))], {
        status: "disputed",
        factId: `side-${i}`,
      }),
      role: i === 0 ? "fact" : "counterpoint",
      ...(i === 0 ? {} : { relation: "Other side" }),
      ...(i === 5 ? { note: `The sides differ: ${words(40, "because")}.` } : {}),
    });
    // Long quotes on six sides: everything shows, with shortened quotes.
    const shortened = renderDiscord(
      reply({ sections: [{ lines: [0, 1, 2, 3, 4, 5].map((i) => side(i, 100)) }] }),
    );
    expect(discordLimitViolations(shortened)).toEqual([]);
    let text = descriptions(shortened);
    for (const i of [0, 1, 2, 3, 4, 5]) expect(text).toContain(`Side ${i} `);
    expect(text).toContain("*The sides differ:");
    expect(text).toMatch(/\n… quotes cut to fit\. Next: `\/partnership sources target:side-0`$/);
    for (const line of text.split("\n")) {
      expect(unclosedMarkup(line), line).toEqual([]);
      // Every quote cut after a whole word ("said12…", never "sai…").
      if (line.includes("…”")) expect(line).toMatch(/ said\d+…”\* — Label s\d$/);
    }
    // Thirty sides do not fit even so: whole lines are left out, and the cut says where to look.
    const many = Array.from({ length: 30 }, (_, i) => side(i, 100));
    const cut = renderDiscord(reply({ sections: [{ lines: many }] }));
    expect(discordLimitViolations(cut)).toEqual([]);
    text = descriptions(cut);
    expect(text).toContain("Side 0 ");
    expect(text).not.toContain("Side 29 ");
    expect(text).toMatch(/\n… cut to fit\. Next: `\/partnership sources target:side-\d+`$/);
    for (const line of text.split("\n")) expect(unclosedMarkup(line), line).toEqual([]);
    // With links on, the pointer is the fact's page, which shows every quote whole.
    const linked = descriptions(
      renderDiscord(reply({ sections: [{ lines: many }] }), { publicUrl: "https://b.example" }),
    );
    expect(linked).toMatch(
      /\n… cut to fit\. Next: \[its page\]\(https:\/\/b\.example\/facts\/side-\d+\)$/,
    );
  });
});

describe("Discord clip", () => {
  it("cuts at a word boundary outside markup, with an ellipsis", () => {
    expect(clip("alpha beta gamma delta", 14)).toBe("alpha beta…");
    expect(clip("• word *(disputed)* — *Some Label*", 30)).toBe("• word *(disputed)* —…");
    expect(clip("see **bold words here** after", 20)).toBe("see…");
    expect(clip("x [Open](https://a.example/b c) tail", 20)).toBe("x…");
    expect(clipWords("Altman called a recent meeting", 22)).toBe("Altman called a…");
    // No boundary in the second half: cut as late as possible.
    expect(clip("ab cdefghijklmnop", 10)).toBe("ab cdefgh…");
  });
});
