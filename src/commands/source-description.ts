/**
 * A source described in sentences, for `sources <id>` and questions about an article: its title,
 * who wrote it, where and when it was published (or what the text tells about when), the
 * reporting it retells, and the curator's notes, each said once, whichever of them the source has.
 */
import type { Source } from "../knowledge/schema.ts";
import { shownDay } from "../time/week.ts";

/** What a reply may leave out of the description because it has said it already. */
export type SourcePart = "author" | "date" | "retells";

/** "A", "A and B", "A, B and C". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Curator's text as sentences: spaces collapsed, a capital first letter, one end mark. A title
 * is passed with `capital: false`: it is kept as printed.
 */
function sentence(text: string, capital = true): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (!t) return "";
  const first = capital ? t.charAt(0).toUpperCase() + t.slice(1) : t;
  // An end mark may sit inside closing quotes or brackets: `… “Quiet Rivals?”`.
  return /[.!?…]["'”’)\]]*$/.test(first) ? first : `${first}.`;
}

/** The sentences that describe `s`, leaving out the parts in `omit`. */
export function sourceDescription(s: Source, omit: readonly SourcePart[] = []): string {
  const skip = new Set(omit);
  const out = [sentence(s.title, false)];
  if (s.author && !skip.has("author")) out.push(`Written by ${s.author}.`);
  if (s.retells?.length && !skip.has("retells")) out.push(`It retells ${listed(s.retells)}.`);
  const published = skip.has("date") ? undefined : s.published;
  if (s.outlet || published) {
    const where = s.outlet ? ` in ${s.outlet}` : "";
    out.push(`Published${where}${published ? ` on ${shownDay(published)}` : ""}.`);
  }
  if (!s.published && !skip.has("date")) out.push("It prints no date.");
  // What the text tells about when it was written is kept for a date question, which has said
  // "no date" already.
  if (s.dating) out.push(sentence(s.dating));
  if (s.notes) out.push(sentence(s.notes));
  return out.filter(Boolean).join(" ");
}
