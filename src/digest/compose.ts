/**
 * The weekly briefing, composed as an ordinary reply (kind `digest`) so every adapter renders it
 * with its own renderer. Pure: the knowledge base, the week and the channel's digest history in,
 * the reply and what it reported out.
 *
 * Three shapes: a channel's first digest gives the state of play (the key facts per topic); later
 * digests give what was added or updated since the channel's last one; a quiet week says so in
 * one line and puts one topic in focus, taking the topics in turn so a channel meets each of them.
 * Open disputes come with both sides wherever there is room.
 */

import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, counterpartsOf, factLines, placeholder, reply } from "../reply/present.ts";
import type { CommandRef, Prose, Reply, ReplyLine, ReplySection } from "../reply/reply.ts";
import type { DigestContext } from "../store/port.ts";
import { formatDate, isoDate, mondayOfWeek, utcDate } from "../time/week.ts";

/**
 * Fact lines (main lines and their counterpoints) in one digest. Chat renderers cut what does not
 * fit, but a briefing that fits is read; twelve lines stays inside Slack's 50 blocks and Discord's
 * 6000 characters with room for sources.
 */
export const MAX_DIGEST_FACT_LINES = 12;
/** In a week with news, lines kept back for open disputes. */
const DISPUTE_RESERVE = 4;
/** Facts shown for the topic in focus in a quiet week. */
const FOCUS_FACTS = 5;

export type DigestMode = "first" | "changes" | "quiet";

export interface DigestInput {
  knowledge: KnowledgeBase;
  /** The week key of the slot, e.g. `2026-W03`. */
  week: string;
  /** When it is composed: facts stamped after this day are not news yet. */
  asOf: Date;
  /** The channel's history; empty for a channel that has had no digest. */
  context: DigestContext;
  /** A preview rather than the posted digest: says so in the title. */
  preview?: boolean;
}

export interface ComposedDigest {
  reply: Reply;
  mode: DigestMode;
  /**
   * `factId@stamp` of every fact this digest covers as news: those shown, and every fact stamped
   * on the composition day, so the next digest can tell a fact added later that same day.
   */
  reported: string[];
  focusTopic?: string;
}

/** The day a fact entered the base or last changed in substance. */
export function stampOf(fact: Fact): string {
  return fact.updated ?? fact.added;
}

const reportKey = (fact: Fact) => `${fact.id}@${stampOf(fact)}`;

/** `Partnership briefing, week of 12 Jan 2026`. */
export function digestTitle(week: string, preview = false): string {
  const monday = mondayOfWeek(week);
  const of = monday ? formatDate(monday) : week;
  return `Partnership briefing${preview ? " (preview)" : ""}, week of ${of}`;
}

/** Adds facts (each with its counterpoints) while they fit in `budget` lines. */
class LineBudget {
  readonly shown = new Set<string>();
  used = 0;
  skipped = 0;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly budget: number,
  ) {}

  get left(): number {
    return this.budget - this.used;
  }

  /** The lines for `fact`, or `undefined` when it is already shown or does not fit. */
  take(fact: Fact, limit = this.budget): ReplyLine[] | undefined {
    if (this.shown.has(fact.id)) return undefined;
    const lines = factLines(this.kb, [fact]).map((l) =>
      l.factId ? { ...l, more: command("sources", { target: l.factId }) } : l,
    );
    if (this.used + lines.length > Math.min(limit, this.budget)) {
      this.skipped++;
      return undefined;
    }
    for (const l of lines) if (l.factId) this.shown.add(l.factId);
    this.used += lines.length;
    return lines;
  }
}

/** Disputed facts, one per pair (the pair's first in file order), in file order. */
function openDisputes(kb: KnowledgeBase): Fact[] {
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const fact of kb.facts.values()) {
    if (fact.status !== "disputed" || seen.has(fact.id)) continue;
    seen.add(fact.id);
    for (const c of counterpartsOf(kb, fact)) seen.add(c.fact.id);
    out.push(fact);
  }
  return out;
}

/** A number that moves by one each week, for rotations. */
function weekIndex(week: string): number {
  const monday = mondayOfWeek(week);
  if (!monday) return 0;
  return Math.floor(Date.UTC(monday.year, monday.month - 1, monday.day) / (7 * 86_400_000));
}

/** The open disputes not shown yet, starting at a point that rotates weekly, while they fit. */
function disputeSection(
  kb: KnowledgeBase,
  budget: LineBudget,
  week: string,
): ReplySection | undefined {
  const disputes = openDisputes(kb).filter((f) => !budget.shown.has(f.id));
  if (disputes.length === 0 || budget.left < 2) return undefined;
  const start = weekIndex(week) % disputes.length;
  const lines: ReplyLine[] = [];
  for (let i = 0; i < disputes.length && budget.left >= 2; i++) {
    const fact = disputes[(start + i) % disputes.length];
    if (fact) lines.push(...(budget.take(fact) ?? []));
  }
  return lines.length > 0 ? { heading: "Open disputes", lines } : undefined;
}

/** Key facts first, then the rest, each group in file order. */
function factsForTopic(kb: KnowledgeBase, topicId: string): Fact[] {
  const facts = kb.factsByTopic.get(topicId) ?? [];
  return [...facts.filter((f) => f.key), ...facts.filter((f) => !f.key)];
}

function firstDigest(kb: KnowledgeBase, budget: LineBudget): ReplySection[] {
  // One key fact per topic, then a second round, and so on: every topic gets a line before any
  // topic gets two.
  const topics = [...kb.topics.values()].filter(
    (t) => (kb.factsByTopic.get(t.id) ?? []).length > 0,
  );
  const queues = new Map(
    topics.map((t) => {
      const facts = factsForTopic(kb, t.id);
      const keys = facts.filter((f) => f.key);
      return [t.id, keys.length > 0 ? keys : facts.slice(0, 1)];
    }),
  );
  const lines = new Map<string, ReplyLine[]>(topics.map((t) => [t.id, []]));
  for (let round = 0; budget.left > 0; round++) {
    let any = false;
    for (const t of topics) {
      const fact = queues.get(t.id)?.[round];
      if (!fact) continue;
      any = true;
      const taken = budget.take(fact);
      if (taken) lines.get(t.id)?.push(...taken);
    }
    if (!any) break;
  }
  return topics
    .map((t) => ({ heading: t.title, lines: lines.get(t.id) ?? [] }))
    .filter((s) => s.lines.length > 0);
}

/** The topic after `last` in display order (the first when there is none), skipping empty ones. */
export function nextFocusTopic(kb: KnowledgeBase, last: string | undefined): string | undefined {
  const ids = [...kb.topics.keys()].filter((id) => (kb.factsByTopic.get(id) ?? []).length > 0);
  if (ids.length === 0) return undefined;
  const at = last ? ids.indexOf(last) : -1;
  return ids[(at + 1) % ids.length];
}

/**
 * A `composeDigest` that remembers its answers: channels with the same history get the same
 * digest, so a fan-out composes it once instead of once per channel. The key is everything
 * `composeDigest` reads; a reloaded knowledge base starts afresh.
 */
export function memoizedComposer(): (input: DigestInput) => ComposedDigest {
  const byBase = new WeakMap<KnowledgeBase, Map<string, ComposedDigest>>();
  return (input) => {
    let cache = byBase.get(input.knowledge);
    if (!cache) {
      cache = new Map();
      byBase.set(input.knowledge, cache);
    }
    const last = input.context.lastPosted;
    const key = JSON.stringify([
      input.week,
      isoDate(utcDate(input.asOf)),
      last ? isoDate(utcDate(last.asOf)) : null,
      last ? last.reported : null,
      input.context.lastFocusTopic ?? null,
      input.preview ?? false,
    ]);
    let digest = cache.get(key);
    if (!digest) {
      digest = composeDigest(input);
      cache.set(key, digest);
    }
    return digest;
  };
}

/** `suggestions` less the commands `footer` already names: a reader is told each once. */
function besides(footer: Prose, suggestions: readonly CommandRef[]): CommandRef[] {
  const named = new Set(footer.flatMap((p) => (typeof p === "string" ? [] : [JSON.stringify(p)])));
  return suggestions.filter((s) => !named.has(JSON.stringify(s)));
}

export function composeDigest(input: DigestInput): ComposedDigest {
  const { knowledge: kb, week, asOf, context } = input;
  const today = isoDate(utcDate(asOf));
  const budget = new LineBudget(kb, MAX_DIGEST_FACT_LINES);
  const last = context.lastPosted;
  const title = digestTitle(week, input.preview);
  const footer: Prose = [
    "Ask for more: ",
    command("ask", { query: placeholder("topic") }),
    ", or ",
    command("sources", { target: placeholder("fact id") }),
    " for the articles behind a fact.",
  ];
  const more: CommandRef[] = [command("topics"), command("timeline")];
  const stampedToday = [...kb.facts.values()].filter((f) => stampOf(f) === today).map(reportKey);

  if (!last) {
    const sections = firstDigest(kb, budget);
    const topicsWithFacts = [...kb.topics.keys()].filter(
      (id) => (kb.factsByTopic.get(id) ?? []).length > 0,
    ).length;
    const topicsLeft = topicsWithFacts - sections.length;
    const disputes = disputeSection(kb, budget, week);
    if (disputes) sections.push(disputes);
    const shown = [...budget.shown].flatMap((id) => {
      const f = kb.facts.get(id);
      return f ? [reportKey(f)] : [];
    });
    const firstFooter: Prose =
      topicsLeft > 0
        ? [
            `${topicsLeft} more ${topicsLeft === 1 ? "topic" : "topics"}: `,
            command("topics"),
            ". ",
            ...footer,
          ]
        : footer;
    return {
      mode: "first",
      reported: [...new Set([...shown, ...stampedToday])],
      reply: reply({
        kind: "digest",
        title,
        intro:
          "The state of play: the key facts on each topic, with the articles that report them.",
        sections,
        footer: firstFooter,
        suggestions: besides(firstFooter, more),
      }),
    };
  }

  const lastDay = isoDate(utcDate(last.asOf));
  const reportedBefore = new Set(last.reported);
  const news = [...kb.facts.values()]
    .filter((f) => {
      const stamp = stampOf(f);
      return stamp >= lastDay && stamp <= today && !reportedBefore.has(reportKey(f));
    })
    // Newest first; `sort` is stable, so file order breaks ties.
    .sort((a, b) => (stampOf(a) < stampOf(b) ? 1 : stampOf(a) > stampOf(b) ? -1 : 0));
  const since = formatDate(utcDate(last.asOf));

  if (news.length > 0) {
    const lines: ReplyLine[] = [];
    const room = MAX_DIGEST_FACT_LINES - Math.min(DISPUTE_RESERVE, openDisputes(kb).length * 2);
    for (const fact of news) lines.push(...(budget.take(fact, room) ?? []));
    const notShown = news.filter((f) => !budget.shown.has(f.id)).length;
    const sections: ReplySection[] = [{ heading: `New since ${since}`, lines }];
    const disputes = disputeSection(kb, budget, week);
    if (disputes) sections.push(disputes);
    const changesFooter: Prose =
      notShown > 0
        ? [`${notShown} more not shown here: `, command("timeline"), ". ", ...footer]
        : footer;
    return {
      mode: "changes",
      reported: [
        ...new Set([...news.filter((f) => budget.shown.has(f.id)).map(reportKey), ...stampedToday]),
      ],
      reply: reply({
        kind: "digest",
        title,
        intro: `${news.length === 1 ? "One fact" : `${news.length} facts`} added or updated since the last briefing on ${since}.`,
        sections,
        footer: changesFooter,
        suggestions: besides(changesFooter, more),
      }),
    };
  }

  const focusId = nextFocusTopic(kb, context.lastFocusTopic);
  const focus = focusId ? kb.topics.get(focusId) : undefined;
  const sections: ReplySection[] = [];
  if (focus) {
    const lines: ReplyLine[] = [{ text: focus.overview, sources: [], role: "info" }];
    let main = 0;
    for (const fact of factsForTopic(kb, focus.id)) {
      if (main >= FOCUS_FACTS) break;
      const taken = budget.take(fact);
      if (taken) {
        main++;
        lines.push(...taken);
      }
    }
    sections.push({ heading: `In focus: ${focus.title}`, lines });
  }
  const disputes = disputeSection(kb, budget, week);
  if (disputes) sections.push(disputes);
  return {
    mode: "quiet",
    reported: stampedToday,
    ...(focus ? { focusTopic: focus.id } : {}),
    reply: reply({
      kind: "digest",
      title,
      intro: `A quiet week: nothing added or updated since the last briefing on ${since}.${focus ? ` In focus instead: ${focus.title}.` : ""}`,
      sections,
      footer,
      suggestions: besides(footer, focus ? [command("ask", { query: focus.id }), ...more] : more),
    }),
  };
}
