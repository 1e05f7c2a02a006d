/**
 * The drawn timeline: a time axis in years and one mark per dated event, as long as the date is
 * vague (a year-dated event spans its year, a season its months, a month its month; a mark is
 * never shorter than its number), so the drawing claims no more precision than the articles give.
 * Years without events shrink to a dashed gap so the busy years get the room. Marks are numbered
 * like the list under the drawing and link to their facts.
 *
 * Drawn twice from one layout: across for wide screens, down for phones (the stylesheet shows
 * one). Pure: facts in, SVG markup out.
 */
import type { Fact } from "../../src/index.ts";
import { type Html, html, path } from "./html.ts";

/** Sizes in SVG user units; the stylesheet scales each drawing to the page width. */
export const TIMELINE_LAYOUT = {
  /** Across: the drawing's width, and where the axis runs. */
  wide: { width: 600, margin: 16, axisAt: 34, laneStart: 46 },
  /** Down: the axis's length, and where it runs (year labels to its left). */
  narrow: { length: 560, margin: 16, axisAt: 72, laneStart: 82 },
  /** Room each lane takes across the axis, and a mark's thickness. */
  lane: 28,
  mark: 22,
  /** Along the axis a mark is at least this long: room for a two-digit number. */
  minMarkLength: 26,
  /** Space kept between two marks in one lane. */
  gap: 3,
  /** A run of years without events takes this share of a busy year's length. */
  emptyYearsWeight: 0.6,
} as const;

export interface TimelineEvent {
  /** 1-based, as in the list. */
  n: number;
  fact: Fact;
}

/** The dated facts in time order (ties in the base's order), numbered from 1. */
export function timelineEvents(facts: Iterable<Fact>): TimelineEvent[] {
  return [...facts]
    .filter((f) => f.whenParsed.range !== undefined)
    .sort((a, b) => a.whenParsed.sortKey - b.whenParsed.sortKey || a.position - b.position)
    .map((fact, i) => ({ n: i + 1, fact }));
}

/** A YYYY-MM-DD day as a fractional year: 2025-01-01 is 2025.0; `end` means the end of that day. */
function yearFraction(day: string, end: boolean): number {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  const start = Date.UTC(y, 0, 1);
  const at = Date.UTC(y, m - 1, d + (end ? 1 : 0));
  return y + (at - start) / (Date.UTC(y + 1, 0, 1) - start);
}

/** A stretch of the axis: one busy year, or a run of empty ones. */
interface Segment {
  from: number;
  to: number;
  empty: boolean;
  /** Where it starts along the axis, 0..1. */
  at: number;
  share: number;
}

function segmentsFor(spans: readonly { from: number; to: number }[]): Segment[] {
  const first = Math.floor(Math.min(...spans.map((s) => s.from)));
  const last = Math.max(first + 1, Math.ceil(Math.max(...spans.map((s) => s.to))));
  const raw: Omit<Segment, "at" | "share">[] = [];
  for (let y = first; y < last; y++) {
    const empty = !spans.some((s) => s.from < y + 1 && s.to > y);
    const prev = raw.at(-1);
    if (empty && prev?.empty) prev.to = y + 1;
    else raw.push({ from: y, to: y + 1, empty });
  }
  const weight = (s: { empty: boolean }) => (s.empty ? TIMELINE_LAYOUT.emptyYearsWeight : 1);
  const total = raw.reduce((sum, s) => sum + weight(s), 0);
  let at = 0;
  return raw.map((s) => {
    const share = weight(s) / total;
    const seg = { ...s, at, share };
    at += share;
    return seg;
  });
}

/** Where a moment sits along the axis, 0..1. */
function position(segments: readonly Segment[], t: number): number {
  const seg = segments.find((s) => t < s.to) ?? segments.at(-1);
  if (!seg) return 0;
  return seg.at + Math.min(1, Math.max(0, (t - seg.from) / (seg.to - seg.from))) * seg.share;
}

interface Placed {
  event: TimelineEvent;
  /** Along the axis, in units from its start. */
  start: number;
  length: number;
  lane: number;
}

/** Greedy lanes: each mark goes in the first lane whose last mark ends before it starts. */
function place(
  spans: readonly { event: TimelineEvent; from: number; to: number }[],
  segments: readonly Segment[],
  axisLength: number,
): { placed: Placed[]; lanes: number } {
  const L = TIMELINE_LAYOUT;
  const laneEnds: number[] = [];
  const placed = spans.map(({ event, from, to }) => {
    const a = position(segments, from) * axisLength;
    const real = position(segments, to) * axisLength - a;
    const length = Math.max(real, L.minMarkLength);
    const start = Math.min(Math.max(0, a - (length - real) / 2), axisLength - length);
    let lane = laneEnds.findIndex((end) => end + L.gap <= start);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = start + length;
    return { event, start, length, lane };
  });
  return { placed, lanes: laneEnds.length };
}

const r = (v: number) => Math.round(v * 10) / 10;

function describe({ n, fact }: TimelineEvent): string {
  const mark =
    fact.status === "current" ? "" : fact.status === "disputed" ? " (disputed)" : " (no longer so)";
  return `${n}. ${fact.whenParsed.label}: ${fact.text}${mark}`;
}

/** One mark: a rectangle with its number, linking to the fact. */
function mark(event: TimelineEvent, x: number, y: number, w: number, h: number): Html {
  const text = describe(event);
  return html`<g class="tl-event ${event.fact.status}"><a href="${path("/facts", event.fact.id)}" aria-label="${text}">
<title>${text}</title>
<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="4"/>
<text x="${r(x + w / 2)}" y="${r(y + h / 2 + 5)}" text-anchor="middle">${event.n}</text>
</a></g>`;
}

function yearLabel(seg: Segment): string {
  if (!seg.empty) return String(seg.from);
  const lastYear = seg.to - 1;
  return lastYear === seg.from ? String(seg.from) : `${seg.from}–${String(lastYear).slice(-2)}`;
}

export function timelineSvg(events: readonly TimelineEvent[]): Html {
  const spans = events.flatMap((event) => {
    const range = event.fact.whenParsed.range;
    return range
      ? [{ event, from: yearFraction(range.from, false), to: yearFraction(range.to, true) }]
      : [];
  });
  if (spans.length === 0) return html``;
  const segments = segmentsFor(spans);
  const L = TIMELINE_LAYOUT;
  const label = `Timeline of ${events.length} dated events, ${segments[0]?.from}–${(segments.at(-1)?.to ?? 0) - 1}`;

  // Across: time runs left to right, lanes stack downwards.
  const W = L.wide;
  const across = W.width - 2 * W.margin;
  const wide = place(spans, segments, across);
  const wideHeight = W.laneStart + wide.lanes * L.lane + 6;
  const xOf = (share: number) => W.margin + share * across;

  // Down: time runs top to bottom, lanes stack rightwards.
  const N = L.narrow;
  const narrow = place(spans, segments, N.length);
  const narrowWidth = N.laneStart + narrow.lanes * L.lane + 6;
  const narrowHeight = N.length + 2 * N.margin;
  const yOf = (share: number) => N.margin + share * N.length;

  return html`<svg class="tl-wide" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W.width} ${r(wideHeight)}" role="group" aria-label="${label}">
<title>${label}</title>
${segments.map(
  (
    s,
  ) => html`<line class="tl-grid" x1="${r(xOf(s.at))}" y1="${W.axisAt}" x2="${r(xOf(s.at))}" y2="${r(wideHeight)}"/>
<line class="tl-axis${s.empty ? " tl-gap" : ""}" x1="${r(xOf(s.at))}" y1="${W.axisAt}" x2="${r(xOf(s.at + s.share))}" y2="${W.axisAt}"/>
<text class="tl-year${s.empty ? " tl-gap" : ""}" x="${r(xOf(s.at) + 4)}" y="${W.axisAt - 9}">${yearLabel(s)}</text>`,
)}
<line class="tl-grid" x1="${r(xOf(1))}" y1="${W.axisAt}" x2="${r(xOf(1))}" y2="${r(wideHeight)}"/>
${wide.placed.map((p) => mark(p.event, W.margin + p.start, W.laneStart + p.lane * L.lane, p.length, L.mark))}
</svg>
<svg class="tl-narrow" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r(narrowWidth)} ${r(narrowHeight)}" role="group" aria-label="${label}">
<title>${label}</title>
${segments.map(
  (
    s,
  ) => html`<line class="tl-grid" x1="${N.axisAt}" y1="${r(yOf(s.at))}" x2="${r(narrowWidth)}" y2="${r(yOf(s.at))}"/>
<line class="tl-axis${s.empty ? " tl-gap" : ""}" x1="${N.axisAt}" y1="${r(yOf(s.at))}" x2="${N.axisAt}" y2="${r(yOf(s.at + s.share))}"/>
<text class="tl-year${s.empty ? " tl-gap" : ""}" x="${N.axisAt - 8}" y="${r(yOf(s.at) + 15)}" text-anchor="end">${yearLabel(s)}</text>`,
)}
<line class="tl-grid" x1="${N.axisAt}" y1="${r(yOf(1))}" x2="${r(narrowWidth)}" y2="${r(yOf(1))}"/>
${narrow.placed.map((p) => mark(p.event, N.laneStart + p.lane * L.lane, N.margin + p.start, L.mark, p.length))}
</svg>`;
}
