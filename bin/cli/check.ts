/** `check [--json]`: validate the knowledge folder; exit 1 with every problem. */
import { parseArgs } from "node:util";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { formatProblem } from "../../src/knowledge/problems.ts";
import { knowledgeDir, usageError } from "./common.ts";

export async function runCheckCli(args: string[]): Promise<number> {
  let values: { json?: boolean; knowledge?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: "boolean" }, knowledge: { type: "string" } },
    }));
  } catch (error) {
    return usageError(String(error instanceof Error ? error.message : error));
  }
  const dir = knowledgeDir(values.knowledge);
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) {
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ ok: false, problems: loaded.problems }, null, 2)}\n`,
      );
    process.stderr.write(
      `The knowledge folder ${dir} has ${loaded.problems.length} problem(s):\n${loaded.problems.map(formatProblem).join("\n")}\n`,
    );
    return 1;
  }
  const stats = loaded.knowledge.stats;
  if (values.json) process.stdout.write(`${JSON.stringify(stats)}\n`);
  else {
    process.stdout.write(
      `${dir}: OK: ${stats.sources} sources, ${stats.topics} topics, ${stats.facts} facts, ${stats.disputed} disputed; ${stats.quoted} of ${stats.citations} citations quoted\n`,
    );
  }
  return 0;
}
