/**
 * Finding what a query is about, step by step:
 * 1. `aliases.ts`: a query that is a name (topic, person, organisation, their misspellings) is
 *    answered by that name.
 * 2. `vocabulary.ts`: misspelt and cut-off words are corrected against the words the base knows.
 * 3. `topic-index.ts`: MiniSearch ranks topics (title, aliases, overview, their facts' words).
 * 4. `fact-search.ts`: one index over the whole base (`fact-index.ts`) ranks the candidate
 *    topics' facts, so word weights are comparable across topics.
 * 5. `choose.ts`: topic and fact evidence together pick the topic and the facts shown.
 * Everything is deterministic: ties break on the base's own order. Tuning is in `tuning.ts`.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import { Aliases } from "./aliases.ts";
import { answerFacts, candidatesOf, chooseTopic } from "./choose.ts";
import { type EntityAnswer, entityAnswer, keyFactsFirst } from "./entity-answer.ts";
import { buildFactIndex, countWords } from "./fact-index.ts";
import { FactSearch } from "./fact-search.ts";
import { listPerFact, type PerFact } from "./lists.ts";
import { normalize, STOPWORDS } from "./normalize.ts";
import { TopicIndex } from "./topic-index.ts";
import { MIN_COVERAGE, SCOPE_ABOVE } from "./tuning.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface TopicHit {
  topic: Topic;
  score: number;
}

export interface FactHit {
  fact: Fact;
  score: number;
}

export type SearchOutcome =
  /** The whole query names a topic. */
  | { kind: "topic"; topic: Topic; facts: Fact[] }
  /** The whole query names a person, organisation or project that is not itself a topic. */
  | EntityAnswer
  /** A question: the best topic, and the facts that answer it best. */
  | {
      kind: "search";
      topic: Topic;
      facts: FactHit[];
      entities: Entity[];
      /** Longer words of the question the base does not know at all (after correcting misspellings). */
      unknown: string[];
    }
  /** Nothing answers it; `suggestions` are the closest topics, best first. */
  | { kind: "none"; suggestions: Topic[] };

export interface SearchIndexOptions {
  /**
   * A fact-index term with more occurrences than this is indexed per topic. Answers are the same
   * either way; only the cost of reading a common word changes. Tests lower it to compare.
   */
  scopeAbove?: number;
}

export class SearchIndex {
  readonly kb: KnowledgeBase;
  private readonly aliases: Aliases;
  private readonly vocabulary: Vocabulary;
  private readonly topicIndex: TopicIndex;
  private readonly factSearch: FactSearch;
  /** Topics in the base's order; a topic's number is its place here. */
  private readonly topics: Topic[];
  private readonly topicOrder = new Map<string, number>();
  /** Facts in the base's order (a fact's number in the fact index is its position). */
  private readonly facts: Fact[];
  private readonly topicsOfFact: PerFact;
  private readonly entityNumber = new Map<string, number>();
  /** During one search: each candidate topic's place among the candidates, plus one. */
  private readonly candidateSlot: Int32Array;
  /** Each topic's fact positions, key facts first (see `keyFactsOf`). */
  private readonly keyFacts: Int32Array[];
  private readonly entityAnswers = new Map<string, EntityAnswer | null>();

  constructor(kb: KnowledgeBase, options: SearchIndexOptions = {}) {
    this.kb = kb;
    const scopeAbove = options.scopeAbove ?? SCOPE_ABOVE;
    this.aliases = new Aliases(kb);
    this.topics = [...kb.topics.values()];
    this.topics.forEach((t, i) => {
      this.topicOrder.set(t.id, i);
    });
    this.facts = [...kb.facts.values()];
    [...kb.entities.keys()].forEach((id, i) => {
      this.entityNumber.set(id, i);
    });
    // A fact's position is its place in `kb.facts`, and so in `this.facts`.
    const factsOfTopic = this.topics.map((t) =>
      Int32Array.from(kb.factsByTopic.get(t.id) ?? [], (f) => f.position),
    );
    this.keyFacts = this.topics.map((t) =>
      Int32Array.from(keyFactsFirst(kb, t.id), (f) => f.position),
    );
    const topicsOf = this.facts.map((f) =>
      f.topicIds.map((id) => this.topicOrder.get(id)).filter((t) => t !== undefined),
    );
    this.topicsOfFact = listPerFact(topicsOf);
    this.candidateSlot = new Int32Array(this.topics.length);

    const words = countWords(this.facts, topicsOf, this.topics.length);
    const common = (term: string) =>
      (words.factsPerTerm.get(term) ?? 0) + (words.inWhen.get(term) ?? 0) > scopeAbove;
    const factIndex = buildFactIndex(this.facts, topicsOf, this.topics.length, common);
    this.topicIndex = new TopicIndex(kb, this.topics, words.ofTopic, words.entitiesOfTopic);
    this.vocabulary = new Vocabulary(
      words.factsPerTerm,
      this.topicIndex.topicsPerTerm,
      this.aliases,
    );
    this.factSearch = new FactSearch(
      factIndex,
      {
        factCount: this.facts.length,
        factsOfTopic,
        entitiesOfFact: listPerFact(
          this.facts.map((f) =>
            f.entities.map((id) => this.entityNumber.get(id)).filter((e) => e !== undefined),
          ),
        ),
        keyFact: Uint8Array.from(this.facts, (f) => (f.key ? 1 : 0)),
      },
      this.vocabulary,
    );
  }

  /** A topic named exactly (id, title or alias), or undefined. */
  topicNamed(text: string): Topic | undefined {
    const target = this.aliases.of(normalize(text));
    return target?.type === "topic" ? this.kb.topics.get(target.id) : undefined;
  }

  /** An entity named exactly (name or alias), or undefined. */
  entityNamed(text: string): Entity | undefined {
    const target = this.aliases.of(normalize(text));
    return target?.type === "entity" ? this.kb.entities.get(target.id) : undefined;
  }

  /** The closest topics to a text that matched nothing well, for "did you mean". */
  suggest(query: string, limit = 3): Topic[] {
    const q = normalize(query);
    if (!q) return [];
    return this.topicIndex.suggest(this.vocabulary.corrected(q), limit);
  }

  /** Answers "what is this query about". */
  search(query: string, options: { maxFacts?: number } = {}): SearchOutcome {
    const maxFacts = options.maxFacts ?? 5;
    const typed = normalize(query);
    if (!typed) return { kind: "none", suggestions: [] };
    const q = this.vocabulary.corrected(typed);

    const whole = this.aliases.of(typed) ?? this.aliases.of(q);
    const named = whole?.type === "topic" ? this.kb.topics.get(whole.id) : undefined;
    if (named) return { kind: "topic", topic: named, facts: this.keyFactsOf(named.id) };
    if (whole?.type === "entity") {
      const answer = this.entityAnswerOf(whole.id);
      if (answer) return answer;
    }
    return this.answerQuestion(q, maxFacts);
  }

  /** A question's answer: the best topic and facts, by topic and fact evidence together. */
  private answerQuestion(q: string, maxFacts: number): SearchOutcome {
    const namedTopics: number[] = [];
    const namedEntities: Entity[] = [];
    for (const { target } of this.aliases.in(q.split(" "))) {
      if (target.type === "topic") namedTopics.push(this.topicOrder.get(target.id) ?? -1);
      else {
        const entity = this.kb.entities.get(target.id);
        if (entity) namedEntities.push(entity);
      }
    }
    // Canonical names join the query, so "ultraman" searches as "Sam Altman" too.
    const expanded = [q, ...namedEntities.map((e) => e.name)].join(" ");

    const results =
      this.vocabulary.coverage(q) < MIN_COVERAGE ? [] : this.topicIndex.search(expanded);
    if (results.length === 0) {
      return { kind: "none", suggestions: this.topicIndex.suggest(q) };
    }
    const candidates = candidatesOf(results, namedTopics);
    const hits = this.factSearch.rank(
      this.factSearch.distinctive(expanded),
      candidates.map((c) => c.t),
      namedEntities.map((e) => this.entityNumber.get(e.id) ?? -1),
    );
    const { t, hasFact } = chooseTopic(candidates, hits, this.topicsOfFact, this.candidateSlot);
    const topic = this.topics[t];
    if (!topic) return { kind: "none", suggestions: this.topicIndex.suggest(q) };
    if (!hasFact) return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    const shown = answerFacts(hits, t, maxFacts, this.topicsOfFact, this.keyFacts[t] ?? []);
    return {
      kind: "search",
      topic,
      facts: shown.flatMap(({ position, score }) => {
        const fact = this.facts[position];
        return fact ? [{ fact, score }] : [];
      }),
      entities: namedEntities,
      // Six letters or more: short unknown words are mostly everyday verbs ("use", "ends"), not the
      // names a question is really about ("nvidia", "activision").
      unknown: q
        .split(" ")
        .filter((w) => w.length >= 6 && !STOPWORDS.has(w) && !this.vocabulary.knows(w)),
    };
  }

  /** What the base says about one person or organisation, worked out once per entity. */
  private entityAnswerOf(entityId: string): EntityAnswer | undefined {
    const cached = this.entityAnswers.get(entityId);
    if (cached !== undefined) return cached ?? undefined;
    const answer = entityAnswer(
      this.kb,
      entityId,
      (id) => this.topicOrder.get(id) ?? Number.MAX_SAFE_INTEGER,
    );
    this.entityAnswers.set(entityId, answer ?? null);
    return answer;
  }

  /** A topic's facts, key facts first, then its own before those from other topics, in order. */
  keyFactsOf(topicId: string): Fact[] {
    const t = this.topicOrder.get(topicId);
    const positions = t === undefined ? [] : (this.keyFacts[t] ?? []);
    return Array.from(positions, (p) => this.facts[p]).filter((f) => f !== undefined);
  }
}

const cache = new WeakMap<KnowledgeBase, SearchIndex>();

/** The search index of a knowledge base, built once per base (at load, by `LiveKnowledge`). */
export function searchIndexFor(kb: KnowledgeBase): SearchIndex {
  let index = cache.get(kb);
  if (!index) {
    index = new SearchIndex(kb);
    cache.set(kb, index);
  }
  return index;
}
