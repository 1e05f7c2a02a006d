/**
 * The ranking part of a search index: the word counts, both MiniSearch indexes, the vocabulary
 * and the question reader. A query that is a name (topic, person, organisation) is answered
 * without them, so the index builds them on the first query that ranks; apart because building
 * them is one step with its own inputs.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Topic } from "../knowledge/schema.ts";
import type { Aliases } from "./aliases.ts";
import { buildFactIndex, countWords } from "./fact-index.ts";
import { FactSearch } from "./fact-search.ts";
import { listPerFact } from "./lists.ts";
import { TopicIndex } from "./topic-index.ts";
import { Vocabulary } from "./vocabulary.ts";
import { Asked } from "./what-is-asked.ts";

/** What only a ranked search needs; most of the cost of building an index. */
export interface Ranking {
  topicIndex: TopicIndex;
  vocabulary: Vocabulary;
  asked: Asked;
  factSearch: FactSearch;
}

/** The search index's tables the ranking part is built from (see `SearchIndex`). */
export interface RankingInput {
  kb: KnowledgeBase;
  topics: readonly Topic[];
  topicOrder: ReadonlyMap<string, number>;
  facts: readonly Fact[];
  topicsOf: number[][];
  entityNumber: ReadonlyMap<string, number>;
  keyFacts: Int32Array[];
  features: Uint8Array;
  aliases: Aliases;
  /** A fact-index term with more occurrences than this is indexed per topic. */
  scopeAbove: number;
}

export function buildRanking(input: RankingInput): Ranking {
  const { kb, topics, facts, topicsOf, aliases, features } = input;
  const words = countWords(facts, topicsOf, topics.length, aliases.topicNameTerms());
  const common = (term: string) =>
    (words.factsPerTerm.get(term) ?? 0) + (words.inWhen.get(term) ?? 0) > input.scopeAbove;
  const factIndex = buildFactIndex(facts, topicsOf, topics.length, common);
  const topicIndex = new TopicIndex(kb, topics, words.ofTopic, words.entitiesOfTopic);
  const vocabulary = new Vocabulary(words.factsPerTerm, topicIndex.topicsPerTerm, aliases);
  const asked = new Asked({
    kb,
    facts,
    features,
    keyFacts: input.keyFacts,
    topicOrder: input.topicOrder,
    trackedInTopic: words.trackedInTopic,
    aliases,
    vocabulary,
  });
  const factsOfTopic = topics.map((t) =>
    Int32Array.from(kb.factsByTopic.get(t.id) ?? [], (f) => f.position),
  );
  const factSearch = new FactSearch(
    factIndex,
    {
      factCount: facts.length,
      factsOfTopic,
      entitiesOfFact: listPerFact(
        facts.map((f) =>
          f.entities.map((id) => input.entityNumber.get(id)).filter((e) => e !== undefined),
        ),
      ),
      keyFact: Uint8Array.from(facts, (f) => (f.key ? 1 : 0)),
      features,
    },
    vocabulary,
  );
  return { topicIndex, vocabulary, asked, factSearch };
}
