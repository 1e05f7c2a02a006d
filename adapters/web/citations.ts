/** A fact's articles, each with the verbatim quote that backs it where the base records one. */
import type { Fact } from "../../src/index.ts";

export interface Citation {
  sourceId: string;
  /** Verbatim words of the article that support the fact; absent when the base has none. */
  quote?: string;
}

export function citationsOf(fact: Fact): Citation[] {
  return fact.sources.map((sourceId) => {
    const quote = fact.quotes?.[sourceId];
    return quote === undefined ? { sourceId } : { sourceId, quote };
  });
}
