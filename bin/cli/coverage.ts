/**
 * `coverage [--source <id>] [--json]`: which sentences of each article a quote backs, and the
 * list of those none does (see `src/knowledge/coverage.ts` for the rule).
 */
import { parseArgs } from "node:util";
import { baseCoverage } from "../../src/knowledge/coverage.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { knowledgeDir, usageError } from "./common.ts";

export async function runCoverageCli(args: string[]): Promise<number> {
  let values: { json?: boolean; knowledge?: string; source?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        knowledge: { type: "string" },
        source: { type: "string" },
      },
    }));
  } catch (error) {
    return usageError(String(error instanceof Error ? error.message : error));
  }
  const dir = knowledgeDir(values.knowledge);
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) {
    process.stderr.write(
      `The knowledge folder ${dir} is invalid; run: npm run --silent cli -- check --knowledge ${dir}\n`,
    );
    return 1;
  }
  const kb = loaded.knowledge;
  if (values.source !== undefined && !kb.sources.has(values.source)) {
    process.stderr.write(
      `No source has the id "${values.source}". Sources: ${[...kb.sources.keys()].join(", ")}\n`,
    );
    return 2;
  }
  const sources = baseCoverage(kb, values.source);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ sources })}\n`);
    return 0;
  }
  const out: string[] = [];
  for (const s of sources) {
    const percent = s.sentences ? Math.round((100 * s.cited) / s.sentences) : 100;
    out.push(`${s.id}: ${s.cited} of ${s.sentences} sentences cited (${percent}%)`);
    if (s.uncited.length > 0) {
      out.push(`  uncited (${s.uncited.length}):`);
      for (const sentence of s.uncited) out.push(`    - ${sentence}`);
    }
    out.push("");
  }
  process.stdout.write(`${out.join("\n")}`);
  return 0;
}
