/**
 * `articleQuestion` looks up names by their first word instead of searching the question for
 * every name of every article; it must find exactly what that plain search finds.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { articleQuestion } from "../../src/search/article-question.ts";
import { normalize, STOPWORDS } from "../../src/search/normalize.ts";
import { shippedKnowledge } from "../helpers/knowledge.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** The article named in `text` as a plain search finds it: every name of every article, in order. */
function plainSearch(text: string): string | undefined {
  const q = ` ${normalize(text)} `;
  for (const source of kb.sources.values()) {
    const words = normalize(source.title).split(" ");
    const runs: string[] = [];
    for (let n = words.length; n >= 3; n--)
      for (let i = 0; i + n <= words.length; i++) {
        const run = words.slice(i, i + n);
        if (!run.every((w) => STOPWORDS.has(w))) runs.push(run.join(" "));
      }
    // A run that is only the name of an outlet the article retells names that outlet instead.
    const retold = (source.retells ?? []).map((r) => ` ${normalize(r)} `);
    const own = runs.filter((run) => !retold.some((r) => r.includes(` ${run} `)));
    for (const name of [normalize(source.label), source.id.replace(/-/g, " "), ...own]) {
      if (q.includes(` ${name} `)) return source.id;
    }
  }
  return undefined;
}

describe("articleQuestion", () => {
  it("does not take the outlet an article retells for the article (a headline 'after the WSJ')", () => {
    for (const text of [
      "what did the wall street journal say",
      "what does wall street journal report about the talks",
    ])
      expect(articleQuestion(kb, text), text).toBeUndefined();
    expect(
      articleQuestion(kb, "who wrote the marriage in jeopardy after the wall street journal piece")
        ?.source.id,
    ).toBe("marriage-in-jeopardy");
  });

  it("finds the article a plain search of every name finds", () => {
    const vocabulary = [
      ...[...kb.sources.values()].flatMap((s) => normalize(`${s.title} ${s.label}`).split(" ")),
      "who",
      "wrote",
      "when",
      "was",
      "published",
      "article",
      "stargate",
    ];
    // Names of articles: labels, and runs of headline words from three long.
    const names = [...kb.sources.values()].flatMap((s) => {
      const words = normalize(s.title).split(" ");
      return [
        s.label,
        ...words.slice(0, -2).map((_, i) => words.slice(i, i + 3 + (i % 3)).join(" ")),
      ];
    });
    const few = fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 });
    fc.assert(
      fc.property(few, fc.constantFrom(...names), few, (before, name, after) => {
        // "who wrote" asks about the first article named, wherever the name is.
        const text = `who wrote ${[...before, name, ...after].join(" ")}`;
        expect(articleQuestion(kb, text)?.source.id).toBe(plainSearch(text));
      }),
      { numRuns: 500 },
    );
    for (const s of kb.sources.values()) {
      expect(articleQuestion(kb, `who wrote ${s.label}`)).toEqual({ source: s, asks: "author" });
      expect(articleQuestion(kb, `when was ${s.label} published`)).toEqual({
        source: s,
        asks: "date",
      });
    }
  });
});
