/**
 * Text safety for Slack: every string that is not our own markup goes through `escapeText`, and
 * every length-limited field through `fitText`, which cuts the escaped text without ever splitting
 * an entity or a surrogate pair.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** A word joiner: invisible, and keeps `@here` from ever reading as a broadcast. */
const WORD_JOINER = "\u2060";

/** The control characters, and the `@` of a broadcast (`@here`, `@channel`, `@everyone`). */
const UNSAFE = /[&<>]|@(?=(?:here|channel|everyone)\b)/gi;
const MAYBE_UNSAFE = /[&<>@]/;

export const ELLIPSIS = "…";

/**
 * Escapes `&`, `<` and `>` (Slack's control characters: `<!channel>`, `<@U123>`, `<!subteam^S1>`
 * and links all start with `<`), and breaks `@here`/`@channel`/`@everyone` with a word joiner.
 * We never send `link_names` or `parse=full`, so the second step is defence in depth: the text
 * stays safe even if a client or a later change parses names.
 */
export function escapeText(raw: string): string {
  // Most text has none of these; skipping the replace keeps rendering cheap.
  if (!MAYBE_UNSAFE.test(raw)) return raw;
  return raw.replace(UNSAFE, (c) => ENTITIES[c] ?? `@${WORD_JOINER}`);
}

/** Escapes `raw` and fits it into `max` code units, ending with an ellipsis when cut. */
export function fitText(raw: string, max: number): string {
  return cutEscaped(escapeText(raw), max);
}

/** Cuts already-escaped text to `max` code units, ending with an ellipsis when cut. */
export function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = Math.max(0, max - ELLIPSIS.length);
  // Never leave half an entity (`&am…`): Slack would show it raw.
  const amp = escaped.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 5) {
    const semi = escaped.indexOf(";", amp);
    if (semi === -1 || semi >= cut) cut = amp;
  }
  // Never split a surrogate pair.
  const last = escaped.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--;
  return `${escaped.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * `cutEscaped` at a word: the cut falls on the last whitespace in the second half of the room, so
 * no word is split; text with no such space is cut where `cutEscaped` would cut it.
 */
export function cutAtWord(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const room = max - ELLIPSIS.length;
  let space = -1;
  for (let i = room; i >= room / 2; i--) {
    if (/\s/.test(escaped[i] ?? "")) {
      space = i;
      break;
    }
  }
  return space > 0 ? `${escaped.slice(0, space).trimEnd()}${ELLIPSIS}` : cutEscaped(escaped, max);
}

/**
 * Slack sends message and command text with `&`, `<`, `>` escaped and with its own markup for
 * mentions and links. The core wants what the user meant, as plain text: `<@U1|ann>` becomes
 * `@ann`, `<!channel>` becomes `@channel`, `<#C1|general>` becomes `#general`, a link becomes its
 * label or address. The renderer escapes whatever of it comes back in a reply.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@")) return `@${label ?? target.slice(1)}`;
      if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
      if (target.startsWith("!")) {
        const name = target.slice(1).split("^")[0] ?? "";
        if (/^(here|channel|everyone)$/.test(name)) return `@${name}`;
        if (name === "subteam") return label ?? "@team";
        return label ?? name;
      }
      return label ?? target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
