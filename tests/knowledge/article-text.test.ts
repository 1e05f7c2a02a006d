import { describe, expect, it } from "vitest";
import {
  analyseArticle,
  closestSentence,
  isFurniture,
  normaliseText,
  splitSentences,
} from "../../src/knowledge/article-text.ts";

describe("normaliseText", () => {
  it("makes curly quotes straight, every dash one hyphen, and whitespace one space", () => {
    expect(normaliseText("It’s “good”—really\n  good – and ‘fine’ -- ok")).toBe(
      `It's "good"-really good-and 'fine'-ok`,
    );
  });

  it("keeps case and every other character", () => {
    expect(normaliseText("OpenAI's $1.5 Billion (U.S.)")).toBe("OpenAI's $1.5 Billion (U.S.)");
  });
});

describe("splitSentences", () => {
  it("splits at a full stop, question or exclamation mark before a capital", () => {
    expect(splitSentences("One thing. Two things? Three! Four")).toEqual([
      "One thing.",
      "Two things?",
      "Three!",
      "Four",
    ]);
  });

  it('does not split after "U.S.", "Mr.", an initial, or inside "$1.5"', () => {
    expect(
      splitSentences(
        "Former U.S. President Trump met Mr. Altman and J. Smith. It cost $1.5 billion. Done.",
      ),
    ).toEqual([
      "Former U.S. President Trump met Mr. Altman and J. Smith.",
      "It cost $1.5 billion.",
      "Done.",
    ]);
  });

  it("keeps a closing quote with its sentence and splits before an opening one", () => {
    expect(splitSentences('He said "we are fine." "But on the whole," he added, "good."')).toEqual([
      'He said "we are fine."',
      '"But on the whole," he added, "good."',
    ]);
  });

  it("does not split before a lower-case word (vs. clients)", () => {
    expect(splitSentences("Developers vs. enterprise clients. Next.")).toEqual([
      "Developers vs. enterprise clients.",
      "Next.",
    ]);
  });
});

describe("page furniture", () => {
  it("is a short line that does not end like a statement, or a named widget", () => {
    for (const line of [
      "Advertisement",
      "Share",
      "Leave a Reply",
      "You May Like",
      "Jan 14, 2026 By Alison Perry",
      "When will AGI arrive?",
      "Required fields are marked *",
      "Advertisement.",
    ])
      expect(isFurniture(line), line).toBe(true);
  });

  it("is not a sentence, however short, nor a long line without a full stop", () => {
    expect(isFurniture("That creates friction.")).toBe(false);
    expect(isFurniture('He called it "productive."')).toBe(false);
    const long =
      "A long paragraph that runs on and on without ever ending in a full stop as it should";
    expect(isFurniture(long)).toBe(false);
  });
});

describe("analyseArticle", () => {
  it("locates each sentence in the normalised text, lines joined by a space", () => {
    const a = analyseArticle("Headline Here\n\nFirst one. Second\none.\n\nShare\n");
    expect(a.normalised).toBe("Headline Here First one. Second one. Share");
    expect(a.sentences.map((s) => [s.text, s.furniture])).toEqual([
      ["Headline Here", true],
      ["First one.", false],
      ["Second one.", false],
      ["Share", true],
    ]);
    for (const s of a.sentences) expect(a.normalised.slice(s.start, s.end)).toBe(s.text);
  });

  it("joins a hand-wrapped paragraph, but keeps a heading apart from the paragraph under it", () => {
    const wrapped = [
      "Post-Ouster Fallout",
      "Microsoft and OpenAI were once so close that their two chief executives texted",
      "Several times a day. Now they talk weekly.",
    ].join("\n");
    expect(analyseArticle(wrapped).sentences.map((s) => [s.text, s.furniture])).toEqual([
      ["Post-Ouster Fallout", true],
      [
        "Microsoft and OpenAI were once so close that their two chief executives texted Several times a day.",
        false,
      ],
      ["Now they talk weekly.", false],
    ]);
  });

  it("names the closest sentence by the words they share", () => {
    const a = analyseArticle("The firms signed a deal worth $1.5 billion. Regulators will look.");
    expect(closestSentence(a, "the firms signed a pact worth $1.5 billion")).toBe(
      "The firms signed a deal worth $1.5 billion.",
    );
    expect(closestSentence(a, "zebra")).toBeUndefined();
  });
});
