/**
 * zod schemas for the files under `knowledge/`. The schemas check each record's shape; the
 * cross-checks that need the whole base (ids that point somewhere, disputes that point both ways)
 * live in `cross-check.ts`.
 */
import * as z from "zod";

const slug = z.string({ error: "must be a text id" }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: "must be lower-case words joined by hyphens, like `board-seat`",
});

/** Text; a bare number such as `2024` in YAML is read as the text "2024". */
const sentence = (what: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    z
      .string({ error: `${what} must be text` })
      .trim()
      .min(1, { error: `${what} must not be empty` })
      .max(max, { error: `${what} must be at most ${max} characters` }),
  );

/** Whether a YYYY-MM-DD day exists; a large base repeats a few days many thousand times. */
const realDays = new Map<string, boolean>();
function isRealDay(day: string): boolean {
  let real = realDays.get(day);
  if (real === undefined) {
    // Date.parse accepts 2025-02-30 (as 2 March): the day must come back unchanged.
    const ms = Date.parse(`${day}T00:00:00Z`);
    real = !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
    if (realDays.size < 10_000) realDays.set(day, real);
  }
  return real;
}

/** A calendar date the base itself uses (`added`, `updated`): YYYY-MM-DD. */
export const isoDay = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string({ error: "must be a date written YYYY-MM-DD" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD", abort: true })
    .refine(isRealDay, { error: "is not a real date" }),
);

/**
 * When something happened, with its precision: `2019`, `2025-01`, `2025-01-21`,
 * `early 2024` / `mid 2024` / `late 2023` / `spring 2024` / `summer 2024` / `autumn 2024`,
 * or `unknown`.
 */
export const WHEN_PATTERN =
  /^(?:unknown|\d{4}|\d{4}-(?:0[1-9]|1[0-2])|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:early|mid|late|spring|summer|autumn) \d{4})$/;

const when = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string({ error: "must be a date such as 2019, 2025-01, late 2023, or unknown" })
    .regex(WHEN_PATTERN, {
      error:
        "must be one of: YYYY, YYYY-MM, YYYY-MM-DD, early/mid/late/spring/summer/autumn YYYY, or unknown",
    }),
);

/** An http(s) address. */
export const httpUrl = z
  .string({ error: "must be an http(s) address" })
  .refine((v) => /^https?:\/\/[^\s/]+\.[^\s]*$/.test(v) && URL.canParse(v), {
    error: "must be an http(s) address, like https://example.com/article",
  });

/**
 * A source: one article. Its text is kept as `articles/<id>.txt` (see `articles.ts`); the
 * article is found by the id, so there is no field naming its file.
 */
export const SourceSchema = z.strictObject({
  id: slug,
  /** The headline as printed, or a descriptive title in [square brackets] where there is none. */
  title: sentence("title", 200),
  /** A short label for tight spaces. */
  label: sentence("label", 40),
  /** Reporting the article retells or cites, where the text names it. */
  retells: z.array(sentence("retells entry", 80)).optional(),
  author: sentence("author", 80).optional(),
  /** The publication that printed it, where known. */
  outlet: sentence("outlet", 80).optional(),
  /** Only where the text (or its page) prints a date. */
  published: isoDay.optional(),
  /** Where it was read, where known; never a guess. */
  url: httpUrl.optional(),
  /** What the text tells about when it was written, where it prints no date. */
  dating: sentence("dating", 300).optional(),
  notes: sentence("notes", 600).optional(),
});

export const EntitySchema = z.strictObject({
  id: slug,
  name: sentence("name", 80),
  kind: z.enum(["person", "organisation", "product", "project"], {
    error: "must be person, organisation, product or project",
  }),
  /** Other names and misspellings seen in the sources; matched case-insensitively. */
  aliases: z.array(sentence("alias", 80)).default([]),
  /** Role as the sources describe it, e.g. "Microsoft CEO". */
  role: sentence("role", 160).optional(),
});

export const TopicSchema = z.strictObject({
  id: slug,
  title: sentence("title", 80),
  aliases: z.array(sentence("alias", 80)).default([]),
  /** Two or three sentences in our own words. */
  overview: sentence("overview", 600),
  /** Where the topic sits in `topics` (lower first); ties and omissions sort by title. */
  order: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .optional(),
});

export const FACT_STATUSES = ["current", "disputed", "superseded"] as const;
export const FACT_KINDS = ["event", "situation", "outlook"] as const;

/**
 * A quote's length limit. The guideline is the shortest supporting clause, about 40 words; the
 * hard limit is looser (60) so a long sentence that must be quoted whole still passes, while a
 * pasted paragraph, which no longer shows *which* words back the fact, is refused.
 */
export const QUOTE_MAX_WORDS = 60;

const quote = sentence("quote", 1000).refine((q) => q.split(/\s+/).length <= QUOTE_MAX_WORDS, {
  error: `must be at most ${QUOTE_MAX_WORDS} words: quote the shortest passage that supports the fact`,
});

/**
 * One entry of a fact's `sources`: either a source id (`drift-apart`) or, the long form, the id
 * with the passage of that article that supports the fact, copied verbatim
 * (`{ id: drift-apart, quote: "..." }`). Both forms may be mixed in one list.
 */
const citation = z.preprocess(
  (v) => (typeof v === "string" ? { id: v } : v),
  z.strictObject(
    { id: slug, quote: quote.optional() },
    { error: "must be a source id, or an `id` with a `quote`" },
  ),
);

/**
 * A fact's sources as ids, with the quotes split out by source id. `quotes` is optional in the
 * type so that bases built in code (tests, benches) need not spell it out.
 */
function splitCitations<T extends { sources: { id: string; quote?: string | undefined }[] }>(
  fact: T,
): Omit<T, "sources"> & { sources: string[]; quotes?: Record<string, string> } {
  const { sources, ...rest } = fact;
  const quotes: Record<string, string> = {};
  for (const s of sources) if (s.quote !== undefined) quotes[s.id] = s.quote;
  return Object.assign(rest, { sources: sources.map((s) => s.id), quotes });
}

const FactFields = z.strictObject({
  id: slug,
  /** One or two sentences in our own words. */
  text: sentence("text", 500),
  /** The sources that report the fact, each an id or `{ id, quote }`; see `citation`. */
  sources: z
    .array(citation, { error: "must list the sources that report this fact" })
    .min(1, { error: "must name at least one source" }),
  when,
  /** How `when` was worked out when the text gives it only relatively ("last summer"). */
  whenNote: sentence("whenNote", 300).optional(),
  entities: z.array(slug).default([]),
  /** The date the fact entered the base, YYYY-MM-DD; digests report facts added since the last one. */
  added: isoDay,
  /** The date the fact was last changed in substance, if after `added`. */
  updated: isoDay.optional(),
  /**
   * `current`: reported and not contradicted. `disputed`: another article says otherwise (list it
   * in `disputes`). `superseded`: true only for a time; `supersededBy` names the later state.
   */
  status: z.enum(FACT_STATUSES, { error: "must be current, disputed or superseded" }),
  /** `event`: something that happened; `situation`: a state of affairs; `outlook`: an article's view or prediction. */
  kind: z.enum(FACT_KINDS, { error: "must be event, situation or outlook" }),
  /** A key fact is shown first for its topic and in a first digest. */
  key: z.boolean().default(false),
  /** Facts that say otherwise; each must point back. */
  disputes: z.array(slug).optional(),
  /** How the disagreement reads, in a sentence: shown with both sides. */
  disputeNote: sentence("disputeNote", 400).optional(),
  /** The later state of a claim that was true only for a time; it must name this fact in `supersedes`. */
  supersededBy: slug.optional(),
  supersedes: slug.optional(),
  /** Other topics that list this fact besides the file it is in. */
  alsoIn: z.array(slug).optional(),
  /** Extra words people might search for (not shown). */
  keywords: z.array(sentence("keyword", 60)).optional(),
});

/**
 * A fact as the core reads it: `sources` is the list of source ids (as in the short form), and
 * `quotes` maps a source id to its quote, for the sources that have one.
 */
export const FactSchema = FactFields.transform(splitCitations);

export const SourcesFileSchema = z.strictObject({
  sources: z.array(z.unknown(), { error: "must be a list of sources" }),
});
export const EntitiesFileSchema = z.strictObject({
  entities: z.array(z.unknown(), { error: "must be a list of entities" }),
});
export const TopicFileSchema = z.strictObject({
  topic: z.unknown(),
  facts: z.array(z.unknown(), { error: "must be a list of facts" }),
});

export type Source = z.infer<typeof SourceSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type FactRecord = z.infer<typeof FactSchema>;
export type FactStatus = (typeof FACT_STATUSES)[number];
