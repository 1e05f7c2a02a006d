/**
 * Finding what a query is about. Aliases (topic names, people, organisations and their
 * misspellings) are resolved first. Then MiniSearch ranks topics (each indexed with its title,
 * aliases, overview and the words of its facts), and ranks facts in one index over the whole base,
 * so word weights are comparable across topics; topic and fact evidence together pick the topic.
 *
 * The fact search only considers facts of the best candidate topics, filtered in MiniSearch's
 * `boostDocument` (called before a result is built), and leaves out words so common that they tell
 * facts apart poorly. That keeps a question fast on a base of 100,000 facts. Everything is
 * deterministic: ties break on the base's own order.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import { normalize, STOPWORDS, stem } from "./normalize.ts";

/** What an alias phrase points at. */
type AliasTarget = { type: "topic"; id: string } | { type: "entity"; id: string };

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
  | { kind: "entity"; entity: Entity; topic: Topic | undefined; facts: Fact[]; total: number }
  /** A question: the best topic, and the facts that answer it best. */
  | { kind: "search"; topic: Topic; facts: FactHit[]; entities: Entity[] }
  /** Nothing answers it; `suggestions` are the closest topics, best first. */
  | { kind: "none"; suggestions: Topic[] };

/**
 * Misspellings and cut-off words are corrected once, against the vocabulary, before either index
 * is searched (see `correct`), so the searches themselves are exact: expanding every word into its
 * fuzzy and prefix neighbours costs more than the rest of an answer together.
 */
const SEARCH_OPTIONS = {
  combineWith: "OR" as const,
  // Words are indexed as written and stemmed; a query needs only the stem to meet both.
  processTerm: (term: string): string | null => {
    const p = processTerm(term);
    return Array.isArray(p) ? (p[1] as string) : p;
  },
};

/** How much of a query's meaningful words must be found for a search answer to count. */
const MIN_COVERAGE = 0.5;
/** Topics whose facts are searched for a question: the best this many by topic score. */
const CANDIDATE_TOPICS = 16;
/** A topic named in the question ("who announced stargate") counts for more. */
const NAMED_TOPIC_BOOST = 1.5;
/** A fact involving a person or organisation named in the question counts for more. */
const ENTITY_BOOST = 1.5;
const KEY_BOOST = 1.15;
/** How much the topic's own match counts against its best fact's when choosing the topic. */
const TOPIC_EVIDENCE = 0.5;
/** Facts from topics other than the chosen one count for less. */
const OTHER_TOPIC_WEIGHT = 0.75;
/** Facts scoring under this share of the best are not shown as answers. */
const FACT_FLOOR = 0.3;
/** Answers with fewer matching facts than this are filled up with the topic's key facts. */
const MIN_ANSWER_FACTS = 3;
/** A word in more than this share of facts is left out of the fact search if rarer words remain. */
const COMMON_WORD_SHARE = 0.2;
/**
 * The fact search reads the occurrences of the question's rarest words up to about this many in
 * all; more common words are left out when rarer ones remain. A base of a few hundred facts never
 * reaches it; it keeps a question on 100,000 facts within milliseconds.
 */
const OCCURRENCE_BUDGET = 3_000;
const MAX_ALIAS_WORDS = 5;
/** An entity answer shows a few facts; more than this are never needed. */
const MAX_ENTITY_FACTS = 20;

/**
 * Each word is indexed both as written and stemmed, so "announced" meets "announcement" through
 * the stem while a misspelling ("investmnet") can still fuzzily reach the full word.
 */
const processTerm = (term: string): string | string[] | null => {
  // A base repeats a few thousand words millions of times: normalise each distinct word once.
  const known = termCache.get(term);
  if (known !== undefined) return known;
  const t = normalize(term);
  const stemmed = t ? stem(t) : t;
  const result = !t || STOPWORDS.has(t) ? null : stemmed === t ? t : [t, stemmed];
  if (termCache.size > TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(term, result);
  return result;
};
const termCache = new Map<string, string | string[] | null>();
const TERM_CACHE_LIMIT = 200_000;

const termsOf = (text: string): string[] =>
  text.split(/\s+/).flatMap((w) => {
    const p = processTerm(w);
    return Array.isArray(p) ? p : p ? [p] : [];
  });

function entityWords(kb: KnowledgeBase, entityIds: Iterable<string>): string {
  const words: string[] = [];
  for (const id of entityIds) {
    const e = kb.entities.get(id);
    if (e) words.push(e.name, ...e.aliases);
  }
  return words.join(" ");
}

export class SearchIndex {
  readonly kb: KnowledgeBase;
  private readonly aliases = new Map<string, AliasTarget>();
  private readonly topicIndex: MiniSearch;
  private readonly factIndex: MiniSearch;
  private readonly topicOrder = new Map<string, number>();
  private readonly entityAnswers = new Map<
    string,
    Extract<SearchOutcome, { kind: "entity" }> | null
  >();
  /** In how many facts each indexed term occurs. */
  private readonly factsPerTerm = new Map<string, number>();
  /** In how many topics each term of the topic index occurs. */
  private readonly topicsPerTerm = new Map<string, number>();
  /** Every word either index knows, for correcting misspellings (built on first need). */
  private vocabulary: SearchableMap<number> | undefined;

  constructor(kb: KnowledgeBase) {
    this.kb = kb;
    // Entities first, then topics: a phrase that names both (Stargate) resolves to the topic.
    for (const e of kb.entities.values()) {
      for (const name of [e.name, ...e.aliases]) this.addAlias(name, { type: "entity", id: e.id });
    }
    for (const t of kb.topics.values()) {
      for (const name of [t.id.replace(/-/g, " "), t.title, ...t.aliases]) {
        this.addAlias(name, { type: "topic", id: t.id });
      }
    }
    let i = 0;
    for (const t of kb.topics.keys()) this.topicOrder.set(t, i++);

    this.factIndex = new MiniSearch({
      fields: ["text", "keywords", "when"],
      processTerm,
      searchOptions: {
        ...SEARCH_OPTIONS,
        boost: { text: 1, keywords: 1.5, when: 0.5 },
      },
    });
    // A topic is indexed with each word of its facts once: enough to tell which topics speak of
    // a word, at a fraction of the cost of indexing the facts' text a second time.
    const topicWords = new Map<string, Set<string>>();
    const topicEntities = new Map<string, Set<string>>();
    for (const f of kb.facts.values()) {
      const keywords = (f.keywords ?? []).join(" ");
      this.factIndex.add({
        id: f.id,
        text: f.text,
        keywords,
        when: f.whenParsed.precision === "unknown" ? "" : `${f.whenParsed.label} ${f.when}`,
      });
      const words = new Set(normalize(`${f.text} ${keywords}`).split(" "));
      for (const t of new Set(termsOf([...words].join(" ")))) {
        this.factsPerTerm.set(t, (this.factsPerTerm.get(t) ?? 0) + 1);
      }
      for (const topicId of f.topicIds) {
        const tw = topicWords.get(topicId) ?? new Set<string>();
        for (const w of words) tw.add(w);
        topicWords.set(topicId, tw);
        const te = topicEntities.get(topicId) ?? new Set<string>();
        for (const e of f.entities) te.add(e);
        topicEntities.set(topicId, te);
      }
    }
    this.topicIndex = new MiniSearch({
      fields: ["title", "overview", "words", "names"],
      processTerm,
      searchOptions: {
        ...SEARCH_OPTIONS,
        boost: { title: 4, names: 1.5, overview: 1.5, words: 1 },
      },
    });
    for (const t of kb.topics.values()) {
      const doc = {
        id: t.id,
        title: [t.title, ...t.aliases].join(" "),
        overview: t.overview,
        words: [...(topicWords.get(t.id) ?? [])].join(" "),
        names: entityWords(kb, topicEntities.get(t.id) ?? []),
      };
      this.topicIndex.add(doc);
      const terms = new Set(
        termsOf(normalize(`${doc.title} ${doc.overview} ${doc.words} ${doc.names}`)),
      );
      for (const term of terms)
        this.topicsPerTerm.set(term, (this.topicsPerTerm.get(term) ?? 0) + 1);
    }
  }

  private addAlias(name: string, target: AliasTarget): void {
    const key = normalize(name);
    if (key) this.aliases.set(key, target);
  }

  private knows(word: string): boolean {
    const stemmed = stem(word);
    return (
      this.factsPerTerm.has(word) ||
      this.topicsPerTerm.has(word) ||
      this.factsPerTerm.has(stemmed) ||
      this.topicsPerTerm.has(stemmed) ||
      this.aliases.has(word)
    );
  }

  /**
   * A word the indexes do not know, corrected to the closest one they do: one edit for words of
   * five to nine letters, two for longer ones, or the word it begins ("stargat" → "stargate");
   * ties go to the more common word. Unknown short words and words with no close match stay as
   * typed (and so find nothing).
   */
  private correct(word: string): string {
    if (word.length < 4 || STOPWORDS.has(word) || this.knows(word)) return word;
    if (!this.vocabulary) {
      const vocabulary = new SearchableMap<number>();
      for (const [term, n] of this.factsPerTerm) vocabulary.set(term, n);
      for (const [term, n] of this.topicsPerTerm)
        if (!vocabulary.has(term)) vocabulary.set(term, n);
      this.vocabulary = vocabulary;
    }
    let best: { term: string; distance: number; count: number } | undefined;
    const consider = (term: string, distance: number, count: number) => {
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance &&
          (count > best.count || (count === best.count && term < best.term)))
      ) {
        best = { term, distance, count };
      }
    };
    if (word.length >= 5) {
      for (const [term, [count, distance]] of this.vocabulary.fuzzyGet(
        word,
        word.length >= 10 ? 2 : 1,
      )) {
        consider(term, distance, count);
      }
    }
    let seen = 0;
    for (const [term, count] of this.vocabulary.atPrefix(word)) {
      if (++seen > 50) break;
      consider(term, 0.5, count);
    }
    return best?.term ?? word;
  }

  /** The query with its unknown words corrected. */
  private corrected(q: string): string {
    return q
      .split(" ")
      .map((w) => this.correct(w))
      .join(" ");
  }

  /** A topic named exactly (id, title or alias), or undefined. */
  topicNamed(text: string): Topic | undefined {
    const target = this.aliases.get(normalize(text));
    return target?.type === "topic" ? this.kb.topics.get(target.id) : undefined;
  }

  /** An entity named exactly (name or alias), or undefined. */
  entityNamed(text: string): Entity | undefined {
    const target = this.aliases.get(normalize(text));
    return target?.type === "entity" ? this.kb.entities.get(target.id) : undefined;
  }

  /** Alias phrases found inside a normalised query, longest first, without overlaps. */
  private aliasesIn(words: string[]): AliasTarget[] {
    const found: AliasTarget[] = [];
    const used = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(MAX_ALIAS_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        if (used.slice(i, i + n).some(Boolean)) continue;
        const phrase = words.slice(i, i + n).join(" ");
        if (n === 1 && STOPWORDS.has(phrase)) continue;
        const target = this.aliases.get(phrase);
        if (!target) continue;
        found.push(target);
        for (let k = i; k < i + n; k++) used[k] = true;
      }
    }
    return found;
  }

  /** Ranks topics for a query; deterministic. `coverage` is the share of query words found. */
  rankTopics(query: string): { hits: TopicHit[]; coverage: number } {
    const tokens = normalize(query)
      .split(" ")
      .filter((w) => w && !STOPWORDS.has(w));
    if (tokens.length === 0) return { hits: [], coverage: 0 };
    const results = this.topicIndex.search(query);
    const matched = new Set<string>();
    for (const r of results) for (const t of r.queryTerms) matched.add(t);
    const found = tokens.filter((t) => matched.has(t) || matched.has(stem(t))).length;
    const hits = results
      .map((r: SearchResult) => ({
        topic: this.kb.topics.get(String(r.id)) as Topic,
        score: r.score,
      }))
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id));
    return { hits, coverage: found / tokens.length };
  }

  /**
   * Facts ranked for a query, across the whole base or only within some topics; `weight` scales
   * each fact's score (0 leaves it out before MiniSearch builds a result for it).
   */
  rankFacts(query: string, weights?: ReadonlyMap<string, number>): FactHit[] {
    const boostDocument = weights ? (id: unknown) => weights.get(id as string) ?? 0 : undefined;
    return this.factIndex
      .search(this.distinctive(query), boostDocument ? { boostDocument } : {})
      .map((r) => ({ fact: this.kb.facts.get(String(r.id)) as Fact, score: r.score }))
      .sort((a, b) => b.score - a.score || a.fact.position - b.fact.position);
  }

  /**
   * The query's words that tell facts apart: the rarest first, as long as their occurrences fit
   * the budget, and none so common it is in a fifth of all facts, unless nothing rarer is left.
   */
  private distinctive(query: string): string {
    const words = [...new Set(normalize(query).split(" "))].filter((w) => w && !STOPWORDS.has(w));
    const count = (w: string) => this.factsPerTerm.get(w) ?? this.factsPerTerm.get(stem(w)) ?? 0;
    const limit = this.kb.facts.size * COMMON_WORD_SHARE;
    const byRarity = [...words].sort((a, b) => count(a) - count(b));
    const kept: string[] = [];
    let occurrences = 0;
    for (const w of byRarity) {
      if (kept.length > 0 && (count(w) > limit || occurrences + count(w) > OCCURRENCE_BUDGET))
        break;
      kept.push(w);
      occurrences += count(w);
    }
    return kept.join(" ");
  }

  /** The closest topics to a text that matched nothing well, for "did you mean". */
  suggest(query: string, limit = 3): Topic[] {
    const q = normalize(query);
    if (!q) return [];
    // Misspellings are already corrected against the vocabulary; no fuzzy search is needed here.
    const results = this.topicIndex.search(this.corrected(q), {
      fields: ["title", "names", "words"],
    });
    return results
      .sort((a, b) => b.score - a.score || this.order(String(a.id)) - this.order(String(b.id)))
      .slice(0, limit)
      .map((r) => this.kb.topics.get(String(r.id)) as Topic);
  }

  /** Answers "what is this query about". */
  search(query: string, options: { maxFacts?: number } = {}): SearchOutcome {
    const maxFacts = options.maxFacts ?? 5;
    const typed = normalize(query);
    if (!typed) return { kind: "none", suggestions: [] };
    const q = this.corrected(typed);

    const whole = this.aliases.get(typed) ?? this.aliases.get(q);
    if (whole?.type === "topic") {
      const topic = this.kb.topics.get(whole.id) as Topic;
      return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    }
    if (whole?.type === "entity") {
      const answer = this.entityAnswer(whole.id);
      if (answer) return answer;
    }

    const named = this.aliasesIn(q.split(" "));
    const namedTopics = new Set(named.filter((t) => t.type === "topic").map((t) => t.id));
    const namedEntities = named
      .filter((t) => t.type === "entity")
      .map((t) => this.kb.entities.get(t.id) as Entity);
    // Canonical names join the query, so "ultraman" searches as "Sam Altman" too.
    const expanded = [q, ...namedEntities.map((e) => e.name)].join(" ");

    const { hits, coverage } = this.rankTopics(expanded);
    if (hits.length === 0 || (coverage < MIN_COVERAGE && named.length === 0)) {
      return { kind: "none", suggestions: this.suggest(query) };
    }

    // Topic evidence and fact evidence together pick the topic: a topic that matches by name but
    // holds no matching fact can still win, and so can a topic whose one fact answers exactly.
    const topicScore = (h: TopicHit) =>
      h.score * (namedTopics.has(h.topic.id) ? NAMED_TOPIC_BOOST : 1);
    const candidates = hits
      .map((h) => ({ topic: h.topic, score: topicScore(h) }))
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id))
      .slice(0, CANDIDATE_TOPICS);
    const maxTopic = candidates[0]?.score ?? 1;
    const candidateIds = new Set(candidates.map((c) => c.topic.id));
    const entityIds = new Set(namedEntities.map((e) => e.id));
    // Only the candidate topics' facts take part; the weights are read once per occurrence.
    const weights = new Map<string, number>();
    for (const id of candidateIds) {
      for (const fact of this.kb.factsByTopic.get(id) ?? []) {
        const involves = fact.entities.some((e) => entityIds.has(e)) ? ENTITY_BOOST : 1;
        weights.set(fact.id, involves * (fact.key ? KEY_BOOST : 1));
      }
    }
    const factHits = this.rankFacts(expanded, weights);
    const maxFact = factHits[0]?.score ?? 0;
    const bestFactOf = new Map<string, number>();
    for (const fh of factHits) {
      for (const t of fh.fact.topicIds) if (!bestFactOf.has(t)) bestFactOf.set(t, fh.score);
    }
    const combined = candidates
      .map((c) => ({
        topic: c.topic,
        score:
          TOPIC_EVIDENCE * (c.score / maxTopic) +
          (maxFact > 0 ? (bestFactOf.get(c.topic.id) ?? 0) / maxFact : 0),
      }))
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id));
    const best = combined[0] as { topic: Topic; score: number };

    // The best-matching facts, wherever they live; the chosen topic's own facts count a bit more.
    const weighted = factHits
      .map((fh) => ({
        fact: fh.fact,
        score: fh.score * (fh.fact.topicIds.includes(best.topic.id) ? 1 : OTHER_TOPIC_WEIGHT),
      }))
      .sort((a, b) => b.score - a.score || a.fact.position - b.fact.position);
    const floor = (weighted[0]?.score ?? 0) * FACT_FLOOR;
    const facts = weighted.filter((fh) => fh.score >= floor).slice(0, maxFacts);
    if (!bestFactOf.has(best.topic.id)) {
      return { kind: "topic", topic: best.topic, facts: this.keyFactsOf(best.topic.id) };
    }
    // A narrow question that one or two facts answer gets its topic's key facts as context.
    const seen = new Set(facts.map((fh) => fh.fact.id));
    for (const f of this.keyFactsOf(best.topic.id)) {
      if (facts.length >= MIN_ANSWER_FACTS) break;
      if (!seen.has(f.id)) facts.push({ fact: f, score: 0 });
      seen.add(f.id);
    }
    return { kind: "search", topic: best.topic, facts, entities: namedEntities };
  }

  /**
   * What the base says about one person or organisation: the topic where most of its facts live,
   * and its facts from there first, key facts first. Worked out once per entity.
   */
  private entityAnswer(entityId: string): Extract<SearchOutcome, { kind: "entity" }> | undefined {
    const cached = this.entityAnswers.get(entityId);
    if (cached !== undefined) return cached ?? undefined;
    const entity = this.kb.entities.get(entityId);
    const facts = this.kb.factsByEntity.get(entityId) ?? [];
    let answer: Extract<SearchOutcome, { kind: "entity" }> | null = null;
    if (entity && facts.length > 0) {
      const topic = this.mostCommonTopic(facts);
      const byKey = (a: Fact, b: Fact) => Number(b.key) - Number(a.key) || a.position - b.position;
      const atHome = (f: Fact) => topic !== undefined && f.topicIds.includes(topic.id);
      const home = facts.filter(atHome).sort(byKey);
      const rest =
        home.length >= MAX_ENTITY_FACTS ? [] : facts.filter((f) => !atHome(f)).sort(byKey);
      answer = {
        kind: "entity",
        entity,
        topic,
        facts: [...home, ...rest].slice(0, MAX_ENTITY_FACTS),
        total: facts.length,
      };
    }
    this.entityAnswers.set(entityId, answer);
    return answer ?? undefined;
  }

  private order(topicId: string): number {
    return this.topicOrder.get(topicId) ?? Number.MAX_SAFE_INTEGER;
  }

  /** A topic's facts, key facts first, each group in file order. */
  keyFactsOf(topicId: string): Fact[] {
    const facts = [...(this.kb.factsByTopic.get(topicId) ?? [])];
    return facts.sort(
      (a, b) =>
        Number(b.key) - Number(a.key) ||
        Number(a.topicId !== topicId) - Number(b.topicId !== topicId) ||
        a.position - b.position,
    );
  }

  private mostCommonTopic(facts: readonly Fact[]): Topic | undefined {
    const counts = new Map<string, number>();
    for (const f of facts) counts.set(f.topicId, (counts.get(f.topicId) ?? 0) + 1);
    let best: string | undefined;
    for (const [id, n] of counts) {
      const bestCount = best === undefined ? -1 : (counts.get(best) ?? 0);
      if (
        n > bestCount ||
        (n === bestCount && best !== undefined && this.order(id) < this.order(best))
      )
        best = id;
    }
    return best ? this.kb.topics.get(best) : undefined;
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
