import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runAskCli } from "../../bin/cli/ask.ts";
import { runCheckCli } from "../../bin/cli/check.ts";
import { runCoverageCli } from "../../bin/cli/coverage.ts";
import { runCli } from "../../bin/cli/main.ts";
import { normaliseText } from "../../src/knowledge/article-text.ts";
import type { ReplyKind } from "../../src/reply/reply.ts";
import { inProcess } from "../helpers/in-process.ts";
import { KNOWLEDGE_DIR, knowledgeCopy } from "../helpers/knowledge.ts";
import { runEntry } from "../helpers/run.ts";

/** Each subcommand's cases run in this process; "the entry point" below spawns the real CLI. */
const RUNNERS: Record<string, (args: string[]) => Promise<number>> = {
  ask: runAskCli,
  check: runCheckCli,
  coverage: runCoverageCli,
};
const cli = (args: string[]) => {
  const [command, ...rest] = args;
  const run = RUNNERS[command ?? ""];
  if (!run) throw new Error(`no in-process runner for ${command}`);
  return inProcess(() => run(rest));
};

// The shipped folder, whatever the environment running the tests says (children get cleanEnv).
beforeEach(() => {
  vi.stubEnv("KNOWLEDGE_DIR", KNOWLEDGE_DIR);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

type FactJson = { sources: { id: string; quote: string }[] };

describe("the entry point, as its own process", () => {
  it("ask prints one answer as the console shows it", async () => {
    const { code, stdout } = await runEntry("bin/cli.ts", ["ask", "stargate"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Stargate\n/);
    expect(stdout).toContain("Sources: ");
  });
});

// The dispatch `bin/cli.ts` runs (`runCli`), in this process: the spawn above proves the wiring.
describe("the dispatch", () => {
  it("dispatches check, and an unknown command prints the usage and exits 2", async () => {
    const check = await inProcess(() => runCli(["check", "--json"]));
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ sources: 5 });
    const unknown = await inProcess(() => runCli(["frobnicate"]));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: npm run --silent cli");
  });
});

describe("npm run cli -- ask", () => {
  it("--json prints kind, title, text and the facts with their sources", async () => {
    const { code, stdout } = await cli(["ask", "who announced stargate", "--json"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply).toMatchObject({
      kind: "answer",
      title: "Stargate",
      text: expect.stringContaining("Stargate"),
    });
    expect(reply.facts.length).toBeGreaterThan(0);
    for (const f of reply.facts) {
      expect(f).toEqual({
        id: expect.any(String),
        text: expect.any(String),
        sources: expect.any(Array),
      });
      expect(f.sources[0]).toEqual({
        id: expect.any(String),
        title: expect.any(String),
        quote: expect.any(String),
      });
    }
  });

  it('"sources <fact id>" --json gives every source its quote, each found in its article file', async () => {
    const { code, stdout } = await cli(["ask", "sources board-seat-non-voting", "--json"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    const fact = reply.facts.find((f: { id: string }) => f.id === "board-seat-non-voting");
    expect(fact.sources.length).toBeGreaterThan(0);
    for (const s of [...fact.sources, ...reply.facts.flatMap((f: FactJson) => f.sources)]) {
      const article = normaliseText(
        readFileSync(join(KNOWLEDGE_DIR, "articles", `${s.id}.txt`), "utf8"),
      );
      expect(article).toContain(normaliseText(s.quote));
    }
    // The evidence is shown under the fact, and the article list names each article once, bare.
    expect(reply.text).toContain(`“${fact.sources[0].quote}”`);
    for (const c of reply.citations) expect(c).not.toHaveProperty("quote");
  });

  it('"subscribe" --json has kind "notice", and the README lists every kind --json may print', async () => {
    const { code, stdout } = await cli(["ask", "subscribe", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).kind).toBe("notice");
    // Every ReplyKind, checked by the compiler: a new kind fails here until it is listed.
    const kinds: Record<ReplyKind, true> = {
      answer: true,
      list: true,
      digest: true,
      notice: true,
      usage: true,
      error: true,
      "no-match": true,
    };
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const listed = readme.slice(readme.indexOf("`ask … --json` gives the reply's `kind`"));
    const paragraph = listed.slice(0, listed.indexOf("\n\n"));
    for (const kind of Object.keys(kinds)) expect(paragraph).toContain(`\`${kind}\``);
  });
});

describe("npm run cli -- coverage", () => {
  it("--json gives each of the five articles its sentences, cited count and uncited list, adding up", async () => {
    const { code, stdout } = await cli(["coverage", "--json"]);
    expect(code).toBe(0);
    const { sources } = JSON.parse(stdout) as {
      sources: { id: string; sentences: number; cited: number; uncited: string[] }[];
    };
    expect(sources.map((s) => s.id).sort()).toEqual([
      "altman-confirms-talks",
      "drift-apart",
      "marriage-in-jeopardy",
      "partners-or-rivals",
      "tense-investment-talks",
    ]);
    for (const s of sources) {
      expect(s.sentences, s.id).toBeGreaterThan(10);
      expect(s.cited + s.uncited.length, s.id).toBe(s.sentences);
      // Page furniture is never on a curator's to-do list.
      expect(s.uncited, s.id).not.toContain("Advertisement");
    }
  });

  it("prints each article's uncited sentences, and refuses an unknown source", async () => {
    const one = await cli(["coverage", "--source", "drift-apart"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^drift-apart: \d+ of \d+ sentences cited \(\d+%\)\n/);
    expect(one.stdout).not.toContain("partners-or-rivals");
    const unknown = await cli(["coverage", "--source", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No source has the id "nope"');
  });
});

describe("npm run cli -- check", () => {
  it("passes on the shipped base and prints the counts as JSON", async () => {
    const { code, stdout } = await cli(["check", "--json"]);
    expect(code).toBe(0);
    const counts = JSON.parse(stdout);
    expect(Object.keys(counts)).toEqual([
      "sources",
      "articles",
      "topics",
      "facts",
      "disputed",
      "citations",
      "quoted",
    ]);
    expect(counts.sources).toBe(5);
    expect(counts.articles).toBe(5);
    expect(counts.citations).toBeGreaterThanOrEqual(170);
    expect(counts.topics).toBeGreaterThanOrEqual(12);
    expect(counts.facts).toBeGreaterThanOrEqual(70);
    expect(counts.disputed).toBeGreaterThanOrEqual(1);
  });

  it("exits 1 on a broken copy and lists every problem with its file", async () => {
    const copy = await knowledgeCopy();
    try {
      await copy.edit("topics/money.yaml", (t) =>
        t.replace(/(id: first-billion-2019\n(?:.*\n)*?\s+- id: )partners-or-rivals/, "$1nowhere"),
      );
      await copy.write("topics/broken.yaml", "topic: [\n");
      const { code, stderr } = await cli(["check", "--knowledge", copy.dir]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /topics\/money\.yaml:\d+: fact "first-billion-2019" › sources: unknown source "nowhere"/,
      );
      expect(stderr).toMatch(/topics\/broken\.yaml:\d+: is not valid YAML/);
    } finally {
      await copy.dispose();
    }
  });

  it("exits 1 on a quote altered by one word, naming the file, the fact, the source and the closest sentence", async () => {
    const copy = await knowledgeCopy();
    try {
      await copy.edit("topics/money.yaml", (t) =>
        t.replace(
          /(id: first-billion-2019\n(?:.*\n)*?\s+quote: ".*?)invested heavily/,
          "$1invested hugely",
        ),
      );
      const { code, stderr } = await cli(["check", "--knowledge", copy.dir]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /topics\/money\.yaml:\d+: fact first-billion-2019 › source partners-or-rivals: quote not found in articles\/partners-or-rivals\.txt\n {4}closest sentence: "When Microsoft invested heavily in OpenAI-first with \$1 billion in 2019/,
      );
      expect(stderr).toContain("1 problem(s)");
    } finally {
      await copy.dispose();
    }
  });

  it("reads KNOWLEDGE_DIR when no --knowledge is given", async () => {
    vi.stubEnv("KNOWLEDGE_DIR", "/nonexistent/kb");
    const { code, stderr } = await cli(["check"]);
    expect(code).toBe(1);
    expect(stderr).toContain("/nonexistent/kb");
  });

  it("an unknown option prints the usage and exits 2", async () => {
    const badOption = await cli(["ask", "x", "--nope"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Usage: npm run --silent cli");
  });
});
