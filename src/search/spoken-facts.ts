/**
 * "What did Altman say": the facts where the person or organisation asked about is the one
 * speaking (`speakers.ts` finds them), ordered for the answer, and the topic they lead to. Apart
 * from the search index because it is one step of a question's answer, with its own ordering.
 */
import type { Entity } from "../knowledge/schema.ts";
import type { Shown } from "./choose.ts";
import type { FactHits } from "./fact-search.ts";
import { listed, type PerFact } from "./lists.ts";
import { Speakers, statementsAsked } from "./speakers.ts";

/** What the search index knows that the ordering needs, by fact position. */
export interface SpokenContext {
  facts: readonly { text: string; keywords?: readonly string[] }[];
  /** Each fact's topics, by number; the first is its home topic. */
  topicsOf: readonly (readonly number[])[];
  topicsOfFact: PerFact;
  speakers: Speakers;
  /** The person or organisation a name (as the question words it) stands for. */
  entityOf(name: string): Entity | undefined;
}

/**
 * For "what did/does <name> say/think …": the facts where that person or organisation is
 * the one speaking, those meeting more of the question's subject ("about the partnership")
 * first, then those of the topic most of the best ones belong to, then those giving what was
 * said ("says") before those reporting it ("confirmed"), then by score; and that topic.
 * Within a topic the question names (`named`, a topic number or -1), only that topic's facts.
 */
export function spokenFacts(
  q: string,
  hits: FactHits,
  named: number,
  context: SpokenContext,
): { facts: Shown[]; topic: number | undefined } {
  const none = { facts: [], topic: undefined };
  const asked = statementsAsked(q);
  if (!asked) return none;
  const entity = context.entityOf(asked.name);
  if (!entity) return none;
  const speaking = context.speakers.factsOf(entity);
  // All of them, not only those the fact search found: it may leave a common name out.
  const scoreOf = new Map<number, number>();
  hits.positions.forEach((position, i) => {
    if (speaking.has(position)) scoreOf.set(position, hits.scores[i] ?? 0);
  });
  const found = [...speaking].flatMap(([position, says]) => {
    const fact = context.facts[position];
    if (!fact) return [];
    if (named >= 0 && !listed(context.topicsOfFact, position, named)) return [];
    const meets = Speakers.meets(`${fact.text} ${(fact.keywords ?? []).join(" ")}`, asked.subject);
    const score = scoreOf.get(position) ?? 0;
    return [{ position, score, meets, says, home: context.topicsOf[position]?.[0] }];
  });
  if (found.length === 0) return none;
  found.sort((a, b) => b.meets - a.meets || b.score - a.score || a.position - b.position);
  const most = found[0]?.meets ?? 0;
  const count = new Map<number, number>();
  for (const f of found) {
    if (f.meets === most && f.home !== undefined) count.set(f.home, (count.get(f.home) ?? 0) + 1);
  }
  // The most common topic among the best; ties go to the topic of the better-ranked fact.
  let topic = found[0]?.home;
  for (const f of found) {
    if (f.home !== undefined && (count.get(f.home) ?? 0) > (count.get(topic ?? -1) ?? 0)) {
      topic = f.home;
    }
  }
  if (named >= 0) topic = named;
  found.sort(
    (a, b) =>
      b.meets - a.meets ||
      Number(b.home === topic) - Number(a.home === topic) ||
      b.says - a.says ||
      b.score - a.score ||
      a.position - b.position,
  );
  return { facts: found.map(({ position, score }) => ({ position, score })), topic };
}
