/**
 * Reply -> Discord message: a pure function. Facts go into embed descriptions, one line each with
 * the sources that back it; a counterpoint stays attached to the fact above it; suggestions and
 * the cited articles follow as fields; the footer carries the core's hint, its commands written
 * for Discord by `discordCommand` (the core hands them over as data). Everything is cut to
 * Discord's limits (limits.ts): a long reply ends with an ellipsis line that says how many lines
 * were left out and which command shows them, so Discord never rejects it. A fact with its other
 * sides, quotes and note is shown whole when it fits; else its quotes are shortened, then whole
 * lines left out, and a line says it was cut. Every cut falls at a word, outside any markup.
 *
 * Under 600 lines: one renderer with its cutting rules in one place (as for Slack),
 * so every limit is checked by one reading; text, commands, evidence and limits are in their own
 * files, and the text remembered per shared line in `src/render/line-memo.ts`.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import {
  type CommandRef,
  type PageLinks,
  type Prose,
  pageLinks,
  type Reply,
  type ReplyKind,
  type ReplyLine,
  type ReplyLink,
  rememberFrozen,
  type SourceRef,
} from "../../src/index.ts";
import { discordCommand, MAIN_COMMAND } from "./commands.ts";
import { evidenceMenu } from "./evidence.ts";
import { COMPONENT_LIMITS, MESSAGE_LIMITS, QUOTE_MAX } from "./limits.ts";
import { quotesOf } from "./quotes.ts";
import { clip, clipWords, escapeInline, escapeMarkdown, inlineCode, oneLine } from "./text.ts";

/** `allowed_mentions` for every payload we send: nothing pings, ever. */
export const NO_MENTIONS = { parse: [] as [] } as const;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId | APIStringSelectComponent>[];
  allowed_mentions: { parse: [] };
}

export interface RenderOptions {
  /** Adds a "Share in channel" button with this custom_id (at most 100 characters, else no button). */
  shareCustomId?: string;
  /** A user id credited in the content ("Shared by @name"); the mention never pings. */
  sharedBy?: string;
  /** At most this many embeds (Discord allows 10). */
  maxEmbeds?: number;
  /**
   * `PUBLIC_URL`: link each fact to its page on the web briefing, the title to the topic's page,
   * and a digest's title to the full briefing. Absent: no links.
   */
  publicUrl?: string;
}

const COLORS: Record<ReplyKind, number> = {
  answer: 0x2b6cb0,
  list: 0x4a5568,
  digest: 0x2f855a,
  notice: 0x3182ce,
  usage: 0xdd6b20,
  error: 0xc53030,
  "no-match": 0x718096,
};

/** Room kept in the 6000-character budget for the "… n more" pointer. */
const POINTER_RESERVE = 220;
/**
 * One fact with its other sides, quotes and note never takes more than this, so it always fits
 * one embed's description beside the pointer; a fact that fits is shown whole.
 */
const UNIT_MAX = MESSAGE_LIMITS.embedDescription - POINTER_RESERVE;
const INTRO_MAX = 1000;
const FOOTER_MAX = 300;
/** Room the "Try" and "Sources" fields are promised before fact lines take the rest. */
const FIELDS_RESERVE = 900;
/** Room kept for a field's "… and n more" line. */
const OVERFLOW_RESERVE = 60;
const FALLBACK_TITLE = "Partnership briefing";

/** A block of description text that is kept or cut as a whole. */
interface Unit {
  text: string;
  /** Fact or info lines in it, for the "n more" count. */
  lines: number;
  /** The command that shows more about it. */
  more?: CommandRef;
  /** Sources its lines cite. */
  sourceIds: string[];
  /** Facts its lines state. */
  factIds: string[];
  /** The fact each line of `text` belongs to (a fact, an other side, their quotes and note). */
  lineFacts: (string | undefined)[];
  /** Only its first lines are shown, or its quotes shortened: the whole did not fit. */
  cut?: boolean;
  /** What it was made of, to make it again with shorter quotes when it does not fit. */
  made?: { heading?: string; lines: ReplyLine[]; links?: PageLinks };
}

/** Quotes are never shortened below this to fit a unit: past it, whole lines are left out. */
const QUOTE_MIN = 80;

/** A unit's text made again with every quote cut to `quoteMax`. */
function remade(made: NonNullable<Unit["made"]>, quoteMax: number): string {
  const lines = made.lines.map((line) =>
    line.role === "fact"
      ? factLine(line, made.links, true, quoteMax)
      : counterpointLine(line, made.links, true, quoteMax),
  );
  return [...(made.heading ? [made.heading] : []), ...lines].join("\n");
}

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
function factPage(factId: string | undefined, links: PageLinks | undefined): string | undefined {
  if (!links || !factId) return undefined;
  const url = links.fact(factId);
  return /[\s()<>]/.test(url) || url.length > MESSAGE_LIMITS.linkUrl ? undefined : url;
}

/**
 * A fact or an other side, one line each, then its quotes (one line each) and, for the last side
 * of a dispute, the note on how the sides differ: every line closes its own markup, so a unit can
 * be cut between any two of them.
 */
function factLine(line: ReplyLine, links?: PageLinks, quotes = true, quoteMax = QUOTE_MAX): string {
  const text = `• ${escapeInline(line.text)}${whenOf(line)}${statusOf(line)}${sourcesOf(line.sources)}${pageOf(line, links)}`;
  return [text, ...(quotes ? quotesOf(line, quoteMax) : [])].join("\n");
}

function counterpointLine(
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

function lineText(line: ReplyLine, links: PageLinks | undefined, quotes: boolean): string {
  if (links) {
    return line.role === "fact"
      ? factLine(line, links, quotes)
      : counterpointLine(line, links, quotes);
  }
  return (quotes ? LINE_TEXT.quotes : LINE_TEXT.plain)(line);
}

/** A plain line's text, remembered for the frozen lines the core shares (topic and help lines). */
const infoLine = rememberFrozen(infoText);

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
  return `[${escapeInline(out.text).replace(/[[\]]/g, "")}](${url})`;
}

/** Prose for an embed footer (no markdown there): its commands written for Discord. */
function proseText(prose: Prose): string {
  return prose.map((p) => (typeof p === "string" ? p : discordCommand(p))).join("");
}

/**
 * Where to read what a cut unit left out: the fact's web page when links are on and the unit
 * carries quotes (the page shows every quote whole); else the line's own `more`, the evidence for
 * the first fact not shown whole, or the reply's first suggestion.
 */
function cutHint(reply: Reply, unit: Unit, omittedFact: string | undefined): string {
  const page = factPage(omittedFact, unit.made?.links);
  if (page) return `[its page](${page})`;
  const next =
    unit.more ??
    (omittedFact ? { command: "sources", args: { target: omittedFact } } : reply.suggestions?.[0]);
  return next
    ? inlineCode(discordCommand(next))
    : `a narrower ${inlineCode(`/${MAIN_COMMAND} ask`)}`;
}

/**
 * `unit` cut to `room`: its first whole lines, then a line that says it was cut and which command
 * shows the rest. A first line longer than the room is cut at a word, outside any markup.
 * Undefined when not even the start of a line fits.
 */
function cutUnit(reply: Reply, whole: Unit, room: number): Unit | undefined {
  const pointer = `\n… quotes cut to fit. Next: ${cutHint(reply, whole, whole.factIds[0])}`;
  let unit = whole;
  // Shorter quotes first, so every side and every article's words still show.
  for (let max = QUOTE_MAX - 40; unit.made && max >= QUOTE_MIN; max -= 40) {
    const text = remade(unit.made, max);
    if (text.length + pointer.length <= room)
      return { ...whole, text: `${text}${pointer}`, cut: true };
    if (max - 40 < QUOTE_MIN) unit = { ...whole, text };
  }
  const lines = unit.text.split("\n");
  let shown = 0;
  let text = "";
  const noteFor = (at: number) => {
    const omitted = unit.lineFacts.slice(at).find((id) => id !== undefined);
    return `… cut to fit. Next: ${cutHint(reply, unit, omitted)}`;
  };
  for (; shown < lines.length; shown++) {
    const next = text ? `${text}\n${lines[shown]}` : (lines[shown] as string);
    if (next.length + 1 + noteFor(shown + 1).length > room) break;
    text = next;
  }
  // A heading alone says nothing: start the first line, cut at a word.
  if (shown === 0 || (shown === 1 && unit.lineFacts[0] === undefined && lines.length > 1)) {
    const at = shown;
    const note = noteFor(at);
    const head = text ? `${text}\n` : "";
    const first = clip(lines[at] as string, room - head.length - note.length - 1);
    if (first.length < 2) return undefined;
    text = `${head}${first}`;
    shown = at + 1;
  }
  const factIds = [...new Set(unit.lineFacts.slice(0, shown).filter((id) => id !== undefined))];
  return {
    ...unit,
    text: `${text}\n${noteFor(shown)}`,
    factIds,
    lineFacts: unit.lineFacts.slice(0, shown),
    cut: true,
  };
}

/** Section lines grouped so a heading stays with its first line and a counterpoint with its fact. */
function unitsOf(reply: Reply, links: PageLinks | undefined): Unit[] {
  const units: Unit[] = [];
  // A digest stays short: no quotes, whatever its lines carry.
  const quotes = reply.kind !== "digest";
  for (const section of reply.sections) {
    let heading = section.heading ? `**${escapeInline(section.heading)}**` : undefined;
    let current: Unit | undefined;
    const flush = () => {
      if (current && current.text.length > UNIT_MAX) {
        const cut = cutUnit(reply, current, UNIT_MAX);
        if (cut) units.push(cut);
      } else if (current) units.push(current);
      current = undefined;
    };
    for (const line of section.lines) {
      if (line.role === "counterpoint" && current) {
        current.made?.lines.push(line);
        const text = lineText(line, links, quotes);
        current.text += `\n${text}`;
        current.lineFacts.push(...text.split("\n").map(() => line.factId));
        current.sourceIds.push(...line.sources.map((s) => s.id));
        if (line.factId) current.factIds.push(line.factId);
        continue;
      }
      flush();
      const text = line.role === "info" ? infoLine(line) : lineText(line, links, quotes);
      const own = text.split("\n").map(() => line.factId);
      current = {
        text: heading ? `${heading}\n${text}` : text,
        lines: 1,
        sourceIds: line.sources.map((s) => s.id),
        factIds: line.factId ? [line.factId] : [],
        lineFacts: heading ? [undefined, ...own] : own,
        ...(quotes && line.role !== "info"
          ? {
              made: { ...(heading ? { heading } : {}), lines: [line], ...(links ? { links } : {}) },
            }
          : {}),
        ...(line.more ? { more: line.more } : {}),
      };
      heading = undefined;
    }
    flush();
    if (heading)
      units.push({ text: heading, lines: 0, sourceIds: [], factIds: [], lineFacts: [undefined] });
  }
  return units;
}

/** Title, description, field names and values, footer and author: what Discord counts toward 6000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/** A cited article's line, remembered for the frozen citations the core shares. */
const citationLine = rememberFrozen(citationText);

function citationText(s: SourceRef): string {
  const label = escapeInline(s.label || s.id);
  const title = escapeInline(s.title);
  return clip(title && title !== label ? `• **${label}**: ${title}` : `• **${label}**`, 300);
}

function pointerOf(reply: Reply, omitted: Unit[]): string {
  const lines = omitted.reduce((n, u) => n + u.lines, 0);
  const next = omitted.find((u) => u.more)?.more ?? reply.suggestions?.[0];
  const hint = next
    ? inlineCode(discordCommand(next))
    : `a narrower ${inlineCode(`/${MAIN_COMMAND} ask`)}`;
  const count = lines > 0 ? `${lines} more line${lines === 1 ? "" : "s"}` : "more";
  // Less than the reserve: it is joined to the description with a newline.
  return clip(`… ${count} not shown. Next: ${hint}`, POINTER_RESERVE - 1);
}

/** The source or fact ids of the first `kept` units. */
function idsOf(units: readonly Unit[], kept: number, which: "sourceIds" | "factIds"): Set<string> {
  const ids = new Set<string>();
  for (const unit of units.slice(0, kept)) for (const id of unit[which]) ids.add(id);
  return ids;
}

/** The citation lines of the sources in `shown`, in citation order. */
function shownCitations(
  citations: readonly SourceRef[],
  lines: readonly string[],
  shown: ReadonlySet<string>,
): string[] {
  return lines.filter((_, i) => {
    const citation = citations[i];
    return citation !== undefined && shown.has(citation.id);
  });
}

/** Lines packed into `width`-limited field values. */
function packField(lines: readonly string[], width: number): { value: string; used: number } {
  let value = "";
  let used = 0;
  for (const line of lines) {
    const next = value ? `${value}\n${line}` : line;
    if (next.length > width) break;
    value = next;
    used++;
  }
  return { value, used };
}

export function renderDiscord(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const maxEmbeds = Math.max(
    1,
    Math.min(options.maxEmbeds ?? MESSAGE_LIMITS.embedsPerMessage, MESSAGE_LIMITS.embedsPerMessage),
  );
  const title = clipWords(oneLine(reply.title) || FALLBACK_TITLE, MESSAGE_LIMITS.embedTitle);
  const footer = reply.footer?.length
    ? clipWords(oneLine(proseText(reply.footer)), FOOTER_MAX)
    : "";
  const color = COLORS[reply.kind] ?? COLORS.answer;
  const links = options.publicUrl ? pageLinks(options.publicUrl) : undefined;
  const pageUrl = !links
    ? undefined
    : reply.kind === "digest"
      ? links.home
      : reply.topicId
        ? links.topic(reply.topicId)
        : undefined;
  const titleUrl = pageUrl && pageUrl.length <= MESSAGE_LIMITS.linkUrl ? pageUrl : undefined;

  const suggestions = (reply.suggestions ?? []).map((s) => `• ${inlineCode(discordCommand(s))}`);
  const citationLines = reply.citations.map((s) => citationLine(s));
  // Fields get a share of the budget up front, so a long answer still lists some sources.
  let fieldsReserve = 0;
  for (const line of suggestions) fieldsReserve += line.length + 1;
  for (const line of citationLines) fieldsReserve += line.length + 1;
  fieldsReserve = Math.min(FIELDS_RESERVE, fieldsReserve);

  // What the message may still spend on descriptions, the pointer's and the fields' room held back.
  let budget =
    MESSAGE_LIMITS.embedTotal - title.length - footer.length - POINTER_RESERVE - fieldsReserve;
  let description = reply.intro ? clip(escapeMarkdown(reply.intro.trim()), INTRO_MAX) : "";
  budget -= description.length;
  const descriptions: string[] = [];

  const units = unitsOf(reply, links);
  let kept = 0;
  for (let unit of units) {
    let joined = description ? `${description}\n${unit.text}` : unit.text;
    const overBudget = joined.length - description.length > budget;
    const overEmbeds =
      joined.length > MESSAGE_LIMITS.embedDescription && descriptions.length + 1 >= maxEmbeds;
    if (overBudget || overEmbeds) {
      // The first fact is shown as far as it fits rather than not at all; a later one whole or
      // not at all (the pointer names it).
      const room = Math.min(budget, MESSAGE_LIMITS.embedDescription - description.length) - 1;
      const cut = kept === 0 && !unit.cut ? cutUnit(reply, unit, room) : undefined;
      if (!cut) break;
      unit = cut;
      units[kept] = cut;
      joined = description ? `${description}\n${unit.text}` : unit.text;
    }
    if (joined.length <= MESSAGE_LIMITS.embedDescription) {
      budget -= joined.length - description.length;
      description = joined;
    } else if (descriptions.length + 1 < maxEmbeds) {
      // The description is full: continue in another embed.
      descriptions.push(description);
      description = unit.text;
      budget -= unit.text.length;
    } else {
      break;
    }
    kept++;
  }
  const omitted = units.slice(kept);
  budget += POINTER_RESERVE + fieldsReserve;
  if (omitted.length > 0) {
    const pointer = pointerOf(reply, omitted);
    const joined = description ? `${description}\n${pointer}` : pointer;
    if (joined.length <= MESSAGE_LIMITS.embedDescription) description = joined;
    else if (descriptions.length + 1 < maxEmbeds) {
      descriptions.push(description);
      description = pointer;
    } else {
      // The last description is full: the pointer takes its tail.
      description = `${clip(description, MESSAGE_LIMITS.embedDescription - pointer.length - 1)}\n${pointer}`;
    }
    budget -= pointer.length + 1;
  }
  descriptions.push(description);

  const fields: APIEmbedField[] = [];

  const addField = (name: string, lines: readonly string[], overflow: (left: number) => string) => {
    let rest = [...lines];
    let first = true;
    while (rest.length > 0 && fields.length < MESSAGE_LIMITS.embedFields) {
      const fieldName = first ? name : `${name} (continued)`;
      const room = Math.min(
        MESSAGE_LIMITS.fieldValue,
        budget - fieldName.length - OVERFLOW_RESERVE,
      );
      if (room < 40) break;
      const { value, used } = packField(rest, room);
      // A single overlong line is cut rather than dropped.
      const text = used > 0 ? value : clip(rest[0] as string, room);
      fields.push({ name: fieldName, value: text });
      budget -= fieldName.length + text.length;
      rest = rest.slice(Math.max(used, 1));
      first = false;
    }
    if (rest.length > 0 && fields.length > 0) {
      const note = overflow(rest.length);
      const lastField = fields[fields.length - 1] as APIEmbedField;
      if (
        lastField.value.length + note.length + 1 <= MESSAGE_LIMITS.fieldValue &&
        note.length + 1 <= budget
      ) {
        lastField.value += `\n${note}`;
        budget -= note.length + 1;
      }
    }
  };

  if (suggestions.length > 0) addField("Try", suggestions, (n) => `… and ${n} more`);
  // When lines were cut, list the sources of the lines shown.
  const citations =
    omitted.length > 0
      ? shownCitations(reply.citations, citationLines, idsOf(units, kept, "sourceIds"))
      : citationLines;
  if (citations.length > 0)
    addField(
      "Sources",
      citations,
      (n) => `… and ${n} more: ${inlineCode(`/${MAIN_COMMAND} sources`)}`,
    );

  // One embed per description: the first carries the title, the last the fields and footer.
  const embeds = descriptions.map((text, i) => {
    const embed: APIEmbed = {};
    if (i === 0) {
      embed.title = title;
      if (titleUrl) embed.url = titleUrl;
    }
    embed.color = color;
    if (text) embed.description = text;
    if (i === descriptions.length - 1) {
      if (fields.length > 0) embed.fields = fields;
      if (footer) embed.footer = { text: footer };
    }
    return embed;
  });

  const content = options.sharedBy ? creditLine(options.sharedBy) : "";
  const components: DiscordMessage["components"] = [];
  if (options.shareCustomId && options.shareCustomId.length <= COMPONENT_LIMITS.customId) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Share in channel",
          custom_id: options.shareCustomId,
        },
      ],
    });
  }
  // The evidence for the facts shown, on demand: a menu, so the message gets no longer.
  const menu = evidenceMenu(reply, idsOf(units, kept, "factIds"));
  if (menu) components.push(menu);
  return {
    content: clip(content, MESSAGE_LIMITS.content),
    embeds,
    components,
    allowed_mentions: { parse: [] },
  };
}

/** "Shared by @name": the mention renders as a name and, like every mention here, never pings. */
export function creditLine(userId: string): string {
  return `Shared by <@${userId.replace(/\D/g, "")}>`;
}

/** A copy of embeds already posted (and so already within limits), credited to who shared them. */
export function sharedCopy(embeds: APIEmbed[], userId: string): DiscordMessage {
  return { content: creditLine(userId), embeds, components: [], allowed_mentions: { parse: [] } };
}
