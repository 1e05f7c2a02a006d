/** What the base says about one person or organisation, and a topic's facts key facts first. */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import { MAX_ENTITY_FACTS } from "./tuning.ts";

export interface EntityAnswer {
  kind: "entity";
  entity: Entity;
  topic: Topic | undefined;
  /** The first facts of `ordered`, up to `MAX_ENTITY_FACTS`. */
  facts: Fact[];
  /** All the entity's facts in the answer's order: those from `topic` first, key facts first. */
  ordered: Fact[];
  total: number;
}

/** A topic's facts, key facts first, then its own before those from other topics, in order. */
export function keyFactsFirst(kb: KnowledgeBase, topicId: string): Fact[] {
  const facts = [...(kb.factsByTopic.get(topicId) ?? [])];
  return facts.sort(
    (a, b) =>
      Number(b.key) - Number(a.key) ||
      Number(a.topicId !== topicId) - Number(b.topicId !== topicId) ||
      a.position - b.position,
  );
}

/** The topic most of some facts belong to; ties go to the topic first in the base. */
function mostCommonTopic(
  kb: KnowledgeBase,
  facts: readonly Fact[],
  order: (topicId: string) => number,
): Topic | undefined {
  const counts = new Map<string, number>();
  for (const f of facts) counts.set(f.topicId, (counts.get(f.topicId) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of counts) {
    const bestCount = best === undefined ? -1 : (counts.get(best) ?? 0);
    if (n > bestCount || (n === bestCount && best !== undefined && order(id) < order(best))) {
      best = id;
    }
  }
  return best ? kb.topics.get(best) : undefined;
}

/** Key facts first, then in the base's order. */
const keyThenBaseOrder = (a: Fact, b: Fact) =>
  Number(b.key) - Number(a.key) || a.position - b.position;

/**
 * The topic where most of an entity's facts live, and its facts from there first, key facts
 * first; undefined for an entity no fact involves.
 */
export function entityAnswer(
  kb: KnowledgeBase,
  entityId: string,
  order: (topicId: string) => number,
): EntityAnswer | undefined {
  const entity = kb.entities.get(entityId);
  const facts = kb.factsByEntity.get(entityId) ?? [];
  if (!entity || facts.length === 0) return undefined;
  const topic = mostCommonTopic(kb, facts, order);
  const atHome = (f: Fact) => topic !== undefined && f.topicIds.includes(topic.id);
  const ordered = [
    ...facts.filter(atHome).sort(keyThenBaseOrder),
    ...facts.filter((f) => !atHome(f)).sort(keyThenBaseOrder),
  ];
  return {
    kind: "entity",
    entity,
    topic,
    facts: ordered.slice(0, MAX_ENTITY_FACTS),
    ordered,
    total: facts.length,
  };
}
