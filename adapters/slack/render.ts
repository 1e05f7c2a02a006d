/**
 * Reply -> Block Kit. A pure function: the same reply always renders the same message, within
 * every limit in `limits.ts`. Long replies are cut (never rejected by Slack) with an ellipsis and a
 * pointer to the command that shows more.
 *
 * Every string from the reply is escaped (`mrkdwn.ts`); the only markup in the output is ours:
 * `*bold*`, `_italic_` and `` `code` `` around escaped text. Text objects are `verbatim` so Slack
 * does not link-ify names in them either.
 *
 * About 500 lines: one renderer with its cutting rules in one place, so every limit is
 * checked by one reading; escaping, commands, evidence and limits are in their own files.
 */
import {
  type CommandRef,
  type PageLinks,
  type Prose,
  pageLinks,
  type Reply,
  type ReplyLine,
  type ReplyLink,
  rememberFrozen,
} from "../../src/index.ts";
import { slackCommand } from "./commands.ts";
import { EVIDENCE_ACTION_ID, evidenceValue } from "./evidence.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { cutAtWord, cutEscaped, escapeText, fitText } from "./mrkdwn.ts";
import { encodeShareValue, SHARE_ACTION_ID } from "./share.ts";

export interface PlainTextObject {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface MrkdwnObject {
  type: "mrkdwn";
  text: string;
  verbatim?: boolean;
}

export interface ButtonElement {
  type: "button";
  text: PlainTextObject;
  action_id: string;
  value?: string;
  style?: "primary" | "danger";
}

export type SlackBlock =
  | { type: "header"; text: PlainTextObject }
  | { type: "section"; text: MrkdwnObject; accessory?: ButtonElement }
  | { type: "context"; elements: MrkdwnObject[] }
  | { type: "actions"; block_id?: string; elements: ButtonElement[] };

export interface SlackMessage {
  blocks: SlackBlock[];
  /** Fallback for notifications and clients without Block Kit; never empty. */
  text: string;
}

export interface RenderOptions {
  /**
   * The command text behind this reply. When given (ephemeral answers), a "Share in channel"
   * button is added that re-runs it visibly.
   */
  shareCommand?: string;
  /** The name of whoever shared this reply into the channel; credited at the end. */
  sharedBy?: string;
  /**
   * `PUBLIC_URL`: link each fact and the topic to its page on the web briefing, and a digest to
   * the full briefing. Absent: no links.
   */
  publicUrl?: string;
}

const DEFAULT_TITLE = "Partnership briefing";
const SHARE_BLOCK_ID = "partnership_share_actions";
/** Room kept for our own markup around a label or prefix that is fitted separately. */
const SHORT = 120;

const mrkdwn = (text: string): MrkdwnObject => ({ type: "mrkdwn", text, verbatim: true });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
const context = (texts: string[]): SlackBlock => ({
  type: "context",
  elements: texts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn),
});
const command = (ref: CommandRef) => `\`${fitText(slackCommand(ref), SHORT)}\``;

/** Prose as mrkdwn: its text escaped, its commands as code, cut to `max` when too long. */
function proseText(prose: Prose, max: number): string {
  const text = prose.map((p) => (typeof p === "string" ? escapeText(p) : command(p))).join("");
  return cutEscaped(text, max);
}

/** A plain line's text, remembered for the frozen lines the core shares (topic and help lines). */
const infoText = rememberFrozen(infoLine);

/** A plain line: the command it is about, its text, and an example. */
function infoLine(line: ReplyLine): string {
  const lead = line.command ? command(line.command) : "";
  const shown = line.example ? `Example: ${command(line.example)}` : "";
  // The text gets what the bullet, the command, the example and their separators leave.
  const room = SLACK_LIMITS.sectionText - 2 - lead.length - 2 - shown.length - 1;
  const text = line.text ? fitText(line.text, room) : "";
  const body = [lead, text].filter(Boolean).join(": ");
  const example = shown ? `${body ? " " : ""}${shown}` : "";
  const out = line.link ? outLink(line.link) : "";
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
function link(url: string, label: string): string | undefined {
  if (/[|<>\s]/.test(url) || url.length > SLACK_LIMITS.linkUrl) return undefined;
  return `<${url.replace(/&/g, "&amp;")}|${escapeText(label)}>`;
}

/**
 * A link out of the briefing (an article's address): `<url|text>`, or the address as escaped
 * text when it cannot be a link safely (a `|` in it, too long).
 */
function outLink(out: ReplyLink): string {
  return link(out.url, out.text) ?? cutEscaped(escapeText(out.url), SLACK_LIMITS.textObject);
}

/** The context block under a fact or counterpoint: its sources, how to see more, its page. */
function lineContext(line: ReplyLine, links: PageLinks | undefined): SlackBlock | undefined {
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
function evidenceButton(reply: Reply, line: ReplyLine): ButtonElement | undefined {
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
function quoteSection(line: ReplyLine): SlackBlock | undefined {
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
function noteBlock(line: ReplyLine): SlackBlock | undefined {
  return line.note?.trim()
    ? context([`_How they differ: ${fitText(line.note.trim(), SLACK_LIMITS.textObject - 20)}_`])
    : undefined;
}

/** A fact or counterpoint line's section text, remembered for the core's shared lines. */
const lineText = rememberFrozen((line: ReplyLine) =>
  line.role === "counterpoint" ? counterpointText(line) : factText(line),
);

/** The section for a fact or counterpoint, with its Evidence button as accessory when it has one. */
function lineSection(line: ReplyLine, button: ButtonElement | undefined): SlackBlock {
  const text = mrkdwn(lineText(line));
  return button ? { type: "section", text, accessory: button } : { type: "section", text };
}

/** A run of blocks that is shown whole or not at all, and the lines it stands for. */
interface Unit {
  blocks: SlackBlock[];
  lines: ReplyLine[];
  /** How many of `blocks` each line takes, in order (0 for a line packed into the one before). */
  sizes: number[];
  heading?: boolean;
}

const isFactLike = (line: ReplyLine) => line.role !== "info" || line.sources.length > 0;

/**
 * Groups the reply into units: a heading; a fact with the counterpoints attached to it (both
 * sides of a dispute are shown together or not at all); or a run of plain lines packed into as
 * few sections as fit.
 */
function bodyUnits(reply: Reply, links: PageLinks | undefined): Unit[] {
  const units: Unit[] = [];
  for (const part of reply.sections) {
    if (part.heading?.trim()) {
      units.push({
        blocks: [section(`*${fitText(part.heading, SLACK_LIMITS.sectionText - 2)}*`)],
        lines: [],
        sizes: [],
        heading: true,
      });
    }
    let info: { text: string; lines: ReplyLine[] } | undefined;
    const flushInfo = () => {
      if (info) {
        const sizes = info.lines.map((_, k) => (k === 0 ? 1 : 0));
        units.push({ blocks: [section(info.text)], lines: info.lines, sizes });
      }
      info = undefined;
    };
    for (const line of part.lines) {
      if (!isFactLike(line)) {
        const text = infoText(line);
        if (info && info.text.length + 1 + text.length <= SLACK_LIMITS.sectionText) {
          info.text += `\n${text}`;
          info.lines.push(line);
        } else {
          flushInfo();
          info = { text, lines: [line] };
        }
        continue;
      }
      flushInfo();
      const blocks = [lineSection(line, evidenceButton(reply, line))];
      const ctx = lineContext(line, links);
      if (ctx) blocks.push(ctx);
      // A digest stays short: no quotes, whatever its lines carry.
      const quotes = reply.kind === "digest" ? undefined : quoteSection(line);
      if (quotes) blocks.push(quotes);
      const note = line.role === "counterpoint" ? noteBlock(line) : undefined;
      if (note) blocks.push(note);
      const previous = units.at(-1);
      if (line.role === "counterpoint" && previous && !previous.heading && previous.lines.length) {
        const attachedTo = previous.lines[0];
        if (attachedTo && isFactLike(attachedTo)) {
          previous.blocks.push(...blocks);
          previous.lines.push(line);
          previous.sizes.push(blocks.length);
          continue;
        }
      }
      units.push({ blocks, lines: [line], sizes: [blocks.length] });
    }
    flushInfo();
  }
  return units;
}

/** Where to look for the rest of a cut reply. */
function nextCommand(reply: Reply, omitted: readonly ReplyLine[]): CommandRef {
  return reply.suggestions?.[0] ?? omitted.find((l) => l.more)?.more ?? { command: "help" };
}

function tailBlocks(reply: Reply, options: RenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const hints: string[] = [];
  const footer = reply.footer ? proseText(reply.footer, SLACK_LIMITS.textObject) : "";
  if (footer.trim()) hints.push(footer);
  const suggestions = (reply.suggestions ?? []).slice(0, 5);
  if (suggestions.length > 0) hints.push(`Try ${suggestions.map(command).join(" · ")}`);
  if (hints.length > 0) blocks.push(context(hints));
  const links = options.publicUrl ? pageLinks(options.publicUrl) : undefined;
  const page = !links
    ? undefined
    : reply.kind === "digest"
      ? link(links.home, "Read the full briefing in your browser")
      : reply.topicId
        ? link(links.topic(reply.topicId), "Open this topic in your browser")
        : undefined;
  if (page) blocks.push(context([page]));
  if (options.sharedBy !== undefined) {
    blocks.push(context([`Shared by ${fitText(options.sharedBy || "someone", SHORT)}`]));
  }
  const value =
    options.shareCommand !== undefined && reply.shareable
      ? encodeShareValue(options.shareCommand)
      : undefined;
  if (value !== undefined) {
    blocks.push({
      type: "actions",
      block_id: SHARE_BLOCK_ID,
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Share in channel" },
          action_id: SHARE_ACTION_ID,
          value,
        },
      ],
    });
  }
  return blocks;
}

/**
 * The plain fallback, what notifications show and screen readers read: the title, the intro and
 * the lines shown, each whole with its command, date, mark and sources; then the footer and the
 * suggestions. Lines that do not fit are left out whole (the first of them started, cut at a
 * word, when there is room) and a last line says how many.
 */
function fallbackText(reply: Reply, shown: readonly ReplyLine[], omitted: number): string {
  const max = SLACK_LIMITS.fallbackText;
  let text = fitText(reply.title.trim() || DEFAULT_TITLE, SLACK_LIMITS.headerText);
  if (reply.intro?.trim()) text += `\n${cutAtWord(escapeText(reply.intro.trim()), 1000)}`;
  const hints: string[] = [];
  if (reply.footer?.length) hints.push(plainProse(reply.footer));
  const suggestions = (reply.suggestions ?? []).slice(0, 5);
  if (suggestions.length > 0) hints.push(`Try ${suggestions.map(slackCommand).join(" · ")}`);
  const tail = hints.map((h) => `\n${cutAtWord(escapeText(h), 500)}`).join("");
  const line = reply.kind === "digest" ? FALLBACK_LINE.plain : FALLBACK_LINE.quotes;
  const lines = shown.map((l) => escapeText(line(l)));
  let i = 0;
  const more = (left: number) =>
    left > 0 ? `\n… ${left} more line${left === 1 ? "" : "s"} not shown.` : "";
  for (; i < lines.length; i++) {
    const room = max - tail.length - more(lines.length - i - 1 + omitted).length;
    if (text.length + (lines[i] as string).length > room) break;
    text += lines[i];
  }
  if (i < lines.length) {
    const room = max - tail.length - more(lines.length - i - 1 + omitted).length - text.length;
    if (room >= 200) text += cutAtWord(lines[i++] as string, room);
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

/** Fallback lines, remembered for the core's shared lines. */
const FALLBACK_LINE = {
  quotes: rememberFrozen((line: ReplyLine) => fallbackLine(line, true)),
  plain: rememberFrozen((line: ReplyLine) => fallbackLine(line, false)),
};

/** Renders a reply as a Slack message within every Block Kit limit. */
export function renderSlack(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const head: SlackBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: fitText(reply.title.trim() || DEFAULT_TITLE, SLACK_LIMITS.headerText),
        emoji: true,
      },
    },
  ];
  if (reply.intro?.trim()) head.push(section(fitText(reply.intro, SLACK_LIMITS.sectionText)));

  const tail = tailBlocks(reply, options);
  const units = bodyUnits(reply, options.publicUrl ? pageLinks(options.publicUrl) : undefined);
  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  const total = units.reduce((n, u) => n + u.blocks.length, 0);

  const body: SlackBlock[] = [];
  const shown: ReplyLine[] = [];
  const omitted: ReplyLine[] = [];
  if (total <= room) {
    for (const unit of units) {
      body.push(...unit.blocks);
      shown.push(...unit.lines);
    }
  } else {
    // One block stays free for the note that says what was left out.
    const budget = room - 1;
    let i = 0;
    let lastWasHeading = false;
    for (; i < units.length; i++) {
      const unit = units[i] as Unit;
      if (body.length + unit.blocks.length <= budget) {
        body.push(...unit.blocks);
        shown.push(...unit.lines);
        lastWasHeading = unit.heading === true;
        continue;
      }
      // A single unit larger than the whole message (a fact with dozens of counterpoints) is
      // shown line by line as far as it fits, rather than not at all.
      if (shown.length === 0 && !unit.heading) {
        let offset = 0;
        let k = 0;
        for (; k < unit.lines.length; k++) {
          const size = unit.sizes[k] ?? 0;
          if (body.length + size > budget) break;
          body.push(...unit.blocks.slice(offset, offset + size));
          offset += size;
          shown.push(unit.lines[k] as ReplyLine);
        }
        omitted.push(...unit.lines.slice(k));
        lastWasHeading = false;
        i++;
      }
      break;
    }
    // A heading with nothing under it says nothing.
    if (lastWasHeading) body.pop();
    for (const unit of units.slice(i)) omitted.push(...unit.lines);
    const count = omitted.length;
    const what = count === 1 ? "1 more line" : `${count} more lines`;
    body.push(
      context([
        `${count > 0 ? `… ${what} not shown.` : "… cut to fit."} For more: ${command(nextCommand(reply, omitted))}`,
      ]),
    );
  }

  return { blocks: [...head, ...body, ...tail], text: fallbackText(reply, shown, omitted.length) };
}
