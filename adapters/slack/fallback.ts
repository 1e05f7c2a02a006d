/**
 * The plain-text fallback of a Slack message (its `text`): what notifications show and screen
 * readers read. Built from the lines the blocks show, within Slack's limit for it. Separate
 * because it is a second rendering of the reply, in plain text, with its own cutting.
 */
import { type Prose, type Reply, type ReplyLine, rememberFrozen } from "../../src/index.ts";
import { DEFAULT_TITLE } from "./blocks.ts";
import { slackCommand } from "./commands.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { cutAtWord, escapeText, fitText } from "./mrkdwn.ts";

/**
 * The plain fallback, what notifications show and screen readers read: the title, the intro and
 * the lines shown, each whole with its command, date, mark and sources; then the footer and the
 * suggestions. Lines that do not fit are left out whole (the first of them started, cut at a
 * word, when there is room) and a last line says how many.
 */
export function fallbackText(reply: Reply, shown: readonly ReplyLine[], omitted: number): string {
  const max = SLACK_LIMITS.fallbackText;
  let text = fitText(reply.title.trim() || DEFAULT_TITLE, SLACK_LIMITS.headerText);
  if (reply.intro?.trim()) text += `\n${cutAtWord(escapeText(reply.intro.trim()), 1000)}`;
  const hints: string[] = [];
  if (reply.footer?.length) hints.push(plainProse(reply.footer));
  const suggestions = (reply.suggestions ?? []).slice(0, 5);
  if (suggestions.length > 0) hints.push(`Try ${suggestions.map(slackCommand).join(" · ")}`);
  const tail = hints.map((h) => `\n${cutAtWord(escapeText(h), 500)}`).join("");
  const lines = shown.map(reply.kind === "digest" ? FALLBACK_LINE.plain : FALLBACK_LINE.quotes);
  let i = 0;
  const more = (left: number) =>
    left > 0 ? `\n… ${left} more line${left === 1 ? "" : "s"} not shown.` : "";
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const room = max - tail.length - more(lines.length - i - 1 + omitted).length;
    if (text.length + line.length > room) break;
    text += line;
  }
  if (i < lines.length) {
    const room = max - tail.length - more(lines.length - i - 1 + omitted).length - text.length;
    if (room >= 200) text += cutAtWord(lines[i++] ?? "", room);
  }
  return cutAtWord(`${text}${more(lines.length - i + omitted)}${tail}`, max);
}

/** Prose as plain text: its commands written as typed in Slack. */
function plainProse(prose: Prose): string {
  return prose.map((p) => (typeof p === "string" ? p : slackCommand(p))).join("");
}

/** A line of the fallback, with its quotes or (in a digest) without. */
function fallbackLine(line: ReplyLine, quotes: boolean): string {
  const labels = line.sources.map((s) => s.label || s.title || s.id);
  const prefix = line.role === "counterpoint" ? `↔ ${line.relation || "Other side"}: ` : "• ";
  if (line.role === "info" && line.sources.length === 0) {
    // A help or topic line: the command it is about, its text, an example, as the blocks show.
    const lead = line.command ? slackCommand(line.command) : "";
    const body = [lead, line.text].filter(Boolean).join(": ");
    const example = line.example ? `${body ? " " : ""}Example: ${slackCommand(line.example)}` : "";
    const out = line.link ? ` · ${line.link.url}` : "";
    return `\n• ${body}${example}${out}`;
  }
  const when = line.when ? `${line.when} — ` : "";
  const status = line.status ? ` (${line.status})` : "";
  let text = `\n${prefix}${when}${line.text}${status}${labels.length ? ` (${labels.join(", ")})` : ""}`;
  for (const s of line.sources) {
    if (s.quote && quotes) text += `\n  “${s.quote}” (${s.label || s.title || s.id})`;
  }
  if (line.role === "counterpoint" && line.note) text += `\n  How they differ: ${line.note}`;
  return text;
}

/** Fallback lines, escaped, remembered for the core's shared lines. */
const FALLBACK_LINE = {
  quotes: rememberFrozen((line: ReplyLine) => escapeText(fallbackLine(line, true))),
  plain: rememberFrozen((line: ReplyLine) => escapeText(fallbackLine(line, false))),
};
