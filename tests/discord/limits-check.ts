/**
 * Checks a rendered Discord message against every limit in adapters/discord/limits.ts; returns
 * the violations as readable strings (empty when the message is valid).
 */
import { COMPONENT_LIMITS, MESSAGE_LIMITS } from "../../adapters/discord/limits.ts";
import { embedLength } from "../../adapters/discord/render.ts";

interface MessageLike {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    author?: { name: string };
  }[];
  components?: {
    type: number;
    components: {
      type: number;
      custom_id?: string;
      label?: string;
      placeholder?: string;
      options?: { label: string; value: string; description?: string }[];
    }[];
  }[];
  allowed_mentions?: { parse?: unknown[] };
}

export function discordLimitViolations(message: MessageLike): string[] {
  const out: string[] = [];
  const L = MESSAGE_LIMITS;
  const over = (what: string, length: number, max: number) => {
    if (length > max) out.push(`${what}: ${length} > ${max}`);
  };
  over("content", message.content?.length ?? 0, L.content);
  const embeds = message.embeds ?? [];
  over("embeds", embeds.length, L.embedsPerMessage);
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    over(`embed ${i} title`, embed.title?.length ?? 0, L.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, L.embedDescription);
    over(`embed ${i} fields`, embed.fields?.length ?? 0, L.embedFields);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, L.footerText);
    for (const [j, field] of (embed.fields ?? []).entries()) {
      over(`embed ${i} field ${j} name`, field.name.length, L.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, L.fieldValue);
      if (field.name.trim() === "") out.push(`embed ${i} field ${j} has an empty name`);
      if (field.value.trim() === "") out.push(`embed ${i} field ${j} has an empty value`);
    }
    if (!embed.title && !embed.description && !embed.fields?.length)
      out.push(`embed ${i} is empty`);
    total += embedLength(embed as Parameters<typeof embedLength>[0]);
  }
  over("characters across embeds", total, L.embedTotal);
  if (!message.content && embeds.length === 0) out.push("message has neither content nor embeds");
  const rows = message.components ?? [];
  over("action rows", rows.length, COMPONENT_LIMITS.actionRows);
  const ids = new Set<string>();
  for (const row of rows) {
    over("buttons in a row", row.components.length, COMPONENT_LIMITS.buttonsPerRow);
    for (const c of row.components) {
      over("custom_id", c.custom_id?.length ?? 0, COMPONENT_LIMITS.customId);
      if (c.custom_id !== undefined && ids.has(c.custom_id))
        out.push(`custom_id ${c.custom_id} twice`);
      if (c.custom_id !== undefined) ids.add(c.custom_id);
      over("button label", c.label?.length ?? 0, COMPONENT_LIMITS.buttonLabel);
      if (c.type !== 3) continue;
      // A select menu fills its row alone, and needs 1 to 25 options with distinct values.
      if (row.components.length !== 1) out.push("a select menu shares its row");
      const options = c.options ?? [];
      if (options.length === 0) out.push("select menu with no options");
      over("select options", options.length, COMPONENT_LIMITS.selectOptions);
      over("select placeholder", c.placeholder?.length ?? 0, COMPONENT_LIMITS.selectPlaceholder);
      if (new Set(options.map((o) => o.value)).size !== options.length)
        out.push("select option values repeat");
      for (const o of options) {
        over("option label", o.label.length, COMPONENT_LIMITS.optionLabel);
        over("option value", o.value.length, COMPONENT_LIMITS.optionValue);
        over("option description", o.description?.length ?? 0, COMPONENT_LIMITS.optionDescription);
        if (o.label.trim() === "" || o.value === "") out.push("empty option label or value");
      }
    }
  }
  const parse = message.allowed_mentions?.parse;
  if (!Array.isArray(parse) || parse.length !== 0) out.push("allowed_mentions.parse is not []");
  return out;
}
