/**
 * The text of each line of a Discord reply, as it goes into an embed: a fact and its other sides
 * (date, status, sources, page link, quotes, the note on how they differ), a plain line (help,
 * topics), a cited article, the footer's prose. Each line closes its own markup, so the cutting
 * in `fit.ts` may fall between any two; the lines the core shares are remembered
 * (`src/render/line-memo.ts`). Separate from the cutting and the assembly so how a line reads is
 * found in one place.
 */
import {
  type PageLinks,
  type Prose,
  type ReplyLine,
  type ReplyLink,
  rememberFrozen,
  type SourceRef,
} from "../../src/index.ts";
import { discordCommand } from "./commands.ts";
import { MESSAGE_LIMITS, QUOTE_MAX } from "./limits.ts";
import { quotesOf } from "./quotes.ts";
import { clip, escapeInline, inlineCode } from "./text.ts";

function sourcesOf(sources: readonly SourceRef[]): string {
  if (sources.length === 0) return "";
  return ` — *${sources.map((s) => escapeInline(s.label || s.id)).join(", ")}*`;
}

/** `(disputed)` on every side of a dispute, so a reader of any one side knows. */
function statusOf(line: ReplyLine): string {
  return line.status ? ` *(${line.status})*` : "";
}

function whenOf(line: ReplyLine): string {
  return line.when ? ` (${escapeInline(line.when)})` : "";
}

/**
 * ` · [Open](url)`: a masked link to the line's fact page, when links are on and the URL is one
 * Discord shows as a link (no spaces or parentheses to end it early, not too long).
 */
function pageOf(line: ReplyLine, links: PageLinks | undefined): string {
  const url = factPage(line.factId, links);
  return url ? ` · [Open](${url})` : "";
}

/** A fact's page, when links are on and Discord can show its URL as a link. */
export function factPage(
  factId: string | undefined,
  links: PageLinks | undefined,
): string | undefined {
  if (!links || !factId) return undefined;
  const url = links.fact(factId);
  return /[\s()<>]/.test(url) || url.length > MESSAGE_LIMITS.linkUrl ? undefined : url;
}

/**
 * A fact or an other side, one line each, then its quotes (one line each) and, for the last side
 * of a dispute, the note on how the sides differ: every line closes its own markup, so a unit can
 * be cut between any two of them.
 */
export function factLine(
  line: ReplyLine,
  links?: PageLinks,
  quotes = true,
  quoteMax = QUOTE_MAX,
): string {
  const text = `• ${escapeInline(line.text)}${whenOf(line)}${statusOf(line)}${sourcesOf(line.sources)}${pageOf(line, links)}`;
  return [text, ...(quotes ? quotesOf(line, quoteMax) : [])].join("\n");
}

export function counterpointLine(
  line: ReplyLine,
  links?: PageLinks,
  quotes = true,
  quoteMax = QUOTE_MAX,
): string {
  const relation = escapeInline(line.relation || "Other side");
  const note = line.note ? [`  *${escapeInline(line.note)}*`] : [];
  const text = `  ↔ **${relation}:** ${escapeInline(line.text)}${whenOf(line)}${statusOf(line)}${sourcesOf(line.sources)}${pageOf(line, links)}`;
  return [text, ...(quotes ? quotesOf(line, quoteMax) : []), ...note].join("\n");
}

/**
 * A fact or counterpoint line as text, remembered for the frozen lines the core shares between
 * answers (links are per deployment and rare: lines with links are rendered every time).
 */
const lineTextOf = (quotes: boolean) =>
  rememberFrozen((line: ReplyLine) =>
    line.role === "fact"
      ? factLine(line, undefined, quotes)
      : counterpointLine(line, undefined, quotes),
  );
const LINE_TEXT = { quotes: lineTextOf(true), plain: lineTextOf(false) };

export function lineText(line: ReplyLine, links: PageLinks | undefined, quotes: boolean): string {
  if (links) {
    return line.role === "fact"
      ? factLine(line, links, quotes)
      : counterpointLine(line, links, quotes);
  }
  return (quotes ? LINE_TEXT.quotes : LINE_TEXT.plain)(line);
}

/** A plain line's text, remembered for the frozen lines the core shares (topic and help lines). */
export const infoLine = rememberFrozen(infoText);

/** A plain line (help, topic lists, notes): the command it is about, its text, an example. */
function infoText(line: ReplyLine): string {
  const lead = line.command ? inlineCode(discordCommand(line.command)) : "";
  const body = [lead, line.text ? escapeInline(line.text) : ""].filter(Boolean).join(": ");
  const example = line.example
    ? `${body ? " " : ""}Example: ${inlineCode(discordCommand(line.example))}`
    : "";
  const more = line.more ? ` · ${inlineCode(discordCommand(line.more))}` : "";
  const out = line.link ? outLink(line.link) : "";
  return `• ${body}${example}${sourcesOf(line.sources)}${more}${out ? ` · ${out}` : ""}`;
}

/**
 * A link out of the briefing (an article's address) as `[text](url)`. Parentheses would end the
 * address early, so they are percent-encoded; an address too long to be a link is left out.
 */
function outLink(out: ReplyLink): string {
  const url = out.url.replace(/\(/g, "%28").replace(/\)/g, "%29");
  if (/[\s<>]/.test(url) || url.length > MESSAGE_LIMITS.linkUrl) return "";
  // Brackets would end the link text; taken out before escaping, so no escape is left bare.
  return `[${escapeInline(out.text.replace(/[[\]]/g, ""))}](${url})`;
}

/** Prose for an embed footer (no markdown there): its commands written for Discord. */
export function proseText(prose: Prose): string {
  return prose.map((p) => (typeof p === "string" ? p : discordCommand(p))).join("");
}

/** A cited article's line, remembered for the frozen citations the core shares. */
export const citationLine = rememberFrozen(citationText);

function citationText(s: SourceRef): string {
  const label = escapeInline(s.label || s.id);
  const title = escapeInline(s.title);
  return clip(title && title !== label ? `• **${label}**: ${title}` : `• **${label}**`, 300);
}
