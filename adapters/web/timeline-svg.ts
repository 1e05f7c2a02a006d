/**
 * The drawn timeline: a time axis in years and one mark per dated event, as wide as the date is
 * vague (a year-dated event spans its year, a month its month; a mark is never narrower than its
 * number), so the drawing claims no more precision than the articles give. Marks are numbered
 * like the list beside the drawing and link to their facts. Pure: facts in, SVG markup out.
 */
import type { Fact } from "../../src/index.ts";
import { type Html, html, path } from "./html.ts";

/** Layout in SVG user units; the stylesheet scales the drawing to the page width. */
export const TIMELINE_LAYOUT = {
  width: 720,
  margin: 18,
  axisY: 34,
  laneTop: 50,
  laneHeight: 26,
  markHeight: 20,
  /** Wide enough for a two- or three-digit number. */
  minMarkWidth: 24,
  /** Space kept between two marks in one lane. */
  gap: 4,
} as const;

export interface TimelineEvent {
  /** 1-based, as in the list. */
  n: number;
  fact: Fact;
}

/** A YYYY-MM-DD day as a fractional year: 2025-01-01 is 2025.0. */
function yearFraction(day: string, endOfDay: boolean): number {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  const start = Date.UTC(y, 0, 1);
  const next = Date.UTC(y + 1, 0, 1);
  const at = Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0));
  return y + (at - start) / (next - start);
}

/** The dated facts in time order (ties in the base's order), numbered from 1. */
export function timelineEvents(facts: Iterable<Fact>): TimelineEvent[] {
  return [...facts]
    .filter((f) => f.whenParsed.range !== undefined)
    .sort((a, b) => a.whenParsed.sortKey - b.whenParsed.sortKey || a.position - b.position)
    .map((fact, i) => ({ n: i + 1, fact }));
}

interface Placed {
  event: TimelineEvent;
  x: number;
  w: number;
  lane: number;
}

export function timelineSvg(events: readonly TimelineEvent[]): Html {
  const L = TIMELINE_LAYOUT;
  const spans = events.flatMap((event) => {
    const range = event.fact.whenParsed.range;
    return range
      ? [{ event, from: yearFraction(range.from, false), to: yearFraction(range.to, true) }]
      : [];
  });
  if (spans.length === 0) return html``;
  const first = Math.floor(Math.min(...spans.map((s) => s.from)));
  const last = Math.max(first + 1, Math.ceil(Math.max(...spans.map((s) => s.to))));
  const scale = (L.width - 2 * L.margin) / (last - first);
  const xOf = (year: number) => L.margin + (year - first) * scale;

  // Greedy lanes: each mark goes in the first lane whose last mark ends before it starts.
  const laneEnds: number[] = [];
  const placed: Placed[] = spans.map(({ event, from, to }) => {
    const realWidth = (to - from) * scale;
    const w = Math.max(realWidth, L.minMarkWidth);
    const x = Math.min(Math.max(L.margin, xOf(from) - (w - realWidth) / 2), L.width - L.margin - w);
    let lane = laneEnds.findIndex((end) => end + L.gap <= x);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = x + w;
    return { event, x, w, lane };
  });
  const height = L.laneTop + laneEnds.length * L.laneHeight + 8;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const r = (v: number) => Math.round(v * 10) / 10;

  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${L.width} ${r(height)}" role="group" aria-label="Timeline of ${events.length} dated events from ${first} to ${last}">
<title>Timeline of dated events</title>
${years.map(
  (
    y,
  ) => html`<line class="tl-grid" x1="${r(xOf(y))}" y1="${L.axisY}" x2="${r(xOf(y))}" y2="${r(height - 4)}"/>
${y < last ? html`<text class="tl-year" x="${r(xOf(y) + 4)}" y="${L.axisY - 8}">${y}</text>` : ""}`,
)}
<line class="tl-axis" x1="${L.margin}" y1="${L.axisY}" x2="${L.width - L.margin}" y2="${L.axisY}"/>
${placed.map(({ event: { n, fact }, x, w, lane }) => {
  const y = L.laneTop + lane * L.laneHeight;
  const mark =
    fact.status === "current"
      ? ""
      : ` (${fact.status === "disputed" ? "disputed" : "no longer so"})`;
  return html`<g class="tl-event ${fact.status}"><a href="${path("/facts", fact.id)}" aria-label="${n}. ${fact.whenParsed.label}: ${fact.text}${mark}">
<title>${n}. ${fact.whenParsed.label}: ${fact.text}${mark}</title>
<rect x="${r(x)}" y="${y}" width="${r(w)}" height="${L.markHeight}" rx="4"/>
<text x="${r(x + w / 2)}" y="${y + 14}" text-anchor="middle">${n}</text>
</a></g>`;
})}
</svg>`;
}
