/**
 * Escaping for every page: `html` is a tagged template whose interpolations are escaped unless
 * they are already `Html` (built by `html` itself), so text from the fact base or the query string
 * can never become markup.
 */

/** Markup that is safe to send as is. Only `html` and `raw` make one. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text → HTML text, safe inside elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** What an interpolation may be: text and numbers are escaped, `Html` is kept, lists are joined. */
export type Part = Html | string | number | false | null | undefined | readonly Part[];

function partToString(part: Part): string {
  if (part instanceof Html) return part.value;
  if (part === false || part === null || part === undefined) return "";
  if (typeof part === "number") return String(part);
  if (typeof part === "string") return escapeHtml(part);
  return part.map(partToString).join("");
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  parts.forEach((part, i) => {
    out += partToString(part) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup written by this adapter itself (a constant), never from data. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** A URL path with one segment filled in, escaped for a path (ids are slugs, but never trust). */
export const path = (prefix: string, id: string): string => `${prefix}/${encodeURIComponent(id)}`;

/** The search page for a command, as the chat would take it. */
export const searchHref = (text: string): string => `/search?q=${encodeURIComponent(text)}`;
