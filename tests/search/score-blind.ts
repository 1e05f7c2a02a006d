/**
 * Prints the blind set's scores per question shape, then each miss:
 * `npx tsx tests/search/score-blind.ts`.
 */
import { byShape, scoreAll } from "./blind.ts";

const results = await scoreAll();
const pct = (right: number, of: number) => `${right}/${of} (${Math.round((100 * right) / of)}%)`;
console.log("| shape | right |\n|---|---|");
for (const [shape, { right, of }] of byShape(results))
  console.log(`| ${shape} | ${pct(right, of)} |`);
const answerable = results.filter((r) => r.question.answerable);
const unanswerable = results.filter((r) => !r.question.answerable);
const right = (list: typeof results) => list.filter((r) => r.right).length;
console.log(`| all answerable | ${pct(right(answerable), answerable.length)} |`);
console.log(`| all unanswerable | ${pct(right(unanswerable), unanswerable.length)} |`);
console.log("\nMisses:");
for (const r of results.filter((x) => !x.right)) {
  const want = r.question.answerable
    ? (r.question.facts ?? r.question.says ?? []).join(" | ")
    : "nothing";
  console.log(
    `- [${r.question.shape}] ${r.question.q}\n    want: ${want}\n    got:  ${r.got.replace(/\n/g, " / ")}`,
  );
}
