import type { Entity, FactRecord, Source, Topic } from "./schema.ts";
import type { When } from "./when.ts";

/** A fact as the core sees it: the record, where it lives, and its parsed date. */
export interface Fact extends FactRecord {
  /** The topic whose file holds the fact. */
  topicId: string;
  /** The home topic first, then `alsoIn`. */
  topicIds: string[];
  whenParsed: When;
  /** Position in the base's own order (topic display order, then as written): breaks ties. */
  position: number;
}

/** A validated, indexed fact base. Immutable once built; a reload builds a new one. */
export interface KnowledgeBase {
  /** The folder it was loaded from. */
  dir: string;
  sources: ReadonlyMap<string, Source>;
  /** Each source's article text as received, by source id (`articles/<id>.txt`). */
  articles: ReadonlyMap<string, string>;
  entities: ReadonlyMap<string, Entity>;
  /** In display order (`order`, then title). */
  topics: ReadonlyMap<string, Topic>;
  /** In file order: topic by topic, as written. */
  facts: ReadonlyMap<string, Fact>;
  factsByTopic: ReadonlyMap<string, readonly Fact[]>;
  factsBySource: ReadonlyMap<string, readonly Fact[]>;
  factsByEntity: ReadonlyMap<string, readonly Fact[]>;
  stats: {
    sources: number;
    /** Article texts kept (one a source in a valid base). */
    articles: number;
    topics: number;
    facts: number;
    disputed: number;
    /** Fact/source pairs: each source each fact cites. */
    citations: number;
    /** Citations that carry a quote. */
    quoted: number;
  };
}

export interface KnowledgeParts {
  dir: string;
  sources: Source[];
  /** Article texts by source id; a base built in code may have none. */
  articles?: ReadonlyMap<string, string>;
  entities: Entity[];
  topics: Topic[];
  /** Each fact with the id of the topic file it came from. */
  facts: { record: FactRecord; topicId: string; whenParsed: When }[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes parts that have already passed every check. */
export function buildKnowledgeBase(parts: KnowledgeParts): KnowledgeBase {
  const topicsSorted = [...parts.topics].sort(
    (a, b) =>
      (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
      a.title.localeCompare(b.title, "en"),
  );
  const facts = new Map<string, Fact>();
  const factsByTopic = new Map<string, Fact[]>(topicsSorted.map((t) => [t.id, []]));
  const factsBySource = new Map<string, Fact[]>(parts.sources.map((s) => [s.id, []]));
  const factsByEntity = new Map<string, Fact[]>(parts.entities.map((e) => [e.id, []]));
  let disputed = 0;
  let citations = 0;
  let quoted = 0;
  // Facts in topic display order, each file's facts as written: "the base's own order".
  // (Grouped by topic rank, each group in the given order: a stable sort by rank, in one pass.)
  const topicRank = new Map(topicsSorted.map((t, i) => [t.id, i]));
  const byRank: KnowledgeParts["facts"][] = topicsSorted.map(() => []);
  if (byRank.length === 0) byRank.push([]);
  for (const f of parts.facts) byRank[topicRank.get(f.topicId) ?? 0]?.push(f);
  for (const { record, topicId, whenParsed } of byRank.flat()) {
    // Object.assign, not a spread: the same object, ten times faster on records of many shapes.
    const fact = Object.assign({}, record) as Fact;
    fact.topicId = topicId;
    fact.topicIds = [topicId, ...(record.alsoIn ?? [])];
    fact.whenParsed = whenParsed;
    fact.position = facts.size;
    facts.set(fact.id, fact);
    for (const t of fact.topicIds) push(factsByTopic, t, fact);
    for (const s of fact.sources) push(factsBySource, s, fact);
    for (const e of fact.entities) push(factsByEntity, e, fact);
    if (fact.status === "disputed") disputed++;
    citations += fact.sources.length;
    if (fact.quotes) for (const s of fact.sources) if (fact.quotes[s] !== undefined) quoted++;
  }
  // Each topic lists its own facts first, then those filed elsewhere that it also shows.
  for (const [topicId, list] of factsByTopic) {
    factsByTopic.set(topicId, [
      ...list.filter((f) => f.topicId === topicId),
      ...list.filter((f) => f.topicId !== topicId),
    ]);
  }
  return {
    dir: parts.dir,
    sources: new Map(parts.sources.map((s) => [s.id, s])),
    articles: parts.articles ?? new Map(),
    entities: new Map(parts.entities.map((e) => [e.id, e])),
    topics: new Map(topicsSorted.map((t) => [t.id, t])),
    facts,
    factsByTopic,
    factsBySource,
    factsByEntity,
    stats: {
      sources: parts.sources.length,
      articles: parts.articles?.size ?? 0,
      topics: parts.topics.length,
      facts: facts.size,
      disputed,
      citations,
      quoted,
    },
  };
}
