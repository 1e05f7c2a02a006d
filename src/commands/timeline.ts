import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, factLines, placeholder, reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { KnowledgeCommand } from "./definition.ts";
import { noMatchReply, resolveTopic } from "./resolve.ts";

/** A timeline longer than this keeps its key events and is cut, with a pointer to narrow it. */
export const TIMELINE_LINES = 12;

const chronological = (a: Fact, b: Fact) =>
  a.whenParsed.sortKey - b.whenParsed.sortKey || a.position - b.position;
const dated = (f: Fact) => f.whenParsed.precision !== "unknown";

/** Chooses what a timeline shows: key facts first, then the rest by date; shown in date order. */
function pick(sorted: readonly Fact[]): Fact[] {
  if (sorted.length <= TIMELINE_LINES) return [...sorted];
  const chosen = new Set<Fact>();
  for (const f of sorted) {
    if (chosen.size >= TIMELINE_LINES) break;
    if (f.key) chosen.add(f);
  }
  for (const f of sorted) {
    if (chosen.size >= TIMELINE_LINES) break;
    chosen.add(f);
  }
  return sorted.filter((f) => chosen.has(f));
}

/** The whole base's dated events in order, sorted once per base (a large base has many). */
const eventsByBase = new WeakMap<KnowledgeBase, Fact[]>();
function datedEvents(kb: KnowledgeBase): Fact[] {
  let events = eventsByBase.get(kb);
  if (!events) {
    events = [...kb.facts.values()]
      .filter((f) => dated(f) && f.kind === "event")
      .sort(chronological);
    eventsByBase.set(kb, events);
  }
  return events;
}

/** `timeline [topic]`: dated facts in order, with their precision. */
export function timelineReply(kb: KnowledgeBase, index: SearchIndex, arg: string): Reply {
  if (!arg.trim()) {
    const events = datedEvents(kb);
    const shown = pick(events);
    return reply({
      kind: "list",
      title: "Timeline of the partnership",
      intro:
        "Dated events as the articles report them; dates are only as precise as the articles are.",
      sections: [{ lines: factLines(kb, shown) }],
      footer: [
        `${events.length > shown.length ? `Showing ${shown.length} of ${events.length} dated events. ` : ""}One topic in full: `,
        command("timeline", { topic: placeholder("topic") }),
      ],
    });
  }
  // A person or organisation named on its own: their dated facts, across topics.
  const entity = index.topicNamed(arg) ? undefined : index.entityNamed(arg);
  if (entity) {
    const all = kb.factsByEntity.get(entity.id) ?? [];
    const facts = all.filter(dated);
    const shown = pick([...facts].sort(chronological));
    return reply({
      kind: "list",
      title: `Timeline: ${entity.name}`,
      ...(facts.length === 0
        ? { intro: `The articles give no dates for what involves ${entity.name}.` }
        : {}),
      sections: facts.length === 0 ? [] : [{ lines: factLines(kb, shown) }],
      footer: [
        `${facts.length > shown.length ? `Showing ${shown.length} of ${facts.length} dated facts. ` : ""}All ${all.length} facts involving ${entity.name}: `,
        command("ask", { query: entity.name.toLowerCase() }),
      ],
    });
  }
  const resolved = resolveTopic(index, arg);
  if (!resolved.topic)
    return noMatchReply(kb, resolved.suggestions, arg, "topic", {
      command: "timeline",
      arg: "topic",
    });
  const topic = resolved.topic;
  const facts = (kb.factsByTopic.get(topic.id) ?? []).filter(dated);
  if (facts.length === 0) {
    return reply({
      kind: "list",
      title: `Timeline: ${topic.title}`,
      intro: "The articles give no dates for this topic's facts.",
      sections: [],
      footer: ["The facts themselves: ", command("ask", { query: topic.id })],
      topicId: topic.id,
    });
  }
  const shown = pick([...facts].sort(chronological));
  const undated = (kb.factsByTopic.get(topic.id)?.length ?? 0) - facts.length;
  return reply({
    kind: "list",
    title: `Timeline: ${topic.title}`,
    sections: [{ lines: factLines(kb, shown) }],
    footer: [
      (facts.length > shown.length
        ? `Showing ${shown.length} of ${facts.length} dated facts. `
        : "") + (undated > 0 ? `${undated} more without a date: ` : "Sources: "),
      undated > 0 ? command("ask", { query: topic.id }) : command("sources", { target: topic.id }),
    ],
    topicId: topic.id,
  });
}

export const timelineCommand: KnowledgeCommand = {
  name: "timeline",
  summary: "Dated events in order, for everything or for one topic",
  args: [
    {
      name: "topic",
      kind: "topic",
      description: "Limit to one topic, e.g. stargate",
      required: false,
      rest: true,
    },
  ],
  examples: ["timeline", "timeline stargate"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ({ kb, index, rest }) => timelineReply(kb, index, rest),
};
