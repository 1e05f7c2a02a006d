import { describe, expect, it } from "vitest";
import { factsOf } from "../../src/core/reply.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";
import { QUESTIONS } from "./questions.ts";

describe("answering the questions a team asks", () => {
  it.each(QUESTIONS)("$q", async ({ q, expect: wanted }) => {
    const briefing = await shippedBriefing();
    const reply = await briefing.handle(request(q));
    expect(reply.kind).toBe("answer");
    const facts = factsOf(reply);
    expect(facts.map((f) => f.id)).toEqual(expect.arrayContaining([expect.toBeOneOf(wanted)]));
    for (const f of facts) expect(f.sources.length, f.id).toBeGreaterThan(0);
  });

  it("gives the same answer every time (deterministic ranking)", async () => {
    const briefing = await shippedBriefing();
    for (const { q } of QUESTIONS.slice(0, 20)) {
      const a = await briefing.handle(request(q));
      const b = await briefing.handle(request(q));
      expect(b).toEqual(a);
    }
  });
});
