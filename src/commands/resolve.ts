import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Topic } from "../knowledge/schema.ts";
import { deepFreeze } from "../reply/freeze.ts";
import { command, placeholder, reply } from "../reply/present.ts";
import type { Reply, ReplyLine } from "../reply/reply.ts";
import { quoteSafely } from "../search/normalize.ts";
import type { SearchIndex } from "../search/search-index.ts";

/**
 * The topic a command argument means: an exact name or alias, a person or organisation's main
 * topic, or the best search match; undefined when nothing fits well, with the closest topics.
 */
export function resolveTopic(
  index: SearchIndex,
  text: string,
): { topic: Topic } | { topic: undefined; suggestions: Topic[] } {
  const exact = index.topicNamed(text);
  if (exact) return { topic: exact };
  const outcome = index.search(text, { maxFacts: 1 });
  // A search that found nothing has already worked out its suggestions.
  if (outcome.kind === "none") return { topic: undefined, suggestions: outcome.suggestions };
  if (outcome.topic) return { topic: outcome.topic };
  return { topic: undefined, suggestions: index.suggest(text) };
}

export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m?.[1] ?? text).trim();
}

export function topicLines(kb: KnowledgeBase, topics: Iterable<Topic>): ReplyLine[] {
  return [...topics].map((t) => topicLine(kb, t));
}

/** Each topic's line, built once per knowledge base and frozen: every list shares it. */
const topicLinesOf = new WeakMap<KnowledgeBase, Map<Topic, ReplyLine>>();

function topicLine(kb: KnowledgeBase, t: Topic): ReplyLine {
  const fresh = (): ReplyLine => ({
    text: `${t.title} (${kb.factsByTopic.get(t.id)?.length ?? 0} facts): ${firstSentence(t.overview)}`,
    sources: [],
    role: "info",
    more: command("ask", { query: t.id }),
  });
  // A topic that is not the base's own (a test's, say) gets a fresh line.
  if (kb.topics.get(t.id) !== t) return fresh();
  let lines = topicLinesOf.get(kb);
  if (!lines) {
    lines = new Map();
    topicLinesOf.set(kb, lines);
  }
  let line = lines.get(t);
  if (!line) {
    line = deepFreeze(fresh());
    lines.set(t, line);
  }
  return line;
}

/** Lists longer than this (a very large base) show their first entries and say how many more. */
export const MAX_LISTED_TOPICS = 20;

/** One line per topic, at most `MAX_LISTED_TOPICS`, and a line saying how many more there are. */
export function boundedTopicLines(kb: KnowledgeBase): ReplyLine[] {
  const shown = [...kb.topics.values()].slice(0, MAX_LISTED_TOPICS);
  const lines = topicLines(kb, shown);
  const more = kb.topics.size - shown.length;
  if (more > 0) lines.push({ text: `…and ${more} more topics.`, sources: [], role: "info" });
  return lines;
}

/**
 * "Nothing matches": the closest topics as suggestions, and the list of all topics. `lead`, when
 * given, says why in place of the usual first sentence, and then names the suggestions.
 */
export function noMatchReply(
  kb: KnowledgeBase,
  suggestions: readonly Topic[],
  typed: string,
  what: string,
  /** The command the suggestions run (`timeline`, `sources`) and its argument; `ask` when absent. */
  via: { command: string; arg: string } = { command: "ask", arg: "query" },
  lead?: string,
): Reply {
  const quoted = quoteSafely(typed);
  const titles = suggestions.map((t) => t.title);
  const didYouMean = lead
    ? titles.length
      ? ` ${titles.join(", or ")}.`
      : ""
    : titles.length
      ? ` Did you mean ${titles.join(", or ")}?`
      : "";
  return reply({
    kind: "no-match",
    title: "Nothing in the briefing matches that",
    intro: `${lead ?? (quoted ? `No ${what} matches “${quoted}”.` : "Nothing in the briefing matches that.")}${didYouMean} These are the topics the briefing covers:`,
    sections: [{ lines: boundedTopicLines(kb) }],
    suggestions: suggestions.map((t) => command(via.command, { [via.arg]: t.id })),
    footer: [
      "Ask about one: ",
      command("ask", { query: placeholder("topic") }),
      ", or ",
      command("help"),
    ],
  });
}
