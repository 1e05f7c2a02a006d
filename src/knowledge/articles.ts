/**
 * The articles kept beside the facts: `articles/<source id>.txt`, one a source, named by its id
 * (so `sources.yaml` needs no file field, and a renamed id cannot silently lose its text). Checks
 * that every source has its article and every article its source, and that each quote is found in
 * the article it is quoted from.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type ArticleText,
  analyseArticle,
  closestSentence,
  normaliseText,
} from "./article-text.ts";
import type { KnowledgeProblem } from "./problems.ts";

export const ARTICLES_DIR = "articles";

/** Where a source's article lives, relative to the knowledge folder. */
export function articleFile(sourceId: string): string {
  return `${ARTICLES_DIR}/${sourceId}.txt`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of an article file, or why it cannot be one: empty, binary or not UTF-8. */
export function decodeArticle(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.includes(0)) return { problem: "is binary, not text (it holds NUL bytes)" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: "is not UTF-8 text" };
  }
  if (!text.trim()) return { problem: "is empty" };
  return { text };
}

export interface ArticleFiles {
  /** Each readable article's text, by source id (the file name without `.txt`). */
  texts: Map<string, string>;
  /** The source id of every `.txt` file, readable or not. */
  ids: Set<string>;
}

/** Every `.txt` file under `articles/`. */
export async function readArticles(
  dir: string,
  problems: KnowledgeProblem[],
): Promise<ArticleFiles> {
  const articles: ArticleFiles = { texts: new Map(), ids: new Set() };
  const folder = join(dir, ARTICLES_DIR);
  const names = await readdir(folder).catch(() => undefined);
  if (!names) {
    problems.push({
      file: `${ARTICLES_DIR}/`,
      message: "folder is missing: keep each source's text in it as <source id>.txt",
    });
    return articles;
  }
  const texts = names.filter((n) => n.endsWith(".txt")).sort();
  for (const name of texts) articles.ids.add(name.slice(0, -".txt".length));
  await Promise.all(
    texts.map(async (name) => {
      const file = `${ARTICLES_DIR}/${name}`;
      const bytes = await readFile(join(folder, name)).catch(
        (error: NodeJS.ErrnoException) => error.code ?? String(error),
      );
      if (typeof bytes === "string") {
        problems.push({ file, message: `cannot be read (${bytes})` });
        return;
      }
      const decoded = decodeArticle(bytes);
      if ("problem" in decoded) problems.push({ file, message: decoded.problem });
      else articles.texts.set(name.slice(0, -".txt".length), decoded.text);
    }),
  );
  return articles;
}

interface LocatedSource {
  id: string;
  file: string;
  line: () => number | undefined;
}

/**
 * A source with no article file, and an article file no source names. `unseen` holds source ids
 * that may exist once another problem is fixed (a refused record, an unreadable sources file):
 * their articles are not called orphans.
 */
export function checkArticlePairs(
  sources: readonly LocatedSource[],
  articles: ArticleFiles,
  unseen: { ids: ReadonlySet<string>; sourcesUnreadable: boolean },
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const ids = new Set(sources.map((s) => s.id));
  for (const s of sources) {
    // An article that exists but could not be read is reported already, as itself.
    if (!articles.ids.has(s.id)) {
      problems.push({
        file: s.file,
        line: s.line(),
        field: `source "${s.id}"`,
        message: `has no article: keep its text as ${articleFile(s.id)}`,
      });
    }
  }
  if (unseen.sourcesUnreadable) return problems;
  for (const id of articles.ids) {
    if (!ids.has(id) && !unseen.ids.has(id)) {
      problems.push({
        file: articleFile(id),
        message: `no source in sources.yaml has the id "${id}": add its entry there, or remove the file`,
      });
    }
  }
  return problems;
}

export interface QuotedCitation {
  factId: string;
  sourceId: string;
  quote: string;
  file: string;
  line: () => number | undefined;
}

/**
 * Each quote must occur in its article once both are normalised (whitespace, quotes, dashes; see
 * `article-text.ts`). A miss names the closest sentence, so a typo is fixed in seconds.
 */
export function checkQuotes(
  citations: readonly QuotedCitation[],
  articles: ReadonlyMap<string, ArticleText>,
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  for (const c of citations) {
    const article = articles.get(c.sourceId);
    // An unknown source or a missing article is a problem of its own already.
    if (!article || article.normalised.includes(normaliseText(c.quote))) continue;
    const closest = closestSentence(article, c.quote);
    problems.push({
      file: c.file,
      line: c.line(),
      field: `fact ${c.factId} › source ${c.sourceId}`,
      message: `quote not found in ${articleFile(c.sourceId)}`,
      ...(closest ? { hint: `closest sentence: "${closest}"` } : {}),
    });
  }
  return problems;
}

/** Each article analysed once, by source id. */
export function analyseArticles(articles: ReadonlyMap<string, string>): Map<string, ArticleText> {
  return new Map([...articles].map(([id, text]) => [id, analyseArticle(text)]));
}
