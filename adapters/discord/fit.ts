/**
 * Fitting a reply into Discord's limits (limits.ts): its lines grouped into units kept or cut
 * whole (a counterpoint stays with its fact, a heading with its first line); a unit too long is
 * shown whole with shorter quotes when that fits, else its first lines and a line that says it
 * was cut and what shows the rest; the "… n more" pointer; field packing; and how Discord counts
 * an embed. Every cut falls at a word, outside any markup. Separate from the line texts
 * (`lines.ts`) and the message assembly (`render.ts`) so every cutting rule is read in one place.
 */
import type { APIEmbed } from "discord.js";
import type { CommandRef, PageLinks, Reply, ReplyLine, SourceRef } from "../../src/index.ts";
import { discordCommand, MAIN_COMMAND } from "./commands.ts";
import { MESSAGE_LIMITS, QUOTE_MAX } from "./limits.ts";
import { counterpointLine, factLine, factPage, infoLine, lineText } from "./lines.ts";
import { clip, escapeInline, inlineCode } from "./text.ts";

/** Room kept in the 6000-character budget for the "… n more" pointer. */
export const POINTER_RESERVE = 220;
/**
 * One fact with its other sides, quotes and note never takes more than this, so it always fits
 * one embed's description beside the pointer; a fact that fits is shown whole.
 */
const UNIT_MAX = MESSAGE_LIMITS.embedDescription - POINTER_RESERVE;

/** A block of description text that is kept or cut as a whole. */
export interface Unit {
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

/** `factId` once for each line of `text`: a unit's `lineFacts` for that text, without splitting it. */
function perLine(text: string, factId: string | undefined): (string | undefined)[] {
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return new Array<string | undefined>(lines).fill(factId);
}

/**
 * Quotes are never shortened below this to fit a unit: past it, whole lines are left out. Lower
 * keeps more lines with less of each quote; a quote much shorter than this stops backing its fact.
 */
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
export function cutUnit(reply: Reply, whole: Unit, room: number): Unit | undefined {
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
    const line = lines[shown] ?? "";
    const next = text ? `${text}\n${line}` : line;
    if (next.length + 1 + noteFor(shown + 1).length > room) break;
    text = next;
  }
  // A heading alone says nothing: start the first line, cut at a word.
  if (shown === 0 || (shown === 1 && unit.lineFacts[0] === undefined && lines.length > 1)) {
    const at = shown;
    const note = noteFor(at);
    const head = text ? `${text}\n` : "";
    const first = clip(lines[at] ?? "", room - head.length - note.length - 1);
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
export function unitsOf(reply: Reply, links: PageLinks | undefined): Unit[] {
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
        current.lineFacts.push(...perLine(text, line.factId));
        current.sourceIds.push(...line.sources.map((s) => s.id));
        if (line.factId) current.factIds.push(line.factId);
        continue;
      }
      flush();
      const text = line.role === "info" ? infoLine(line) : lineText(line, links, quotes);
      const own = perLine(text, line.factId);
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

export function pointerOf(reply: Reply, omitted: Unit[]): string {
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
export function idsOf(
  units: readonly Unit[],
  kept: number,
  which: "sourceIds" | "factIds",
): Set<string> {
  const ids = new Set<string>();
  for (const unit of units.slice(0, kept)) for (const id of unit[which]) ids.add(id);
  return ids;
}

/** The citation lines of the sources in `shown`, in citation order. */
export function shownCitations(
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
export function packField(
  lines: readonly string[],
  width: number,
): { value: string; used: number } {
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
