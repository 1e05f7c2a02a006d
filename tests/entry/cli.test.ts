import { describe, expect, it } from "vitest";
import { knowledgeCopy } from "../helpers/knowledge.ts";
import { runEntry } from "../helpers/run.ts";

describe("npm run cli -- ask", () => {
  it("prints one answer as the console shows it", async () => {
    const { code, stdout } = await runEntry("bin/cli.ts", ["ask", "stargate"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Stargate\n/);
    expect(stdout).toContain("Sources: ");
  });

  it("--json prints kind, title, text and the facts with their sources", async () => {
    const { code, stdout } = await runEntry("bin/cli.ts", [
      "ask",
      "who announced stargate",
      "--json",
    ]);
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
      expect(f.sources[0]).toEqual({ id: expect.any(String), title: expect.any(String) });
    }
  });
});

describe("npm run cli -- check", () => {
  it("passes on the shipped base and prints the counts as JSON", async () => {
    const { code, stdout } = await runEntry("bin/cli.ts", ["check", "--json"]);
    expect(code).toBe(0);
    const counts = JSON.parse(stdout);
    expect(Object.keys(counts)).toEqual(["sources", "topics", "facts", "disputed"]);
    expect(counts.sources).toBe(5);
    expect(counts.topics).toBeGreaterThanOrEqual(12);
    expect(counts.facts).toBeGreaterThanOrEqual(70);
    expect(counts.disputed).toBeGreaterThanOrEqual(1);
  });

  it("exits 1 on a broken copy and lists every problem with its file", async () => {
    const copy = await knowledgeCopy();
    try {
      await copy.edit("topics/money.yaml", (t) =>
        t.replace("sources: [partners-or-rivals]", "sources: [nowhere]"),
      );
      await copy.write("topics/broken.yaml", "topic: [\n");
      const { code, stderr } = await runEntry("bin/cli.ts", ["check", "--knowledge", copy.dir]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /topics\/money\.yaml:\d+: fact "first-billion-2019" › sources: unknown source "nowhere"/,
      );
      expect(stderr).toMatch(/topics\/broken\.yaml:\d+: is not valid YAML/);
    } finally {
      await copy.dispose();
    }
  });

  it("reads KNOWLEDGE_DIR when no --knowledge is given", async () => {
    const { code, stderr } = await runEntry("bin/cli.ts", ["check"], {
      env: { ...process.env, KNOWLEDGE_DIR: "/nonexistent/kb" },
    });
    expect(code).toBe(1);
    expect(stderr).toContain("/nonexistent/kb");
  });

  it("an unknown command or option prints the usage and exits 2", async () => {
    const unknown = await runEntry("bin/cli.ts", ["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: npm run --silent cli");
    const badOption = await runEntry("bin/cli.ts", ["ask", "x", "--nope"]);
    expect(badOption.code).toBe(2);
  });
});
