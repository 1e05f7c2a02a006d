/**
 * A fact's articles, each with the verbatim quote that backs it when the base has one.
 *
 * MERGE NOTE (lead): issue 7 turns a fact's `sources` entries into `{ id, quote }`. Until that
 * lands the loaded base has bare ids and no quotes, so this maps ids only. When it lands, change
 * only this function, e.g. `fact.sources.map((s) => ({ sourceId: s.id, quote: s.quote }))`;
 * every page reads a fact's articles through it and already shows `quote` when present.
 */
import type { Fact } from "../../src/index.ts";

export interface Citation {
  sourceId: string;
  /** Verbatim words of the article that support the fact; absent when the base has none. */
  quote?: string;
}

export function citationsOf(fact: Fact): Citation[] {
  return fact.sources.map((sourceId) => ({ sourceId }));
}
