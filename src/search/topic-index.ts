/**
 * The topic index: each topic under its number, with its title and aliases, overview, the words of
 * its facts and the names of the people and organisations in them.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Topic } from "../knowledge/schema.ts";
import { topK } from "./lists.ts";
import { normalize } from "./normalize.ts";
import {
  anyOf,
  NO_OPTIONS,
  part,
  processTerm,
  rounded,
  SEARCH_OPTIONS,
  searchTerm,
  termsOf,
  tokenize,
} from "./terms.ts";
import { TOPIC_BOOST, TOPIC_FIELDS } from "./tuning.ts";

function entityWords(kb: KnowledgeBase, entityIds: Iterable<string>): string {
  const words: string[] = [];
  for (const id of entityIds) {
    const e = kb.entities.get(id);
    if (e) words.push(e.name, ...e.aliases);
  }
  return words.join(" ");
}

export class TopicIndex {
  private readonly index = new MiniSearch({
    fields: [...TOPIC_FIELDS],
    processTerm,
    searchOptions: { ...SEARCH_OPTIONS, boost: TOPIC_BOOST },
  });
  /** In how many topics each term occurs. */
  readonly topicsPerTerm = new Map<string, number>();

  constructor(
    kb: KnowledgeBase,
    private readonly topics: readonly Topic[],
    wordsOfTopic: readonly Set<string>[],
    entitiesOfTopic: readonly Set<string>[],
  ) {
    topics.forEach((t, i) => {
      const doc = {
        id: i,
        title: [t.title, ...t.aliases].join(" "),
        overview: t.overview,
        words: [...(wordsOfTopic[i] ?? [])].join(" "),
        names: entityWords(kb, entitiesOfTopic[i] ?? []),
      };
      this.index.add(doc);
      const seen = new Set<string>();
      const text = `${doc.title} ${doc.overview} ${doc.words} ${doc.names}`;
      for (const w of normalize(text).split(/\s+/)) {
        for (const term of termsOf(w)) {
          if (seen.has(term)) continue;
          seen.add(term);
          this.topicsPerTerm.set(term, (this.topicsPerTerm.get(term) ?? 0) + 1);
        }
      }
    });
  }

  /**
   * The topics matching a text. A word the text repeats (a question naming Nadella also searches
   * his full name) is read once and counts as often as it is repeated, as it would if it were read
   * each time; scores are rounded so that the order of the sums does not matter.
   */
  search(text: string, fields?: string[]): SearchResult[] {
    const times = new Map<string, number>();
    const tokens: string[] = [];
    for (const token of tokenize(text)) {
      const term = searchTerm(token);
      if (!term) continue;
      const n = times.get(term);
      times.set(term, (n ?? 0) + 1);
      if (n === undefined) tokens.push(token);
    }
    const boostTerm = (term: string) => times.get(term) ?? 1;
    const results = this.index.search(
      anyOf([
        part(tokens.join(" "), fields ?? TOPIC_FIELDS, tokenize, searchTerm, undefined, boostTerm),
      ]),
      NO_OPTIONS,
    );
    for (const r of results) r.score = rounded(r.score);
    return results;
  }

  /** The closest topics to a normalised, corrected text, best first, for "did you mean". */
  suggest(corrected: string, limit = 3): Topic[] {
    // Misspellings are already corrected against the vocabulary; no fuzzy search is needed here.
    const results = this.search(corrected, ["title", "names", "words"]);
    // MiniSearch types a result's id `any`; ours are topic numbers.
    const topicOf = (i: number): number => results[i]?.id ?? 0;
    return topK(results.length, limit, (i) => results[i]?.score ?? 0, topicOf)
      .items.map((i) => this.topics[topicOf(i)])
      .filter((t) => t !== undefined);
  }
}
