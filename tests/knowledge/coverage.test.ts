import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../src/knowledge/article-text.ts";
import { articleCoverage } from "../../src/knowledge/coverage.ts";

const ARTICLE = [
  "Partners Sign a Deal",
  "",
  "Advertisement",
  "",
  "The two firms signed a deal worth $1.5 billion on Tuesday. Mr. Smith called it “a new",
  "chapter” for both. Analysts were surprised. Nobody else commented.",
  "",
  "You May Like",
].join("\n");

describe("coverage of an article by its quotes", () => {
  const article = analyseArticle(ARTICLE);

  it("counts sentences without page furniture, and lists them all uncited with no quote", () => {
    expect(articleCoverage("a", article, [])).toEqual({
      id: "a",
      sentences: 4,
      cited: 0,
      uncited: [
        "The two firms signed a deal worth $1.5 billion on Tuesday.",
        'Mr. Smith called it "a new chapter" for both.',
        "Analysts were surprised.",
        "Nobody else commented.",
      ],
    });
  });

  it("cites a sentence that holds a quote, normalised (curly quotes, a line break)", () => {
    const c = articleCoverage("a", article, ["called it “a new chapter”", "signed a deal"]);
    expect(c).toMatchObject({ sentences: 4, cited: 2 });
    expect(c.uncited).toEqual(["Analysts were surprised.", "Nobody else commented."]);
  });

  it("cites each sentence a quote covers by half or more, not one it merely grazes", () => {
    // Covers all of "Analysts were surprised." and a third of "Nobody else commented."... no:
    // "Nobody" is 6 of its 22 characters.
    const c = articleCoverage("a", article, ["for both. Analysts were surprised. Nobody"]);
    expect(c.uncited).toEqual([
      "The two firms signed a deal worth $1.5 billion on Tuesday.",
      'Mr. Smith called it "a new chapter" for both.',
      "Nobody else commented.",
    ]);
    expect(c.cited + c.uncited.length).toBe(c.sentences);
  });

  it("ignores a quote that is not in the article", () => {
    expect(articleCoverage("a", article, ["not in it"]).cited).toBe(0);
  });
});
