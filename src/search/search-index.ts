/**
 * Finding what a query is about, step by step:
 * 1. `shorthand.ts`: "500b", "$650m", "jan 2025" are written out as the articles write them.
 * 2. `aliases.ts`: a query that is a name (topic, person, organisation, their misspellings) is
 *    answered by that name; `vocabulary.ts` corrects misspelt and cut-off words first.
 * 3. `what-is-asked.ts`: the topic a question names specifically, the names it uses that the
 *    articles never mention; `question-shape.ts`: the kind of answer it asks for.
 * 4. `topic-index.ts`: MiniSearch ranks topics (title, aliases, overview, their facts' words).
 * 5. `fact-search.ts`: one index over the whole base (`fact-index.ts`) ranks the candidate
 *    topics' facts, so word weights are comparable across topics; facts that can answer the
 *    question's shape weigh more.
 * 6. `choose.ts`: topic and fact evidence together pick the topic and the facts shown, the
 *    answering fact first; `what-is-asked.ts` says when the articles do not give what is asked.
 *    "What did <name> say" puts the facts where that person speaks first (`speakers.ts`,
 *    `spoken-facts.ts`).
 * Steps 3 to 6 need the ranking part (`ranking.ts`), built on the first query that ranks.
 * Everything is deterministic: ties break on the base's own order. Tuning is in `tuning.ts`.
 * Questions about an article itself are answered apart, from `article-question.ts`.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import { Aliases } from "./aliases.ts";
import { answerFacts, candidatesOf, chooseTopic, namedTopicFacts } from "./choose.ts";
import { type EntityAnswer, entityAnswer, keyFactsFirst } from "./entity-answer.ts";
import { listPerFact, type PerFact, topK } from "./lists.ts";
import { normalize, STOPWORDS, typedForm } from "./normalize.ts";
import type { SearchOutcome } from "./outcome.ts";
import { featuresOf, REASON, shapesOf, withoutShapeWords } from "./question-shape.ts";
import { buildRanking, type Ranking } from "./ranking.ts";
import { expandShorthand } from "./shorthand.ts";
import { Speakers } from "./speakers.ts";
import { spokenFacts } from "./spoken-facts.ts";
import { MIN_COVERAGE, SCOPE_ABOVE } from "./tuning.ts";

export type { FactHit, NotStated, SearchOutcome, TopicHit } from "./outcome.ts";

export interface SearchIndexOptions {
  /**
   * A fact-index term with more occurrences than this is indexed per topic. Answers are the same
   * either way; only the cost of reading a common word changes. Tests lower it to compare.
   */
  scopeAbove?: number;
}

export class SearchIndex {
  readonly kb: KnowledgeBase;
  private readonly scopeAbove: number;
  private readonly aliases: Aliases;
  /** Topics in the base's order; a topic's number is its place here. */
  private readonly topics: Topic[];
  private readonly topicOrder = new Map<string, number>();
  /** Facts in the base's order (a fact's number in the fact index is its position). */
  private readonly facts: Fact[];
  /** Each fact's topic numbers, home topic first. */
  private readonly topicsOf: number[][];
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
  /** `keyFactsOf`'s answers, one list per topic, made on first use: every answer shares it. */
  private readonly keyFactLists = new Map<string, readonly Fact[]>();
  private readonly entityAnswers = new Map<string, EntityAnswer | null>();
  /** The question shapes each fact can answer, by position (see `question-shape.ts`). */
  private readonly features: Uint8Array;
  private built: Ranking | undefined;
  private readonly speakers: Speakers;

  constructor(kb: KnowledgeBase, options: SearchIndexOptions = {}) {
    this.kb = kb;
    this.scopeAbove = options.scopeAbove ?? SCOPE_ABOVE;
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
    this.keyFacts = this.topics.map((t) =>
      Int32Array.from(keyFactsFirst(kb, t.id), (f) => f.position),
    );
    this.topicsOf = this.facts.map((f) =>
      f.topicIds.map((id) => this.topicOrder.get(id)).filter((t) => t !== undefined),
    );
    this.topicsOfFact = listPerFact(this.topicsOf);
    this.candidateSlot = new Int32Array(this.topics.length);

    const labels = [...this.kb.sources.values()].map((source) => source.label);
    this.features = Uint8Array.from(this.facts, (f) => featuresOf(f, labels));
    this.speakers = new Speakers(kb);
  }

  /** The ranking part, built on first use (once per index). */
  private get ranking(): Ranking {
    this.built ??= this.buildRanking();
    return this.built;
  }

  private buildRanking(): Ranking {
    return buildRanking({
      kb: this.kb,
      topics: this.topics,
      topicOrder: this.topicOrder,
      facts: this.facts,
      topicsOf: this.topicsOf,
      entityNumber: this.entityNumber,
      keyFacts: this.keyFacts,
      features: this.features,
      aliases: this.aliases,
      scopeAbove: this.scopeAbove,
    });
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

  /**
   * Whether every word of a text is one the base knows: in a fact, a topic's words or a name
   * (misspellings are not corrected). A command word typed with a slip ("timelines") is not.
   */
  knowsWords(text: string): boolean {
    const q = normalize(text);
    if (!q) return false;
    if (this.aliases.of(q)) return true;
    const { vocabulary } = this.ranking;
    return q.split(" ").every((w) => STOPWORDS.has(w) || vocabulary.knows(w));
  }

  /** The closest topics to a text that matched nothing well, for "did you mean". */
  suggest(query: string, limit = 3): Topic[] {
    const q = normalize(query);
    if (!q) return [];
    const { topicIndex, vocabulary } = this.ranking;
    return topicIndex.suggest(vocabulary.corrected(q), limit);
  }

  /** Answers "what is this query about". */
  search(query: string, options: { maxFacts?: number } = {}): SearchOutcome {
    const maxFacts = options.maxFacts ?? 5;
    const typed = expandShorthand(normalize(query));
    if (!typed) return { kind: "none", suggestions: [] };
    // A name as typed is answered without the ranking part, so "stargate" or "altman" does not
    // wait for the MiniSearch indexes: a topic's facts depend on the query only through a figure
    // in it, and a person's or organisation's answer not at all.
    const asTyped = this.aliases.of(typed);
    const namedAsTyped = asTyped?.type === "topic" ? this.kb.topics.get(asTyped.id) : undefined;
    if (namedAsTyped && !/\d/.test(typed)) {
      return { kind: "topic", topic: namedAsTyped, facts: this.keyFactsOf(namedAsTyped.id) };
    }
    if (asTyped?.type === "entity") {
      const answer = this.entityAnswerOf(asTyped.id);
      if (answer) return answer;
    }
    const q = this.ranking.vocabulary.corrected(typed);

    const whole = asTyped ?? this.aliases.of(q);
    const named = whole?.type === "topic" ? this.kb.topics.get(whole.id) : undefined;
    if (named) return { kind: "topic", topic: named, facts: this.topicFacts(named, q) };
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
    const { topicIndex, vocabulary, asked, factSearch } = this.ranking;
    const words = q.split(" ");
    const { namedTopics, namedEntities, alsoNamed, specific, nameWords } = asked.named(words);
    let namedTopic = specific;
    // Canonical names join the query, so "ultraman" searches as "Sam Altman" too.
    const expanded = [q, ...namedEntities.map((e) => e.name)].join(" ");

    const unknown = [...new Set(asked.unknownNames(words))];
    // Several words can come from one typed token ("<script>alert(1)</script>"): quoted once.
    let asTyped = [...new Set(unknown.map((w) => typedForm(raw, w)))];
    const offTopic =
      vocabulary.coverage(q) < MIN_COVERAGE || asked.aboutUnknown(words, unknown, asTyped);
    // A question naming a topic or a telling name stays on it ("stargate news"); the words the base
    // does not know are said plainly. One about an unknown owner ("Anthropic's CEO") does not.
    const staysOnName =
      offTopic &&
      asked.onlyNameAndUnknown(
        words,
        nameWords,
        specific,
        [...namedEntities, ...alsoNamed],
        asTyped,
      );
    if (staysOnName) {
      asTyped = [...new Set(asked.unknownWords(words).map((w) => typedForm(raw, w)))];
    }
    const results = offTopic && !staysOnName ? [] : topicIndex.search(expanded);
    if (results.length === 0) {
      return { kind: "none", suggestions: topicIndex.suggest(q), unknown: asTyped };
    }
    const shapes = shapesOf(typed, raw);
    // A named topic that has no fact of the kind asked for ("how many users" of a topic without
    // figures) does not decide: the facts do.
    if (namedTopic >= 0 && !asked.canAnswer(namedTopic, shapes)) namedTopic = -1;
    const candidates = candidatesOf(results, namedTopics);
    const hits = factSearch.rank(
      // The base's keywords mark the facts that give a reason with the word "reason".
      factSearch.distinctive(shapes & REASON ? `${expanded} reason` : expanded),
      candidates.map((c) => c.t),
      namedEntities.flatMap((e) => this.entityAndParts.get(e.id) ?? []),
      shapes,
    );
    const chosen = chooseTopic(candidates, hits, this.topicsOfFact, this.candidateSlot, namedTopic);
    // "What did Altman say": the facts where he speaks come first, and their topic is the answer's.
    const spoken = spokenFacts(q, hits, chosen.t === namedTopic ? namedTopic : -1, {
      facts: this.facts,
      topicsOf: this.topicsOf,
      topicsOfFact: this.topicsOfFact,
      speakers: this.speakers,
      entityOf: (name) => this.kb.entities.get(this.aliases.entityOf(name) ?? ""),
    });
    const t = spoken.topic ?? chosen.t;
    const hasFact = chosen.hasFact || spoken.facts.length > 0;
    const topic = this.topics[t];
    if (!topic) return { kind: "none", suggestions: topicIndex.suggest(q) };
    if (!hasFact) return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    const keyFacts = this.keyFacts[t] ?? new Int32Array(0);
    const ranked =
      t === namedTopic
        ? namedTopicFacts(hits, t, maxFacts, this.topicsOfFact, keyFacts, this.features, shapes)
        : answerFacts(hits, t, maxFacts, this.topicsOfFact, keyFacts, this.features, shapes);
    const shown = spoken.facts.length
      ? [
          ...spoken.facts,
          ...ranked.filter((s) => !spoken.facts.some((f) => f.position === s.position)),
        ].slice(0, Math.max(maxFacts, ranked.length))
      : ranked;
    const telling = namedEntities.filter((e) => !asked.ubiquitous(e.id));
    return {
      kind: "search",
      topic,
      facts: shown.flatMap(({ position, score }) => {
        const fact = this.facts[position];
        return fact ? [{ fact, score }] : [];
      }),
      entities: namedEntities,
      unknown: asTyped,
      notStated: asked.notStated(shapes, shown[0]?.position, telling),
      about: this.about(telling, alsoNamed),
    };
  }

  /** What a question is about, by name: the people and organisations it names that tell. */
  private about(telling: readonly Entity[], alsoNamed: readonly Entity[]): string[] {
    const { asked } = this.ranking;
    const names = [...telling, ...alsoNamed.filter((e) => !asked.ubiquitous(e.id))];
    return [...new Set(names.map((e) => e.name))];
  }

  /**
   * A topic's facts for a query that names it, key facts first; named by a figure ("500 billion"),
   * the facts stating that figure before them.
   */
  private topicFacts(topic: Topic, q: string): readonly Fact[] {
    const keyFacts = this.keyFactsOf(topic.id);
    const t = this.topicOrder.get(topic.id);
    if (t === undefined || !/\d/.test(q)) return keyFacts;
    const { factSearch } = this.ranking;
    const hits = factSearch.rank(factSearch.distinctive(q), [t], []);
    const order = topK(
      hits.positions.length,
      hits.positions.length,
      (i) => hits.scores[i] ?? 0,
      (i) => hits.positions[i] ?? 0,
    ).items.flatMap((i) => {
      const fact = this.facts[hits.positions[i] ?? -1];
      if (!fact?.topicIds.includes(topic.id)) return [];
      return [fact];
    });
    return [...order, ...keyFacts.filter((f) => !order.includes(f))];
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
  keyFactsOf(topicId: string): readonly Fact[] {
    let list = this.keyFactLists.get(topicId);
    if (!list) {
      const t = this.topicOrder.get(topicId);
      const positions = t === undefined ? [] : (this.keyFacts[t] ?? []);
      list = Object.freeze(
        Array.from(positions, (p) => this.facts[p]).filter((f) => f !== undefined),
      );
      this.keyFactLists.set(topicId, list);
    }
    return list;
  }
}

const cache = new WeakMap<KnowledgeBase, SearchIndex>();

/**
 * The search index of a knowledge base, built once per base: when first needed, or when a
 * reloaded base is prepared (`LiveKnowledge`), so a running bot's next question does not wait.
 */
export function searchIndexFor(kb: KnowledgeBase): SearchIndex {
  let index = cache.get(kb);
  if (!index) {
    index = new SearchIndex(kb);
    cache.set(kb, index);
  }
  return index;
}
