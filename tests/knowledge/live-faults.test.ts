/**
 * The knowledge folder as deployments change it: swapped by a rename (a ConfigMap's `..data`
 * swap, rsync --delay-updates), deleted and recreated, moved away and back; and files no parser
 * should be handed: a YAML alias bomb and a 50 MB topic file. Real folders, the real LiveKnowledge.
 */
import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBriefing } from "../../src/core/briefing.ts";
import { LiveKnowledge } from "../../src/knowledge/live.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { formatProblem } from "../../src/knowledge/problems.ts";
import { MAX_PROBLEM_CHARS } from "../../src/knowledge/size-limits.ts";
import { knowledgeCopy, request } from "../helpers/knowledge.ts";
import { capturingLogger, until } from "../helpers/wait.ts";

const FACT = "first-billion-2019";
const ORIGINAL = "Microsoft's first investment in OpenAI was $1 billion, in 2019.";

const BOMB = `topic:
  id: bomb
  title: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
facts: []
`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function running() {
  const copy = await knowledgeCopy();
  cleanups.push(copy.dispose);
  cleanups.push(() => rm(`${copy.dir}.swap`, { recursive: true, force: true }));
  cleanups.push(() => rm(`${copy.dir}.old`, { recursive: true, force: true }));
  const { lines, logger } = capturingLogger();
  const live = await LiveKnowledge.open(copy.dir, logger);
  if ("problems" in live) throw new Error(live.problems.join("\n"));
  cleanups.push(() => live.close());
  live.watch();
  const factText = () => live.current().facts.get(FACT)?.text;
  /** Edits the fact's text in place in the folder now at the path. */
  const editFact = async (dir: string, text: string) => {
    const path = join(dir, "topics", "money.yaml");
    const before = await readFile(path, "utf8");
    const current = live.current().facts.get(FACT)?.text ?? ORIGINAL;
    const after = before.includes(current)
      ? before.replace(current, text)
      : before.replace(ORIGINAL, text);
    if (after === before) throw new Error("the edit changed nothing");
    await writeFile(path, after);
  };
  return { copy, live, lines, factText, editFact };
}

describe("hot reload survives how deployments change the folder", () => {
  it("swapped by a rename: the swapped-in base is served, and a later edit too", async () => {
    const { copy, factText, editFact } = await running();
    const swap = `${copy.dir}.swap`;
    await cp(copy.dir, swap, { recursive: true });
    await editFact(swap, "Swapped in: Microsoft first put $1 billion into OpenAI in 2019.");
    await rename(copy.dir, `${copy.dir}.old`);
    await rename(swap, copy.dir);
    await until(() => factText()?.startsWith("Swapped in:") === true, "the swapped base");

    // The watcher was on the old folder; the edit must still be seen in the new one.
    await editFact(copy.dir, "Edited after the swap: $1 billion from Microsoft in 2019.");
    await until(() => factText()?.startsWith("Edited after the swap:") === true, "the edit");
  });

  it("deleted and recreated: says it is gone, says it is back, and serves later edits", async () => {
    const { copy, lines, factText, editFact } = await running();
    const keep = `${copy.dir}.old`;
    await cp(copy.dir, keep, { recursive: true });
    await rm(copy.dir, { recursive: true });
    await until(() => lines.some((l) => l.includes("knowledge folder disappeared")), "the log");
    expect(factText()).toBe(ORIGINAL);
    await cp(keep, copy.dir, { recursive: true });
    await until(() => lines.some((l) => l.includes("knowledge folder is back")), "the log");
    await editFact(copy.dir, "After the folder came back: $1 billion in 2019.");
    await until(() => factText()?.startsWith("After the folder came back:") === true, "the edit");
  });

  it("moved away and back: later edits are served", async () => {
    const { copy, factText, editFact } = await running();
    const away = `${copy.dir}.old`;
    await rename(copy.dir, away);
    await editFact(away, "Edited while away: $1 billion in 2019.");
    await rename(away, copy.dir);
    await until(() => factText()?.startsWith("Edited while away:") === true, "the edit");
    await editFact(copy.dir, "Edited once back: $1 billion in 2019.");
    await until(() => factText()?.startsWith("Edited once back:") === true, "the edit");
  });
});

describe("files no parser should be handed", () => {
  it("a YAML alias bomb is a problem naming the file, at load and while running", async () => {
    const copy = await knowledgeCopy();
    cleanups.push(copy.dispose);
    await copy.write("topics/bomb.yaml", BOMB);
    const loaded = await loadKnowledge(copy.dir);
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems.map(formatProblem);
    expect(problems).toContain(
      "topics/bomb.yaml: cannot be read as data: Excessive alias count indicates a resource exhaustion attack",
    );
  });

  it("a bomb added while running is refused in the log, naming it, and the base still answers", async () => {
    const { copy, live, lines } = await running();
    const briefing = createBriefing({ knowledge: live });
    await copy.write("topics/bomb.yaml", BOMB);
    await until(() => lines.some((l) => l.includes("topics/bomb.yaml: cannot be read")), "the log");
    expect((await briefing.handle(request("ask first investment"))).kind).toBe("answer");
  });

  it("a 50 MB topic file is refused by its size, naming it, and answers keep coming", async () => {
    const { copy, live, lines } = await running();
    const briefing = createBriefing({ knowledge: live });
    const before = live.current();
    // One long YAML line: were it read, the problem would quote part of it.
    await copy.write("topics/huge.yaml", `topic: ${"x".repeat(50 * 1024 * 1024)}\n`);
    const refused = () => lines.find((l) => l.includes("topics/huge.yaml: is too large"));
    await until(() => refused() !== undefined, "the refusal");
    expect(refused()).toMatch(/topics\/huge\.yaml: is too large \(50\.0 MB; a file may be at most/);
    // The log line carries the problem, not the file.
    expect(refused()?.length).toBeLessThan(20 * MAX_PROBLEM_CHARS);
    expect(live.current()).toBe(before);
    expect((await briefing.handle(request("ask first investment"))).kind).toBe("answer");

    const loaded = await loadKnowledge(copy.dir);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^topics\/huge\.yaml: is too large \(50\.0 MB/),
    ]);
  });

  it("a base over its total size is refused as a whole, before reading", async () => {
    const copy = await knowledgeCopy();
    cleanups.push(copy.dispose);
    const loaded = await loadKnowledge(copy.dir, { baseBytes: 10_000 });
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^.+: the knowledge files add up to 0\.\d MB, over the limit of 0\.0 MB$/,
      ),
    ]);
  });
});
