/**
 * `source add <file> --id <id> --title "<headline>" [--label …] [--outlet …]
 *  [--published YYYY-MM-DD] [--url …]`: keeps a new article as `articles/<id>.txt` and adds its
 * entry to `sources.yaml`, then validates the whole base.
 *
 * All or nothing: every check runs first, and the whole new base is validated in a temporary copy
 * of the folder, before anything in the knowledge folder is written; then the article and the new
 * `sources.yaml` are each written beside their target and renamed into place.
 */
import { cp, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { normaliseText } from "../../src/knowledge/article-text.ts";
import { articleFile, decodeArticle } from "../../src/knowledge/articles.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { formatProblem } from "../../src/knowledge/problems.ts";
import { type Source, SourceSchema } from "../../src/knowledge/schema.ts";
import { appendSource } from "../../src/knowledge/sources-file.ts";
import { knowledgeDir, usageError } from "./common.ts";

const OPTIONS = {
  id: { type: "string" },
  title: { type: "string" },
  label: { type: "string" },
  outlet: { type: "string" },
  published: { type: "string" },
  url: { type: "string" },
  knowledge: { type: "string" },
} as const;

/** A refusal: the reason on stderr, exit 1, nothing written. */
function refuse(message: string): number {
  process.stderr.write(`source add: ${message}. Nothing was written.\n`);
  return 1;
}

/** A short label from a headline: the headline itself, or its first words up to 40 characters. */
export function labelOf(title: string): string {
  const bare = title.replace(/^\[|\]$/g, "").trim();
  if (bare.length <= 40) return bare;
  let label = "";
  for (const word of bare.split(/\s+/)) {
    if (`${label} ${word}`.trim().length > 39) break;
    label = `${label} ${word}`.trim();
  }
  return `${(label || bare.slice(0, 39)).replace(/[\s,;:|–—-]+$/, "")}…`;
}

export async function runSourceCli(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return usageError(String(error instanceof Error ? error.message : error));
  }
  const [verb, file, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (verb !== "add" || !file || extra.length > 0)
    return usageError('Usage: source add <file> --id <id> --title "<headline>" [options]');
  if (!v.id || !v.title) return usageError("source add needs --id and --title.");
  const dir = knowledgeDir(v.knowledge);

  const candidate = {
    id: v.id,
    title: v.title,
    label: v.label ?? labelOf(v.title),
    ...(v.outlet !== undefined ? { outlet: v.outlet } : {}),
    ...(v.published !== undefined ? { published: v.published } : {}),
    ...(v.url !== undefined ? { url: v.url } : {}),
  };
  const checked = SourceSchema.safeParse(candidate);
  if (!checked.success) {
    const field = (i: { path: PropertyKey[] }) => i.path.map(String).join(".");
    // A label left out comes from the title: a bad title is the one mistake to report.
    const titleWrong = checked.error.issues.some((i) => field(i) === "title");
    const issues = checked.error.issues
      .filter((i) => !(field(i) === "label" && v.label === undefined && titleWrong))
      // The schema's messages name their field ("title must not be empty"): name it once.
      .map((i) => {
        const name = field(i);
        const said = i.message.startsWith(`${name} `)
          ? i.message.slice(name.length + 1)
          : i.message;
        return `--${name} ${said}`;
      });
    return refuse(issues.join("; "));
  }
  const source: Source = checked.data;

  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) =>
    error.code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${error.code ?? error})`,
  );
  if (typeof bytes === "string") return refuse(`${file} ${bytes}`);
  const decoded = decodeArticle(bytes);
  if ("problem" in decoded) return refuse(`${file} ${decoded.problem}`);

  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) {
    return refuse(
      `the knowledge folder ${dir} has problems already; fix them first:\n${loaded.problems.map(formatProblem).join("\n")}`,
    );
  }
  const kb = loaded.knowledge;
  if (kb.sources.has(source.id)) return refuse(`a source with the id "${source.id}" exists`);
  const target = join(dir, articleFile(source.id));
  if (await stat(target).catch(() => undefined))
    return refuse(`${articleFile(source.id)} exists already`);
  const text = normaliseText(decoded.text);
  for (const [id, article] of kb.articles) {
    if (normaliseText(article) === text)
      return refuse(`this text is already kept, as ${articleFile(id)} (source "${id}")`);
  }

  const sourcesPath = join(dir, "sources.yaml");
  const appended = appendSource(await readFile(sourcesPath, "utf8"), source);
  if (!appended.ok) return refuse(appended.message);

  // The whole base as it would be, validated in a scratch copy before the real folder is touched.
  const scratch = await mkdtemp(join(tmpdir(), "source-add-"));
  try {
    await cp(dir, scratch, { recursive: true });
    await writeFile(join(scratch, "sources.yaml"), appended.text);
    await writeFile(join(scratch, articleFile(source.id)), bytes);
    const after = await loadKnowledge(scratch);
    if (!after.ok) {
      return refuse(`the base would be invalid:\n${after.problems.map(formatProblem).join("\n")}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const articleTemp = `${target}.adding`;
  const sourcesTemp = `${sourcesPath}.adding`;
  try {
    await writeFile(articleTemp, bytes);
    await writeFile(sourcesTemp, appended.text);
    await rename(articleTemp, target);
    await rename(sourcesTemp, sourcesPath);
  } catch (error) {
    await Promise.all([articleTemp, sourcesTemp].map((p) => rm(p, { force: true })));
    // The article alone would be an orphan the check reports: take it back out.
    if ((await readFile(sourcesPath, "utf8")) !== appended.text) await rm(target, { force: true });
    return refuse(`could not write: ${error instanceof Error ? error.message : error}`);
  }
  process.stdout.write(
    `Added source "${source.id}" (${source.label}) and kept its text as ${articleFile(source.id)}.\n` +
      `Next: write facts that cite it with quotes, then run check and coverage --source ${source.id}.\n`,
  );
  return 0;
}
