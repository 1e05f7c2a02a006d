/**
 * Curation rules for the shipped fact base, beyond what the loader enforces for any base.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { KNOWLEDGE_DIR, shippedKnowledge } from "../helpers/knowledge.ts";

const words = (t: string) =>
  t
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^a-z0-9$' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/** The longest run of words a fact shares with an article. */
function longestSharedRun(fact: string, article: string): { length: number; run: string } {
  const w = words(fact);
  const text = ` ${words(article).join(" ")} `;
  let best = { length: 0, run: "" };
  for (let i = 0; i < w.length; i++) {
    for (let n = w.length - i; n > best.length; n--) {
      const run = w.slice(i, i + n).join(" ");
      if (text.includes(` ${run} `)) {
        best = { length: n, run };
        break;
      }
    }
  }
  return best;
}

/** Each source's article text, by source id, as kept in `knowledge/articles/`. */
function articlesOf(kb: KnowledgeBase): Map<string, string> {
  return new Map(
    [...kb.sources.values()].map((s) => [
      s.id,
      readFileSync(join(KNOWLEDGE_DIR, "articles", `${s.id}.txt`), "utf8"),
    ]),
  );
}

describe("the shipped fact base", () => {
  it("cites every one of the five articles", async () => {
    const kb = await shippedKnowledge();
    for (const id of kb.sources.keys())
      expect(kb.factsBySource.get(id)?.length, id).toBeGreaterThan(0);
  });

  // Issue 10: every citation carries its quote. This fails while the quotes are still being
  // written into knowledge/topics; it is the test that says they are all there.
  it("backs every citation with a quote (quoted === citations)", async () => {
    const kb = await shippedKnowledge();
    const unquoted = [...kb.facts.values()].flatMap((f) =>
      f.sources.filter((s) => f.quotes?.[s] === undefined).map((s) => `${f.id} › ${s}`),
    );
    expect(unquoted).toEqual([]);
    expect(kb.stats.quoted).toBe(kb.stats.citations);
  });

  it("gives every topic at least one key fact and a few facts", async () => {
    const kb = await shippedKnowledge();
    for (const [id, facts] of kb.factsByTopic) {
      expect(facts.length, id).toBeGreaterThanOrEqual(3);
      expect(
        facts.some((f) => f.key && f.topicId === id),
        id,
      ).toBe(true);
    }
  });

  it("invents no URLs, and dates a source only where the article prints a date", async () => {
    const kb = await shippedKnowledge();
    const files = [
      "sources.yaml",
      "entities.yaml",
      ...readdirSync(join(KNOWLEDGE_DIR, "articles")).map((f) => `articles/${f}`),
      ...readdirSync(join(KNOWLEDGE_DIR, "topics")).map((f) => `topics/${f}`),
    ];
    for (const f of files)
      expect(readFileSync(join(KNOWLEDGE_DIR, f), "utf8"), f).not.toMatch(/https?:\/\/|www\./i);
    const dated = [...kb.sources.values()]
      .filter((s) => s.published)
      .map((s) => [s.id, s.published, s.author]);
    expect(dated).toEqual([["partners-or-rivals", "2026-01-14", "Alison Perry"]]);
  });

  it('has no word split by a line break in the YAML ("co- founder")', async () => {
    const kb = await shippedKnowledge();
    const texts = [
      ...[...kb.facts.values()].flatMap((f) => [f.text, f.disputeNote ?? "", f.whenNote ?? ""]),
      ...[...kb.topics.values()].map((t) => t.overview),
    ];
    expect(texts.filter((t) => /\p{L}- \p{L}/u.test(t))).toEqual([]);
  });

  it("models the known disagreements as two-sided disputes", async () => {
    const kb = await shippedKnowledge();
    const pairs: [string, string][] = [
      ["board-seat-non-voting", "board-seat-none-at-ouster"],
      ["stargate-altman-unveiled", "stargate-trump-announced"],
      ["trump-called-former-president", "stargate-white-house-podium"],
      ["preparing-to-part-ways", "realignment-not-breakup"],
    ];
    for (const [a, b] of pairs) {
      expect(kb.facts.get(a)?.disputes, a).toContain(b);
      expect(kb.facts.get(b)?.disputes, b).toContain(a);
    }
    expect(kb.facts.get("ceos-texted-daily")?.supersededBy).toBe("ceos-weekly-call");
  });

  it("keeps each money figure with the article that states it", async () => {
    const kb = await shippedKnowledge();
    expect(kb.facts.get("first-billion-2019")?.sources).toEqual(["partners-or-rivals"]);
    expect(kb.facts.get("over-13-billion")?.sources).toEqual([
      "altman-confirms-talks",
      "tense-investment-talks",
    ]);
    expect(kb.facts.get("inflection-650m")?.sources).toEqual([
      "drift-apart",
      "marriage-in-jeopardy",
    ]);
    expect(kb.facts.get("stargate-500-billion")?.sources).toEqual([
      "marriage-in-jeopardy",
      "tense-investment-talks",
    ]);
  });

  it("words every fact in its own way: no run of 8 words copied from a cited article", async () => {
    const kb = await shippedKnowledge();
    const articles = articlesOf(kb);
    const copied: string[] = [];
    for (const fact of kb.facts.values()) {
      for (const s of fact.sources) {
        const shared = longestSharedRun(fact.text, articles.get(s) ?? "");
        if (shared.length >= 8) copied.push(`${fact.id} <- ${s}: "${shared.run}"`);
      }
    }
    expect(copied).toEqual([]);
  });

  it("mentions no money figure that its cited articles do not print", async () => {
    const kb = await shippedKnowledge();
    const articles = articlesOf(kb);
    const unbacked: string[] = [];
    for (const fact of kb.facts.values()) {
      for (const figure of fact.text.match(/\$\d[\d,.]*\s*(?:billion|million)?/g) ?? []) {
        const backed = fact.sources.some((s) => articles.get(s)?.includes(figure.trim()));
        if (!backed) unbacked.push(`${fact.id}: ${figure}`);
      }
    }
    expect(unbacked).toEqual([]);
  });
});
