import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { formatProblem, type KnowledgeProblem } from "../../src/knowledge/problems.ts";
import { KNOWLEDGE_DIR, knowledgeCopy } from "../helpers/knowledge.ts";

async function problemsAfter(
  change: (copy: Awaited<ReturnType<typeof knowledgeCopy>>) => Promise<void>,
): Promise<KnowledgeProblem[]> {
  const copy = await knowledgeCopy();
  try {
    await change(copy);
    const result = await loadKnowledge(copy.dir);
    if (result.ok) throw new Error("expected the edited base to be refused");
    return result.problems;
  } finally {
    await copy.dispose();
  }
}

describe("loading the shipped fact base", () => {
  it("accepts it and indexes every fact by topic, source and entity", async () => {
    const result = await loadKnowledge(KNOWLEDGE_DIR);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const kb = result.knowledge;
    expect(kb.stats.sources).toBe(5);
    expect(kb.stats.topics).toBeGreaterThanOrEqual(12);
    expect(kb.stats.facts).toBeGreaterThanOrEqual(70);
    expect(kb.stats.disputed).toBeGreaterThanOrEqual(2);
    for (const fact of kb.facts.values()) {
      for (const t of fact.topicIds) expect(kb.factsByTopic.get(t)).toContain(fact);
      for (const s of fact.sources) expect(kb.factsBySource.get(s)).toContain(fact);
    }
  });

  it("orders topics by their order field", async () => {
    const result = await loadKnowledge(KNOWLEDGE_DIR);
    if (!result.ok) throw new Error("invalid");
    const orders = [...result.knowledge.topics.values()].map(
      (t) => t.order ?? Number.MAX_SAFE_INTEGER,
    );
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});

describe("refusing a broken base, with every problem located", () => {
  it("GIVEN unparseable YAML THEN names the file and line", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/stargate.yaml", (t) => t.replace("facts:\n", "facts:\n  - id: [unclosed\n")),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe("topics/stargate.yaml");
    expect(problems[0]?.message).toMatch(/not valid YAML/);
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it("GIVEN a duplicate fact id THEN says which id and where it was first used", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/money.yaml", (t) =>
        t.replace("id: later-ten-billion", "id: first-billion-2019"),
      ),
    );
    const text = problems.map(formatProblem).join("\n");
    expect(text).toContain('fact "first-billion-2019"');
    expect(text).toContain("already used by fact");
    expect(problems[0]?.file).toBe("topics/money.yaml");
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it("GIVEN a dangling source id THEN names the fact, the field and the unknown id", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/money.yaml", (t) =>
        t.replace(
          /(id: first-billion-2019\n(?:.*\n)*?\s+- id: )partners-or-rivals/,
          "$1wsj-original",
        ),
      ),
    );
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^topics\/money\.yaml:\d+: fact "first-billion-2019" › sources: unknown source "wsj-original"$/,
      ),
    ]);
  });

  it("GIVEN a fact with no source THEN refuses it", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/money.yaml", (t) =>
        t.replace(
          /(id: first-billion-2019\n(?:.*\n)*?\s+)sources:\n(?:.*\n)*?(\s+when:)/,
          "$1sources: []\n$2",
        ),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).toMatch(
      /first-billion-2019" › sources: must name at least one source/,
    );
  });

  it("GIVEN a dispute that points only one way THEN says which side must point back", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/stargate.yaml", (t) =>
        t.replace(
          "disputes: [stargate-altman-unveiled, stargate-white-house-podium]",
          "disputes: [stargate-white-house-podium]",
        ),
      ),
    );
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^topics\/stargate\.yaml:\d+: fact "stargate-altman-unveiled" › disputes: points at "stargate-trump-announced", which does not point back \(add "stargate-altman-unveiled" to its disputes\)$/,
      ),
    ]);
  });

  it("GIVEN a dispute that points nowhere THEN names the unknown fact", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/governance.yaml", (t) =>
        t.replace("disputes: [board-seat-none-at-ouster]", "disputes: [no-such-fact]"),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).toMatch(
      /board-seat-non-voting" › disputes: unknown fact "no-such-fact"/,
    );
  });

  it("GIVEN a supersession that does not point back THEN refuses it", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/ceo-relationship.yaml", (t) =>
        t.replace("    supersedes: ceos-texted-daily\n", ""),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).toMatch(
      /ceos-texted-daily" › supersededBy: points at "ceos-weekly-call", which does not point back/,
    );
  });

  it("GIVEN an empty topic THEN refuses it", async () => {
    const problems = await problemsAfter((c) =>
      c.write(
        "topics/empty.yaml",
        "topic:\n  id: empty-topic\n  title: Empty\n  overview: Nothing yet.\nfacts: []\n",
      ),
    );
    expect(problems.map(formatProblem)).toEqual([
      'topics/empty.yaml:1: topic "empty-topic": has no facts: a topic must group at least one fact',
    ]);
  });

  it("GIVEN a misspelt field, a bad date and a bad status THEN lists all three, each with its line", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/money.yaml", (t) =>
        t
          .replace('when: "2019"', "when: sometime in 2019")
          .replace("  - id: later-ten-billion\n", "  - id: later-ten-billion\n    sorces: [x]\n")
          .replace(
            "status: current\n    kind: situation\n    keywords: [multibillion",
            "status: maybe\n    kind: situation\n    keywords: [multibillion",
          ),
      ),
    );
    const text = problems.map(formatProblem).join("\n");
    expect(text).toMatch(/money\.yaml:\d+: fact "first-billion-2019" › when: must be one of: YYYY/);
    expect(text).toMatch(/money\.yaml:\d+: fact "later-ten-billion": has unknown field "sorces"/);
    expect(text).toMatch(
      /money\.yaml:\d+: fact "billions-over-the-years" › status: must be current, disputed or superseded/,
    );
    expect(new Set(problems.map((p) => p.line)).size).toBe(3);
  });

  it("GIVEN a refused record and a dangling reference elsewhere THEN one run lists both", async () => {
    const problems = await problemsAfter(async (c) => {
      await c.edit("topics/money.yaml", (t) => t.replace('when: "2019"', "when: someday"));
      await c.edit("topics/agi.yaml", (t) =>
        t.replace("entities: [altman, openai]", "entities: [altman, nobody]"),
      );
    });
    const text = problems.map(formatProblem).join("\n");
    expect(text).toMatch(/money\.yaml:\d+: fact "first-billion-2019" › when:/);
    expect(text).toMatch(
      /agi\.yaml:\d+: fact "altman-agi-soon" › entities: unknown entity "nobody"/,
    );
    expect(problems).toHaveLength(2);
  });

  it("GIVEN a refused fact THEN disputes pointing at it are not also called unknown", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/governance.yaml", (t) =>
        t.replace(
          "    text: >-\n      Microsoft holds a non-voting seat",
          "    text: 42\n    txt: >-\n      Microsoft holds a non-voting seat",
        ),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).not.toMatch(
      /unknown fact "board-seat-non-voting"/,
    );
    expect(problems.every((p) => p.field?.startsWith('fact "board-seat-non-voting"'))).toBe(true);
  });

  it("GIVEN a missing required field THEN says it is missing", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("topics/money.yaml", (t) =>
        t.replace(
          "    added: 2026-11-22\n    status: current\n    kind: event\n    key: true\n    keywords: [first",
          "    status: current\n    kind: event\n    key: true\n    keywords: [first",
        ),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).toMatch(
      /fact "first-billion-2019" › added: is missing/,
    );
  });

  it("GIVEN an alias that names two entities THEN refuses the clash", async () => {
    const problems = await problemsAfter((c) =>
      c.edit("entities.yaml", (t) =>
        t.replace("aliases: [Murati, Mira]", "aliases: [Murati, Mira, Ultraman]"),
      ),
    );
    expect(problems.map(formatProblem).join("\n")).toMatch(/"Ultraman" also names entity "altman"/);
  });

  it("GIVEN a missing sources file and a missing folder THEN reports both", async () => {
    const copy = await knowledgeCopy();
    try {
      const { rm } = await import("node:fs/promises");
      await rm(`${copy.dir}/sources.yaml`);
      await rm(`${copy.dir}/topics`, { recursive: true });
      const result = await loadKnowledge(copy.dir);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const text = result.problems.map(formatProblem).join("\n");
      expect(text).toContain("sources.yaml: is missing");
      expect(text).toContain("topics/: folder is missing");
    } finally {
      await copy.dispose();
    }
  });

  it("GIVEN a topic written as JSON THEN loads it, and locates a JSON problem by line", async () => {
    const copy = await knowledgeCopy();
    try {
      const json = {
        topic: { id: "json-topic", title: "A JSON topic", overview: "Written as JSON." },
        facts: [
          {
            id: "json-fact",
            text: "A fact kept in JSON.",
            sources: ["drift-apart"],
            when: "unknown",
            added: "2026-11-22",
            status: "current",
            kind: "situation",
          },
        ],
      };
      await copy.write("topics/json-topic.json", JSON.stringify(json, null, 2));
      const ok = await loadKnowledge(copy.dir);
      expect(ok.ok && ok.knowledge.facts.get("json-fact")?.topicId).toBe("json-topic");

      json.facts[0] = { ...(json.facts[0] as object), sources: ["nope"] } as (typeof json.facts)[0];
      await copy.write("topics/json-topic.json", JSON.stringify(json, null, 2));
      const bad = await loadKnowledge(copy.dir);
      expect(bad.ok).toBe(false);
      if (!bad.ok)
        expect(bad.problems[0]).toMatchObject({ file: "topics/json-topic.json", line: 8 });
    } finally {
      await copy.dispose();
    }
  });

  it("GIVEN a folder that does not exist THEN says so instead of throwing", async () => {
    const result = await loadKnowledge("/nonexistent/knowledge");
    expect(result).toEqual({
      ok: false,
      problems: [{ file: "/nonexistent/knowledge", message: expect.stringMatching(/not found/) }],
    });
  });
});
