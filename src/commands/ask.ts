import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Source, Topic } from "../knowledge/schema.ts";
import { command, factLines, reply } from "../reply/present.ts";
import type { CommandRef, Prose, Reply } from "../reply/reply.ts";
import { type ArticleAsk, articleAnswer, articleQuestion } from "../search/article-question.ts";
import type { EntityAnswer } from "../search/entity-answer.ts";
import { normalize, quoteSafely } from "../search/normalize.ts";
import type { NotStated, SearchIndex } from "../search/search-index.ts";
import type {
  CommandLookup,
  CommandSpec,
  KnowledgeCommand,
  KnowledgeContext,
} from "./definition.ts";
import { emptyReply } from "./help.ts";
import {
  FIRST_PAGE,
  noSuchPage,
  type PageAsked,
  type Pages,
  pageOf,
  pageRef,
  pageStatus,
  pagesOnce,
  paginate,
  splitPage,
} from "./page.ts";
import { noMatchReply } from "./resolve.ts";
import type { SourcePart } from "./source-description.ts";
import { sourceReply } from "./sources.ts";

/**
 * How many facts an answer, or a page of one, shows before naming the command for the next: more
 * is fewer pages to read, but a longer reply that Slack and Discord may have to cut.
 */
export const ANSWER_FACTS = 5;

/**
 * What the answer to a question about an article says already, left out of its description:
 * the author (or, when there is none, the reporting the answer names instead), the date, or
 * the reporting it retells.
 */
function answered(source: Source, asks: ArticleAsk): SourcePart[] {
  switch (asks) {
    case "author":
      return source.author ? ["author"] : ["retells"];
    case "date":
      return ["date"];
    case "sources":
      return ["retells"];
    case "about":
      return [];
  }
}

/** `/partnership <topic or question>`; a topic's or a name's facts page by page (`page.ts`). */
export function askReply(
  kb: KnowledgeBase,
  index: SearchIndex,
  text: string,
  page: PageAsked = FIRST_PAGE,
): Reply {
  const article = articleQuestion(kb, text);
  if (article) {
    const omit = answered(article.source, article.asks);
    const about = sourceReply(kb, article.source, omit, page);
    if (about.kind === "usage") return about;
    const answer = articleAnswer(article.source, article.asks);
    return answer ? { ...about, intro: `${answer} ${about.intro ?? ""}`.trim() } : about;
  }
  const outcome = index.search(text, { maxFacts: ANSWER_FACTS });
  switch (outcome.kind) {
    case "none": {
      const unknown = quoted(outcome.unknown ?? []);
      // A name the articles never mention: say so first, then offer the closest topics.
      const lead = unknown
        ? `Nothing in the briefing mentions ${unknown}${outcome.suggestions.length ? "; the closest it has:" : "."}`
        : undefined;
      return noMatchReply(kb, outcome.suggestions, text, "topic, person or fact", undefined, lead);
    }
    case "topic":
      return topicAnswer(kb, index, outcome.topic, outcome.facts, text, page);
    case "entity":
      return entityAnswer(kb, outcome, page);
    case "search": {
      // Say plainly what the articles do not give, so a partial answer is not taken for a full one.
      const unknown = quoted(outcome.unknown);
      const caveat = outcome.notStated
        ? `${notStatedLead(outcome.notStated, outcome.about, outcome.topic.title)} What the articles do say: `
        : unknown
          ? `Nothing in the briefing mentions ${unknown}; the closest it has: `
          : "";
      const facts = outcome.facts.map((h) => h.fact);
      return reply({
        kind: "answer",
        title: outcome.topic.title,
        intro: `${caveat}${outcome.topic.overview}`,
        sections: [{ lines: factLines(kb, facts, ANSWER_FACTS) }],
        footer: [
          `More on ${outcome.topic.title}: `,
          command("ask", { query: outcome.topic.id }),
          " · ",
          ...moreLinks(outcome.topic.id),
        ],
        topicId: outcome.topic.id,
      });
    }
  }
}

/** A topic's facts, `ANSWER_FACTS` a page, in the order the search gives them. */
function topicAnswer(
  kb: KnowledgeBase,
  index: SearchIndex,
  topic: Topic,
  facts: readonly Fact[],
  text: string,
  asked: PageAsked,
): Reply {
  const all = kb.factsByTopic.get(topic.id) ?? [];
  const cut = () =>
    paginate(kb, [{ facts, size: ANSWER_FACTS }], (f) => f.topicIds.includes(topic.id), all.length);
  // The order depends on the query only when it names a figure; then the next pages keep it.
  const keyOrder = index.keyFactsOf(topic.id);
  const sameOrder =
    facts === keyOrder ||
    (facts.length === keyOrder.length && facts.every((f, i) => f === keyOrder[i]));
  const paged = sameOrder ? pagesOnce(kb, `topic ${topic.id}`, cut) : cut();
  const at = pageRef("ask", "query", sameOrder ? topic.id : quoteSafely(text, 80));
  const page = pageOf(paged, asked);
  if (!page) return noSuchPage(topic.title, asked, paged.pages.length, at);
  const n = paged.pages.indexOf(page) + 1;
  return reply({
    kind: "answer",
    title: topic.title,
    ...(n <= 1 ? { intro: topic.overview } : {}),
    sections: [{ lines: factLines(kb, page.facts) }],
    footer: [
      pageStatus(paged, page, "facts"),
      ...nextPage(paged, n, at),
      "More: ",
      ...moreLinks(topic.id),
    ],
    topicId: topic.id,
  });
}

/** A person's or organisation's facts, `ANSWER_FACTS` a page. */
function entityAnswer(kb: KnowledgeBase, outcome: EntityAnswer, asked: PageAsked): Reply {
  const { entity, ordered, total } = outcome;
  const paged = pagesOnce(kb, `name ${entity.id}`, () =>
    paginate(
      kb,
      [{ facts: ordered, size: ANSWER_FACTS }],
      (f) => f.entities.includes(entity.id),
      total,
    ),
  );
  const name = entity.name.toLowerCase();
  const at = pageRef("ask", "query", name);
  const page = pageOf(paged, asked);
  if (!page) return noSuchPage(entity.name, asked, paged.pages.length, at);
  const n = paged.pages.indexOf(page) + 1;
  const role = entity.role ? ` (${entity.role})` : "";
  return reply({
    kind: "answer",
    title: `${entity.name}${role}`,
    intro: `What the articles report involving ${entity.name}: ${total} fact${total === 1 ? "" : "s"}.`,
    sections: [{ lines: factLines(kb, page.facts) }],
    footer: [
      pageStatus(paged, page, "facts"),
      ...nextPage(paged, n, at),
      "In date order: ",
      command("timeline", { topic: name }),
    ],
  });
}

/** "Next page: `stargate page 2`. ", or nothing on the last page. */
function nextPage(paged: Pages, n: number, at: (n: number) => CommandRef): Prose {
  return n < paged.pages.length ? ["Next page: ", at(n + 1), ". "] : [];
}

function moreLinks(topicId: string): Prose {
  return [command("timeline", { topic: topicId }), " · ", command("sources", { target: topicId })];
}

/** Words the briefing never mentions, quoted as the user typed them. */
function quoted(words: readonly string[]): string {
  return words.map((w) => `“${quoteSafely(w, 30)}”`).join(" or ");
}

const NOT_GIVEN: Record<NotStated, string> = {
  amount: "no figure for that",
  date: "no date for that",
  percentage: "no percentage",
};

/** "Nothing in the briefing says that": what the articles mention, and what they do not give. */
function notStatedLead(missing: NotStated, about: readonly string[], topic: string): string {
  const names =
    about.length > 1 ? `${about.slice(0, -1).join(", ")} and ${about.at(-1)}` : about[0];
  return names
    ? `Nothing in the briefing says that: the articles mention ${names} but give ${NOT_GIVEN[missing]}.`
    : `Nothing in the briefing says that: the closest topic, “${topic}”, gives ${NOT_GIVEN[missing]}.`;
}

/** A no-match reply that first offers the command the user probably meant ("timline stargate"). */
function didYouMeanCommand(noMatch: Reply, meant: CommandSpec, rest: string): Reply {
  const arg = meant.args[0];
  const value = quoteSafely(rest, 80);
  const typed = arg && value ? command(meant.name, { [arg.name]: value }) : command(meant.name);
  return {
    ...noMatch,
    intro: `Did you mean the ${meant.name} command? ${noMatch.intro ?? ""}`.trim(),
    suggestions: [typed, ...(noMatch.suggestions ?? [])],
  };
}

/**
 * The command a first word is a slip for: one `commands.closest` finds ("timelin", "helpp"), two
 * letters swapped ("hlep", "digets") or, when `cutOff`, a command name cut off after four letters
 * or more ("unsub", "subscr"). A cut-off name is also the start of ordinary words ("sour"), so it
 * only counts where nothing else answered.
 */
function nearCommand(
  word: string,
  commands: CommandLookup,
  cutOff: boolean,
): CommandSpec | undefined {
  const w = normalize(word);
  if (w.length < 4 || !/^[a-z]+$/.test(w) || commands.find(w)) return undefined;
  const swapped = (name: string) =>
    name.length === w.length &&
    [...w].some((_, i) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) === name);
  const near =
    commands.closest(w) ??
    commands.all.find((c) => (cutOff && c.name.startsWith(w)) || swapped(c.name));
  return near?.name === "ask" ? undefined : near;
}

/**
 * Whether an answered query is really a slip on a command word: the word alone, or followed only
 * by a name ("timelines", "helpp stargate"), and not itself a word or name the base knows. A
 * question with more words ("sour relationship between nadella and altman") is a question.
 */
function slipOnCommand(
  index: SearchIndex,
  first: string,
  after: string,
  commands: CommandLookup,
): CommandSpec | undefined {
  const isName = (text: string) => !!(index.topicNamed(text) || index.entityNamed(text));
  if (isName(first) || (after && !isName(after))) return undefined;
  const near = nearCommand(first, commands, false);
  return near && !index.knowsWords(first) ? near : undefined;
}

function ask({ kb, index, rest, commands }: KnowledgeContext): Reply {
  // Only a mention, punctuation or an emoji: there is no question to search.
  if (!normalize(rest)) return emptyReply();
  const { text, page, numeric } = splitPage(rest);
  const paged = page.kind !== "first" && pageable(kb, index, text);
  // A page number after a question; "… on its front page yesterday" is a question as it stands.
  const refused = page.kind !== "first" && !paged && numeric;
  const question = paged || refused ? text : rest;
  if (!normalize(question)) return pageOfWhat();
  const asked = askReply(kb, index, question, paged ? page : FIRST_PAGE);
  const [first = "", ...others] = rest.split(/\s+/);
  const after = others.join(" ");
  if (asked.kind === "no-match") {
    const near = nearCommand(first, commands, true);
    return near ? didYouMeanCommand(asked, near, after) : asked;
  }
  // A slip on a command word ("timelines", "helpp") is no question, even where a fuzzy search
  // matches something.
  // Whether the rest names something is judged without a trailing `page N`; the command offered
  // keeps it.
  const near = slipOnCommand(index, first, question.split(/\s+/).slice(1).join(" "), commands);
  if (near) {
    const noMatch = noMatchReply(kb, index.suggest(after), rest, "topic, person or fact");
    return didYouMeanCommand(noMatch, near, after);
  }
  return refused ? notPageable(kb, question, asked) : asked;
}

/**
 * Whether an answer to `text` comes in pages: it names a topic, person or organisation, or asks
 * about an article (whose answer lists the facts it supports).
 */
function pageable(kb: KnowledgeBase, index: SearchIndex, text: string): boolean {
  if (!normalize(text)) return false;
  if (articleQuestion(kb, text)) return true;
  const kind = index.search(text, { maxFacts: ANSWER_FACTS }).kind;
  return kind === "topic" || kind === "entity";
}

const PAGE_EXAMPLE = command("ask", { query: "stargate page 2" });

/** `page 2` alone. */
function pageOfWhat(): Reply {
  return reply({
    kind: "usage",
    title: "A page of what?",
    intro: "Name a topic, person or organisation before the page number.",
    sections: [],
    footer: ["For example: ", PAGE_EXAMPLE, ". What the briefing covers: ", command("topics")],
  });
}

/**
 * `page N` after a question: a question's answer is the few facts that answer it best, one reply;
 * the facts of the topic it draws on come in pages.
 */
function notPageable(kb: KnowledgeBase, text: string, answer: Reply): Reply {
  const question = quoteSafely(text, 80);
  const topic = answer.topicId ? kb.topics.get(answer.topicId) : undefined;
  return reply({
    kind: "usage",
    title: "Only a topic or a name has pages",
    intro: `“${question}” is a question: its answer is one reply. A topic, person or organisation has its facts in pages.`,
    sections: [],
    footer: [
      // A question cut short to quote it would not ask the same again: then no command for it.
      ...(question === quoteSafely(text, Number.POSITIVE_INFINITY)
        ? ["The answer: ", command("ask", { query: question }), ". "]
        : ["Ask it again without the page number. "]),
      ...(topic
        ? [`${topic.title}, page by page: `, command("ask", { query: topic.id })]
        : ["For example: ", PAGE_EXAMPLE]),
    ],
  });
}

export const askCommand: KnowledgeCommand = {
  name: "ask",
  summary: "Key facts on a topic, person or question, each with the articles that report it",
  args: [
    {
      name: "query",
      kind: "topic",
      description: "A topic, name or question, e.g. stargate; stargate page 2 shows the next facts",
      required: true,
      rest: true,
    },
  ],
  examples: ["stargate", "how much has microsoft invested", "suleyman", "stargate page 2"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ask,
};
