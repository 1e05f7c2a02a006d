/**
 * Questions about an article itself rather than what it reports: who wrote it, when it was
 * published, what reporting it retells, or just "the drift apart article". Answered from
 * `sources.yaml`, never from the facts.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Source } from "../knowledge/schema.ts";
import { shownDay } from "../time/week.ts";
import { normalize, STOPWORDS } from "./normalize.ts";

/** What a question asks about an article. */
export type ArticleAsk = "author" | "date" | "sources" | "about";

/** Checked in this order: "when was it written" asks for a date, not an author. */
const ASKS: [ArticleAsk, RegExp][] = [
  ["date", /\b(date|dated|published|publish|publication|how old|released)\b|^when (was|is)\b/],
  ["author", /\b(wrote|write|writes|written|writer|author|authors|byline|journalist)\b/],
  [
    "sources",
    /\b(sources?|cite|cites|cited|citing|based on|retell|retells|retold|newspaper|newspapers|outlet|outlets|paper|papers|reporting|relies on|draws on)\b/,
  ],
];

/** Words that ask about an article and nothing else ("the drift apart article"). */
const ABOUT_AN_ARTICLE = new Set(
  "article articles piece story source report reported paper".split(" "),
);

/** The fewest consecutive words of a headline that name its article ("partners or quiet rivals"). */
const HEADLINE_RUN = 3;

interface ArticleName {
  source: Source;
  /** Phrases that name it, normalised, longest first: its label, id, and runs of its headline. */
  names: string[];
  /**
   * Where to look first: the positions in `names` of the names starting with each word. A name
   * can only be in a question that has its first word, so a question checks a handful of names,
   * not hundreds. Names with no plain first word (empty, or starting with a space) are in `always`.
   */
  byFirstWord: Map<string, number[]>;
  always: number[];
}

/** Runs of at least `HEADLINE_RUN` consecutive words of a headline, not all stopwords. */
function headlineRuns(title: string): string[] {
  const words = normalize(title).split(" ");
  const runs: string[] = [];
  for (let n = words.length; n >= HEADLINE_RUN; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const run = words.slice(i, i + n);
      if (!run.every((w) => STOPWORDS.has(w))) runs.push(run.join(" "));
    }
  }
  return runs;
}

const namesOf = new WeakMap<KnowledgeBase, ArticleName[]>();

function articleName(source: Source): ArticleName {
  // "[… after the Wall Street Journal]": a run of the headline that is only the name of the
  // reporting the article retells names that outlet, which other articles retell too.
  const retold = (source.retells ?? []).map((r) => ` ${normalize(r)} `);
  const names = [
    normalize(source.label),
    source.id.replace(/-/g, " "),
    ...headlineRuns(source.title).filter((run) => !retold.some((r) => r.includes(` ${run} `))),
  ];
  const byFirstWord = new Map<string, number[]>();
  const always: number[] = [];
  names.forEach((name, i) => {
    const first = name.split(" ")[0] ?? "";
    if (!first) always.push(i);
    else byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), i]);
  });
  return { source, names, byFirstWord, always };
}

function articleNames(kb: KnowledgeBase): ArticleName[] {
  let names = namesOf.get(kb);
  if (!names) {
    names = [...kb.sources.values()].map(articleName);
    namesOf.set(kb, names);
  }
  return names;
}

/** A normalised question as names are looked for in it: padded with spaces, and its words. */
interface Question {
  padded: string;
  words: readonly string[];
}

/** Where an article is named in a question: the words before and after it. */
function named(q: Question, article: ArticleName): { rest: string } | undefined {
  const candidates = [...article.always];
  for (const word of q.words) candidates.push(...(article.byFirstWord.get(word) ?? []));
  // In the order of `names`, longest first, each once (a word can occur twice in a question).
  candidates.sort((a, b) => a - b);
  let previous = -1;
  for (const i of candidates) {
    if (i === previous) continue;
    previous = i;
    const name = article.names[i] ?? "";
    const at = q.padded.indexOf(` ${name} `);
    if (at >= 0) {
      const { padded } = q;
      return { rest: `${padded.slice(0, at)} ${padded.slice(at + name.length + 2)}` };
    }
  }
  return undefined;
}

/** The article a question asks about, and what it asks; undefined for any other question. */
export function articleQuestion(
  kb: KnowledgeBase,
  text: string,
): { source: Source; asks: ArticleAsk } | undefined {
  const normalized = normalize(text);
  const q = { padded: ` ${normalized} `, words: normalized.split(" ") };
  for (const article of articleNames(kb)) {
    const found = named(q, article);
    if (!found) continue;
    for (const [asks, pattern] of ASKS) {
      if (pattern.test(found.rest.trim())) return { source: article.source, asks };
    }
    const rest = found.rest.split(" ").filter(Boolean);
    if (rest.every((w) => ABOUT_AN_ARTICLE.has(w) || STOPWORDS.has(w))) {
      return { source: article.source, asks: "about" };
    }
  }
  return undefined;
}

/** The answer to a question about an article, in a sentence; undefined for "about". */
export function articleAnswer(source: Source, asks: ArticleAsk): string | undefined {
  const { label } = source;
  const retells = source.retells?.length ? source.retells.join(", ") : undefined;
  switch (asks) {
    case "author":
      return source.author
        ? `${label} is by ${source.author}.`
        : `Nothing in the briefing says who wrote ${label}: the article names no author${retells ? `; it retells ${retells}` : ""}.`;
    case "date":
      return source.published
        ? `${label} was published on ${shownDay(source.published)}.`
        : `Nothing in the briefing says when ${label} was published: the article prints no date.`;
    case "sources":
      return retells
        ? `${label} retells ${retells}.`
        : `Nothing in the briefing says that ${label} retells other reporting: it names no outlet it draws on.`;
    case "about":
      return undefined;
  }
}
