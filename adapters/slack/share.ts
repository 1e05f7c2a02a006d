/**
 * The "Share in channel" button. Its value carries the command text, not the reply: a reply can
 * be far longer than the 2000 characters a button value holds, and re-running the command on
 * click posts what the fact base says at that moment.
 */
import { SLACK_LIMITS } from "./limits.ts";

export const SHARE_ACTION_ID = "partnership_share";

interface ShareValue {
  v: 1;
  /** The command text, as the core received it. */
  c: string;
}

/**
 * The button value for `command`, or `undefined` when it would not fit in a button. JSON with
 * `<`, `>`, `&` and `@` written as `\u` escapes: the same value once parsed, and nothing in the
 * payload that could read as markup or a mention.
 */
export function encodeShareValue(command: string): string | undefined {
  const value = JSON.stringify({ v: 1, c: command } satisfies ShareValue).replace(
    /[<>&@]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return value.length <= SLACK_LIMITS.buttonValue ? value : undefined;
}

/** The command text in a button value; `undefined` for anything we did not write. */
export function decodeShareValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<ShareValue>;
    return parsed.v === 1 && typeof parsed.c === "string" ? parsed.c : undefined;
  } catch {
    return undefined;
  }
}
