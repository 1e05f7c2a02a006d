import { describe, expect, it } from "vitest";
import { SearchIndex, type SearchOutcome } from "../../src/search/search-index.ts";
import { shippedKnowledge } from "../helpers/knowledge.ts";
import { blindQuestions } from "./blind.ts";
import { QUESTIONS } from "./questions.ts";

/** An outcome as ids and scores, to compare two indexes' answers. */
function summary(o: SearchOutcome): { kind: string; ids: string[]; scores: number[] } {
  switch (o.kind) {
    case "none":
      return { kind: o.kind, ids: o.suggestions.map((t) => t.id), scores: [] };
    case "search":
      return {
        kind: o.kind,
        ids: [o.topic.id, ...o.facts.map((h) => h.fact.id)],
        scores: o.facts.map((h) => h.score),
      };
    default:
      return { kind: o.kind, ids: [o.topic?.id ?? "", ...o.facts.map((f) => f.id)], scores: [] };
  }
}

describe("common words indexed per topic", () => {
  it("answer exactly as the whole-base index does", async () => {
    const kb = await shippedKnowledge();
    const whole = new SearchIndex(kb);
    // Every word of the shipped base indexed per topic: the path a large base takes.
    const scoped = new SearchIndex(kb, { scopeAbove: 0 });
    const queries = [
      ...QUESTIONS.map((q) => q.q),
      ...(await blindQuestions()).map((q) => q.q),
      ...[...kb.facts.values()].slice(0, 60).map((f) => f.text.split(" ").slice(0, 6).join(" ")),
      "microsoft openai",
      "investment 2023 board",
    ];
    for (const q of queries) {
      const a = summary(whole.search(q));
      const b = summary(scoped.search(q));
      expect(b.kind, q).toBe(a.kind);
      expect(b.ids, q).toEqual(a.ids);
      b.scores.forEach((s, i) => {
        expect(s, q).toBeCloseTo(a.scores[i] as number, 6);
      });
    }
  });
});
