/**
 * Reads a knowledge folder and returns a validated, indexed base, or every problem found.
 * All or nothing: one bad file refuses the whole base.
 *
 * Layout: `sources.yaml`, `entities.yaml`, `topics/*.yaml` (one topic and its facts a file), and
 * `articles/<source id>.txt` (each source's text, which its quotes are checked against).
 * JSON files (`.json`) are read the same way; YAML and JSON may be mixed.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type * as z from "zod";
import { analyseArticles, checkArticlePairs, checkQuotes, readArticles } from "./articles.ts";
import { crossCheck } from "./cross-check.ts";
import { buildKnowledgeBase, type KnowledgeBase, type KnowledgeParts } from "./knowledge-base.ts";
import { isProblem, type ParsedFile, type PathKey, parseFile } from "./parse-file.ts";
import type { KnowledgeProblem } from "./problems.ts";
import {
  EntitiesFileSchema,
  type Entity,
  EntitySchema,
  type FactRecord,
  FactSchema,
  type Source,
  SourceSchema,
  SourcesFileSchema,
  type Topic,
  TopicFileSchema,
  TopicSchema,
} from "./schema.ts";
import { checkSizes } from "./size-limits.ts";
import { parseWhen, type When } from "./when.ts";

export type LoadResult =
  | { ok: true; knowledge: KnowledgeBase }
  | { ok: false; problems: KnowledgeProblem[] };

const DATA_FILE = /\.(ya?ml|json)$/i;

function describePath(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** The record's id in words, when it has a usable one, so a curator can find it. */
function recordLabel(kind: string, raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" && id ? `${kind} "${id}"` : `${kind} #${index + 1}`;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

/** Which kinds of record may be missing because a file was absent or could not be parsed. */
function unseenKinds(
  files: readonly (ParsedFile | undefined)[],
): Set<"source" | "entity" | "topic" | "fact"> {
  const [sourcesFile, entitiesFile, ...topicFiles] = files;
  const kinds = new Set<"source" | "entity" | "topic" | "fact">();
  if (!sourcesFile) kinds.add("source");
  if (!entitiesFile) kinds.add("entity");
  if (topicFiles.some((f) => f === undefined)) {
    kinds.add("topic");
    kinds.add("fact");
  }
  return kinds;
}

/** Every `id` in a parsed file's records (sources, entities, topic, facts). */
function collectIds(data: unknown, into: Set<string>): void {
  if (data === null || typeof data !== "object") return;
  const d = data as Record<string, unknown>;
  for (const key of ["sources", "entities", "facts"]) {
    const list = d[key];
    if (Array.isArray(list))
      for (const r of list) {
        const id = (r as { id?: unknown } | null)?.id;
        if (typeof id === "string") into.add(id);
      }
  }
  const topicId = (d.topic as { id?: unknown } | null | undefined)?.id;
  if (typeof topicId === "string") into.add(topicId);
}

function validate<T>(
  file: ParsedFile,
  schema: z.ZodType<T>,
  raw: unknown,
  basePath: PathKey[],
  label: string | (() => string),
  problems: KnowledgeProblem[],
): T | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // A record's label is written only when it has a problem.
  const named = typeof label === "string" ? label : label();
  for (const issue of result.error.issues) {
    const path = [...basePath, ...(issue.path as PathKey[])];
    const fieldPath = describePath(issue.path as PathKey[]);
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      message = `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    } else if (
      issue.code === "invalid_type" &&
      valueAt(raw, issue.path as PathKey[]) === undefined
    ) {
      message = "is missing";
    }
    problems.push({
      file: file.name,
      line: file.lineOf(path),
      field: fieldPath ? `${named} › ${fieldPath}` : named,
      message,
    });
  }
  return undefined;
}

async function listTopicFiles(dir: string, problems: KnowledgeProblem[]): Promise<string[]> {
  const topicsDir = join(dir, "topics");
  try {
    const entries = await readdir(topicsDir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && DATA_FILE.test(e.name))
      .map((e) => join(topicsDir, e.name))
      .sort();
  } catch {
    problems.push({ file: "topics/", message: "folder is missing: put one file per topic in it" });
    return [];
  }
}

async function findSingle(
  dir: string,
  stem: string,
  problems: KnowledgeProblem[],
): Promise<string | undefined> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const matches = entries.filter((e) => new RegExp(`^${stem}\\.(ya?ml|json)$`, "i").test(e));
  if (matches.length === 0) {
    problems.push({ file: `${stem}.yaml`, message: "is missing" });
    return undefined;
  }
  if (matches.length > 1) {
    problems.push({ file: matches.join(", "), message: `there must be only one ${stem} file` });
    return undefined;
  }
  return join(dir, matches[0] as string);
}

/** Loads and checks a knowledge folder. Never throws for bad content; returns the problems. */
export async function loadKnowledge(
  dir: string,
  options: { fileBytes?: number; baseBytes?: number } = {},
): Promise<LoadResult> {
  const problems: KnowledgeProblem[] = [];
  const entries = await readdir(dir).catch(() => undefined);
  if (!entries) {
    return {
      ok: false,
      problems: [{ file: dir, message: "knowledge folder not found or not readable" }],
    };
  }
  const sourcesPath = await findSingle(dir, "sources", problems);
  const entitiesPath = await findSingle(dir, "entities", problems);
  const topicPaths = await listTopicFiles(dir, problems);

  const paths = [sourcesPath, entitiesPath, ...topicPaths];
  // Sizes before contents: an oversized file is refused without being read.
  const sizes = await checkSizes(
    dir,
    paths.filter((p) => p !== undefined),
    options,
  );
  if (sizes.base) return { ok: false, problems: [...problems, sizes.base] };
  problems.push(...sizes.tooLarge.values());
  const [articles, ...parsed] = await Promise.all([
    readArticles(dir, problems),
    ...paths.map((p) => (p && !sizes.tooLarge.has(p) ? parseFile(dir, p) : undefined)),
  ]);
  for (const p of parsed) if (p && isProblem(p)) problems.push(p);
  const files = parsed.map((p) => (p && !isProblem(p) ? p : undefined));
  const [sourcesFile, entitiesFile, ...topicFiles] = files;

  const sources: Source[] = [];
  if (sourcesFile) {
    const shape = validate(
      sourcesFile,
      SourcesFileSchema,
      sourcesFile.data ?? {},
      [],
      "file",
      problems,
    );
    shape?.sources.forEach((raw, i) => {
      const s = validate(
        sourcesFile,
        SourceSchema,
        raw,
        ["sources", i],
        () => recordLabel("source", raw, i),
        problems,
      );
      if (s) sources.push(s);
    });
  }
  const entities: Entity[] = [];
  if (entitiesFile) {
    const shape = validate(
      entitiesFile,
      EntitiesFileSchema,
      entitiesFile.data ?? {},
      [],
      "file",
      problems,
    );
    shape?.entities.forEach((raw, i) => {
      const e = validate(
        entitiesFile,
        EntitySchema,
        raw,
        ["entities", i],
        () => recordLabel("entity", raw, i),
        problems,
      );
      if (e) entities.push(e);
    });
  }
  const topics: { topic: Topic; file: string }[] = [];
  const facts: {
    value: FactRecord;
    topicId: string;
    file: string;
    line: () => number | undefined;
    /** The line of the fact's j-th source. */
    sourceLine: (j: number) => number | undefined;
  }[] = [];
  for (const file of topicFiles) {
    if (!file) continue;
    const shape = validate(file, TopicFileSchema, file.data ?? {}, [], "file", problems);
    if (!shape) continue;
    const topic = validate(file, TopicSchema, shape.topic, ["topic"], "topic", problems);
    if (topic) topics.push({ topic, file: file.name });
    shape.facts.forEach((raw, i) => {
      const record = validate(
        file,
        FactSchema,
        raw,
        ["facts", i],
        () => recordLabel("fact", raw, i),
        problems,
      );
      if (record && topic) {
        facts.push({
          value: record,
          topicId: topic.id,
          file: file.name,
          line: () => file.lineOf(["facts", i]),
          sourceLine: (j) => file.lineOf(["facts", i, "sources", j]),
        });
      }
    });
  }

  // Cross-checks run even when some records were refused, so one run lists every problem.
  {
    const refused = new Set<string>();
    // Every refused record is a problem already: with none, there is nothing to collect.
    if (problems.length > 0) {
      const validated = new Set<unknown>(
        [...sources, ...entities, ...topics.map((t) => t.topic), ...facts.map((f) => f.value)].map(
          (r) => r.id,
        ),
      );
      for (const file of files) collectIds(file?.data, refused);
      for (const id of validated) refused.delete(id as string);
    }
    const locatedSources = sources.map((s, i) => ({
      value: s,
      file: sourcesFile?.name ?? "sources.yaml",
      line: () => sourcesFile?.lineOf(["sources", i]),
    }));
    problems.push(
      ...crossCheck(
        {
          sources: locatedSources,
          entities: entities.map((e, i) => ({
            value: e,
            file: entitiesFile?.name ?? "entities.yaml",
            line: () => entitiesFile?.lineOf(["entities", i]),
          })),
          topics: topics.map(({ topic, file }) => ({ value: topic, file, line: () => 1 })),
          facts,
        },
        { ids: refused, kinds: unseenKinds(files) },
      ),
      ...checkArticlePairs(
        locatedSources.map((s) => ({ id: s.value.id, file: s.file, line: s.line })),
        articles,
        { ids: refused, sourcesUnreadable: !sourcesFile },
      ),
      ...checkQuotes(
        facts.flatMap((f) =>
          f.value.sources.flatMap((sourceId, j) => {
            const quote = f.value.quotes?.[sourceId];
            return quote === undefined
              ? []
              : [
                  {
                    factId: f.value.id,
                    sourceId,
                    quote,
                    file: f.file,
                    line: () => f.sourceLine(j),
                  },
                ];
          }),
        ),
        analyseArticles(articles.texts),
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  // A large base writes a few dates many thousand times: each is parsed once.
  const whens = new Map<string, When>();
  const whenOf = (raw: string): When => {
    let when = whens.get(raw);
    if (when === undefined) {
      when = parseWhen(raw);
      whens.set(raw, when);
    }
    return when;
  };
  const parts: KnowledgeParts = {
    dir,
    sources,
    articles: articles.texts,
    entities,
    topics: topics.map((t) => t.topic),
    facts: facts.map(({ value: record, topicId }) => ({
      record,
      topicId,
      whenParsed: whenOf(record.when),
    })),
  };
  return { ok: true, knowledge: buildKnowledgeBase(parts) };
}
