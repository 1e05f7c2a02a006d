/**
 * Finding what a query is about. Aliases (topic names, people, organisations and their
 * misspellings) are resolved first. Then MiniSearch ranks topics (each indexed with its title,
 * aliases, overview and the words of its facts), and ranks facts in one index over the whole base,
 * so word weights are comparable across topics; topic and fact evidence together pick the topic.
 *
 * The fact search only considers facts of the best candidate topics, and leaves out words so
 * common that they tell facts apart poorly. A word found in very many facts is indexed per topic
 * ("topic:word"), so a question reads only the candidate topics' occurrences of it instead of all
 * of them; its score is then brought back to what the whole-base index would give (see
 * `rankFacts`). That keeps a question fast on a base of 100,000 facts. Everything is
 * deterministic: ties break on the base's own order.
 */
import MiniSearch, { type Query, type SearchOptions, type SearchResult } from "minisearch";
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

/**
 * Misspellings and cut-off words are corrected once, against the vocabulary, before either index
 * is searched (see `correct`), so the searches themselves are exact: expanding every word into its
 * fuzzy and prefix neighbours costs more than the rest of an answer together.
 */
const SEARCH_OPTIONS = {
  combineWith: "OR" as const,
  // Words are indexed as written and stemmed; a query needs only the stem to meet both.
  processTerm: (term: string): string | null => searchTerm(term),
};

/** How much of a query's meaningful words must be found for a search answer to count. */
const MIN_COVERAGE = 2 / 3;
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
/**
 * A fact-index term with more occurrences than this (in all fields) is indexed per topic, so that
 * reading it for a question costs the candidate topics' occurrences, not the whole base's. A base
 * of a few hundred facts has none.
 */
const SCOPE_ABOVE = 2_000;
const MAX_ALIAS_WORDS = 5;
/** An entity answer shows a few facts; more than this are never needed. */
const MAX_ENTITY_FACTS = 20;

/** The fact index's fields, in MiniSearch's field order, and their weights. */
const FACT_FIELDS = ["text", "keywords", "when"];
const FIELD_ALONE = FACT_FIELDS.map((f) => [f]);
const TOPIC_FIELDS = ["title", "overview", "words", "names"];
const FACT_BOOST = { text: 1, keywords: 1.5, when: 0.5 };
/** MiniSearch's own tokenizer: the term statistics below must see the words it indexes. */
const tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];
/**
 * MiniSearch's inverse document frequency (BM25), to bring a per-topic term's score back to the
 * whole base's: the other parts of the score (term frequency, field length, the base's document
 * count and average field length) are already the same in both.
 */
const idf = (documents: number, matching: number): number =>
  Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
/**
 * Scores rounded far below any difference that means something, so that a per-topic term, whose
 * score is computed in a different order, ties exactly where the whole-base score ties.
 */
const rounded = (score: number): number => Math.round(score * 1e9) / 1e9;

/**
 * Each word is indexed both as written and stemmed, so "announced" meets "announcement" through
 * the stem while a misspelling ("investmnet") can still fuzzily reach the full word. The written
 * form is searched too: the stemmer is light, so a question's stem can be another word as written
 * ("accesses" searches "access", which the stem of "access", "acces", would not meet).
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

/** The term a query word searches: its stem, which both the written and stemmed word meet. */
const searchTerm = (term: string): string | null => {
  const p = processTerm(term);
  return Array.isArray(p) ? (p[1] as string) : p;
};

function entityWords(kb: KnowledgeBase, entityIds: Iterable<string>): string {
  const words: string[] = [];
  for (const id of entityIds) {
    const e = kb.entities.get(id);
    if (e) words.push(e.name, ...e.aliases);
  }
  return words.join(" ");
}

/** The fact index's field values for a fact. */
function factFields(f: Fact): [string, string, string] {
  return [
    f.text,
    (f.keywords ?? []).join(" "),
    f.whenParsed.precision === "unknown" ? "" : `${f.whenParsed.label} ${f.when}`,
  ];
}

/**
 * In how many facts each word occurs (into `factsPerTerm`), how often each term of the date field
 * occurs, and the words and entities each topic's facts bring to its topic-index entry.
 */
function countWords(
  facts: readonly Fact[],
  topicsOf: readonly number[][],
  topicCount: number,
  factsPerTerm: Map<string, number>,
): { inWhen: Map<string, number>; ofTopic: Set<string>[]; entitiesOfTopic: Set<string>[] } {
  const wordStats = new Map<string, { facts: number; last: number }>();
  const inWhen = new Map<string, number>();
  const ofTopic = Array.from({ length: topicCount }, () => new Set<string>());
  const entitiesOfTopic = Array.from({ length: topicCount }, () => new Set<string>());
  for (let doc = 0; doc < facts.length; doc++) {
    const f = facts[doc] as Fact;
    const fields = factFields(f);
    const words = normalize(`${fields[0]} ${fields[1]}`).split(" ");
    for (const w of words) {
      const p = processTerm(w);
      if (p === null) continue;
      for (const term of typeof p === "string" ? [p] : p) {
        let stats = wordStats.get(term);
        if (stats === undefined) {
          stats = { facts: 0, last: -1 };
          wordStats.set(term, stats);
        }
        if (stats.last === doc) continue;
        stats.last = doc;
        stats.facts++;
      }
    }
    for (const token of tokenize(fields[2])) {
      const p = processTerm(token);
      if (p === null) continue;
      for (const term of typeof p === "string" ? [p] : p) {
        inWhen.set(term, (inWhen.get(term) ?? 0) + 1);
      }
    }
    for (const t of topicsOf[doc] as number[]) {
      const tw = ofTopic[t] as Set<string>;
      for (const w of words) tw.add(w);
      const te = entitiesOfTopic[t] as Set<string>;
      for (const e of f.entities) te.add(e);
    }
  }
  for (const [term, stats] of wordStats) factsPerTerm.set(term, stats.facts);
  return { inWhen, ofTopic, entitiesOfTopic };
}

/**
 * The fact index: each fact under its position. A `common` term is indexed once per topic of the
 * fact instead ("topic:word"), and its facts are counted per field, across the base and per
 * topic, as MiniSearch counts them (see `rankFacts`).
 */
function buildFactIndex(
  facts: readonly Fact[],
  topicsOf: readonly number[][],
  topicCount: number,
  common: (term: string) => boolean,
): {
  index: MiniSearch;
  scoped: Map<string, [number, number, number]>;
  counts: Map<string, number>[][];
} {
  const scoped = new Map<string, [number, number, number]>();
  const counts = Array.from({ length: topicCount }, () =>
    FACT_FIELDS.map(() => new Map<string, number>()),
  );
  const isScoped = new Map<string, boolean>();
  const names = Array.from({ length: topicCount }, () => new Map<string, string>());
  const seenInDoc = FACT_FIELDS.map(() => new Set<string>());
  let topicsOfDoc: number[] = [];
  const nameOf = (t: number, term: string): string => {
    const named = names[t] as Map<string, string>;
    let name = named.get(term);
    if (name === undefined) {
      name = scopedName(t, term);
      named.set(term, name);
    }
    return name;
  };
  const indexed = (term: string, field: number): string | string[] => {
    let perTopic = isScoped.get(term);
    if (perTopic === undefined) {
      perTopic = common(term);
      isScoped.set(term, perTopic);
      if (perTopic) scoped.set(term, [0, 0, 0]);
    }
    if (!perTopic) return term;
    const seen = seenInDoc[field] as Set<string>;
    if (!seen.has(term)) {
      // The first occurrence in this fact's field: one more fact, in the base and its topics.
      seen.add(term);
      const n = scoped.get(term) as [number, number, number];
      n[field] = (n[field] as number) + 1;
      for (const t of topicsOfDoc) {
        const inTopic = (counts[t] as Map<string, number>[])[field] as Map<string, number>;
        inTopic.set(term, (inTopic.get(term) ?? 0) + 1);
      }
    }
    if (topicsOfDoc.length === 1) return nameOf(topicsOfDoc[0] as number, term);
    const out: string[] = [];
    for (const t of topicsOfDoc) out.push(nameOf(t, term));
    return out;
  };
  const fieldNumber = (name: string | undefined) =>
    name === "text" ? 0 : name === "keywords" ? 1 : 2;
  const index = new MiniSearch({
    fields: [...FACT_FIELDS],
    processTerm: (token, fieldName) => {
      const p = processTerm(token);
      if (p === null) return null;
      const field = fieldNumber(fieldName);
      if (typeof p === "string") return indexed(p, field);
      const written = indexed(p[0] as string, field);
      const stemmed = indexed(p[1] as string, field);
      return typeof written === "string" && typeof stemmed === "string"
        ? [written, stemmed]
        : [written, stemmed].flat();
    },
    searchOptions: { ...SEARCH_OPTIONS, boost: FACT_BOOST },
  });
  for (let doc = 0; doc < facts.length; doc++) {
    topicsOfDoc = topicsOf[doc] as number[];
    for (const seen of seenInDoc) seen.clear();
    const [text, keywords, when] = factFields(facts[doc] as Fact);
    index.add({ id: doc, text, keywords, when });
  }
  return { index, scoped, counts };
}

/** The name a common term is indexed under for one topic (by number): "topic:word". */
const scopedName = (t: number, term: string): string => `${t.toString(36)}:${term}`;

/**
 * The best `k` of `n` items, best first: by score, higher first, then by key, lower first (the
 * same as sorting them all and keeping the first `k`, without sorting or allocating per item).
 */
function topK(
  n: number,
  k: number,
  scoreAt: (i: number) => number,
  keyAt: (i: number) => number,
): { items: number[]; scores: number[] } {
  const items: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = scoreAt(i);
    const key = keyAt(i);
    let j = items.length;
    while (
      j > 0 &&
      (score > (scores[j - 1] as number) ||
        (score === scores[j - 1] && key < keyAt(items[j - 1] as number)))
    ) {
      j--;
    }
    if (j >= k) continue;
    items.splice(j, 0, i);
    scores.splice(j, 0, score);
    if (items.length > k) {
      items.pop();
      scores.pop();
    }
  }
  return { items, scores };
}

/**
 * Every search is a combination of parts of one shape, so that MiniSearch's code, compiled for
 * one question, is not thrown away for the next (a part's options are merged into objects whose
 * shape follows theirs).
 */
const part = (
  text: string,
  fields: string[],
  tokenizer: (text: string) => string[],
  toTerm: (term: string) => string | null,
  boostDocument: ((id: number, term: string) => number) | undefined,
  boostTerm: ((term: string) => number) | undefined,
): Query => ({
  queries: [text],
  fields,
  tokenize: tokenizer,
  processTerm: toTerm,
  boostDocument,
  boostTerm,
});
const anyOf = (queries: Query[]): Query => ({ combineWith: "OR", queries });
const NO_OPTIONS: SearchOptions = {};

const splitSpaces = (text: string): string[] => text.split(" ");
const asIs = (term: string): string => term;

/** Numbers listed per fact in one array: fact p's are `list[start[p]]` to `list[start[p + 1] - 1]`. */
interface PerFact {
  start: Int32Array;
  list: Int32Array;
}

function listPerFact(lists: readonly number[][]): PerFact {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, p) => {
    start[p + 1] = (start[p] as number) + l.length;
  });
  const list = new Int32Array(start[lists.length] as number);
  lists.forEach((l, p) => {
    list.set(l, start[p] as number);
  });
  return { start, list };
}

function listed(lists: PerFact, p: number, n: number): boolean {
  for (let k = lists.start[p] as number; k < (lists.start[p + 1] as number); k++) {
    if (lists.list[k] === n) return true;
  }
  return false;
}

/** A topic whose facts a question searches, by number, with its topic score. */
interface TopicCandidate {
  t: number;
  score: number;
}

/** Facts a fact search found: positions and scores. */
interface FactHits {
  positions: number[];
  scores: number[];
}

/** Per field of a query: the per-topic terms it reads, their correction and topic. */
interface ScopedField {
  terms: string[];
  correction: Map<string, { factor: number; owner: number }>;
}

export class SearchIndex {
  readonly kb: KnowledgeBase;
  private readonly aliases = new Map<string, AliasTarget>();
  /** The same aliases keyed by their words' stems, so "azur" or "stargat" still names them. */
  private readonly stemmedAliases = new Map<string, AliasTarget>();
  /** The first word of each alias, with the most words an alias starting with it has. */
  private readonly aliasStarts = new Map<string, number>();
  private readonly topicIndex: MiniSearch;
  private readonly factIndex: MiniSearch;
  /** Topics in the base's order; a topic's number is its place here. */
  private readonly topics: Topic[];
  private readonly topicOrder = new Map<string, number>();
  /** Facts in the base's order (a fact's number in the fact index is its position). */
  private readonly facts: Fact[];
  /** Each topic's fact positions, as `factsByTopic` lists them. */
  private readonly factsOfTopic: Int32Array[];
  /**
   * What the search reads of each fact, laid out by position so that a question on a large base
   * does not visit fact objects all over the heap: its topics' and entities' numbers, and whether
   * it is a key fact.
   */
  private readonly topicsOfFact: PerFact;
  private readonly entitiesOfFact: PerFact;
  private readonly entityNumber = new Map<string, number>();
  private readonly keyFact: Uint8Array;
  /** During one search: each candidate topic's place among the candidates, plus one. */
  private readonly candidateSlot: Int32Array;
  /** Each topic's fact positions, key facts first (see `keyFactsOf`). */
  private readonly keyFacts: Int32Array[];
  private readonly entityAnswers = new Map<
    string,
    Extract<SearchOutcome, { kind: "entity" }> | null
  >();
  /** In how many facts each indexed term occurs. */
  private readonly factsPerTerm = new Map<string, number>();
  /** In how many topics each term of the topic index occurs. */
  private readonly topicsPerTerm = new Map<string, number>();
  /** Every word either index knows, for correcting misspellings. */
  private readonly vocabulary = new SearchableMap<number>();
  /** Terms indexed per topic, with their facts per field in the whole base. */
  private readonly scoped: Map<string, [number, number, number]>;
  /** Per topic number and field: in how many of the topic's facts each per-topic term occurs. */
  private readonly scopedCounts: Map<string, number>[][];
  /**
   * During one fact search: each candidate fact's weight (0 leaves it out before MiniSearch builds
   * a result for it) and the candidate topic (number + 1) it is read under.
   */
  private readonly weight: Float64Array;
  private readonly owner: Int32Array;
  private readonly scopedFields: ScopedField[] = FACT_FIELDS.map(() => ({
    terms: [],
    correction: new Map(),
  }));
  private readonly wholeBaseBoost = (id: number): number => this.weight[id] as number;
  private readonly scopedBoosts = this.scopedFields.map(
    (field) =>
      (id: number, term: string): number => {
        const c = field.correction.get(term);
        return c !== undefined && this.owner[id] === c.owner
          ? (this.weight[id] as number) * c.factor
          : 0;
      },
  );

  constructor(kb: KnowledgeBase, options: SearchIndexOptions = {}) {
    this.kb = kb;
    const scopeAbove = options.scopeAbove ?? SCOPE_ABOVE;
    // Entities first, then topics: a phrase that names both (Stargate) resolves to the topic.
    for (const e of kb.entities.values()) {
      for (const name of [e.name, ...e.aliases]) this.addAlias(name, { type: "entity", id: e.id });
    }
    for (const t of kb.topics.values()) {
      for (const name of [t.id.replace(/-/g, " "), t.title, ...t.aliases]) {
        this.addAlias(name, { type: "topic", id: t.id });
      }
    }
    this.topics = [...kb.topics.values()];
    this.topics.forEach((t, i) => {
      this.topicOrder.set(t.id, i);
    });
    this.facts = [...kb.facts.values()];
    // A fact's position is its place in `kb.facts`, and so in `this.facts`.
    this.factsOfTopic = this.topics.map((t) =>
      Int32Array.from(kb.factsByTopic.get(t.id) ?? [], (f) => f.position),
    );
    this.keyFacts = this.topics.map((t) =>
      Int32Array.from(this.sortKeyFacts(t.id), (f) => f.position),
    );
    [...kb.entities.keys()].forEach((id, i) => {
      this.entityNumber.set(id, i);
    });
    const topicsOf = this.facts.map((f) =>
      f.topicIds.map((id) => this.topicOrder.get(id)).filter((t) => t !== undefined),
    );
    this.topicsOfFact = listPerFact(topicsOf);
    this.entitiesOfFact = listPerFact(
      this.facts.map((f) =>
        f.entities.map((id) => this.entityNumber.get(id)).filter((e) => e !== undefined),
      ),
    );
    this.keyFact = Uint8Array.from(this.facts, (f) => (f.key ? 1 : 0));
    this.candidateSlot = new Int32Array(this.topics.length);
    this.weight = new Float64Array(this.facts.length);
    this.owner = new Int32Array(this.facts.length);

    const words = countWords(this.facts, topicsOf, this.topics.length, this.factsPerTerm);
    const common = (term: string) =>
      (this.factsPerTerm.get(term) ?? 0) + (words.inWhen.get(term) ?? 0) > scopeAbove;
    const facts = buildFactIndex(this.facts, topicsOf, this.topics.length, common);
    this.factIndex = facts.index;
    this.scoped = facts.scoped;
    this.scopedCounts = facts.counts;
    this.topicIndex = new MiniSearch({
      fields: [...TOPIC_FIELDS],
      processTerm,
      searchOptions: {
        ...SEARCH_OPTIONS,
        boost: { title: 4, names: 1.5, overview: 1.5, words: 1 },
      },
    });
    this.topics.forEach((t, i) => {
      const doc = {
        id: i,
        title: [t.title, ...t.aliases].join(" "),
        overview: t.overview,
        words: [...(words.ofTopic[i] as Set<string>)].join(" "),
        names: entityWords(kb, words.entitiesOfTopic[i] as Set<string>),
      };
      this.topicIndex.add(doc);
      const seen = new Set<string>();
      for (const w of normalize(`${doc.title} ${doc.overview} ${doc.words} ${doc.names}`).split(
        /\s+/,
      )) {
        const p = processTerm(w);
        if (p === null) continue;
        for (const term of typeof p === "string" ? [p] : p) {
          if (seen.has(term)) continue;
          seen.add(term);
          this.topicsPerTerm.set(term, (this.topicsPerTerm.get(term) ?? 0) + 1);
        }
      }
    });

    for (const [term, n] of this.factsPerTerm) this.vocabulary.set(term, n);
    for (const [term, n] of this.topicsPerTerm) {
      if (!this.vocabulary.has(term)) this.vocabulary.set(term, n);
    }
  }

  private addAlias(name: string, target: AliasTarget): void {
    const key = normalize(name);
    if (!key) return;
    this.aliases.set(key, target);
    const words = key.split(" ");
    const stemmed = words.map(stem);
    this.stemmedAliases.set(stemmed.join(" "), target);
    for (const first of [words[0] as string, stemmed[0] as string]) {
      this.aliasStarts.set(first, Math.max(this.aliasStarts.get(first) ?? 0, words.length));
    }
  }

  /** What a phrase names: exactly, or failing that by the stems of its words. */
  private aliasFor(phrase: string): AliasTarget | undefined {
    return (
      this.aliases.get(phrase) ?? this.stemmedAliases.get(phrase.split(" ").map(stem).join(" "))
    );
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
   * A word the indexes do not know, corrected to the closest one they do: one edit (or two letters
   * swapped) for words of five to seven letters, two for longer ones, or the word it begins ("stargat" → "stargate");
   * ties go to the more common word; failing those, two known words run together are split.
   * Unknown short words and words with no close match stay as typed (and so find nothing).
   */
  private correct(word: string): string {
    if (word.length < 4 || STOPWORDS.has(word) || this.knows(word)) return word;
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
        word.length >= 8 ? 2 : 1,
      )) {
        consider(term, distance, count);
      }
      // Two letters swapped ("clasue") is one slip, though it is two edits.
      for (let i = 0; i + 1 < word.length; i++) {
        const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
        const count = this.vocabulary.get(swapped);
        if (count !== undefined) consider(swapped, 1, count);
      }
    }
    let seen = 0;
    for (const [term, count] of this.vocabulary.atPrefix(word)) {
      if (++seen > 50) break;
      consider(term, 0.5, count);
    }
    if (best) return best.term;
    // Two known words run together ("hardfork", "cofounder"): split where both halves are known.
    for (let i = 2; i <= word.length - 3; i++) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if (this.knows(left) && this.knows(right)) return `${left} ${right}`;
    }
    return word;
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
    const target = this.aliasFor(normalize(text));
    return target?.type === "topic" ? this.kb.topics.get(target.id) : undefined;
  }

  /** An entity named exactly (name or alias), or undefined. */
  entityNamed(text: string): Entity | undefined {
    const target = this.aliasFor(normalize(text));
    return target?.type === "entity" ? this.kb.entities.get(target.id) : undefined;
  }

  /** Alias phrases found inside a normalised query, longest first, without overlaps. */
  private aliasesIn(words: string[]): AliasTarget[] {
    const found: AliasTarget[] = [];
    const used = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(MAX_ALIAS_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        if ((this.aliasStarts.get(words[i] as string) ?? 0) < n) continue;
        if (used.slice(i, i + n).some(Boolean)) continue;
        const phrase = words.slice(i, i + n).join(" ");
        if (n === 1 && STOPWORDS.has(phrase)) continue;
        const target = this.aliasFor(phrase);
        if (!target) continue;
        found.push(target);
        for (let k = i; k < i + n; k++) used[k] = true;
      }
    }
    return found;
  }

  /**
   * The topic index searched for a text. A word the text repeats (a question naming Nadella also
   * searches his full name) is read once and counts as often as it is repeated, as it would if it
   * were read each time; scores are rounded so that the order of the sums does not matter.
   */
  private searchTopics(text: string, fields?: string[]): SearchResult[] {
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
    const results = this.topicIndex.search(
      anyOf([
        part(tokens.join(" "), fields ?? TOPIC_FIELDS, tokenize, searchTerm, undefined, boostTerm),
      ]),
      NO_OPTIONS,
    );
    for (const r of results) r.score = rounded(r.score);
    return results;
  }

  /**
   * The share of a (corrected) query's meaningful words that the base knows. A question whose
   * words are mostly unknown is about something else ("does openai have a deal with apple for
   * siri"), and answering it with facts that share its one known word would mislead.
   */
  private coverage(q: string): number {
    const tokens = q.split(" ").filter((w) => w && !STOPWORDS.has(w));
    if (tokens.length === 0) return 0;
    return tokens.filter((w) => this.knows(w)).length / tokens.length;
  }

  /**
   * Facts of the candidate topics ranked for some words, as the whole-base index scores them;
   * unordered. A fact involving one of `entities` (numbers) or being a key fact weighs more.
   */
  private rankFacts(
    words: readonly string[],
    candidates: readonly number[],
    entities: readonly number[],
  ): FactHits {
    // Only the candidate topics' facts take part; their weights are read once per occurrence.
    const { start, list } = this.entitiesOfFact;
    for (const t of candidates) {
      for (const p of this.factsOfTopic[t] as Int32Array) {
        if (this.owner[p] !== 0) continue;
        this.owner[p] = t + 1;
        let involves = 1;
        for (let k = start[p] as number; k < (start[p + 1] as number) && involves === 1; k++) {
          if (entities.includes(list[k] as number)) involves = ENTITY_BOOST;
        }
        this.weight[p] = involves * (this.keyFact[p] === 1 ? KEY_BOOST : 1);
      }
    }
    try {
      const results = this.factIndex.search(this.factQuery(words, candidates), NO_OPTIONS);
      const hits: FactHits = {
        positions: new Array(results.length),
        scores: new Array(results.length),
      };
      for (let i = 0; i < results.length; i++) {
        const r = results[i] as SearchResult;
        hits.positions[i] = r.id as number;
        hits.scores[i] = rounded(r.score);
      }
      return hits;
    } finally {
      for (const t of candidates) {
        for (const p of this.factsOfTopic[t] as Int32Array) {
          this.owner[p] = 0;
          this.weight[p] = 0;
        }
      }
      for (const field of this.scopedFields) {
        field.terms.length = 0;
        field.correction.clear();
      }
    }
  }

  /**
   * The fact search for some words: rare words read across the base, each weighted per fact;
   * common (per-topic) words read in the candidate topics only, per field, each occurrence's score
   * multiplied by the whole base's inverse document frequency over the topic's.
   */
  private factQuery(words: readonly string[], candidates: readonly number[]): Query {
    const wholeBase: string[] = [];
    let scoped = false;
    for (const w of words) {
      const term = searchTerm(w);
      const inBase = term === null ? undefined : this.scoped.get(term);
      if (term === null || inBase === undefined) {
        wholeBase.push(w);
        continue;
      }
      for (const t of candidates) {
        const counts = this.scopedCounts[t] as Map<string, number>[];
        for (let field = 0; field < FACT_FIELDS.length; field++) {
          const inTopic = (counts[field] as Map<string, number>).get(term);
          if (inTopic === undefined) continue;
          scoped = true;
          const f = this.scopedFields[field] as ScopedField;
          const name = scopedName(t, term);
          f.terms.push(name);
          const n = this.facts.length;
          f.correction.set(name, {
            factor: idf(n, inBase[field] as number) / idf(n, inTopic),
            owner: t + 1,
          });
        }
      }
    }
    const queries: Query[] = [];
    if (wholeBase.length > 0 || !scoped) {
      queries.push(
        part(
          wholeBase.join(" "),
          FACT_FIELDS,
          tokenize,
          searchTerm,
          this.wholeBaseBoost,
          undefined,
        ),
      );
    }
    this.scopedFields.forEach((f, field) => {
      if (f.terms.length === 0) return;
      const fields = FIELD_ALONE[field] as string[];
      queries.push(
        part(f.terms.join(" "), fields, splitSpaces, asIs, this.scopedBoosts[field], undefined),
      );
    });
    return anyOf(queries);
  }

  /**
   * The query's words that tell facts apart: the rarest first, as long as their occurrences fit
   * the budget, and none so common it is in a fifth of all facts, unless nothing rarer is left.
   */
  private distinctive(query: string): string[] {
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
    return kept;
  }

  /** The closest topics to a text that matched nothing well, for "did you mean". */
  suggest(query: string, limit = 3): Topic[] {
    const q = normalize(query);
    if (!q) return [];
    return this.suggestFor(this.corrected(q), limit);
  }

  /** Suggestions for a query already normalised and corrected. */
  private suggestFor(corrected: string, limit = 3): Topic[] {
    // Misspellings are already corrected against the vocabulary; no fuzzy search is needed here.
    const results = this.searchTopics(corrected, ["title", "names", "words"]);
    const topicOf = (i: number) => (results[i] as SearchResult).id as number;
    return topK(
      results.length,
      limit,
      (i) => (results[i] as SearchResult).score,
      topicOf,
    ).items.map((i) => this.topics[topicOf(i)] as Topic);
  }

  /** Answers "what is this query about". */
  search(query: string, options: { maxFacts?: number } = {}): SearchOutcome {
    const maxFacts = options.maxFacts ?? 5;
    const typed = normalize(query);
    if (!typed) return { kind: "none", suggestions: [] };
    const q = this.corrected(typed);

    const whole = this.aliasFor(typed) ?? this.aliasFor(q);
    if (whole?.type === "topic") {
      const topic = this.kb.topics.get(whole.id) as Topic;
      return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    }
    if (whole?.type === "entity") {
      const answer = this.entityAnswer(whole.id);
      if (answer) return answer;
    }
    return this.answerQuestion(q, maxFacts);
  }

  /** A question's answer: the best topic and facts, by topic and fact evidence together. */
  private answerQuestion(q: string, maxFacts: number): SearchOutcome {
    const named = this.aliasesIn(q.split(" "));
    const namedTopics: number[] = [];
    const namedEntities: Entity[] = [];
    for (const target of named) {
      if (target.type === "topic") namedTopics.push(this.topicOrder.get(target.id) ?? -1);
      else namedEntities.push(this.kb.entities.get(target.id) as Entity);
    }
    // Canonical names join the query, so "ultraman" searches as "Sam Altman" too.
    const expanded = [q, ...namedEntities.map((e) => e.name)].join(" ");

    const results = this.coverage(q) < MIN_COVERAGE ? [] : this.searchTopics(expanded);
    if (results.length === 0) {
      return { kind: "none", suggestions: this.suggestFor(q) };
    }
    const candidates = this.candidatesOf(results, namedTopics);
    const hits = this.rankFacts(
      this.distinctive(expanded),
      candidates.map((c) => c.t),
      namedEntities.map((e) => this.entityNumber.get(e.id) ?? -1),
    );
    const { t, hasFact } = this.chooseTopic(candidates, hits);
    const topic = this.topics[t] as Topic;
    if (!hasFact) return { kind: "topic", topic, facts: this.keyFactsOf(topic.id) };
    return {
      kind: "search",
      topic,
      facts: this.answerFacts(hits, t, maxFacts),
      entities: namedEntities,
      // Six letters or more: short unknown words are mostly everyday verbs ("use", "ends"), not the
      // names a question is really about ("nvidia", "activision").
      unknown: q.split(" ").filter((w) => w.length >= 6 && !STOPWORDS.has(w) && !this.knows(w)),
    };
  }

  /**
   * The topics whose facts are searched: the best by topic score, a topic named in the question
   * counting for more.
   */
  private candidatesOf(results: SearchResult[], namedTopics: number[]): TopicCandidate[] {
    const topicOf = (i: number) => (results[i] as SearchResult).id as number;
    const { items, scores } = topK(
      results.length,
      CANDIDATE_TOPICS,
      (i) =>
        (results[i] as SearchResult).score *
        (namedTopics.includes(topicOf(i)) ? NAMED_TOPIC_BOOST : 1),
      topicOf,
    );
    return items.map((i, rank) => ({ t: topicOf(i), score: scores[rank] as number }));
  }

  /**
   * Topic evidence and fact evidence together pick the topic: a topic that matches by name but
   * holds no matching fact can still win, and so can a topic whose one fact answers exactly.
   */
  private chooseTopic(
    candidates: TopicCandidate[],
    hits: FactHits,
  ): { t: number; hasFact: boolean } {
    const { positions, scores } = hits;
    const maxTopic = candidates[0]?.score ?? 1;
    // Each candidate topic's best fact score (a fact counts for every topic that lists it).
    const bestFact = new Float64Array(candidates.length).fill(Number.NaN);
    let maxFact = 0;
    candidates.forEach((c, i) => {
      this.candidateSlot[c.t] = i + 1;
    });
    const { start, list } = this.topicsOfFact;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as number;
      const score = scores[i] as number;
      if (score > maxFact) maxFact = score;
      for (let k = start[p] as number; k < (start[p + 1] as number); k++) {
        const slot = (this.candidateSlot[list[k] as number] as number) - 1;
        if (slot >= 0 && !((bestFact[slot] as number) >= score)) bestFact[slot] = score;
      }
    }
    for (const c of candidates) this.candidateSlot[c.t] = 0;
    let chosen = 0;
    let chosenScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((c, i) => {
      const factScore = bestFact[i] as number;
      const score =
        TOPIC_EVIDENCE * (c.score / maxTopic) +
        (maxFact > 0 ? (Number.isNaN(factScore) ? 0 : factScore) / maxFact : 0);
      const t = (candidates[chosen] as TopicCandidate).t;
      if (i === 0 || score > chosenScore || (score === chosenScore && c.t < t)) {
        chosen = i;
        chosenScore = score;
      }
    });
    return {
      t: (candidates[chosen] as TopicCandidate).t,
      hasFact: !Number.isNaN(bestFact[chosen] as number),
    };
  }

  /**
   * The best-matching facts, wherever they live, the chosen topic's own counting a bit more.
   */
  private answerFacts(hits: FactHits, t: number, maxFacts: number): FactHit[] {
    const { positions, scores } = hits;
    const positionAt = (i: number) => positions[i] as number;
    const weighted = topK(
      positions.length,
      maxFacts,
      (i) =>
        (scores[i] as number) *
        (listed(this.topicsOfFact, positionAt(i), t) ? 1 : OTHER_TOPIC_WEIGHT),
      positionAt,
    );
    const floor = (weighted.scores[0] ?? 0) * FACT_FLOOR;
    const shown: number[] = [];
    const facts: FactHit[] = [];
    weighted.items.forEach((i, rank) => {
      const score = weighted.scores[rank] as number;
      if (score < floor) return;
      shown.push(positionAt(i));
      facts.push({ fact: this.facts[positionAt(i)] as Fact, score });
    });
    // A narrow question that one or two facts answer gets its topic's key facts as context.
    for (const p of this.keyFacts[t] as Int32Array) {
      if (facts.length >= MIN_ANSWER_FACTS) break;
      if (!shown.includes(p)) facts.push({ fact: this.facts[p] as Fact, score: 0 });
    }
    return facts;
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
      // Key facts first, then in the base's order; only the first few are ever shown.
      const first = (list: Fact[], k: number) =>
        topK(
          list.length,
          k,
          (i) => Number((list[i] as Fact).key),
          (i) => (list[i] as Fact).position,
        ).items.map((i) => list[i] as Fact);
      const atHome = (f: Fact) => topic !== undefined && f.topicIds.includes(topic.id);
      const home = facts.filter(atHome);
      const shown = first(home, MAX_ENTITY_FACTS);
      if (shown.length < MAX_ENTITY_FACTS) {
        shown.push(
          ...first(
            facts.filter((f) => !atHome(f)),
            MAX_ENTITY_FACTS - shown.length,
          ),
        );
      }
      answer = { kind: "entity", entity, topic, facts: shown, total: facts.length };
    }
    this.entityAnswers.set(entityId, answer);
    return answer ?? undefined;
  }

  private order(topicId: string): number {
    return this.topicOrder.get(topicId) ?? Number.MAX_SAFE_INTEGER;
  }

  /** A topic's facts, key facts first, then its own before those from other topics, in order. */
  keyFactsOf(topicId: string): Fact[] {
    const t = this.topicOrder.get(topicId);
    return t === undefined
      ? []
      : Array.from(this.keyFacts[t] as Int32Array, (p) => this.facts[p] as Fact);
  }

  private sortKeyFacts(topicId: string): Fact[] {
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
