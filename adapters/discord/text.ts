/**
 * Text helpers for Discord markdown: escaping plain text from the core, and cutting to a limit
 * without breaking a surrogate pair or leaving a dangling escape.
 */

const ELLIPSIS = "…";

/** Cuts `text` to at most `max` UTF-16 code units, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let cut = text.slice(0, max - ELLIPSIS.length);
  // Never leave half of a surrogate pair.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // An odd run of trailing backslashes would escape the ellipsis: drop one.
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * Escapes plain text for Discord markdown so facts show as written: formatting characters,
 * masked links, mention and timestamp syntax (`<@123>`, `<t:…>`), and line-start markers
 * (headings, quotes, lists). `@everyone`/`@here` get a zero-width space so they read as text;
 * they never ping anyway, because every payload sets `allowed_mentions.parse` to `[]`.
 */
export function escapeMarkdown(text: string): string {
  // One pass (this runs for every line of every reply): formatting characters, `@` before
  // everyone/here, and a line-start marker (`#`, `+`, `-`, `1.`) after optional indentation.
  return text.replace(MARKDOWN, escapeMatch);
}

const MARKDOWN = /[\\*_~`|[\]<>]|@(?=everyone|here)|^[ \t]*(?:[#+-]|\d+\.(?=\s))/gim;

function escapeMatch(match: string): string {
  if (match === "@") return "@\u200b";
  if (match.length === 1) return `\\${match}`;
  const last = match.length - 1;
  // `12.` keeps its number and escapes the dot; `  -` keeps its indentation.
  if (match[last] === ".") return `${match.slice(0, last)}\\.`;
  return `${match.slice(0, last)}\\${match[last]}`;
}

/** `text` on one line: runs of whitespace become one space, none at either end. */
export function oneLine(text: string): string {
  // Most text is already so; testing first saves the copy.
  return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

/** Plain text on one line, escaped: for fact lines, where a newline would break the layout. */
export function escapeInline(text: string): string {
  return escapeMarkdown(oneLine(text));
}

/** An inline code span. Markdown inside code is literal, so only backticks need removing. */
export function inlineCode(text: string): string {
  const clean = text.replace(/`/g, "'").replace(/\s+/g, " ").trim();
  return `\`${clean || " "}\``;
}
