/**
 * Reply -> Discord message: a pure function. Facts go into embed descriptions, one line each with
 * the sources that back it; a counterpoint stays attached to the fact above it; suggestions and
 * the cited articles follow as fields; the footer carries the core's hint, its commands written
 * for Discord by `discordCommand` (the core hands them over as data). Everything is cut to
 * Discord's limits (limits.ts): a long reply ends with an ellipsis line that says how many lines
 * were left out and which command shows them, so Discord never rejects it.
 *
 * This file assembles the message: the budget, embeds, fields and components. How each line
 * reads is in `lines.ts`, how a reply is cut to fit in `fit.ts`; text, commands, evidence and
 * limits are in their own files.
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
import { pageLinks, type Reply, type ReplyKind } from "../../src/index.ts";
import { discordCommand, MAIN_COMMAND } from "./commands.ts";
import { evidenceMenu } from "./evidence.ts";
import {
  cutUnit,
  idsOf,
  POINTER_RESERVE,
  packField,
  pointerOf,
  shownCitations,
  unitsOf,
} from "./fit.ts";
import { COMPONENT_LIMITS, MESSAGE_LIMITS } from "./limits.ts";
import { citationLine, proseText } from "./lines.ts";
import { clip, clipWords, escapeMarkdown, inlineCode, oneLine } from "./text.ts";

export { embedLength } from "./fit.ts";

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

const INTRO_MAX = 1000;
const FOOTER_MAX = 300;
/** Room the "Try" and "Sources" fields are promised before fact lines take the rest. */
const FIELDS_RESERVE = 900;
/** Room kept for a field's "… and n more" line. */
const OVERFLOW_RESERVE = 60;
const FALLBACK_TITLE = "Partnership briefing";

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
      const text = used > 0 ? value : clip(rest[0] ?? "", room);
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
