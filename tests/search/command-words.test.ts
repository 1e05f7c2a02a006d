import { describe, expect, it } from "vitest";
import { factsOf, type Reply } from "../../src/reply/reply.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";

async function ask(text: string): Promise<Reply> {
  const briefing = await shippedBriefing();
  return briefing.handle(request(text));
}

describe("a command word typed with a slip", () => {
  // From the user review: the first two got confident answers on unrelated topics, the next
  // three "nothing matches" with no command offered; the last three already got the command.
  it.each([
    ["timelines", "timeline"],
    ["helpp", "help"],
    ["hlep", "help"],
    ["digets", "digest"],
    ["unsub", "unsubscribe"],
    ["timelin", "timeline"],
    ["halp", "help"],
    ["statuss", "status"],
  ])("%s → did you mean the %s command, and no facts", async (typed, meant) => {
    const reply = await ask(typed);
    expect(reply.intro).toMatch(new RegExp(`^Did you mean the ${meant} command\\?`));
    expect(reply.suggestions?.[0]).toEqual({ command: meant });
    expect(factsOf(reply)).toEqual([]);
  });

  it("offers the command with what follows the slip, then the topics it names", async () => {
    for (const typed of ["timelines stargate", "timline stargate"]) {
      const reply = await ask(typed);
      expect(reply.kind, typed).toBe("no-match");
      expect(reply.intro, typed).toMatch(/^Did you mean the timeline command\? /);
      expect(reply.suggestions?.slice(0, 2), typed).toEqual([
        { command: "timeline", args: { topic: "stargate" } },
        { command: "ask", args: { query: "stargate" } },
      ]);
    }
  });

  // Words of the base that are close to a command name ("lifeline" to timeline, "resources" to
  // sources, "biggest" to digest, "states" to status) are questions, not slips.
  it.each([
    ["lifeline", "azure-lifeline-analysts"],
    ["biggest backer", "largest-backer"],
    ["resources", "stargate-openai-funds-too"],
  ])("%s, a word the base knows, is answered as a search", async (q, fact) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.intro).not.toMatch(/Did you mean/);
    expect(factsOf(reply).map((f) => f.id)).toContain(fact);
  });

  // A word that starts a command name ("sour", "source") at the head of a longer question is
  // part of the question; the cut-off rule only offers a command where nothing answered.
  it.each([
    ["sour relationship between nadella and altman", "ceo-relationship"],
    ["source of the 13 billion", "money"],
  ])("%s is answered as a question", async (q, topicId) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.intro).not.toMatch(/Did you mean/);
    expect(reply.topicId).toBe(topicId);
  });
});
