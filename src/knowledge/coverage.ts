/**
 * Which sentences of each article the fact base backs with a quote: the curator's to-do list.
 *
 * A sentence is *cited* when some quote from that article, normalised like the check normalises
 * it, lies wholly within the sentence, or covers at least half of the sentence's characters
 * (a quote that spans the end of one sentence and the start of the next cites each sentence it
 * covers substantially, not one it merely grazes). Page furniture is not counted at all (see
 * `isFurniture` in `article-text.ts`).
 */
import { type ArticleText, analyseArticle, normaliseText } from "./article-text.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";

export interface SourceCoverage {
  id: string;
  /** Sentences counted (page furniture left out). */
  sentences: number;
  cited: number;
  /** The sentences no quote backs, normalised, in article order: `cited + uncited.length === sentences`. */
  uncited: string[];
}

/** The share of a sentence a quote must cover to cite it, when the quote is not inside it. */
export const SUBSTANTIAL_OVERLAP = 0.5;

/** Every place a passage occurs in a text, as [start, end). */
function occurrences(text: string, passage: string): [number, number][] {
  const out: [number, number][] = [];
  if (!passage) return out;
  for (let at = text.indexOf(passage); at >= 0; at = text.indexOf(passage, at + 1)) {
    out.push([at, at + passage.length]);
  }
  return out;
}

/** Coverage of one article by the quotes taken from it. */
export function articleCoverage(
  id: string,
  article: ArticleText,
  quotes: readonly string[],
): SourceCoverage {
  const spans = [...new Set(quotes.map(normaliseText))].flatMap((q) =>
    occurrences(article.normalised, q),
  );
  const counted = article.sentences.filter((s) => !s.furniture);
  const uncited: string[] = [];
  for (const s of counted) {
    const length = s.end - s.start;
    const cited = spans.some(([qs, qe]) => {
      const overlap = Math.min(qe, s.end) - Math.max(qs, s.start);
      return (qs >= s.start && qe <= s.end) || overlap >= SUBSTANTIAL_OVERLAP * length;
    });
    if (!cited) uncited.push(s.text);
  }
  return { id, sentences: counted.length, cited: counted.length - uncited.length, uncited };
}

/** Coverage of every article in a base (or only `only`), in the order of `sources.yaml`. */
export function baseCoverage(kb: KnowledgeBase, only?: string): SourceCoverage[] {
  const quotes = new Map<string, string[]>();
  for (const fact of kb.facts.values()) {
    for (const [sourceId, quote] of Object.entries(fact.quotes ?? {})) {
      const list = quotes.get(sourceId);
      if (list) list.push(quote);
      else quotes.set(sourceId, [quote]);
    }
  }
  return [...kb.sources.keys()]
    .filter((id) => only === undefined || id === only)
    .map((id) =>
      articleCoverage(id, analyseArticle(kb.articles.get(id) ?? ""), quotes.get(id) ?? []),
    );
}
