import { describe, expect, it } from "vitest";
import { scoreAll } from "./blind.ts";

/**
 * The blind set (written from the articles alone, see blind-questions.yaml): the scoring rule is
 * in blind.ts; `npx tsx tests/search/score-blind.ts` prints the scores per shape and each miss.
 */
describe("the blind evaluation set", () => {
  it("answers at least 90% of answerable questions with the answering fact first", async () => {
    const results = await scoreAll();
    const answerable = results.filter((r) => r.question.answerable);
    expect(answerable.length).toBeGreaterThanOrEqual(60);
    const right = answerable.filter((r) => r.right).length;
    expect(right / answerable.length).toBeGreaterThanOrEqual(0.9);
  });

  it("says 'nothing in the briefing says that' to at least 4 in 5 unanswerable questions", async () => {
    const results = await scoreAll();
    const unanswerable = results.filter((r) => !r.question.answerable);
    expect(unanswerable.length).toBeGreaterThanOrEqual(5);
    const right = unanswerable.filter((r) => r.right).length;
    expect(right / unanswerable.length).toBeGreaterThanOrEqual(0.8);
  });
});
