import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, factLines, placeholder, reply } from "../reply/present.ts";
import type { CommandRef, Prose, Reply, ReplySection } from "../reply/reply.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { KnowledgeCommand } from "./definition.ts";
import {
  noSuchPage,
  type Page,
  type Pages,
  pageOf,
  pageRef,
  pageStatus,
  pagesOnce,
  paginate,
  type Segment,
  splitPage,
} from "./page.ts";
import { noMatchReply, resolveTopic } from "./resolve.ts";

/**
 * A timeline page's facts: a longer timeline shows its key events first, the rest on later pages.
 * More is fewer pages; one-line events make it higher than an answer's page.
 */
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

/** The whole base's dated events in pages, sorted and cut once per base (a large base has many). */
function wholeTimeline(kb: KnowledgeBase): Pages {
  return pagesOnce(kb, "timeline", () => {
    const events = [...kb.facts.values()].filter((f) => dated(f) && f.kind === "event");
    const members = new Set(events);
    return paginate(kb, timelineSegments(events, []), (f) => members.has(f), events.length);
  });
}

/** Key facts first, then in the base's order: how undated facts follow a timeline. */
const keyFirst = (a: Fact, b: Fact) => Number(b.key) - Number(a.key) || a.position - b.position;

/**
 * A timeline's pages: its chosen events on the first (`pick`), the other dated facts in date
 * order, then the facts without a date, `TIMELINE_LINES` a page.
 */
function timelineSegments(datedFacts: readonly Fact[], undated: readonly Fact[]): Segment[] {
  const sorted = [...datedFacts].sort(chronological);
  const first = pick(sorted);
  const chosen = new Set(first);
  return [
    { facts: first, size: Number.POSITIVE_INFINITY },
    { facts: sorted.filter((f) => !chosen.has(f)), size: TIMELINE_LINES },
    { facts: undated, size: TIMELINE_LINES },
  ];
}

/** The segment of undated facts in `timelineSegments`. */
const UNDATED = 2;

/** Lines of one timeline page; the facts without a date under their own heading. */
function pageSections(kb: KnowledgeBase, page: Page): ReplySection[] {
  if (page.facts.length === 0) return [];
  const lines = factLines(kb, page.facts);
  return [page.segment === UNDATED ? { heading: "Without a date", lines } : { lines }];
}

/**
 * What ends a timeline page: where it is ("Showing 13–24 of 30 facts (page 2 of 3)"), the command
 * for the next page (saying when the facts without a date start there), then `more`.
 */
function timelineFooter(
  paged: Pages,
  page: Page,
  noun: string,
  at: (n: number) => CommandRef,
  more: Prose,
): Prose {
  const n = paged.pages.indexOf(page) + 1;
  const next = paged.pages[n];
  const lead =
    next && next.segment === UNDATED && page.segment !== UNDATED
      ? `${paged.total - page.to} more without a date: `
      : "Next page: ";
  return [pageStatus(paged, page, noun), ...(next ? [lead, at(n + 1), ". "] : []), ...more];
}

/** `timeline [topic | name] [page N]`: dated facts in order, with their precision. */
export function timelineReply(kb: KnowledgeBase, index: SearchIndex, arg: string): Reply {
  const { text, page: asked } = splitPage(arg);
  if (!text) {
    const paged = wholeTimeline(kb);
    const at = pageRef("timeline", "topic", "");
    const page = pageOf(paged, asked);
    if (!page) return noSuchPage("the timeline", asked, paged.pages.length, at);
    return reply({
      kind: "list",
      title: "Timeline of the partnership",
      intro:
        "Dated events as the articles report them; dates are only as precise as the articles are.",
      sections: pageSections(kb, page),
      footer: timelineFooter(paged, page, "dated events", at, [
        "One topic: ",
        command("timeline", { topic: placeholder("topic") }),
      ]),
    });
  }
  // A person or organisation named on its own: their facts across topics, dated ones first.
  const entity = index.topicNamed(text) ? undefined : index.entityNamed(text);
  if (entity) {
    const all = kb.factsByEntity.get(entity.id) ?? [];
    const facts = all.filter(dated);
    const paged = pagesOnce(kb, `timeline name ${entity.id}`, () =>
      paginate(
        kb,
        timelineSegments(facts, all.filter((f) => !dated(f)).sort(keyFirst)),
        (f) => f.entities.includes(entity.id),
        all.length,
      ),
    );
    const name = entity.name.toLowerCase();
    const at = pageRef("timeline", "topic", name);
    const page = pageOf(paged, asked);
    if (!page) return noSuchPage(`the timeline of ${entity.name}`, asked, paged.pages.length, at);
    return reply({
      kind: "list",
      title: `Timeline: ${entity.name}`,
      ...(facts.length === 0
        ? { intro: `The articles give no dates for what involves ${entity.name}.` }
        : {}),
      sections: pageSections(kb, page),
      footer: timelineFooter(paged, page, "facts", at, [
        "Key facts first: ",
        command("ask", { query: name }),
      ]),
    });
  }
  const resolved = resolveTopic(index, text);
  if (!resolved.topic)
    return noMatchReply(kb, resolved.suggestions, text, "topic", {
      command: "timeline",
      arg: "topic",
    });
  const topic = resolved.topic;
  const all = kb.factsByTopic.get(topic.id) ?? [];
  const facts = all.filter(dated);
  const paged = pagesOnce(kb, `timeline topic ${topic.id}`, () =>
    paginate(
      kb,
      timelineSegments(
        facts,
        index.keyFactsOf(topic.id).filter((f) => !dated(f)),
      ),
      (f) => f.topicIds.includes(topic.id),
      all.length,
    ),
  );
  const at = pageRef("timeline", "topic", topic.id);
  const page = pageOf(paged, asked);
  if (!page) return noSuchPage(`the timeline of ${topic.title}`, asked, paged.pages.length, at);
  return reply({
    kind: "list",
    title: `Timeline: ${topic.title}`,
    ...(facts.length === 0 ? { intro: "The articles give no dates for this topic's facts." } : {}),
    sections: pageSections(kb, page),
    footer: timelineFooter(paged, page, "facts", at, [
      "Key facts first: ",
      command("ask", { query: topic.id }),
      " · sources: ",
      command("sources", { target: topic.id }),
    ]),
    topicId: topic.id,
  });
}

export const timelineCommand: KnowledgeCommand = {
  name: "timeline",
  summary: "Dated events in order, for everything, one topic or one name (then its undated facts)",
  args: [
    {
      name: "topic",
      kind: "topic",
      description: "One topic or name, e.g. stargate; stargate page 2 shows the next page",
      required: false,
      rest: true,
    },
  ],
  examples: ["timeline", "timeline stargate", "timeline stargate page 2"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ({ kb, index, rest }) => timelineReply(kb, index, rest),
};
