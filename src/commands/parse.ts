/**
 * Text → command. The first word picks a command from the registry; anything else is a question
 * for `ask`. Returns the command and the rest of the line; argument checks belong to each command.
 */
import { askCommand } from "./ask.ts";
import type { CommandDefinition } from "./definition.ts";
import { findCommand } from "./registry.ts";

/** Longer input is refused politely rather than searched: nobody asks a 20,000-character question. */
export const MAX_INPUT_CHARS = 500;

export type ParseResult =
  | { ok: true; command: CommandDefinition; rest: string; args: string[] }
  | { ok: false; problem: "empty" | "too-long"; length: number };

const PREFIX = /^\/?partnership(?:@\S+)?(?:\s+|$)/i;

export function parseCommand(text: string): ParseResult {
  const trimmed = text.trim().replace(PREFIX, "").trim();
  const length = codePoints(trimmed);
  if (length === 0) return { ok: false, problem: "empty", length };
  if (length > MAX_INPUT_CHARS) return { ok: false, problem: "too-long", length };
  const [first = "", ...restWords] = trimmed.split(/\s+/);
  const spec = findCommand(first.replace(/[:?!.,]+$/, ""));
  if (spec && spec !== askCommand) {
    const rest = trimmed.slice(first.length).trim();
    return { ok: true, command: spec, rest, args: restWords };
  }
  const rest = spec === askCommand ? trimmed.slice(first.length).trim() : trimmed;
  return { ok: true, command: askCommand, rest, args: rest ? rest.split(/\s+/) : [] };
}

/** How many characters `text` has as people count them (code points), without copying it. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    // A surrogate pair is one character; a lone surrogate counts as one, as `[...text]` does.
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    count++;
  }
  return count;
}
