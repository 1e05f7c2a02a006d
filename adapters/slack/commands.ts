/**
 * How a command the core suggests is written on Slack: `/partnership timeline stargate`,
 * `/partnership subscribe [day] [HH:MM] [timezone]`, and a question without a command word
 * (`/partnership stargate`). Pure; the core hands commands over as data, so nothing is parsed.
 */
import { COMMAND_SPECS, type CommandRef, type Placeholder } from "../../src/index.ts";
import { SLASH_COMMAND } from "./limits.ts";

function valueText(value: string | Placeholder): string {
  if (typeof value === "string") return value;
  return value.optional ? `[${value.placeholder}]` : `<${value.placeholder}>`;
}

/** The command as a Slack user types it (plain text; the renderer escapes it). */
export function slackCommand(ref: CommandRef): string {
  const values = Object.values(ref.args ?? {}).map(valueText);
  const words = ref.command === "ask" ? values : [ref.command, ...values];
  return [SLASH_COMMAND, ...words].join(" ");
}

/**
 * The slash command's usage hint (`usage_hint` in manifest.yml), from the registry: a question
 * by example, then every command by name. The manifest is a file Slack reads, so a test checks
 * that it says exactly this.
 */
export function slackUsageHint(): string {
  return COMMAND_SPECS.map((c) =>
    c.name === "ask" ? (c.examples[0] ?? "<question>") : c.name,
  ).join(" | ");
}
