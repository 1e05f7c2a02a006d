/**
 * Reply -> Block Kit. A pure function: the same reply always renders the same message, within
 * every limit in `limits.ts`. Long replies are cut (never rejected by Slack) with an ellipsis and a
 * pointer to the command that shows more.
 *
 * Every string from the reply is escaped (`mrkdwn.ts`); the only markup in the output is ours:
 * `*bold*`, `_italic_` and `` `code` `` around escaped text. Text objects are `verbatim` so Slack
 * does not link-ify names in them either.
 *
 * This file assembles the message: the header, the body cut to the block limit, the tail (hints,
 * page link, credit, Share button). The Block Kit shapes are in `blocks.ts`, each line's text in
 * `lines.ts`, the grouping into units in `units.ts`, the plain fallback in `fallback.ts`.
 */
import { type CommandRef, pageLinks, type Reply, type ReplyLine } from "../../src/index.ts";
import {
  command,
  context,
  DEFAULT_TITLE,
  SHORT,
  type SlackBlock,
  type SlackMessage,
  section,
} from "./blocks.ts";
import { fallbackText } from "./fallback.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { link, proseText } from "./lines.ts";
import { fitText } from "./mrkdwn.ts";
import { encodeShareValue, SHARE_ACTION_ID } from "./share.ts";
import { bodyUnits, type Unit } from "./units.ts";

export type {
  ButtonElement,
  MrkdwnObject,
  PlainTextObject,
  SlackBlock,
  SlackMessage,
} from "./blocks.ts";

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

const SHARE_BLOCK_ID = "partnership_share_actions";

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
