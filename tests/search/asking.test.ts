import { describe, expect, it } from "vitest";
import { factsOf, type Reply } from "../../src/reply/reply.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
import { saysNothing } from "./blind.ts";

async function ask(text: string): Promise<Reply> {
  const briefing = await shippedBriefing();
  return briefing.handle(request(text));
}

/** The first fact line of a reply. */
async function firstFact(text: string): Promise<string | undefined> {
  return factsOf(await ask(text))[0]?.id;
}

describe("the answer to the question asked", () => {
  // The table in the issue: each gave the wrong topic, or hid the answering fact.
  it.each([
    ["what is the price tag of stargate", "Stargate", ["stargate-500-billion"]],
    ["how much money is going into stargate", "Stargate", ["stargate-500-billion"]],
    ["stargte 500bn", "Stargate", ["stargate-500-billion"]],
    [
      "is openai leaving azure",
      "Compute, Azure and exclusivity",
      ["openai-depends-on-azure", "business-as-usual", "openai-google-cloud-oracle"],
    ],
  ])("%s → %s, the answering fact first", async (q, title, first) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.title).toBe(title);
    expect(first).toContain(factsOf(reply)[0]?.id);
    expect(saysNothing(reply)).toBe(false);
  });

  it.each([
    ["500b", "stargate-500-billion"],
    ["$500bn", "stargate-500-billion"],
    ["500 billion", "stargate-500-billion"],
    ["13B", "over-13-billion"],
    ["$650m", "inflection-650m"],
    ["2019", "first-billion-2019"],
    ["jan 2025", "stargate-announced-jan-2025"],
  ])("the shorthand %s finds the fact stating it, first", async (q, id) => {
    expect(await firstFact(q)).toBe(id);
  });

  it.each([
    ["how much has microsoft invested in openai in total", "over-13-billion"],
    ["when did microsoft first invest in openai", "first-billion-2019"],
    ["who reported that microsoft might pause the negotiations", "microsoft-may-pause-talks"],
    ["has microsoft ever threatened to block the restructuring", "microsoft-has-not-threatened"],
  ])("the question's shape picks the fact: %s", async (q, id) => {
    expect(await firstFact(q)).toBe(id);
  });

  it("answers questions about an article from its entry in sources.yaml", async () => {
    expect((await ask("who wrote the partners or rivals article")).intro).toMatch(
      /^Partners or Rivals is by Alison Perry\./,
    );
    expect((await ask("when was partners or rivals published")).intro).toMatch(
      /^Partners or Rivals was published on 14 Jan 2026\./,
    );
    expect((await ask("what sources does tense investment talks cite")).intro).toMatch(
      /^Tense Investment Talks retells .*Hard Fork.*Wall Street Journal.*Financial Times/,
    );
    // An article with no byline: say so, and what it retells.
    expect((await ask("who wrote the drift apart article")).intro).toMatch(
      /^Nothing in the briefing says who wrote Drift Apart: the article names no author; it retells The Wall Street Journal\./,
    );
  });
});

describe("what someone said", () => {
  // Facts where Altman is the one speaking, as the articles word them.
  const ALTMAN_SPEAKS = [
    "altman-good-for-both",
    "altman-hard-fork-tension",
    "altman-agi-soon",
    "altman-confirms-call",
    "disclosed-on-hard-fork",
    "altman-on-trump",
    "altman-called-it-best",
    "once-best-partnership",
  ];

  it.each([
    // From the user review: both answered with the ouster, where Altman says nothing.
    ["what did altman say", ALTMAN_SPEAKS],
    ["what has sam altman said", ALTMAN_SPEAKS],
    ["what did altman say about the partnership", ["altman-good-for-both"]],
    ["what did altman say on the podcast", ["altman-hard-fork-tension", "disclosed-on-hard-fork"]],
    ["what did altman say about trump", ["altman-on-trump"]],
    ["what does nadella think about agi", ["nadella-podcast-agi-nonsense"]],
  ])("%s: a fact where that person speaks first", async (q, first) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(first).toContain(factsOf(reply)[0]?.id);
    expect(reply.title).not.toBe("Altman's late-2023 ouster");
  });

  it("shows his statements before anything else, and their topic", async () => {
    const reply = await ask("what did altman say");
    expect(reply.title).toBe("Nadella and Altman");
    const ids = factsOf(reply).map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids.slice(0, 3)) expect(ALTMAN_SPEAKS, id).toContain(id);
  });
});

describe("saying what the briefing does not know", () => {
  it("a name it never mentions: nothing matches, the closest topics offered, the words as typed", async () => {
    const reply = await ask("What does Anthropic's CEO think of the Microsoft OpenAI split?");
    expect(reply.kind).toBe("no-match");
    expect(reply.intro).toMatch(
      /^Nothing in the briefing mentions “Anthropic's”; the closest it has: /,
    );
    expect(reply.suggestions?.length).toBeGreaterThan(0);
    expect(factsOf(reply)).toEqual([]);
  });

  it("a figure no article gives: says so, then what the articles do say", async () => {
    const percent = await ask("whats microsoft's revenue share % from openai");
    expect(percent.intro).toMatch(/^Nothing in the briefing says that: .* no percentage\./);
    expect(factsOf(percent)[0]?.id).toBe("revenue-sharing-under-review");
    const xai = await ask("how much is microsoft paying xai");
    expect(xai.intro).toMatch(
      /^Nothing in the briefing says that: the articles mention xAI but give no figure for that\./,
    );
    expect(factsOf(xai)[0]?.id).toBe("microsoft-works-with-xai");
  });

  // From the user review: each answered "nothing matches" though it names Stargate exactly.
  it.each([
    ["stargate news", "“news”"],
    ["stargate update please", "“update”"],
    ["[x](http://evil) stargate", "“x](http://evil”"],
    ["stargate <script>alert(1)</script>", "“script alert(1) /script”"],
  ])("%s stays on the topic it names, and names the words it does not know", async (q, words) => {
    const reply = await ask(q);
    expect(reply.kind).toBe("answer");
    expect(reply.title).toBe("Stargate");
    // The words as typed, each quoted once ("<script>…</script>" is one token, two words).
    expect(
      reply.intro?.startsWith(`Nothing in the briefing mentions ${words}; the closest it has: `),
    ).toBe(true);
    expect(factsOf(reply).map((f) => f.id)).toContain("stargate-what-it-is");
  });

  it("a person named with an unknown word stays on that person", async () => {
    const reply = await ask("nadella news");
    expect(reply.intro).toMatch(/^Nothing in the briefing mentions “news”; the closest it has: /);
    const facts = factsOf(reply);
    expect(facts.length).toBeGreaterThan(0);
    const kb = await shippedKnowledge();
    for (const f of facts) expect(kb.facts.get(f.id)?.entities, f.id).toContain("nadella");
  });

  it("a question about a name it never mentions still says so, whatever topic it also names", async () => {
    for (const q of [
      "what does Anthropic's CEO think of stargate",
      "what does anthropic think about the microsoft openai split",
    ]) {
      const reply = await ask(q);
      expect(reply.kind, q).toBe("no-match");
      expect(reply.intro, q).toMatch(/^Nothing in the briefing mentions “Anthropic(['’]s)?”/i);
      expect(factsOf(reply), q).toEqual([]);
    }
  });

  it("does not say so when the articles give it", async () => {
    for (const q of ["how much is stargate worth", "when was stargate announced"]) {
      expect(saysNothing(await ask(q)), q).toBe(false);
    }
  });
});
