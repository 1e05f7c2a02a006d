import { describe, expect, it } from "vitest";
import { factsOf } from "../../src/reply/reply.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";
import { QUESTIONS, UNANSWERABLE } from "./questions.ts";

describe("answering the questions a team asks", () => {
  it.each(QUESTIONS)("$q", async ({ q, expect: wanted }) => {
    const briefing = await shippedBriefing();
    const reply = await briefing.handle(request(q));
    expect(reply.kind).toBe("answer");
    const facts = factsOf(reply);
    expect(facts.map((f) => f.id)).toEqual(expect.arrayContaining([expect.toBeOneOf(wanted)]));
    for (const f of facts) expect(f.sources.length, f.id).toBeGreaterThan(0);
  });

  it.each(UNANSWERABLE)("says nothing matches: %s", async (q) => {
    const briefing = await shippedBriefing();
    const reply = await briefing.handle(request(q));
    expect(reply.kind).toBe("no-match");
    expect(factsOf(reply)).toEqual([]);
  });

  it("names the words it found nothing on when it answers the rest of a question", async () => {
    const briefing = await shippedBriefing();
    const reply = await briefing.handle(request("how much did microsoft pay for activision"));
    expect(reply.intro).toMatch(
      /^Nothing in the briefing mentions “activision”; the closest it has: /,
    );
    const full = await briefing.handle(request("who is paying for stargate"));
    expect(full.intro).not.toMatch(/Nothing in the briefing mentions/);
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
