import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Topic } from "../knowledge/schema.ts";
import { normalize } from "../search/normalize.ts";
import { searchIndexFor } from "../search/search-index.ts";
import type { ArgKind } from "./definition.ts";

/** One autocomplete choice: what to show, and what to put in the option. */
export interface Choice {
  name: string;
  value: string;
}

/** Discord allows 100 characters for a choice's name and value. */
const CHOICE_MAX = 100;
const clip = (s: string) => (s.length > CHOICE_MAX ? `${s.slice(0, CHOICE_MAX - 1)}…` : s);

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
let zones: string[] | undefined;

/** IANA zones (and UTC) containing what was typed; a city is enough: "london", "new york". */
function completeZone(typed: string, limit: number): Choice[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  const q = typed.trim().toLowerCase().replace(/ /g, "_");
  const starts = zones.filter((z) => z.toLowerCase().startsWith(q));
  const contains = zones.filter(
    (z) => !z.toLowerCase().startsWith(q) && z.toLowerCase().includes(q),
  );
  return [...starts, ...contains].slice(0, limit).map((z) => ({ name: z, value: z }));
}

/** Each topic with its names normalised, worked out once per base (autocomplete runs per keystroke). */
const topicNamesByBase = new WeakMap<KnowledgeBase, { topic: Topic; names: string[] }[]>();
function namedTopics(kb: KnowledgeBase): { topic: Topic; names: string[] }[] {
  let named = topicNamesByBase.get(kb);
  if (!named) {
    named = [...kb.topics.values()].map((topic) => ({
      topic,
      names: [topic.id.replace(/-/g, " "), topic.title, ...topic.aliases].map(normalize),
    }));
    topicNamesByBase.set(kb, named);
  }
  return named;
}

/**
 * Autocomplete: topics (and, for `sources`, articles) that start with what was typed, then fuzzy
 * matches; weekdays and IANA timezones for `subscribe`. Names say what the value is; values are
 * what the commands accept.
 */
export function completeArg(
  kb: KnowledgeBase,
  kind: ArgKind,
  typed: string,
  limit: number,
): Choice[] {
  if (kind === "timezone") return completeZone(typed, limit);
  if (kind === "day") {
    const q = typed.trim().toLowerCase().slice(0, 3);
    return DAYS.filter((d) => d.startsWith(q))
      .slice(0, limit)
      .map((d) => ({ name: `${d[0]?.toUpperCase()}${d.slice(1)}`, value: d.slice(0, 3) }));
  }
  if (kind !== "topic" && kind !== "source-or-topic") return [];
  const q = normalize(typed);
  const out: Choice[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string) => {
    if (seen.has(value) || out.length >= limit) return;
    seen.add(value);
    out.push({ name: clip(name), value: clip(value) });
  };
  for (const { topic, names } of namedTopics(kb)) {
    if (!q || names.some((n) => n.startsWith(q) || n.includes(` ${q}`))) add(topic.title, topic.id);
  }
  if (kind === "source-or-topic") {
    for (const s of kb.sources.values()) {
      if (!q || normalize(s.label).includes(q) || s.id.includes(q.replace(/ /g, "-"))) {
        add(`Source: ${s.label}`, s.id);
      }
    }
  }
  if (q && out.length < limit) {
    for (const t of searchIndexFor(kb).suggest(typed, limit)) add(t.title, t.id);
  }
  return out;
}
