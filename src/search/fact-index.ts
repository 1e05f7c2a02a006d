/**
 * Building the fact index: each fact under its position, with its text, keywords and date. A word
 * found in very many facts is indexed per topic ("topic:word"), so a question reads only the
 * candidate topics' occurrences of it instead of all of them (see `fact-search.ts`).
 */
import MiniSearch from "minisearch";
import type { Fact } from "../knowledge/knowledge-base.ts";
import { normalize } from "./normalize.ts";
import { expandShorthand } from "./shorthand.ts";
import { processTerm, SEARCH_OPTIONS, termsOf, tokenize } from "./terms.ts";
import { FACT_BOOST, FACT_FIELDS } from "./tuning.ts";

/** The fact index's field values for a fact: text, keywords, date (month names in full too). */
export function factFields(f: Fact): [string, string, string] {
  const { label, precision } = f.whenParsed;
  return [
    f.text,
    (f.keywords ?? []).join(" "),
    precision === "unknown" ? "" : `${label} ${expandShorthand(normalize(label))} ${f.when}`,
  ];
}

/** The name a common term is indexed under for one topic (by number): "topic:word". */
export const scopedName = (t: number, term: string): string => `${t.toString(36)}:${term}`;

export interface WordCounts {
  /** In how many facts each term of the text and keywords occurs. */
  factsPerTerm: Map<string, number>;
  /** How often each term of the date field occurs. */
  inWhen: Map<string, number>;
  /** The words each topic's facts bring to its topic-index entry. */
  ofTopic: Set<string>[];
  /** The entities each topic's facts bring to its topic-index entry. */
  entitiesOfTopic: Set<string>[];
  /** Per topic: in how many of its facts each `tracked` term occurs. */
  trackedInTopic: Map<string, number>[];
}

export function countWords(
  facts: readonly Fact[],
  topicsOf: readonly number[][],
  topicCount: number,
  tracked: ReadonlySet<string>,
): WordCounts {
  const trackedInTopic = Array.from({ length: topicCount }, () => new Map<string, number>());
  const factsPerTerm = new Map<string, number>();
  const lastFact = new Map<string, number>();
  const inWhen = new Map<string, number>();
  const ofTopic = Array.from({ length: topicCount }, () => new Set<string>());
  const entitiesOfTopic = Array.from({ length: topicCount }, () => new Set<string>());
  facts.forEach((f, doc) => {
    const fields = factFields(f);
    const words = normalize(`${fields[0]} ${fields[1]}`).split(" ");
    for (const w of words) {
      for (const term of termsOf(w)) {
        if (lastFact.get(term) === doc) continue;
        lastFact.set(term, doc);
        factsPerTerm.set(term, (factsPerTerm.get(term) ?? 0) + 1);
        if (!tracked.has(term)) continue;
        for (const t of topicsOf[doc] ?? []) {
          const inTopic = trackedInTopic[t];
          inTopic?.set(term, (inTopic.get(term) ?? 0) + 1);
        }
      }
    }
    for (const token of tokenize(fields[2])) {
      for (const term of termsOf(token)) inWhen.set(term, (inWhen.get(term) ?? 0) + 1);
    }
    for (const t of topicsOf[doc] ?? []) {
      const tw = ofTopic[t];
      const te = entitiesOfTopic[t];
      if (!tw || !te) continue;
      for (const w of words) tw.add(w);
      for (const e of f.entities) te.add(e);
    }
  });
  return { factsPerTerm, inWhen, ofTopic, entitiesOfTopic, trackedInTopic };
}

export interface FactIndex {
  index: MiniSearch;
  /** Terms indexed per topic, with their facts per field in the whole base. */
  scoped: Map<string, number[]>;
  /** Per topic number and field: in how many of the topic's facts each per-topic term occurs. */
  counts: Map<string, number>[][];
}

const fieldNumber = (name: string | undefined): number =>
  name === "text" ? 0 : name === "keywords" ? 1 : 2;

/**
 * The fact index. A `common` term is indexed once per topic of the fact instead, and its facts
 * are counted per field, across the base and per topic, as MiniSearch counts them.
 */
export function buildFactIndex(
  facts: readonly Fact[],
  topicsOf: readonly number[][],
  topicCount: number,
  common: (term: string) => boolean,
): FactIndex {
  const scoped = new Map<string, number[]>();
  const counts = Array.from({ length: topicCount }, () =>
    FACT_FIELDS.map(() => new Map<string, number>()),
  );
  const isScoped = new Map<string, boolean>();
  const names = Array.from({ length: topicCount }, () => new Map<string, string>());
  const seenInDoc = FACT_FIELDS.map(() => new Set<string>());
  let topicsOfDoc: readonly number[] = [];
  const nameOf = (t: number, term: string): string => {
    const named = names[t];
    let name = named?.get(term);
    if (name === undefined) {
      name = scopedName(t, term);
      named?.set(term, name);
    }
    return name;
  };
  const countOnce = (term: string, field: number): void => {
    const seen = seenInDoc[field];
    if (!seen || seen.has(term)) return;
    // The first occurrence in this fact's field: one more fact, in the base and its topics.
    seen.add(term);
    const n = scoped.get(term);
    if (n) n[field] = (n[field] ?? 0) + 1;
    for (const t of topicsOfDoc) {
      const inTopic = counts[t]?.[field];
      inTopic?.set(term, (inTopic.get(term) ?? 0) + 1);
    }
  };
  const indexed = (term: string, field: number): string | string[] => {
    let perTopic = isScoped.get(term);
    if (perTopic === undefined) {
      perTopic = common(term);
      isScoped.set(term, perTopic);
      if (perTopic) scoped.set(term, [0, 0, 0]);
    }
    if (!perTopic) return term;
    countOnce(term, field);
    const [only] = topicsOfDoc;
    if (topicsOfDoc.length === 1 && only !== undefined) return nameOf(only, term);
    return topicsOfDoc.map((t) => nameOf(t, term));
  };
  const index = new MiniSearch({
    fields: [...FACT_FIELDS],
    processTerm: (token, fieldName) => {
      const p = processTerm(token);
      if (p === null) return null;
      const field = fieldNumber(fieldName);
      if (typeof p === "string") return indexed(p, field);
      const [written, stemmed] = p.map((term) => indexed(term, field));
      return typeof written === "string" && typeof stemmed === "string"
        ? [written, stemmed]
        : [written ?? [], stemmed ?? []].flat();
    },
    searchOptions: { ...SEARCH_OPTIONS, boost: FACT_BOOST },
  });
  facts.forEach((f, doc) => {
    topicsOfDoc = topicsOf[doc] ?? [];
    for (const seen of seenInDoc) seen.clear();
    const [text, keywords, when] = factFields(f);
    index.add({ id: doc, text, keywords, when });
  });
  return { index, scoped, counts };
}
