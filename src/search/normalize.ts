/**
 * Text normalisation shared by the index and the queries, so both sides agree on what a word is.
 */

/** Words that carry no topic: question words, auxiliaries, articles. */
export const STOPWORDS = new Set(
  (
    "a an the and or but of to in on at by for from with about into over as is are was were be been " +
    "being am do does did done has have had having will would shall should can could may might must " +
    "what which who whom whose when where why how that this these those there here it its it's they " +
    "them their he him his she her we us our you your i me my mine tell show give explain say said says " +
    "know much many any some more most so than then too very just also not no yes if up out " +
    "please partnership briefing between happen happens happened happening going goes went " +
    "get gets got thing things really latest actually basically exactly ever still think thinks " +
    "hit hits " +
    // Contractions, as normalize() leaves them once the apostrophe is gone.
    "whats whos wheres whens hows thats theres im ive youre theyre dont doesnt didnt isnt arent " +
    "wasnt werent cant wont shouldnt wouldnt couldnt hasnt havent hadnt lets theyll youll well " +
    "theyve weve youve"
  ).split(" "),
);

/** Slack and Discord mention syntax, closed or not, and the broadcast words. */
const MENTION = /<[@#!][^>]*>?|@(?:everyone|here|channel)/gi;
/** Terminal escape sequences (colours, cursor moves) pasted along with text: removed whole. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts them
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Printable ASCII without `<` and `@`: no mention, control character, accent or mark to remove. */
const PLAIN_ASCII = /^[\x20-\x3b\x3d-\x3f\x41-\x7e]*$/;

/** Lower-case, accents off, mentions and control characters out, punctuation to spaces. */
export function normalize(text: string): string {
  // Most text is plain ASCII: the same result, without the Unicode passes (several times faster).
  if (PLAIN_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/'/g, "")
      .replace(/[^a-z0-9$]+/g, " ")
      .trim();
  }
  return text
    .replace(MENTION, " ")
    .replace(ANSI, " ")
    .replace(CONTROL, " ")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{N}$]+/gu, " ")
    .trim();
}

/** Suffixes before which a word drops a final "e": "fire" → "fired", "firing", "fires". */
const SILENT_E_SUFFIXES = new Set(["ing", "ed", "es"]);
/** Consonant, vowel, consonant: a root that had a final "e" ("fir", "hir", "bas"), not "add". */
const SHORT_ROOT = /^[^aeiou][aeiou][^aeiouwxy]$/;

/**
 * A light suffix stripper, enough for "announced"/"announcement"/"announces" to meet. Not a full
 * Porter stemmer: over-stemming short words hurts more than it helps on a small base.
 */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let base = word;
  for (const suffix of ["ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"]) {
    if (!word.endsWith(suffix)) continue;
    const rest = word.slice(0, -suffix.length);
    if (rest.length >= 4) {
      base = suffix === "ies" ? `${rest}y` : rest;
      break;
    }
    // A short root that lost its "e" ("fired", "firing", "hires"): "fire", as "fire" itself stems.
    if (SILENT_E_SUFFIXES.has(suffix) && SHORT_ROOT.test(rest)) {
      base = `${rest}e`;
      break;
    }
  }
  // "announce", "announced", "announcement" all end up as "announc".
  return base.length > 4 && base.endsWith("e") ? base.slice(0, -1) : base;
}

/** The search terms of a text: normalised words, stopwords dropped, stemmed. */
export function terms(text: string): string[] {
  return normalize(text)
    .split(" ")
    .filter((w) => w && !STOPWORDS.has(w))
    .map(stem);
}

/**
 * What the user typed, made safe to quote back: mentions and control characters removed, spaces
 * collapsed, and cut to `max` characters. Renderers still escape it for their platform.
 */
export function quoteSafely(text: string, max = 60): string {
  const cleaned = text
    .replace(MENTION, " ")
    .replace(ANSI, " ")
    .replace(CONTROL, " ")
    .replace(/[<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...cleaned];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : cleaned;
}

/**
 * A normalised word as the user typed it ("anthropics" → "Anthropic's"), so that a reply quotes
 * their words, not ours; the word itself when no typed word normalises to it.
 */
export function typedForm(text: string, word: string): string {
  for (const token of text.split(/\s+/)) {
    const bare = token.replace(/^[^\p{L}\p{N}$]+|[^\p{L}\p{N}]+$/gu, "");
    if (bare && normalize(bare).replace(/\$/g, "").split(" ").includes(word)) return bare;
  }
  return word;
}
