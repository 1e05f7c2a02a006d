/**
 * Every constant that tunes the search, each with what it trades. Changing one changes answers:
 * run `npx vitest run tests/search` after.
 */

/** Share of a question's words the base must know to answer: lower answers more, misleads more. */
export const MIN_COVERAGE = 2 / 3;
/** Topics whose facts a question searches: more finds stray answers, fewer is faster. */
export const CANDIDATE_TOPICS = 16;
/** Weight of a topic the question names: higher keeps it, lower lets other words move the answer. */
export const NAMED_TOPIC_BOOST = 1.5;
/** Weight of a fact involving a named person or organisation: higher favours it over word matches. */
export const ENTITY_BOOST = 1.5;
/** Weight of a topic's key facts: higher favours the central fact over the best-worded one. */
export const KEY_BOOST = 1.15;
/** Weight of a fact that can answer the question's shape (an amount for "how much"): higher puts
 * it first even when it shares fewer of the question's words. */
export const SHAPE_BOOST = 1.6;
/** The same for a yes/no question and a fact that says no or not: weak, as such words are common. */
export const YES_NO_BOOST = 1.15;
/** Share of a topic name's facts that must be the topic's own (more than this) for the name to decide
 * the topic: lower lets everyday words that are also topic names ("talks") move answers. */
export const NAMED_TOPIC_SPECIFICITY = 0.5;
/** Share of facts a word may be in and still tell what a question is about: higher counts
 * "microsoft" as telling, lower lets more questions with one unknown name pass as unanswerable. */
export const UBIQUITOUS_SHARE = 0.25;
/** Letters an unknown word needs to count as a name the articles never mention: shorter unknown
 * words are mostly everyday verbs ("buy", "use"), longer ones names ("anthropic", "activision"). */
export const UNKNOWN_NAME_LENGTH = 6;
/** Share of the best score a fact giving the asked-for figure or reason needs to be shown first:
 * lower puts it first even when it answers the question's words less well. */
export const FIGURE_FIRST_SHARE = 0.5;
/** Topic match against its best fact when choosing the topic: higher trusts names over facts. */
export const TOPIC_EVIDENCE = 0.5;
/** Weight of facts from other topics than the chosen one: lower keeps answers on one topic. */
export const OTHER_TOPIC_WEIGHT = 0.75;
/** Share of the best score a fact needs to be shown, unless it meets a word of the question no fact
 * above it meets: higher shows fewer, surer facts. */
export const FACT_FLOOR = 0.3;
/** Facts an answer shows before filling up with key facts: more context, less focus. */
export const MIN_ANSWER_FACTS = 3;
/** Share of facts a word may be in and still be searched: lower is faster, drops useful words. */
export const COMMON_WORD_SHARE = 0.2;
/** Occurrences a fact search reads: lower is faster on a huge base, drops common words sooner. */
export const OCCURRENCE_BUDGET = 3_000;
/** Occurrences above which a term is indexed per topic: lower is faster to read, larger to hold. */
export const SCOPE_ABOVE = 2_000;
/** Words an alias phrase may have: more finds longer names, costs more phrase look-ups. */
export const MAX_ALIAS_WORDS = 5;
/**
 * Facts an entity answer lists in `facts` (a claim's sources show its first three; a name's pages
 * read `ordered`, all of them): more is a longer copy per name, fewer than three cuts a claim short.
 */
export const MAX_ENTITY_FACTS = 20;
/** Distinct words whose normalised form is remembered: more memory, fewer repeated normalisations. */
export const TERM_CACHE_LIMIT = 200_000;
/** Prefix matches a misspelling correction reads: more finds rarer completions, costs more. */
export const PREFIX_CANDIDATES = 50;

/** The fact index's fields, in MiniSearch's field order. */
export const FACT_FIELDS = ["text", "keywords", "when"];
/** Field weights: keywords are curated (trusted more), a date's words match loosely (less). */
export const FACT_BOOST = { text: 1, keywords: 1.5, when: 0.5 };
export const TOPIC_FIELDS = ["title", "overview", "words", "names"];
/** Field weights: a topic's title and aliases name it; its facts' words only suggest it. */
export const TOPIC_BOOST = { title: 4, names: 1.5, overview: 1.5, words: 1 };
