/**
 * How a command the core suggests is written on Slack: `/partnership timeline stargate`,
 * `/partnership subscribe [day] [HH:MM] [timezone]`, and a question without a command word
 * (`/partnership stargate`). Pure; the core hands commands over as data, so nothing is parsed.
 */
import type { CommandRef, Placeholder } from "../../src/index.ts";
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
