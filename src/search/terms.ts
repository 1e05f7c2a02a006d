/**
 * What a word is to the indexes: each word is indexed both as written and stemmed, so "announced"
 * meets "announcement" through the stem while a misspelling ("investmnet") can still be corrected
 * to the full word. A query searches the stem, which meets both.
 */
import MiniSearch, { type Query, type SearchOptions } from "minisearch";
import { normalize, STOPWORDS, stem } from "./normalize.ts";
import { TERM_CACHE_LIMIT } from "./tuning.ts";

/**
 * MiniSearch's own tokenizer: the term statistics must see the words it indexes. Its `getDefault`
 * is typed `any`; the annotation states what it returns.
 */
export const tokenize: (text: string) => string[] = MiniSearch.getDefault("tokenize");

const termCache = new Map<string, string | string[] | null>();

/**
 * A word's index terms: null for a stopword, the word, or the word and its stem. The written form
 * is searched too: the stemmer is light, so a question's stem can be another word as written
 * ("accesses" searches "access", which the stem of "access", "acces", would not meet).
 */
export function processTerm(term: string): string | string[] | null {
  // A base repeats a few thousand words millions of times: normalise each distinct word once.
  const known = termCache.get(term);
  if (known !== undefined) return known;
  // "$500" is "500": a question may give the amount with or without the sign.
  const t = normalize(term).replace(/\$/g, "");
  const stemmed = t ? stem(t) : t;
  const result = !t || STOPWORDS.has(t) ? null : stemmed === t ? t : [t, stemmed];
  if (termCache.size > TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(term, result);
  return result;
}

/** A word's index terms as a list (none for a stopword). */
export function termsOf(word: string): string[] {
  const p = processTerm(word);
  return p === null ? [] : typeof p === "string" ? [p] : p;
}

/** The term a query word searches: its stem, which both the written and stemmed word meet. */
export function searchTerm(term: string): string | null {
  const p = processTerm(term);
  return typeof p === "string" || p === null ? p : (p[1] ?? null);
}

export const splitSpaces = (text: string): string[] => text.split(" ");
export const asIs = (term: string): string => term;

/**
 * Scores rounded far below any difference that means something, so that a per-topic term, whose
 * score is computed in a different order, ties exactly where the whole-base score ties.
 */
export const rounded = (score: number): number => Math.round(score * 1e9) / 1e9;

/**
 * Misspellings and cut-off words are corrected once, against the vocabulary, before either index
 * is searched, so the searches themselves are exact: expanding every word into its fuzzy and
 * prefix neighbours costs more than the rest of an answer together.
 */
export const SEARCH_OPTIONS: SearchOptions = { combineWith: "OR", processTerm: searchTerm };

/**
 * Every search is a combination of parts of one shape, so that MiniSearch's code, compiled for
 * one question, is not thrown away for the next (a part's options are merged into objects whose
 * shape follows theirs).
 */
export const part = (
  text: string,
  fields: string[],
  tokenizer: (text: string) => string[],
  toTerm: (term: string) => string | null,
  boostDocument: ((id: number, term: string) => number) | undefined,
  boostTerm: ((term: string) => number) | undefined,
): Query => ({
  queries: [text],
  fields,
  tokenize: tokenizer,
  processTerm: toTerm,
  boostDocument,
  boostTerm,
});
export const anyOf = (queries: Query[]): Query => ({ combineWith: "OR", queries });
export const NO_OPTIONS: SearchOptions = {};
