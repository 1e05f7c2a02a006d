/**
 * Text → command. The first word picks a command from the registry; anything else is a question
 * for `ask`. Returns the command and the rest of the line; argument checks belong to each command.
 */
import { type CommandSpec, commandSpec, findCommand } from "./registry.ts";

/** Longer input is refused politely rather than searched: nobody asks a 20,000-character question. */
export const MAX_INPUT_CHARS = 500;

export type ParseResult =
  | { ok: true; command: CommandSpec; rest: string; args: string[] }
  | { ok: false; problem: "empty" | "too-long"; length: number };

const PREFIX = /^\/?partnership(?:@\S+)?(?:\s+|$)/i;

export function parseCommand(text: string): ParseResult {
  const trimmed = text.trim().replace(PREFIX, "").trim();
  const length = [...trimmed].length;
  if (length === 0) return { ok: false, problem: "empty", length };
  if (length > MAX_INPUT_CHARS) return { ok: false, problem: "too-long", length };
  const [first = "", ...restWords] = trimmed.split(/\s+/);
  const spec = findCommand(first.replace(/[:?!.,]+$/, ""));
  if (spec && spec.name !== "ask") {
    const rest = trimmed.slice(first.length).trim();
    return { ok: true, command: spec, rest, args: restWords };
  }
  const rest = spec?.name === "ask" ? trimmed.slice(first.length).trim() : trimmed;
  return { ok: true, command: commandSpec("ask"), rest, args: rest ? rest.split(/\s+/) : [] };
}
