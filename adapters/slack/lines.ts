/**
 * The text and blocks for each line of a Slack reply: a fact or an other side (date, status),
 * the context under it (its sources, how to see more, its page), its quotes, the note on how the
 * sides of a dispute differ, its Evidence button; a plain line (help, topics); prose; links. Every
 * string from the reply is escaped (`mrkdwn.ts`) and fitted to its block's limit; the lines the
 * core shares are remembered (`src/render/line-memo.ts`). Separate so how a line reads is found in
 * one place, apart from how lines are grouped (`units.ts`) and cut (`render.ts`).
 */
import {
  type PageLinks,
  type Prose,
  type Reply,
  type ReplyLine,
  type ReplyLink,
  rememberFrozen,
} from "../../src/index.ts";
import {
  type ButtonElement,
  command,
  context,
  mrkdwn,
  SHORT,
  type SlackBlock,
  section,
} from "./blocks.ts";
import { EVIDENCE_ACTION_ID, evidenceValue } from "./evidence.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { cutEscaped, escapeText, fitText } from "./mrkdwn.ts";

/** Prose as mrkdwn: its text escaped, its commands as code, cut to `max` when too long. */
export function proseText(prose: Prose, max: number): string {
  const text = prose.map((p) => (typeof p === "string" ? escapeText(p) : command(p))).join("");
  return cutEscaped(text, max);
}

/** A plain line's text, remembered for the frozen lines the core shares (topic and help lines). */
export const infoText = rememberFrozen(infoLine);

/** A plain line: the command it is about, its text, and an example. */
function infoLine(line: ReplyLine): string {
  const lead = line.command ? command(line.command) : "";
  const shown = line.example ? `Example: ${command(line.example)}` : "";
  const out = line.link ? outLink(line.link) : "";
  // The text gets what the bullet, the command, the example, the link and their separators leave.
  const room =
    SLACK_LIMITS.sectionText - 2 - lead.length - 2 - shown.length - 1 - (out ? out.length + 3 : 0);
  const text = line.text ? fitText(line.text, room) : "";
  const body = [lead, text].filter(Boolean).join(": ");
  const example = shown ? `${body ? " " : ""}${shown}` : "";
  return `• ${body}${example}${out && (body || example) ? " · " : ""}${out}`;
}

/**
 * Sources named in a context line: the labels, cut with a count of the rest when too many.
 * Remembered for the frozen lines the core shares between answers; "" when there are none.
 */
const sourcesText = rememberFrozen(sourcesLine);

function sourcesLine(line: ReplyLine): string {
  if (line.sources.length === 0) return "";
  const prefix = line.sources.length === 1 ? "Source: " : "Sources: ";
  const labels = line.sources.map((s) => escapeText(s.label || s.title || s.id));
  const max = SLACK_LIMITS.textObject - prefix.length;
  let text = "";
  for (const [i, label] of labels.entries()) {
    const next = i === 0 ? label : `${text} · ${label}`;
    const rest = labels.length - i - 1;
    const tail = rest > 0 ? ` · and ${rest} more` : "";
    if (next.length + tail.length > max) {
      const more = ` · and ${labels.length - i} more`;
      text = i === 0 ? cutEscaped(label, max - more.length) + more : text + more;
      break;
    }
    text = next;
  }
  return cutEscaped(prefix + text, SLACK_LIMITS.textObject);
}

/**
 * `<url|label>`, or nothing when the URL could break out of the link (a `|` or `>` in it) or is
 * longer than a link should be.
 */
export function link(url: string, label: string): string | undefined {
  if (/[|<>\s]/.test(url) || url.length > SLACK_LIMITS.linkUrl) return undefined;
  return `<${url.replace(/&/g, "&amp;")}|${escapeText(label)}>`;
}

/**
 * A link out of the briefing (an article's address): `<url|text>`, or the address as escaped
 * text when it cannot be a link safely (a `|` in it, too long).
 */
function outLink(out: ReplyLink): string {
  // As text, an address is cut to a link's length: it shares its block with the line it follows.
  return link(out.url, out.text) ?? cutEscaped(escapeText(out.url), SLACK_LIMITS.linkUrl);
}

/** The context block under a fact or counterpoint: its sources, how to see more, its page. */
export function lineContext(line: ReplyLine, links: PageLinks | undefined): SlackBlock | undefined {
  const elements: string[] = [];
  const sources = sourcesText(line);
  if (sources) elements.push(sources);
  if (line.more) elements.push(`More: ${command(line.more)}`);
  if (line.link) elements.push(outLink(line.link));
  const page = links && line.factId ? link(links.fact(line.factId), "Open in browser") : undefined;
  if (page) elements.push(page);
  return elements.length > 0 ? context(elements) : undefined;
}

/**
 * The Evidence button beside a fact, for replies that list facts without their quotes: the
 * quotes come on demand, privately, so the reply itself gets no longer. Never on a digest (it
 * stays short) nor on a line that already shows its quotes.
 */
export function evidenceButton(reply: Reply, line: ReplyLine): ButtonElement | undefined {
  if (reply.kind === "digest" || !line.factId) return undefined;
  if (line.sources.length === 0 || line.sources.some((s) => s.quote !== undefined))
    return undefined;
  const value = evidenceValue(line.factId);
  if (value === undefined) return undefined;
  return {
    type: "button",
    text: { type: "plain_text", text: "Evidence" },
    action_id: EVIDENCE_ACTION_ID,
    value,
  };
}

/**
 * Each article's words under the fact, as a block quote. The quote marker is written `&gt;`,
 * as Slack itself stores a quoted line, so no raw `>` ever leaves the renderer; the quote is
 * escaped like any article text and cut with an ellipsis so all of them fit in one section.
 */
export function quoteSection(line: ReplyLine): SlackBlock | undefined {
  const quoted = line.sources.filter((s) => s.quote?.trim());
  if (quoted.length === 0) return undefined;
  const labelled = quoted.map((s) => ({
    label: fitText(s.label || s.title || s.id, SHORT),
    quote: (s.quote ?? "").replace(/\s+/g, " ").trim(),
  }));
  const overhead = labelled.reduce((n, q) => n + q.label.length + 12, 0);
  const room = Math.floor((SLACK_LIMITS.sectionText - overhead) / quoted.length);
  const max = Math.max(1, Math.min(SLACK_LIMITS.quoteText, room));
  const text = labelled.map((q) => `&gt;“${fitText(q.quote, max)}” — _${q.label}_`).join("\n");
  return section(cutEscaped(text, SLACK_LIMITS.sectionText));
}

/** A line's date, as a bold prefix on facts and their other sides alike: `*Jan 2025* — `. */
const whenOf = (line: ReplyLine) => (line.when ? `*${fitText(line.when, SHORT)}* — ` : "");

/** `(disputed)` on every side of a dispute, so a reader of any one side knows. */
const statusOf = (line: ReplyLine) => (line.status ? ` _(${fitText(line.status, SHORT)})_` : "");

function factText(line: ReplyLine): string {
  const when = whenOf(line);
  const status = statusOf(line);
  const prefix = `• ${when}`;
  return (
    prefix + fitText(line.text, SLACK_LIMITS.sectionText - prefix.length - status.length) + status
  );
}

function counterpointText(line: ReplyLine): string {
  const relation = fitText(line.relation || "Other side", SHORT);
  const status = statusOf(line);
  const prefix = `↔ *${relation}:* ${whenOf(line)}`;
  const room = SLACK_LIMITS.sectionText - prefix.length - status.length;
  return prefix + fitText(line.text, room) + status;
}

/**
 * How the sides of a dispute differ, in its own context block after the last side (its sources
 * and quotes), so it reads as about the whole dispute, not as that side's article's claim.
 */
export function noteBlock(line: ReplyLine): SlackBlock | undefined {
  return line.note?.trim()
    ? context([`_How they differ: ${fitText(line.note.trim(), SLACK_LIMITS.textObject - 20)}_`])
    : undefined;
}

/** A fact or counterpoint line's section text, remembered for the core's shared lines. */
const lineText = rememberFrozen((line: ReplyLine) =>
  line.role === "counterpoint" ? counterpointText(line) : factText(line),
);

/** The section for a fact or counterpoint, with its Evidence button as accessory when it has one. */
export function lineSection(line: ReplyLine, button: ButtonElement | undefined): SlackBlock {
  const text = mrkdwn(lineText(line));
  return button ? { type: "section", text, accessory: button } : { type: "section", text };
}
