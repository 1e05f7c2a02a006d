/**
 * Paging a long answer: a trailing `page N` on `ask`, `timeline` and `sources` asks for the N-th
 * page of the same answer (`stargate page 2`; on Discord `/partnership ask query:stargate page 2`,
 * the same text). Page 1 is the answer as it is without `page`.
 *
 * A page holds whole facts, each with its other sides (counterpoints), as every answer does. A
 * fact already shown, as a line or as another fact's other side, is not a line again on a later
 * page, so following the footers' "Next page" reaches every fact of the answer, each once.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, counterpartsOf, reply } from "../reply/present.ts";
import type { CommandRef, Prose, Reply } from "../reply/reply.ts";
import { quoteSafely } from "../search/normalize.ts";

/** Which page a command asked for. */
export type PageAsked =
  /** No `page` given: the first page, the answer as it always was. */
  | { kind: "first" }
  /** A whole number from 1, as typed (it may be past the end, or too large for any answer). */
  | { kind: "number"; n: number; typed: string }
  /** Something that is not a page number: `page 0`, `page -1`, `page x`, `page 2.5`. */
  | { kind: "bad"; typed: string };

export const FIRST_PAGE: PageAsked = { kind: "first" };

export interface PageSplit {
  /** The command's text without the trailing `page …`. */
  text: string;
  page: PageAsked;
  /**
   * Whether what follows `page` looks like an attempt at a number (`2`, `-1`, `0`, `2.5`).
   * A question may end in "page" and a word ("… on its front page yesterday"); a number after
   * it is a page asked for.
   */
  numeric: boolean;
}

const TRAILING_PAGE = /^(?:([\s\S]*?)\s+)?page\s+(\S+)$/i;

/** Splits a trailing `page N` off a command's text (`stargate page 2` → `stargate`, page 2). */
export function splitPage(rest: string): PageSplit {
  const trimmed = rest.trim();
  const match = TRAILING_PAGE.exec(trimmed);
  // "stargate page 2." ends a sentence; the full stop is not part of the number.
  const typed = match?.[2]?.replace(/(?<=.)[.!?,;:]+$/, "");
  if (!match || typed === undefined) return { text: trimmed, page: FIRST_PAGE, numeric: false };
  const text = (match[1] ?? "").trim();
  const numeric = /^[-+]?[\d.,]/.test(typed);
  if (!/^\d+$/.test(typed)) return { text, page: { kind: "bad", typed }, numeric };
  const n = Number(typed);
  return { text, page: n >= 1 ? { kind: "number", n, typed } : { kind: "bad", typed }, numeric };
}

/** One page: its main facts (each shown with its other sides), and which of the answer's facts it shows. */
export interface Page {
  facts: Fact[];
  /** The segment the page belongs to (see `paginate`). */
  segment: number;
  /** The answer's facts shown for the first time here are numbers `from` to `to` of `total`. */
  from: number;
  to: number;
}

export interface Pages {
  pages: Page[];
  /** How many facts the answer has in all. */
  total: number;
}

/** Facts to page through in order; `size` main facts a page (Infinity: one page). */
export interface Segment {
  facts: readonly Fact[];
  size: number;
}

const onceByBase = new WeakMap<KnowledgeBase, Map<string, Pages>>();

/**
 * The pages of an answer that depends on the base alone (a topic's facts in key order, a name's,
 * a timeline's, an article's), cut once per base and shared by every request: `key` names the
 * answer. Bounded by the base (one entry per topic, name and article at most), and a reloaded
 * base starts afresh.
 */
export function pagesOnce(kb: KnowledgeBase, key: string, cut: () => Pages): Pages {
  let byKey = onceByBase.get(kb);
  if (!byKey) {
    byKey = new Map();
    onceByBase.set(kb, byKey);
  }
  let pages = byKey.get(key);
  if (!pages) {
    pages = cut();
    byKey.set(key, pages);
  }
  return pages;
}

/**
 * Cuts an answer into pages: each segment in order, starting a new page at each segment, every
 * page holding up to its segment's `size` facts not shown before, as lines or as other sides.
 * `belongs` says which facts the answer is about (a counterpoint may come from elsewhere); they
 * are the facts the pages count.
 */
export function paginate(
  kb: KnowledgeBase,
  segments: readonly Segment[],
  belongs: (f: Fact) => boolean,
  total: number,
): Pages {
  const shown = new Set<string>();
  const pages: Page[] = [];
  let reached = 0;
  const reach = (f: Fact) => {
    if (shown.has(f.id)) return;
    shown.add(f.id);
    if (belongs(f)) reached++;
  };
  segments.forEach((segment, s) => {
    let facts: Fact[] = [];
    let from = reached + 1;
    const close = () => {
      if (facts.length > 0) pages.push({ facts, segment: s, from, to: reached });
      facts = [];
      from = reached + 1;
    };
    for (const fact of segment.facts) {
      if (shown.has(fact.id)) continue;
      reach(fact);
      for (const c of counterpartsOf(kb, fact)) reach(c.fact);
      facts.push(fact);
      if (facts.length >= segment.size) close();
    }
    close();
  });
  return { pages, total };
}

/**
 * "Showing 6–10 of 13 facts (page 2 of 3). " ("Showing the last of 13 facts …" for one), or
 * nothing when the answer fits on one page.
 */
export function pageStatus(paged: Pages, page: Page, noun: string): string {
  const count = paged.pages.length;
  if (count <= 1) return "";
  const n = paged.pages.indexOf(page) + 1;
  // "Showing 17 of 17 facts" would read as seventeen facts shown.
  const one = page.to === paged.total ? "the last" : `no. ${page.to}`;
  const range = page.to > page.from ? `${page.from}–${page.to}` : one;
  return `Showing ${range} of ${paged.total} ${noun} (page ${n} of ${count}). `;
}

/** The page asked for, or undefined when there is no such page. */
export function pageOf(paged: Pages, asked: PageAsked): Page | undefined {
  if (asked.kind === "bad") return undefined;
  const i = asked.kind === "first" ? 0 : asked.n - 1;
  // An answer with no facts at all still has its first page, empty.
  return paged.pages[i] ?? (i === 0 ? { facts: [], segment: 0, from: 1, to: 0 } : undefined);
}

/** How many pages, in words: "one page", "3 pages, 1 to 3". */
function pagesPhrase(count: number): string {
  return count <= 1 ? "one page" : `${count} pages, 1 to ${count}`;
}

/**
 * A polite reply to a page that does not exist (past the end, `page 0`, `page x`), naming the
 * pages there are and the commands for the first and the last. `what` reads mid-sentence:
 * "Stargate", "the timeline of Stargate".
 */
export function noSuchPage(
  what: string,
  asked: PageAsked,
  count: number,
  at: (n: number) => CommandRef,
): Reply {
  const typed = quoteSafely(asked.kind === "first" ? "1" : asked.typed, 20);
  const has = `${what} has ${pagesPhrase(count)}.`;
  const intro =
    asked.kind === "number"
      ? `There is no page ${typed} of ${what}: it has ${pagesPhrase(count)}.`
      : /^[-+]?\d+$/.test(typed)
        ? `Pages are numbered from 1; ${has}`
        : `“${typed}” is not a page number; ${has}`;
  const footer: Prose =
    count <= 1 ? ["The answer: ", at(1)] : ["First page: ", at(1), " · last page: ", at(count)];
  return reply({ kind: "usage", title: "No such page", intro, sections: [], footer });
}

/**
 * The command for page `n` of an answer: `command` with `value` in its argument `arg`, plus
 * ` page n` after page 1 (`stargate`, `stargate page 2`, `timeline page 2`).
 */
export function pageRef(name: string, arg: string, value: string): (n: number) => CommandRef {
  return (n) => {
    const text = n <= 1 ? value : `${value} page ${n}`.trim();
    return text ? command(name, { [arg]: text }) : command(name);
  };
}

/**
 * An answer that always fits on one page, asked for a page: page 1 is the answer; any other page
 * gets the polite reply.
 */
export function onePage(
  answer: Reply,
  asked: PageAsked,
  what: string,
  at: (n: number) => CommandRef,
): Reply {
  if (asked.kind === "first" || (asked.kind === "number" && asked.n === 1)) return answer;
  return noSuchPage(what, asked, 1, at);
}
