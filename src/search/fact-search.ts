/**
 * Ranking facts for a question's words, within the facts of its candidate topics, as one
 * whole-base index would score them. A common word (indexed per topic, see `fact-index.ts`) is
 * read in the candidate topics only, and its score brought back to the whole base's by the ratio
 * of inverse document frequencies; that keeps a question on 100,000 facts within milliseconds.
 */
import type { Query } from "minisearch";
import type { FactIndex } from "./fact-index.ts";
import { scopedName } from "./fact-index.ts";
import { listsAny, type PerFact } from "./lists.ts";
import { normalize, STOPWORDS } from "./normalize.ts";
import { YES_NO } from "./question-shape.ts";
import {
  anyOf,
  asIs,
  NO_OPTIONS,
  part,
  rounded,
  searchTerm,
  splitSpaces,
  tokenize,
} from "./terms.ts";
import {
  COMMON_WORD_SHARE,
  ENTITY_BOOST,
  FACT_FIELDS,
  KEY_BOOST,
  OCCURRENCE_BUDGET,
  SHAPE_BOOST,
  YES_NO_BOOST,
} from "./tuning.ts";
import type { Vocabulary } from "./vocabulary.ts";

/**
 * Facts a fact search found: positions, scores and the index terms each met, unordered. A
 * per-topic term is met as "topic:word" (see `metWord`).
 */
export interface FactHits {
  positions: number[];
  scores: number[];
  terms: string[][];
}

/** The word an index term is: a per-topic term ("topic:word") is the same word as its whole-base term. */
export const metWord = (term: string): string => term.slice(term.indexOf(":") + 1);

/** Per field of a query: the per-topic terms it reads, their correction and topic. */
interface ScopedField {
  terms: string[];
  correction: Map<string, { factor: number; owner: number }>;
}

/**
 * MiniSearch's inverse document frequency (BM25), to bring a per-topic term's score back to the
 * whole base's: the other parts of the score (term frequency, field length, the base's document
 * count and average field length) are already the same in both.
 */
const idf = (documents: number, matching: number): number =>
  Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));

/** What the fact search reads of the base, laid out by fact position. */
export interface FactLayout {
  factCount: number;
  /** Each topic's fact positions. */
  factsOfTopic: readonly Int32Array[];
  /** Each fact's entity numbers. */
  entitiesOfFact: PerFact;
  /** 1 for a key fact. */
  keyFact: Uint8Array;
  /** The question shapes each fact can answer (see `question-shape.ts`). */
  features: Uint8Array;
}

/** How much a fact that can answer the question's shape counts for more. */
function shapeWeight(features: number, wanted: number): number {
  const matched = features & wanted;
  if (matched === 0) return 1;
  return (matched & ~YES_NO ? SHAPE_BOOST : 1) * (matched & YES_NO ? YES_NO_BOOST : 1);
}

export class FactSearch {
  /**
   * During one search: each candidate fact's weight (0 leaves it out before MiniSearch builds a
   * result for it) and the candidate topic (number + 1) it is read under.
   */
  private readonly weight: Float64Array;
  private readonly owner: Int32Array;
  private readonly scopedFields: ScopedField[] = FACT_FIELDS.map(() => ({
    terms: [],
    correction: new Map(),
  }));
  private readonly wholeBaseBoost = (id: number): number => this.weight[id] ?? 0;
  private readonly scopedBoosts = this.scopedFields.map(
    (field) =>
      (id: number, term: string): number => {
        const c = field.correction.get(term);
        return c !== undefined && this.owner[id] === c.owner
          ? (this.weight[id] ?? 0) * c.factor
          : 0;
      },
  );

  constructor(
    private readonly index: FactIndex,
    private readonly layout: FactLayout,
    private readonly vocabulary: Vocabulary,
  ) {
    this.weight = new Float64Array(layout.factCount);
    this.owner = new Int32Array(layout.factCount);
  }

  /**
   * Facts of the candidate topics ranked for some words; unordered. A fact involving one of
   * `entities` (numbers), being a key fact, or able to answer the question's shapes (`wanted`)
   * weighs more.
   */
  rank(
    words: readonly string[],
    candidates: readonly number[],
    entities: readonly number[],
    wanted = 0,
  ): FactHits {
    const { factsOfTopic, entitiesOfFact, keyFact, features } = this.layout;
    // Only the candidate topics' facts take part; their weights are read once per occurrence.
    for (const t of candidates) {
      for (const p of factsOfTopic[t] ?? []) {
        if (this.owner[p] !== 0) continue;
        this.owner[p] = t + 1;
        const involves = listsAny(entitiesOfFact, p, entities) ? ENTITY_BOOST : 1;
        this.weight[p] =
          involves * (keyFact[p] === 1 ? KEY_BOOST : 1) * shapeWeight(features[p] ?? 0, wanted);
      }
    }
    try {
      const results = this.index.index.search(this.query(words, candidates), NO_OPTIONS);
      // MiniSearch types a result's id `any`; ours are fact positions.
      return {
        positions: results.map((r): number => r.id),
        scores: results.map((r) => rounded(r.score)),
        terms: results.map((r) => r.terms),
      };
    } finally {
      for (const t of candidates) {
        for (const p of factsOfTopic[t] ?? []) {
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
  private query(words: readonly string[], candidates: readonly number[]): Query {
    const wholeBase: string[] = [];
    let scoped = false;
    const n = this.layout.factCount;
    for (const w of words) {
      const term = searchTerm(w);
      const inBase = term === null ? undefined : this.index.scoped.get(term);
      if (term === null || inBase === undefined) {
        wholeBase.push(w);
        continue;
      }
      for (const t of candidates) {
        const counts = this.index.counts[t] ?? [];
        counts.forEach((inField, field) => {
          const inTopic = inField.get(term);
          const f = this.scopedFields[field];
          if (inTopic === undefined || !f) return;
          scoped = true;
          const name = scopedName(t, term);
          f.terms.push(name);
          f.correction.set(name, {
            factor: idf(n, inBase[field] ?? 0) / idf(n, inTopic),
            owner: t + 1,
          });
        });
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
      const name = FACT_FIELDS[field];
      if (f.terms.length === 0 || name === undefined) return;
      queries.push(
        part(f.terms.join(" "), [name], splitSpaces, asIs, this.scopedBoosts[field], undefined),
      );
    });
    return anyOf(queries);
  }

  /**
   * The query's words that tell facts apart: the rarest first, as long as their occurrences fit
   * the budget, and none so common it is in a fifth of all facts, unless nothing rarer is left.
   */
  distinctive(query: string): string[] {
    const words = [...new Set(normalize(query).split(" "))].filter((w) => w && !STOPWORDS.has(w));
    const count = (w: string) => this.vocabulary.factCount(w);
    const limit = this.layout.factCount * COMMON_WORD_SHARE;
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
}
