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
import { answerFacts, candidatesOf, chooseTopic, givesFigure, namedTopicFacts } from "./choose.ts";
import { type EntityAnswer, entityAnswer, keyFactsFirst } from "./entity-answer.ts";
import { buildFactIndex, countWords } from "./fact-index.ts";
import { FactSearch } from "./fact-search.ts";
import { listPerFact, type PerFact } from "./lists.ts";
import { normalize, STOPWORDS, typedForm } from "./normalize.ts";
import {
  AMOUNT,
  ATTRIBUTION,
  DATE,
  FIGURE,
  featuresOf,
  PERCENT,
  REASON,
  shapesOf,
  withoutShapeWords,
} from "./question-shape.ts";
import { expandShorthand } from "./shorthand.ts";
import { TopicIndex } from "./topic-index.ts";
import {
  MIN_COVERAGE,
  NAMED_TOPIC_SPECIFICITY,
  SCOPE_ABOVE,
  UBIQUITOUS_SHARE,
  UNKNOWN_NAME_LENGTH,
} from "./tuning.ts";
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
      /** Longer words of the question the base does not know at all, as typed. */
      unknown: string[];
      /** What the question asks for that the articles do not give, if anything. */
      notStated: NotStated | undefined;
      /** What the question is about, by name: the people or organisations it names, or the topic. */
      about: string[];
    }
  /**
   * Nothing answers it; `suggestions` are the closest topics, best first; `unknown`, the names in
   * the question the articles never mention, as typed.
   */
  | { kind: "none"; suggestions: Topic[]; unknown?: string[] };

/** A kind of answer the articles never give for what was asked. */
export type NotStated = "amount" | "date" | "percentage";

export interface SearchIndexOptions {
  /**
   * A fact-index term with more occurrences than this is indexed per topic. Answers are the same
   * either way; only the cost of reading a common word changes. Tests lower it to compare.
   */
  scopeAbove?: number;
}

/** Verb and adverb endings: such a word ("dragged", "instead", "stopped") is no name. */
const INFLECTED = /(ed|ing|ly)$/;

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
  /**
   * Each entity's number, with those of the entities named as its parts ("Google" and
   * "Google DeepMind"): a question naming the whole is about its parts too.
   */
  private readonly entityAndParts = new Map<string, number[]>();
  /** During one search: each candidate topic's place among the candidates, plus one. */
  private readonly candidateSlot: Int32Array;
  /** Each topic's fact positions, key facts first (see `keyFactsOf`). */
  private readonly keyFacts: Int32Array[];
  private readonly entityAnswers = new Map<string, EntityAnswer | null>();
  /** The question shapes each fact can answer, by position (see `question-shape.ts`). */
  private readonly features: Uint8Array;
  /** Whether any fact gives a percentage. */
  private readonly anyPercentage: boolean;
  /** Per topic: in how many of its facts each word of a topic name occurs. */
  private readonly trackedInTopic: Map<string, number>[];

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
    for (const e of kb.entities.values()) {
      const whole = `${normalize(e.name)} `;
      const numbers = [...kb.entities.values()]
        .filter((part) => part.id === e.id || normalize(part.name).startsWith(whole))
        .map((part) => this.entityNumber.get(part.id) ?? -1);
      this.entityAndParts.set(e.id, numbers);
    }
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

    const labels = [...kb.sources.values()].map((source) => source.label);
    this.features = Uint8Array.from(this.facts, (f) => featuresOf(f, labels));
    this.anyPercentage = this.features.some((f) => (f & PERCENT) !== 0);
    const words = countWords(
      this.facts,
      topicsOf,
      this.topics.length,
      this.aliases.topicNameTerms(),
    );
    this.trackedInTopic = words.trackedInTopic;
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
        features: this.features,
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
    const typed = expandShorthand(normalize(query));
    if (!typed) return { kind: "none", suggestions: [] };
    const q = this.vocabulary.corrected(typed);

    const whole = this.aliases.of(typed) ?? this.aliases.of(q);
    const named = whole?.type === "topic" ? this.kb.topics.get(whole.id) : undefined;
    if (named) return { kind: "topic", topic: named, facts: this.keyFactsOf(named.id) };
    if (whole?.type === "entity") {
      const answer = this.entityAnswerOf(whole.id);
      if (answer) return answer;
    }
    return this.answerQuestion(query, typed, withoutShapeWords(q) || q, maxFacts);
  }

  /**
   * A question's answer: the topic it names, or failing that the best topic by topic and fact
   * evidence together; the facts that answer its shape first; and whether the articles give what
   * it asks at all.
   */
  private answerQuestion(raw: string, typed: string, q: string, maxFacts: number): SearchOutcome {
    const words = q.split(" ");
    const namedTopics: number[] = [];
    const namedEntities: Entity[] = [];
    let namedTopic = -1;
    let namedSpecificity = NAMED_TOPIC_SPECIFICITY;
    for (const { target, from, to } of this.aliases.in(words)) {
      if (target.type === "topic") {
        const t = this.topicOrder.get(target.id) ?? -1;
        namedTopics.push(t);
        const specificity = this.specificity(t, words.slice(from, to).join(" "));
        if (specificity > namedSpecificity) {
          namedTopic = t;
          namedSpecificity = specificity;
        }
      } else {
        const entity = this.kb.entities.get(target.id);
        if (entity) namedEntities.push(entity);
      }
    }
    // Canonical names join the query, so "ultraman" searches as "Sam Altman" too.
    const expanded = [q, ...namedEntities.map((e) => e.name)].join(" ");

    const unknown = this.unknownNames(words);
    const results =
      this.vocabulary.coverage(q) < MIN_COVERAGE || this.aboutUnknown(words, unknown)
        ? []
        : this.topicIndex.search(expanded);
    if (results.length === 0) {
      return {
        kind: "none",
        suggestions: this.topicIndex.suggest(q),
        unknown: unknown.map((w) => typedForm(raw, w)),
      };
    }
    const shapes = shapesOf(typed, raw);
    // A named topic that has no fact of the kind asked for ("how many users" of a topic without
    // figures) does not decide: the facts do.
    if (namedTopic >= 0 && !this.canAnswer(namedTopic, shapes)) namedTopic = -1;
    const candidates = candidatesOf(results, namedTopics);
    const hits = this.factSearch.rank(
      // The base's keywords mark the facts that give a reason with the word "reason".
      this.factSearch.distinctive(shapes & REASON ? `${expanded} reason` : expanded),
      candidates.map((c) => c.t),
      namedEntities.flatMap((e) => this.entityAndParts.get(e.id) ?? []),
      shapes,
    );
    const { t, hasFact } = chooseTopic(
      candidates,
      hits,
      this.topicsOfFact,
      this.candidateSlot,
      namedTopic,
    );
    const topic = this.topics[t];
    if (!topic) return { kind: "none", suggestions: this.topicIndex.suggest(q) };
    if (!hasFact) return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    const keyFacts = this.keyFacts[t] ?? new Int32Array(0);
    const shown =
      t === namedTopic
        ? namedTopicFacts(hits, t, maxFacts, this.topicsOfFact, keyFacts, this.features, shapes)
        : answerFacts(hits, t, maxFacts, this.topicsOfFact, keyFacts, this.features, shapes);
    const telling = namedEntities.filter((e) => !this.ubiquitous(e.id));
    return {
      kind: "search",
      topic,
      facts: shown.flatMap(({ position, score }) => {
        const fact = this.facts[position];
        return fact ? [{ fact, score }] : [];
      }),
      entities: namedEntities,
      unknown: unknown.map((w) => typedForm(raw, w)),
      notStated: this.notStated(shapes, shown[0]?.position, telling),
      about: telling.length ? telling.map((e) => e.name) : [topic.title],
    };
  }

  /**
   * What the question asks for that the articles do not give: a percentage (no article gives
   * one), or an amount or date its best fact does not state, or states for something else than
   * the people and organisations the question names.
   */
  private notStated(
    shapes: number,
    first: number | undefined,
    named: readonly Entity[],
  ): NotStated | undefined {
    if (shapes & PERCENT && !this.anyPercentage) return "percentage";
    // "Which paper reported the size of the stake" asks who, not how much.
    if (first === undefined || !(shapes & (AMOUNT | DATE)) || shapes & ATTRIBUTION)
      return undefined;
    const features = this.features[first] ?? 0;
    const fact = this.facts[first];
    const involvesAll = named.every((e) => fact?.entities.includes(e.id));
    if (shapes & AMOUNT && (!(features & AMOUNT) || !involvesAll)) return "amount";
    if (shapes & DATE && !(shapes & AMOUNT) && (!(features & DATE) || !involvesAll)) return "date";
    return undefined;
  }

  /** Whether a topic has a fact giving the figure a question asks for (any does if none). */
  private canAnswer(t: number, shapes: number): boolean {
    if ((shapes & FIGURE) === 0) return true;
    return Array.from(this.keyFacts[t] ?? [], (p) => this.features[p] ?? 0).some((f) =>
      givesFigure(f, shapes),
    );
  }

  /** Longer words of the question the base does not know at all (after correcting misspellings). */
  private unknownNames(words: readonly string[]): string[] {
    return words.filter(
      (w) =>
        w.length >= UNKNOWN_NAME_LENGTH &&
        !STOPWORDS.has(w) &&
        !INFLECTED.test(w) &&
        !this.vocabulary.knows(w),
    );
  }

  /**
   * Whether the question is about something the articles never mention: it has unknown names,
   * and no more words that the base knows and that tell facts apart ("microsoft" does not).
   */
  private aboutUnknown(words: readonly string[], unknown: readonly string[]): boolean {
    if (unknown.length === 0) return false;
    const limit = this.facts.length * UBIQUITOUS_SHARE;
    const telling = words.filter(
      (w) =>
        w && !STOPWORDS.has(w) && this.vocabulary.knows(w) && this.vocabulary.factCount(w) <= limit,
    );
    return telling.length <= unknown.length;
  }

  /** Whether an entity takes part in so many facts that naming it tells nothing. */
  private ubiquitous(entityId: string): boolean {
    const n = this.kb.factsByEntity.get(entityId)?.length ?? 0;
    return n > this.facts.length * UBIQUITOUS_SHARE;
  }

  /**
   * How much a name points at one topic: of the facts with each of its words, the share that are
   * the topic's, for its least specific word. A word in no fact (only in the topic's title) is
   * fully specific; a name of stopwords only is not specific at all.
   */
  private specificity(t: number, phrase: string): number {
    const terms = Aliases.termsOf(phrase);
    if (terms.length === 0) return 0;
    let least = 1;
    for (const term of terms) {
      const all = this.vocabulary.factsPerTerm.get(term) ?? 0;
      if (all === 0) continue;
      least = Math.min(least, (this.trackedInTopic[t]?.get(term) ?? 0) / all);
    }
    return least;
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
