import { afterEach, describe, expect, it } from "vitest";
import { LiveKnowledge } from "../../src/knowledge/live.ts";
import { knowledgeCopy } from "../helpers/knowledge.ts";
import { recordingMetrics } from "../helpers/recording-metrics.ts";
import { capturingLogger, until } from "../helpers/wait.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("hot reload of the knowledge folder", () => {
  it("GIVEN a running bot WHEN a fact is edited THEN the new base serves, and WHEN an edit breaks it THEN the last good base keeps serving", async () => {
    const copy = await knowledgeCopy();
    cleanups.push(copy.dispose);
    const { lines, logger } = capturingLogger();
    const metrics = recordingMetrics();
    const live = await LiveKnowledge.open(copy.dir, logger, undefined, metrics);
    if ("problems" in live) throw new Error(live.problems.join("\n"));
    cleanups.push(() => live.close());
    live.watch();

    const before = live.current();
    await copy.edit("topics/money.yaml", (t) =>
      t.replace(
        "Microsoft's first investment in OpenAI was $1 billion, in 2019.",
        "Microsoft first put $1 billion into OpenAI in 2019.",
      ),
    );
    await until(() => live.current() !== before, "the reload");
    expect(live.current().facts.get("first-billion-2019")?.text).toBe(
      "Microsoft first put $1 billion into OpenAI in 2019.",
    );

    const good = live.current();
    await copy.edit("topics/money.yaml", (t) =>
      t.replace(/(id: first-billion-2019\n(?:.*\n)*?\s+- id: )partners-or-rivals/, "$1nowhere"),
    );
    await until(
      () => lines.some((l) => l.includes("knowledge edit refused")),
      "the refusal to be logged",
    );
    expect(live.current()).toBe(good);
    const refusal = lines.find((l) => l.includes("knowledge edit refused")) ?? "";
    expect(refusal).toContain('unknown source \\"nowhere\\"');
    expect(refusal).toContain("topics/money.yaml");
    // Editors write in bursts, so count kinds rather than events: at least one served reload,
    // then refusals only.
    expect(metrics.reloads[0]).toBe(true);
    expect(metrics.reloads.at(-1)).toBe(false);
  });

  it("refuses to open a broken folder, returning the problems", async () => {
    const copy = await knowledgeCopy();
    cleanups.push(copy.dispose);
    await copy.write("topics/bad.yaml", "facts: {\n");
    const { logger } = capturingLogger();
    const live = await LiveKnowledge.open(copy.dir, logger);
    expect("problems" in live && live.problems[0]).toMatch(
      /^topics\/bad\.yaml:\d+: is not valid YAML/,
    );
  });
});
