/**
 * Finding what a query is about. Aliases (topic names, people, organisations and their
 * misspellings) are resolved first; then MiniSearch ranks topics, and facts within the best
 * topics. Fact indexes are per topic and built on first use, so a large base stays fast to load
 * and quick to query. Everything is deterministic: ties break on the base's own order.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import { normalize, STOPWORDS, stem, terms } from "./normalize.ts";

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
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : term.length >= 4 ? 1 : false),
  prefix: (term: string) => term.length >= 4,
  weights: { fuzzy: 0.6, prefix: 0.7 },
  maxFuzzy: 2,
  combineWith: "OR" as const,
};

/** How much of a query's meaningful words must be found for a search answer to count. */
const MIN_COVERAGE = 0.5;
const MAX_ALIAS_WORDS = 5;

const processTerm = (term: string): string | null => {
  const t = normalize(term);
  if (!t || STOPWORDS.has(t)) return null;
  return stem(t);
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
  private readonly factIndexes = new Map<string, MiniSearch>();

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

  /** The fact index of one topic, built on first use. */
  private factIndex(topicId: string): MiniSearch {
    let index = this.factIndexes.get(topicId);
    if (!index) {
      index = new MiniSearch({
        fields: ["text", "keywords", "names", "when"],
        processTerm,
        searchOptions: {
          ...SEARCH_OPTIONS,
          boost: { text: 1, keywords: 1.5, names: 1.2, when: 0.5 },
        },
      });
      index.addAll(
        (this.kb.factsByTopic.get(topicId) ?? []).map((f) => ({
          id: f.id,
          text: f.text,
          keywords: (f.keywords ?? []).join(" "),
          names: entityWords(this.kb, f),
          when: f.whenParsed.precision === "unknown" ? "" : `${f.whenParsed.label} ${f.when}`,
        })),
      );
      this.factIndexes.set(topicId, index);
    }
    return index;
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

  /** Ranks topics for a query; deterministic. */
  rankTopics(query: string): { hits: TopicHit[]; coverage: number } {
    const queryTerms = new Set(terms(query));
    if (queryTerms.size === 0) return { hits: [], coverage: 0 };
    const results = this.topicIndex.search(query);
    const matched = new Set<string>();
    for (const r of results) for (const t of r.queryTerms) matched.add(t);
    const hits = results
      .map((r: SearchResult) => ({
        topic: this.kb.topics.get(String(r.id)) as Topic,
        score: r.score,
      }))
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id));
    return { hits, coverage: matched.size / queryTerms.size };
  }

  private order(topicId: string): number {
    return this.topicOrder.get(topicId) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Facts of a topic ranked for a query. */
  rankFacts(topicId: string, query: string): FactHit[] {
    return this.factIndex(topicId)
      .search(query)
      .map((r) => ({ fact: this.kb.facts.get(String(r.id)) as Fact, score: r.score }));
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
        facts.sort((a, b) => Number(b.key) - Number(a.key) || this.factRank(a) - this.factRank(b));
        const topic = this.mostCommonTopic(facts);
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
    const boosted = hits
      .map((h) => ({ ...h, score: h.score * (namedTopics.has(h.topic.id) ? 3 : 1) }))
      .sort((a, b) => b.score - a.score || this.order(a.topic.id) - this.order(b.topic.id));
    const best = boosted[0];
    if (!best || (coverage < MIN_COVERAGE && named.length === 0)) {
      return { kind: "none", suggestions: this.suggest(query) };
    }

    // Facts from the best few topics, weighted by their topic's standing.
    const entityIds = new Set(namedEntities.map((e) => e.id));
    const candidates = new Map<string, FactHit>();
    for (const [rank, hit] of boosted.slice(0, 3).entries()) {
      const topicWeight = rank === 0 ? 1 : (hit.score / best.score) * 0.6;
      for (const fh of this.rankFacts(hit.topic.id, expanded)) {
        const involves = fh.fact.entities.some((e) => entityIds.has(e)) ? 1.5 : 1;
        const score = fh.score * topicWeight * involves * (fh.fact.key ? 1.15 : 1);
        const prev = candidates.get(fh.fact.id);
        if (!prev || prev.score < score) candidates.set(fh.fact.id, { fact: fh.fact, score });
      }
    }
    const facts = [...candidates.values()]
      .sort((a, b) => b.score - a.score || this.factRank(a.fact) - this.factRank(b.fact))
      .slice(0, maxFacts);
    if (facts.length === 0) {
      return { kind: "topic", topic: best.topic, facts: this.keyFactsOf(best.topic.id) };
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
