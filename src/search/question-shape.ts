/**
 * What kind of answer a question asks for (an amount, a date, who said it, both sides of a
 * dispute, a yes or no, a reason), and which facts can give that kind of answer. A fact that can
 * is ranked up for such a question; an amount or date question whose best fact gives none is
 * answered "the articles do not say".
 */
import type { Fact } from "../knowledge/knowledge-base.ts";

export const AMOUNT = 1;
export const DATE = 2;
export const ATTRIBUTION = 4;
export const DISPUTE = 8;
export const YES_NO = 16;
export const REASON = 32;
export const PERCENT = 64;
/** Shapes that ask for a figure: a fact either states one or does not. */
export const FIGURE = AMOUNT | DATE | PERCENT;

/** Question patterns per shape, on the normalised question (lower case, no punctuation). */
const ASKS: [number, RegExp][] = [
  [
    AMOUNT,
    /\bhow (much|many|big|large|huge)\b|\b(price|prices|priced|cost|costs|costing|dollars|worth|size|sized|sum|amount|figure|valued|valuation|paid|pay|pays|paying|spend|spent|spending)\b/,
  ],
  [
    DATE,
    /\b(when|since when)\b|\b(what|which) (year|date|day|month|time)\b|\b(year|date) (did|was|were|is)\b/,
  ],
  [
    ATTRIBUTION,
    // Not "which article says …": any fact names its articles; this asks who is quoted or cited.
    /\baccording to\b|\b(who|whose|which (paper|newspaper|outlet|report))\b.*\b(said|say|says|reported|report|reports|called|calls|described|describes|claimed|claims|told|tells|credits|cited|cites|wrote)\b/,
  ],
  [
    DISPUTE,
    /\b(disagree|disagrees|disagreement|dispute|disputed|disputes|contradict|contradicts|conflicting|versus|vs)\b|\bis it true\b|\bor not\b|\bactually\b/,
  ],
  [
    YES_NO,
    /^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b|\b(not|ever|never)\b/,
  ],
  [REASON, /\b(why|reason|reasons|how come|what made)\b/],
  [PERCENT, /\b(percent|percentage|percentages|pct)\b/],
];

/** The shapes a question asks for. `raw` is the text as typed, for signs normalising drops. */
export function shapesOf(normalized: string, raw: string): number {
  let shapes = 0;
  for (const [shape, pattern] of ASKS) if (pattern.test(normalized)) shapes |= shape;
  if (raw.includes("%")) shapes |= PERCENT | AMOUNT;
  return shapes;
}

/** Words that only say a date is wanted ("what year"): searched, they find "end of the year". */
const DATE_WORDS = /\b(what|which) (year|date|day|month|time)\b/g;

/** A normalised question without the words that only give its shape. */
export function withoutShapeWords(q: string): string {
  return q.replace(DATE_WORDS, " ").replace(/ +/g, " ").trim();
}

const STATES: [number, RegExp][] = [
  [
    AMOUNT,
    /\$\s?\d|\b\d[\d,.]*\s?(thousand|million|billion|trillion|percent|%)|\b(billions|millions|tens of|triple|tripled|double|doubled|halved)\b/i,
  ],
  [
    DATE,
    /\b(19|20)\d\d\b|\b(january|february|march|april|june|july|august|september|october|november|december)\b|\b(spring|summer|autumn|winter)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i,
  ],
  [
    ATTRIBUTION,
    /\b(wall street journal|financial times|new york times|hard fork|according to|people familiar|reported|reportedly|reports|says?|said|saying|calls?|called|calling|spoke|speaks|described|describes|told|tells|noted|confirmed|disclosed|admitted|argued|arguing|dismissed|credits|cites|citing|quote|quoted|analysts|observers|insiders)\b/i,
  ],
  [YES_NO, /\b(not|no|never|none|nor|without|declined|cannot|neither)\b|n't\b/i],
  [
    REASON,
    /\b(because|so that|in order to|as a result|why|reason|answer to|response to|hedge|prompting|wary|to make|to reduce|to stop)\b/i,
  ],
  [PERCENT, /\d\s?%|\bper ?cent\b|\bpercentage\b/i],
];

/** The shapes of question a fact can answer. `labels` are the articles' names. */
export function featuresOf(fact: Fact, labels: readonly string[]): number {
  const text = `${fact.text} ${(fact.keywords ?? []).join(" ")}`;
  let features = 0;
  for (const [shape, pattern] of STATES) if (pattern.test(text)) features |= shape;
  if (fact.whenParsed.precision !== "unknown") features |= DATE;
  if (labels.some((label) => fact.text.includes(label))) features |= ATTRIBUTION;
  if (fact.status !== "current" || fact.disputes?.length || fact.supersedes || fact.supersededBy) {
    features |= DISPUTE;
  }
  return features;
}
