/**
 * Finding what a query is about. Aliases (topic names, people, organisations and their
 * misspellings) are resolved first; then MiniSearch ranks topics (each indexed with all its facts'
 * words) and facts (one index over the whole base, so word weights are comparable across topics),
 * and the two kinds of evidence together pick the topic. Words so common that they tell facts
 * apart poorly are left out of the fact search when the question has rarer ones. Deterministic:
 * ties break on the base's own order.
 */
import MiniSearch, { type SearchResult } from "minisearch";
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
  | { kind: "entity"; entity: Entity; topic: Topic | undefined; facts: Fact[] }
  /** A question: the best topic, and the facts that answer it best (from any of the top topics). */
  | { kind: "search"; topic: Topic; facts: FactHit[]; entities: Entity[] }
  /** Nothing answers it; `suggestions` are the closest topics, best first. */
  | { kind: "none"; suggestions: Topic[] };

const SEARCH_OPTIONS = {
  // Four-letter words stay exact: "next" must not fuzzily become "text".
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  prefix: (term: string) => term.length >= 4,
  weights: { fuzzy: 0.6, prefix: 0.7 },
  maxFuzzy: 2,
  combineWith: "OR" as const,
};

/** How much of a query's meaningful words must be found for a search answer to count. */
const MIN_COVERAGE = 0.5;
/** Topics whose facts are searched for a question. */
const CANDIDATE_TOPICS = 5;
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
const MAX_ALIAS_WORDS = 5;

/**
 * Each word is indexed both as written and stemmed, so "announced" meets "announcement" through
 * the stem while a misspelling ("investmnet") can still fuzzily reach the full word.
 */
const processTerm = (term: string): string | string[] | null => {
  const t = normalize(term);
  if (!t || STOPWORDS.has(t)) return null;
  const s = stem(t);
  return s === t ? t : [t, s];
};

function entityWords(kb: KnowledgeBase, fact: Fact): string {
  return fact.entities
    .map((id) => {
      const e = kb.entities.get(id);
      return e ? [e.name, ...e.aliases].join(" ") : "";
    })
    .join(" ");
}

export class SearchIndex {
  readonly kb: KnowledgeBase;
  private readonly aliases = new Map<string, AliasTarget>();
  private readonly topicIndex: MiniSearch;
  private readonly topicOrder = new Map<string, number>();
  private readonly factOrder = new Map<string, number>();
  private factIndexBuilt: MiniSearch | undefined;
  private readonly factsPerTerm = new Map<string, number>();

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
    i = 0;
    for (const f of kb.facts.keys()) this.factOrder.set(f, i++);

    this.topicIndex = new MiniSearch({
      fields: ["title", "aliases", "overview", "facts", "names"],
      processTerm,
      searchOptions: {
        ...SEARCH_OPTIONS,
        boost: { title: 4, aliases: 4, names: 1.5, overview: 1.5, facts: 1 },
      },
    });
    this.topicIndex.addAll(
      [...kb.topics.values()].map((t) => {
        const facts = kb.factsByTopic.get(t.id) ?? [];
        return {
          id: t.id,
          title: t.title,
          aliases: t.aliases.join(" "),
          overview: t.overview,
          facts: facts.map((f) => `${f.text} ${(f.keywords ?? []).join(" ")}`).join(" "),
          names: facts.map((f) => entityWords(kb, f)).join(" "),
        };
      }),
    );
  }

  private addAlias(name: string, target: AliasTarget): void {
    const key = normalize(name);
    if (key) this.aliases.set(key, target);
  }

  /** The index over every fact, built on first use. */
  private factIndex(): MiniSearch {
    if (this.factIndexBuilt) return this.factIndexBuilt;
    const index = new MiniSearch({
      fields: ["text", "keywords", "names", "when"],
      processTerm,
      searchOptions: {
        ...SEARCH_OPTIONS,
        boost: { text: 1, keywords: 1.5, names: 1.2, when: 0.5 },
      },
    });
    for (const f of this.kb.facts.values()) {
      const doc = {
        id: f.id,
        text: f.text,
        keywords: (f.keywords ?? []).join(" "),
        names: entityWords(this.kb, f),
        when: f.whenParsed.precision === "unknown" ? "" : `${f.whenParsed.label} ${f.when}`,
      };
      index.add(doc);
      const seen = new Set<string>();
      for (const word of `${doc.text} ${doc.keywords} ${doc.names}`.split(/\s+/)) {
        const processed = processTerm(word);
        for (const t of Array.isArray(processed) ? processed : processed ? [processed] : [])
          seen.add(t);
      }
      for (const t of seen) this.factsPerTerm.set(t, (this.factsPerTerm.get(t) ?? 0) + 1);
    }
    this.factIndexBuilt = index;
    return index;
  }

  /** Builds what the first question would otherwise build, e.g. right after a (re)load. */
  warm(): this {
    this.factIndex();
    return this;
  }

  /** The query without words too common to tell facts apart, unless nothing rarer is left. */
  private distinctive(query: string): string {
    const words = normalize(query)
      .split(" ")
      .filter((w) => w && !STOPWORDS.has(w));
    const limit = this.kb.facts.size * COMMON_WORD_SHARE;
    const rare = words.filter((w) => (this.factsPerTerm.get(w) ?? 0) <= limit);
    return (rare.length > 0 ? rare : words).join(" ");
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

  private order(topicId: string): number {
    return this.topicOrder.get(topicId) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Facts ranked for a query across the whole base. */
  rankFacts(query: string): FactHit[] {
    const index = this.factIndex();
    return index
      .search(this.distinctive(query))
      .map((r) => ({ fact: this.kb.facts.get(String(r.id)) as Fact, score: r.score }))
      .sort((a, b) => b.score - a.score || this.factRank(a.fact) - this.factRank(b.fact));
  }

  /** The closest topics to a text that matched nothing well, for "did you mean". */
  suggest(query: string, limit = 3): Topic[] {
    const q = normalize(query);
    if (!q) return [];
    const results = this.topicIndex.search(q, {
      fields: ["title", "aliases", "names"],
      fuzzy: 0.34,
      prefix: true,
      maxFuzzy: 3,
    });
    return results
      .sort((a, b) => b.score - a.score || this.order(String(a.id)) - this.order(String(b.id)))
      .slice(0, limit)
      .map((r) => this.kb.topics.get(String(r.id)) as Topic);
  }

  /** Answers "what is this query about". */
  search(query: string, options: { maxFacts?: number } = {}): SearchOutcome {
    const maxFacts = options.maxFacts ?? 5;
    const q = normalize(query);
    if (!q) return { kind: "none", suggestions: [] };

    const whole = this.aliases.get(q);
    if (whole?.type === "topic") {
      const topic = this.kb.topics.get(whole.id) as Topic;
      return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    }
    if (whole?.type === "entity") {
      const entity = this.kb.entities.get(whole.id) as Entity;
      const facts = [...(this.kb.factsByEntity.get(entity.id) ?? [])];
      if (facts.length > 0) {
        // The entity's own topic first (where most of its facts live), key facts first within.
        const topic = this.mostCommonTopic(facts);
        const home = (f: Fact) => (topic && f.topicIds.includes(topic.id) ? 0 : 1);
        facts.sort(
          (a, b) =>
            home(a) - home(b) ||
            Number(b.key) - Number(a.key) ||
            this.factRank(a) - this.factRank(b),
        );
        return { kind: "entity", entity, topic, facts };
      }
    }

    const words = q.split(" ");
    const named = this.aliasesIn(words);
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
    const entityIds = new Set(namedEntities.map((e) => e.id));
    const factHits = this.rankFacts(expanded).map((fh) => {
      const involves = fh.fact.entities.some((e) => entityIds.has(e)) ? ENTITY_BOOST : 1;
      return { fact: fh.fact, score: fh.score * involves * (fh.fact.key ? KEY_BOOST : 1) };
    });
    factHits.sort((a, b) => b.score - a.score || this.factRank(a.fact) - this.factRank(b.fact));
    const maxFact = factHits[0]?.score ?? 0;
    const candidateIds = new Set(hits.slice(0, CANDIDATE_TOPICS).map((h) => h.topic.id));
    for (const fh of factHits.slice(0, CANDIDATE_TOPICS))
      for (const t of fh.fact.topicIds) candidateIds.add(t);
    const candidates = hits.filter((h) => candidateIds.has(h.topic.id));
    const maxTopic = Math.max(...candidates.map(topicScore));
    const factsByTopic = new Map<string, FactHit[]>();
    for (const fh of factHits) {
      for (const t of fh.fact.topicIds) {
        if (!candidateIds.has(t)) continue;
        const list = factsByTopic.get(t);
        if (list) list.push(fh);
        else factsByTopic.set(t, [fh]);
      }
    }
    const combined = candidates
      .map((h) => {
        const bestFact = factsByTopic.get(h.topic.id)?.[0]?.score ?? 0;
        const byName = TOPIC_EVIDENCE * (topicScore(h) / maxTopic);
        return { topic: h.topic, score: byName + (maxFact > 0 ? bestFact / maxFact : 0) };
      })
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id));
    const best = combined[0] as { topic: Topic; score: number };

    // The best-matching facts, wherever they live; the chosen topic's own facts count a bit more.
    const chosen = factsByTopic.get(best.topic.id) ?? [];
    const inChosen = new Set(chosen.map((fh) => fh.fact.id));
    const weighted = factHits
      .filter((fh) => fh.fact.topicIds.some((t) => candidateIds.has(t)))
      .map((fh) => ({
        fact: fh.fact,
        score: fh.score * (inChosen.has(fh.fact.id) ? 1 : OTHER_TOPIC_WEIGHT),
      }))
      .sort((a, b) => b.score - a.score || this.factRank(a.fact) - this.factRank(b.fact));
    const floor = (weighted[0]?.score ?? 0) * FACT_FLOOR;
    const seen = new Set<string>();
    const facts = weighted
      .filter((fh) => fh.score >= floor && !seen.has(fh.fact.id) && seen.add(fh.fact.id))
      .slice(0, maxFacts);
    if (chosen.length === 0) {
      return { kind: "topic", topic: best.topic, facts: this.keyFactsOf(best.topic.id) };
    }
    // A narrow question that one or two facts answer gets its topic's key facts as context.
    for (const f of this.keyFactsOf(best.topic.id)) {
      if (facts.length >= MIN_ANSWER_FACTS) break;
      if (!seen.has(f.id)) facts.push({ fact: f, score: 0 });
      seen.add(f.id);
    }
    return { kind: "search", topic: best.topic, facts, entities: namedEntities };
  }

  private factRank(f: Fact): number {
    return this.factOrder.get(f.id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** A topic's facts, key facts first, each group in file order. */
  keyFactsOf(topicId: string): Fact[] {
    const facts = [...(this.kb.factsByTopic.get(topicId) ?? [])];
    return facts.sort(
      (a, b) =>
        Number(b.key) - Number(a.key) ||
        Number(a.topicId !== topicId) - Number(b.topicId !== topicId) ||
        this.factRank(a) - this.factRank(b),
    );
  }

  private mostCommonTopic(facts: readonly Fact[]): Topic | undefined {
    const counts = new Map<string, number>();
    for (const f of facts) counts.set(f.topicId, (counts.get(f.topicId) ?? 0) + 1);
    let best: string | undefined;
    for (const [id, n] of counts) {
      if (
        best === undefined ||
        n > (counts.get(best) ?? 0) ||
        (n === counts.get(best) && this.order(id) < this.order(best))
      ) {
        best = id;
      }
    }
    return best ? this.kb.topics.get(best) : undefined;
  }
}

const cache = new WeakMap<KnowledgeBase, SearchIndex>();

/** The search index of a knowledge base, built once per base. */
export function searchIndexFor(kb: KnowledgeBase): SearchIndex {
  let index = cache.get(kb);
  if (!index) {
    index = new SearchIndex(kb);
    cache.set(kb, index);
  }
  return index;
}
