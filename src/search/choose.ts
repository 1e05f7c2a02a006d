/**
 * Choosing a question's topic and the facts its answer shows, from the topic search's and the
 * fact search's evidence together.
 */
import type { SearchResult } from "minisearch";
import { type FactHits, metWord } from "./fact-search.ts";
import { listed, type PerFact, topK } from "./lists.ts";
import { FIGURE, REASON } from "./question-shape.ts";
import {
  CANDIDATE_TOPICS,
  FACT_FLOOR,
  FIGURE_FIRST_SHARE,
  MIN_ANSWER_FACTS,
  NAMED_TOPIC_BOOST,
  OTHER_TOPIC_WEIGHT,
  TOPIC_EVIDENCE,
} from "./tuning.ts";

/** A topic whose facts a question searches, by number, with its topic score. */
export interface TopicCandidate {
  t: number;
  score: number;
}

/**
 * The topics whose facts are searched: the best by topic score, a topic named in the question
 * counting for more.
 */
export function candidatesOf(results: SearchResult[], namedTopics: number[]): TopicCandidate[] {
  // MiniSearch types a result's id `any`; the topic index's are topic numbers.
  const topicOf = (i: number): number => results[i]?.id ?? -1;
  const { items, scores } = topK(
    results.length,
    CANDIDATE_TOPICS,
    (i) => (results[i]?.score ?? 0) * (namedTopics.includes(topicOf(i)) ? NAMED_TOPIC_BOOST : 1),
    topicOf,
  );
  return items.map((i, rank) => ({ t: topicOf(i), score: scores[rank] ?? 0 }));
}

/**
 * Topic evidence and fact evidence together pick the topic: a topic that matches by name but
 * holds no matching fact can still win, and so can a topic whose one fact answers exactly.
 * A topic the question names (`named`, a topic number or -1) is chosen whenever it is a candidate:
 * the other words choose its facts, not another topic. `slots` is scratch space, one entry per
 * topic, all zero before and after.
 */
export function chooseTopic(
  candidates: readonly TopicCandidate[],
  hits: FactHits,
  topicsOfFact: PerFact,
  slots: Int32Array,
  named = -1,
): { t: number; hasFact: boolean } {
  const { positions, scores } = hits;
  const maxTopic = candidates[0]?.score ?? 1;
  // Each candidate topic's best fact score (a fact counts for every topic that lists it).
  const bestFact = new Float64Array(candidates.length).fill(Number.NaN);
  let maxFact = 0;
  candidates.forEach((c, i) => {
    slots[c.t] = i + 1;
  });
  const { start, list } = topicsOfFact;
  positions.forEach((p, i) => {
    const score = scores[i] ?? 0;
    if (score > maxFact) maxFact = score;
    const end = start[p + 1] ?? 0;
    for (let k = start[p] ?? 0; k < end; k++) {
      const slot = (slots[list[k] ?? 0] ?? 0) - 1;
      if (slot >= 0 && !((bestFact[slot] ?? Number.NaN) >= score)) bestFact[slot] = score;
    }
  });
  for (const c of candidates) slots[c.t] = 0;
  let chosen = 0;
  let chosenScore = Number.NEGATIVE_INFINITY;
  const forced = candidates.findIndex((c) => c.t === named);
  if (forced >= 0) {
    return { t: named, hasFact: !Number.isNaN(bestFact[forced] ?? Number.NaN) };
  }
  candidates.forEach((c, i) => {
    const factScore = bestFact[i] ?? Number.NaN;
    const score =
      TOPIC_EVIDENCE * (c.score / maxTopic) +
      (maxFact > 0 ? (Number.isNaN(factScore) ? 0 : factScore) / maxFact : 0);
    const t = candidates[chosen]?.t ?? 0;
    if (i === 0 || score > chosenScore || (score === chosenScore && c.t < t)) {
      chosen = i;
      chosenScore = score;
    }
  });
  return {
    t: candidates[chosen]?.t ?? 0,
    hasFact: !Number.isNaN(bestFact[chosen] ?? Number.NaN),
  };
}

/** A fact position an answer shows, with its score (0 for a key fact added as context). */
export interface Shown {
  position: number;
  score: number;
}

/**
 * The best-matching facts, wherever they live, the chosen topic's own counting a bit more; a
 * narrow question that one or two facts answer gets its topic's key facts as context.
 */
export function answerFacts(
  hits: FactHits,
  t: number,
  maxFacts: number,
  topicsOfFact: PerFact,
  keyFacts: Iterable<number>,
  features: Uint8Array,
  wanted: number,
): Shown[] {
  const { positions, scores } = hits;
  const positionAt = (i: number) => positions[i] ?? 0;
  const weighted = topK(
    positions.length,
    maxFacts,
    (i) => (scores[i] ?? 0) * (listed(topicsOfFact, positionAt(i), t) ? 1 : OTHER_TOPIC_WEIGHT),
    positionAt,
  );
  const floor = (weighted.scores[0] ?? 0) * FACT_FLOOR;
  const shown: Shown[] = [];
  // A weaker fact still earns its place by answering a word of the question the others do not.
  const met = new Set<string>();
  weighted.items.forEach((i, rank) => {
    const score = weighted.scores[rank] ?? 0;
    const terms = (hits.terms[i] ?? []).map(metWord);
    if (score >= floor || terms.some((term) => !met.has(term))) {
      shown.push({ position: positionAt(i), score });
      for (const term of terms) met.add(term);
    }
  });
  // A question asking for a figure or a reason gets the best fact giving one first, if it
  // answers nearly as well.
  const best = shown[0]?.score ?? 0;
  const fit = shown.findIndex(
    (s) =>
      ((features[s.position] ?? 0) & wanted & (FIGURE | REASON)) !== 0 &&
      s.score >= best * FIGURE_FIRST_SHARE,
  );
  if (fit > 0) shown.unshift(...shown.splice(fit, 1));
  for (const p of keyFacts) {
    if (shown.length >= MIN_ANSWER_FACTS) break;
    if (!shown.some((s) => s.position === p)) shown.push({ position: p, score: 0 });
  }
  return shown;
}

/** Whether a fact's features give the figure (amount, date, percentage) a question asks for. */
export function givesFigure(features: number, wanted: number): boolean {
  return (features & wanted & FIGURE) !== 0;
}

/**
 * The facts of a topic the question names: those that give the figure it asks for first, then by
 * how well they match its other words, then key facts first; facts of other topics only after.
 */
export function namedTopicFacts(
  hits: FactHits,
  t: number,
  maxFacts: number,
  topicsOfFact: PerFact,
  keyFacts: Int32Array,
  features: Uint8Array,
  wanted: number,
): Shown[] {
  const scoreOf = new Map<number, number>();
  hits.positions.forEach((p, i) => {
    scoreOf.set(p, hits.scores[i] ?? 0);
  });
  const own = Array.from(keyFacts, (position, rank) => ({
    position,
    rank,
    score: scoreOf.get(position) ?? 0,
    fits: givesFigure(features[position] ?? 0, wanted),
  })).filter((f) => f.score > 0 || f.fits);
  own.sort((a, b) => Number(b.fits) - Number(a.fits) || b.score - a.score || a.rank - b.rank);
  const shown: Shown[] = own.slice(0, maxFacts).map(({ position, score }) => ({ position, score }));
  if (shown.length < maxFacts) {
    const others = answerFacts(hits, t, maxFacts, topicsOfFact, [], features, 0).filter(
      (s) => !listed(topicsOfFact, s.position, t),
    );
    shown.push(...others.slice(0, maxFacts - shown.length));
  }
  for (const p of keyFacts) {
    if (shown.length >= MIN_ANSWER_FACTS) break;
    if (!shown.some((s) => s.position === p)) shown.push({ position: p, score: 0 });
  }
  return shown;
}
