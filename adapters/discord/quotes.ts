/**
 * The evidence under a fact: each article's words, one block quote line each. `>` at the line
 * start is our markup; the quote is escaped like any article text (so its own `>`, `*` or `<@…>`
 * stay text) and cut with an ellipsis so all of them fit in `room`.
 */
import type { ReplyLine } from "../../src/index.ts";
import { QUOTE_MAX } from "./limits.ts";
import { clip, escapeInline } from "./text.ts";

/** `\n> *“quote”* — Label` for each source that carries a quote; empty when none does. */
export function quotesOf(line: ReplyLine, room: number): string {
  const quoted = line.sources.filter((s) => s.quote?.trim());
  if (quoted.length === 0) return "";
  const labelled = quoted.map((s) => ({
    label: escapeInline(s.label || s.id),
    quote: escapeInline(s.quote ?? ""),
  }));
  // `\n> *“`, `”* — `: the markup around each quote.
  const overhead = labelled.reduce((n, q) => n + q.label.length + 12, 0);
  const each = Math.floor((room - overhead) / quoted.length);
  const max = Math.max(1, Math.min(QUOTE_MAX, each));
  return labelled.map((q) => `\n> *“${clip(q.quote, max)}”* — ${q.label}`).join("");
}
