/**
 * The evidence under a fact: each article's words, one block quote line each. `>` at the line
 * start is our markup; the quote is escaped like any article text (so its own `>`, `*` or `<@…>`
 * stay text) and, past `QUOTE_MAX`, cut at a word with an ellipsis inside the quote marks.
 */
import type { ReplyLine } from "../../src/index.ts";
import { QUOTE_MAX } from "./limits.ts";
import { clip, escapeInline } from "./text.ts";

/** `> *“quote”* — Label` for each source that carries a quote, one line each; none when none does. */
export function quotesOf(line: ReplyLine, max: number = QUOTE_MAX): string[] {
  return line.sources
    .filter((s) => s.quote?.trim())
    .map(
      (s) => `> *“${clip(escapeInline(s.quote ?? ""), max)}”* — ${escapeInline(s.label || s.id)}`,
    );
}
