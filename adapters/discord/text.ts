/**
 * Text helpers for Discord markdown: escaping plain text from the core, and cutting to a limit
 * without breaking a surrogate pair or leaving a dangling escape.
 */

const ELLIPSIS = "…";

/**
 * Cuts Discord markdown to at most `max` UTF-16 code units, ending with an ellipsis when cut. The
 * cut falls at a word boundary outside any markup of ours (never inside `**bold**`, `*italic*`,
 * `` `code` `` or a `[masked](link)`), never splits a surrogate pair and never leaves a dangling
 * escape. Only text with no boundary in its second half is cut mid-word, and then still outside
 * any markup.
 */
export function clip(text: string, max: number): string {
  return cutAt(text, max, true);
}

/** `clip` for plain text shown without markdown (titles, footers, menu options): words only. */
export function clipWords(text: string, max: number): string {
  return cutAt(text, max, false);
}

function cutAt(text: string, max: number, markdown: boolean): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return max <= 0 ? "" : ELLIPSIS.slice(0, max);
  const limit = max - ELLIPSIS.length;
  const { word, any } = cutPoints(text, limit, markdown);
  // A word boundary in the second half of the room; else a clean cut as late as possible.
  const at = word >= limit / 2 ? word : any > 0 ? any : word;
  return `${text.slice(0, at).trimEnd()}${ELLIPSIS}`;
}

/**
 * The last positions at or before `limit` where the text may be cut: `word` before whitespace,
 * `any` between any two characters; both outside markup (when `markdown`), escapes and
 * surrogate pairs. 0 when there is none.
 */
function cutPoints(text: string, limit: number, markdown: boolean): { word: number; any: number } {
  let word = 0;
  let any = 0;
  let bold = false;
  let italic = false;
  let underline = false;
  let code = false;
  let link = 0; // 1 inside `[text]`, 2 inside `(url)`
  for (let i = 0; i <= limit && i < text.length; ) {
    const closed = !bold && !italic && !underline && !code && link === 0;
    if (closed) {
      any = i;
      if (/\s/.test(text.charAt(i))) word = i;
    }
    const c = text.charAt(i);
    let step = 1;
    const code0 = text.charCodeAt(i);
    if (code0 >= 0xd800 && code0 <= 0xdbff) step = 2;
    else if (markdown && c === "\\" && !code) step = 2;
    else if (markdown && c === "`") code = !code;
    else if (markdown && !code && link === 2) {
      if (c === ")") link = 0;
    } else if (markdown && !code && c === "[") link = 1;
    else if (markdown && !code && link === 1 && c === "]" && text[i + 1] === "(") {
      link = 2;
      step = 2;
    } else if (markdown && !code && c === "*") {
      if (text[i + 1] === "*") {
        bold = !bold;
        step = 2;
      } else italic = !italic;
    } else if (markdown && !code && c === "_") {
      if (text[i + 1] === "_") {
        underline = !underline;
        step = 2;
      } else italic = !italic;
    }
    i += step;
  }
  return { word, any };
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
