/**
 * The "Share in channel" button. Its custom_id carries the command (in the core's grammar), so a
 * click re-runs it for the clicker and posts the answer visibly; Discord caps custom_id at 100
 * characters, so a command too long to carry leaves the id bare and the click re-posts the embeds
 * of the message the button sits on instead.
 */
import { COMPONENT_LIMITS } from "./limits.ts";

const PREFIX = "share:";

/** The custom_id for sharing the answer to `text`; the bare prefix when `text` does not fit. */
export function shareCustomId(text: string): string {
  const id = `${PREFIX}${text}`;
  return id.length <= COMPONENT_LIMITS.customId ? id : PREFIX;
}

/** `undefined` for a custom_id that is not a Share button; `text` empty when it carries no command. */
export function parseShareCustomId(customId: string): { text: string } | undefined {
  if (!customId.startsWith(PREFIX)) return undefined;
  return { text: customId.slice(PREFIX.length).trim() };
}
