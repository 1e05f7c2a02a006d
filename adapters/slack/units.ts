/**
 * A reply's sections grouped into units, each shown whole or not at all when the message must be
 * cut: a heading; a fact with the counterpoints attached to it; a run of plain lines packed into
 * as few sections as fit. Separate from the line texts (`lines.ts`) and from the cutting in
 * `render.ts`, which keeps or drops these units.
 */
import type { PageLinks, Reply, ReplyLine } from "../../src/index.ts";
import { type SlackBlock, section } from "./blocks.ts";
import { SLACK_LIMITS } from "./limits.ts";
import {
  evidenceButton,
  infoText,
  lineContext,
  lineSection,
  noteBlock,
  quoteSection,
} from "./lines.ts";
import { fitText } from "./mrkdwn.ts";

/** A run of blocks that is shown whole or not at all, and the lines it stands for. */
export interface Unit {
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
export function bodyUnits(reply: Reply, links: PageLinks | undefined): Unit[] {
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
