import { factLines, reply } from "../core/present.ts";
import type { Reply } from "../core/reply.ts";
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { noMatchReply, resolveTopic } from "./resolve.ts";

/** A timeline longer than this keeps its key events and is cut, with a pointer to narrow it. */
export const TIMELINE_LINES = 12;

const chronological = (order: Map<string, number>) => (a: Fact, b: Fact) =>
  a.whenParsed.sortKey - b.whenParsed.sortKey || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);

function pick(kb: KnowledgeBase, facts: Fact[]): Fact[] {
  const order = new Map([...kb.facts.keys()].map((id, i) => [id, i]));
  if (facts.length <= TIMELINE_LINES) return [...facts].sort(chronological(order));
  // Keep key facts first, then fill with the rest in date order; show the chosen in date order.
  const sorted = [...facts].sort(chronological(order));
  const chosen = new Set(sorted.filter((f) => f.key).slice(0, TIMELINE_LINES));
  for (const f of sorted) {
    if (chosen.size >= TIMELINE_LINES) break;
    chosen.add(f);
  }
  return sorted.filter((f) => chosen.has(f));
}

/** `timeline [topic]`: dated facts in order, with their precision. */
export function timelineReply(kb: KnowledgeBase, index: SearchIndex, arg: string): Reply {
  const dated = (f: Fact) => f.whenParsed.precision !== "unknown";
  if (!arg.trim()) {
    const events = [...kb.facts.values()].filter((f) => dated(f) && f.kind === "event");
    const shown = pick(kb, events);
    return reply({
      kind: "list",
      title: "Timeline of the partnership",
      intro:
        "Dated events as the articles report them; dates are only as precise as the articles are.",
      sections: [{ lines: factLines(kb, shown) }],
      footer: `${events.length > shown.length ? `Showing ${shown.length} of ${events.length} dated events. ` : ""}One topic in full: /partnership timeline <topic>`,
    });
  }
  const topic = resolveTopic(index, arg);
  if (!topic) return noMatchReply(kb, index, arg, "topic", "timeline ");
  const facts = (kb.factsByTopic.get(topic.id) ?? []).filter(dated);
  if (facts.length === 0) {
    return reply({
      kind: "list",
      title: `Timeline: ${topic.title}`,
      intro: "The articles give no dates for this topic's facts.",
      sections: [],
      footer: `The facts themselves: /partnership ${topic.id}`,
    });
  }
  const shown = pick(kb, facts);
  const undated = (kb.factsByTopic.get(topic.id)?.length ?? 0) - facts.length;
  return reply({
    kind: "list",
    title: `Timeline: ${topic.title}`,
    sections: [{ lines: factLines(kb, shown) }],
    footer:
      (facts.length > shown.length
        ? `Showing ${shown.length} of ${facts.length} dated facts. `
        : "") +
      (undated > 0
        ? `${undated} more without a date: /partnership ${topic.id}`
        : `Sources: /partnership sources ${topic.id}`),
  });
}
