/**
 * An article's text as quotes are checked against it and as coverage counts it: normalised, and
 * split into sentences, each marked when it is page furniture rather than something the article
 * says.
 *
 * Normalising changes only what a copy-paste changes without changing the words: runs of
 * whitespace (line breaks included) become one space; curly single and double quotes become
 * straight ones; every kind of dash (hyphen, en and em dash, minus, `--`) becomes `-`, with any
 * spaces around it dropped, since " — ", "—" and " - " are the same dash typed differently.
 * Case is kept: a quote is the article's words as printed and is shown to readers as such.
 */

const SINGLE_QUOTES = /[‘’‚‛′`]/g;
const DOUBLE_QUOTES = /[“”„‟″«»]/g;
const DASHES = /\s*(?:[‐‑‒–—―−﹘﹣－]|-{1,3})\s*/g;

/** Normalises a passage for comparison; see the module comment for what changes. */
export function normaliseText(text: string): string {
  return text
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Words that end with a full stop without ending a sentence. Dotted initials ("U.S.", "e.g.") and
 * single capital letters ("J. Smith") are recognised by shape instead of being listed.
 */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof sr jr st vs etc inc ltd corp co vol fig approx dept gov sen rep gen col lt sgt jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

function endsWithAbbreviation(before: string): boolean {
  const word = /(\S+)\.$/.exec(before)?.[1] ?? "";
  const bare = word.replace(/^[("'[]+/, "");
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(bare)) return true; // U.S, e.g, i.e
  if (/^[A-Z]$/.test(bare)) return true; // an initial
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/**
 * Splits one normalised paragraph into sentences. A sentence ends at `.`, `!` or `?` (with any
 * closing quotes or brackets after it) followed by a space and a capital letter, a digit, an
 * opening quote or bracket, or `$`; not after an abbreviation or initial. A full stop inside a
 * number ("$1.5 billion") is never followed by a space, so it never ends a sentence.
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const boundary = /[.!?]+["')\]]*(?= ["'([$]?[A-Z0-9$])/g;
  let start = 0;
  for (let m = boundary.exec(paragraph); m; m = boundary.exec(paragraph)) {
    const end = m.index + m[0].length;
    const before = paragraph.slice(start, end);
    if (m[0].startsWith(".") && m[0].length === 1 && endsWithAbbreviation(before)) continue;
    out.push(before.trim());
    start = end + 1;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

/**
 * Page furniture: lines that are not something the article says. The rule is general, a line of
 * at most {@link FURNITURE_MAX_WORDS} words that does not end like a statement (with `.` or `!`,
 * perhaps followed by a closing quote), which catches headlines, section heads, bylines, captions,
 * question heads ("When will AGI arrive?") and buttons; plus a named list for the usual widgets
 * in case one of them is ever punctuated.
 */
export const FURNITURE_MAX_WORDS = 12;
export const FURNITURE_LINES: readonly string[] = [
  "advertisement",
  "share",
  "leave a reply",
  "you may like",
  "trending posts",
  "related posts",
  "read more",
];

export function isFurniture(line: string): boolean {
  const bare = line.trim();
  if (FURNITURE_LINES.includes(bare.toLowerCase().replace(/[.!:]+$/, ""))) return true;
  const words = bare.split(/\s+/).length;
  return words <= FURNITURE_MAX_WORDS && !/[.!]["')\]]*$/.test(bare);
}

export interface ArticleSentence {
  /** The sentence, normalised (straight quotes, `-` for dashes). */
  text: string;
  /** Where it lies in {@link ArticleText.normalised}: `normalised.slice(start, end) === text`. */
  start: number;
  end: number;
  /** Part of a furniture line, not counted by coverage. */
  furniture: boolean;
}

export interface ArticleText {
  /** The whole text normalised, its lines joined by one space. */
  normalised: string;
  sentences: ArticleSentence[];
}

const ENDS_SENTENCE = /[.!?:]["')\]]*$/;

/**
 * The article's paragraphs, normalised. Most articles keep a paragraph on one line, but a text
 * wrapped by hand goes on over several: a line that does not end a sentence is continued by the
 * next one when that starts in lower case, or when the line is too long to be a heading (more
 * than {@link FURNITURE_MAX_WORDS} words). A blank line always ends a paragraph.
 */
function paragraphsOf(raw: string): string[] {
  const out: string[] = [];
  // Whether the last paragraph may go on: no blank line since, and it does not end a sentence.
  let open = false;
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = normaliseText(rawLine);
    if (!line) {
      open = false;
      continue;
    }
    const last = out.length - 1;
    const previous = out[last] ?? "";
    const continues =
      open && (/^\p{Ll}/u.test(line) || previous.split(" ").length > FURNITURE_MAX_WORDS);
    if (continues) out[last] = `${previous} ${line}`;
    else out.push(line);
    open = !ENDS_SENTENCE.test(out[out.length - 1] ?? "");
  }
  return out;
}

/** Normalises an article and splits it into sentences, paragraph by paragraph. */
export function analyseArticle(raw: string): ArticleText {
  const sentences: ArticleSentence[] = [];
  const paragraphs = paragraphsOf(raw);
  const normalised = paragraphs.join(" ");
  let from = 0;
  for (const paragraph of paragraphs) {
    const furniture = isFurniture(paragraph);
    for (const text of splitSentences(paragraph)) {
      const start = normalised.indexOf(text, from);
      sentences.push({ text, start, end: start + text.length, furniture });
      from = start + text.length;
    }
  }
  return { normalised, sentences };
}

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9$%]+/g) ?? []);

/**
 * The sentence of the article most like a passage, by the share of words they have in common
 * (Dice's coefficient over word sets): enough to point a curator at the passage a typo came from.
 */
export function closestSentence(article: ArticleText, passage: string): string | undefined {
  const want = wordsOf(passage);
  let best: { text: string; score: number } | undefined;
  for (const s of article.sentences) {
    const have = wordsOf(s.text);
    let shared = 0;
    for (const w of want) if (have.has(w)) shared++;
    const score = (2 * shared) / (want.size + have.size || 1);
    if (!best || score > best.score) best = { text: s.text, score };
  }
  return best && best.score > 0 ? best.text : undefined;
}
