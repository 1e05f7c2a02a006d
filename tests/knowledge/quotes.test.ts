/**
 * The loader's evidence checks: every quote is found in its article (after normalising only
 * whitespace, quotes and dashes), every source has its article and every article its source.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { formatProblem } from "../../src/knowledge/problems.ts";
import { factCiting, type SmallFolder, smallKnowledge } from "../helpers/small-knowledge.ts";

const folders: SmallFolder[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => f.dispose()));
});

async function load(facts: string, change?: (dir: string) => Promise<void>) {
  const folder = await smallKnowledge(facts);
  folders.push(folder);
  await change?.(folder.dir);
  return loadKnowledge(folder.dir);
}

async function problemsOf(facts: string, change?: (dir: string) => Promise<void>) {
  const result = await load(facts, change);
  if (result.ok) throw new Error("expected the base to be refused");
  return result.problems.map(formatProblem);
}

describe("a quote behind a citation", () => {
  it("GIVEN a quote copied verbatim THEN the base loads and counts it", async () => {
    const result = await load(
      factCiting("deal-signed", [
        { id: "first-report", quote: "The two firms signed a deal worth $1.5 billion on Tuesday." },
        { id: "second-report" },
      ]),
    );
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    expect(result.knowledge.stats).toMatchObject({ articles: 2, citations: 2, quoted: 1 });
    expect(result.knowledge.facts.get("deal-signed")?.quotes).toEqual({
      "first-report": "The two firms signed a deal worth $1.5 billion on Tuesday.",
    });
    expect(result.knowledge.facts.get("deal-signed")?.sources).toEqual([
      "first-report",
      "second-report",
    ]);
  });

  it("GIVEN straight quotes, a spaced hyphen for an em dash and no line break THEN it is found", async () => {
    const result = await load(
      factCiting("new-chapter", [
        {
          id: "first-report",
          quote: `Mr. Smith called it "a new chapter" for both - and for the U.S. market.`,
        },
      ]),
    );
    expect(result.ok).toBe(true);
  });

  it("GIVEN a quote altered by one word THEN names file, line, fact, source and article, with the closest sentence", async () => {
    const problems = await problemsOf(
      factCiting("deal-signed", [
        { id: "first-report", quote: "The two firms signed a pact worth $1.5 billion on Tuesday." },
      ]),
    );
    expect(problems).toEqual([
      'topics/deal.yaml:10: fact deal-signed › source first-report: quote not found in articles/first-report.txt\n    closest sentence: "The two firms signed a deal worth $1.5 billion on Tuesday."',
    ]);
  });

  it("GIVEN a quote that differs only in case THEN it is not found: quotes are verbatim", async () => {
    const problems = await problemsOf(
      factCiting("deal-signed", [{ id: "first-report", quote: "the two firms signed a deal" }]),
    );
    expect(problems[0]).toContain("quote not found in articles/first-report.txt");
  });

  it("GIVEN a quote from another article THEN it is missing from the one cited, and the hint points at the nearest sentence there", async () => {
    const problems = await problemsOf(
      factCiting("looked-at", [
        { id: "first-report", quote: "Regulators said they would look at the deal." },
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^topics\/deal\.yaml:\d+: fact looked-at › source first-report: quote not found in articles\/first-report\.txt\n {4}closest sentence: "The two firms signed a deal/,
    );
  });

  it("GIVEN a quote of more than 60 words THEN refuses it as too long", async () => {
    const long = Array.from({ length: 61 }, () => "deal").join(" ");
    const problems = await problemsOf(
      factCiting("too-long", [{ id: "first-report", quote: long }]),
    );
    expect(problems.join("\n")).toMatch(/sources\[0\]\.quote: must be at most 60 words/);
  });

  it("GIVEN a misspelt field in the long form THEN names it", async () => {
    const problems = await problemsOf(
      factCiting("deal-signed", [{ id: "first-report" }]).replace(
        "      - first-report\n",
        "      - id: first-report\n        qoute: signed a deal\n",
      ),
    );
    // (The fact is refused, so its topic is also reported as empty.)
    expect(problems[0]).toBe(
      'topics/deal.yaml:10: fact "deal-signed" › sources[0]: has unknown field "qoute"',
    );
  });
});

describe("the articles beside the sources", () => {
  const fact = factCiting("deal-signed", [{ id: "first-report" }]);

  it("GIVEN a source without its article THEN names the source, its line and the file expected", async () => {
    const problems = await problemsOf(fact, (dir) =>
      rm(join(dir, "articles", "second-report.txt")),
    );
    expect(problems).toEqual([
      'sources.yaml:7: source "second-report": has no article: keep its text as articles/second-report.txt',
    ]);
  });

  it("GIVEN an article no source names THEN names the file", async () => {
    const problems = await problemsOf(fact, (dir) =>
      writeFile(join(dir, "articles", "stray.txt"), "A stray article.\n"),
    );
    expect(problems).toEqual([
      'articles/stray.txt: no source in sources.yaml has the id "stray": add its entry there, or remove the file',
    ]);
  });

  it("GIVEN an empty or binary article THEN says so, and not also that the source has none", async () => {
    const problems = await problemsOf(fact, async (dir) => {
      await writeFile(join(dir, "articles", "second-report.txt"), "  \n");
      await writeFile(join(dir, "articles", "first-report.txt"), Buffer.from([0x41, 0, 0x42]));
    });
    expect(problems.sort()).toEqual([
      "articles/first-report.txt: is binary, not text (it holds NUL bytes)",
      "articles/second-report.txt: is empty",
    ]);
  });

  it("GIVEN no articles folder THEN says where the texts belong", async () => {
    const problems = await problemsOf(fact, (dir) =>
      rm(join(dir, "articles"), { recursive: true }),
    );
    expect(problems[0]).toBe(
      "articles/: folder is missing: keep each source's text in it as <source id>.txt",
    );
  });
});
