import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { Speakers, statementsAsked } from "../../src/search/speakers.ts";
import { knowledgeCopy, shippedKnowledge } from "../helpers/knowledge.ts";

describe("who speaks in a fact", () => {
  it.each([
    ["what did altman say", "altman", []],
    ["what does satya nadella think about agi", "satya nadella", ["agi"]],
    ["what has altman said about the partnership", "altman", ["partnership"]],
    ["what did altman have to say on hard fork", "altman", ["hard", "fork"]],
    ["what did the wsj say", "wsj", []],
  ])("%s asks what %s said", (q, name, subject) => {
    expect(statementsAsked(q)).toEqual({ name, subject });
  });

  it.each(["who said the partnership was good", "what did microsoft invest", "what is stargate"])(
    "%s asks something else",
    (q) => {
      expect(statementsAsked(q)).toBeUndefined();
    },
  );

  it("finds the facts where the person speaks, not those that only name them", async () => {
    const kb = await shippedKnowledge();
    const speakers = new Speakers(kb);
    const altman = kb.entities.get("altman");
    if (!altman) throw new Error("the shipped base names Altman");
    const idAt = new Map([...kb.facts.values()].map((f) => [f.position, f.id]));
    const speaking = new Map(
      [...speakers.factsOf(altman)].map(([p, says]) => [idAt.get(p) ?? "", says]),
    );
    expect(speaking.get("altman-good-for-both")).toBe(2); // "Altman says …"
    expect(speaking.get("altman-agi-soon")).toBe(2); // "Altman has said …"
    expect(speaking.get("altman-confirms-call")).toBe(1); // "Altman has confirmed …"
    // Named, not speaking: fired, or "said to want" (passive), or the article "Altman Confirms Talks".
    expect(speaking.has("altman-fired-and-rehired")).toBe(false);
    expect(speaking.has("ceos-committed")).toBe(false);
    expect(speaking.has("optimism-delicate-balance")).toBe(false); // "Altman's remarks"
  });

  it("does not take an article's name for its namesake speaking", async () => {
    // "Altman Confirms Talks gives the condition as …" is the article, not Altman confirming.
    const copy = await knowledgeCopy();
    try {
      await copy.edit("topics/talks.yaml", (text) =>
        text.replace("entities: [microsoft, ft]", "entities: [microsoft, ft, altman]"),
      );
      const loaded = await loadKnowledge(copy.dir);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const kb = loaded.knowledge;
      const fact = kb.facts.get("microsoft-may-pause-talks");
      const altman = kb.entities.get("altman");
      if (!fact || !altman) throw new Error("the copy keeps the fact and Altman");
      expect(fact.entities).toContain("altman");
      expect(new Speakers(kb).factsOf(altman).has(fact.position)).toBe(false);
    } finally {
      await copy.dispose();
    }
  });
});
