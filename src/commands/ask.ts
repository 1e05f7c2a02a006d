import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, factLines, reply } from "../reply/present.ts";
import type { Prose, Reply } from "../reply/reply.ts";
import { articleAnswer, articleQuestion } from "../search/article-question.ts";
import { normalize, quoteSafely } from "../search/normalize.ts";
import type { NotStated, SearchIndex } from "../search/search-index.ts";
import type {
  CommandLookup,
  CommandSpec,
  KnowledgeCommand,
  KnowledgeContext,
} from "./definition.ts";
import { emptyReply } from "./help.ts";
import { noMatchReply } from "./resolve.ts";
import { sourcesReply } from "./sources.ts";

/** How many facts an answer shows before pointing at the command that shows more. */
export const ANSWER_FACTS = 5;

/** `/partnership <topic or question>`. */
export function askReply(kb: KnowledgeBase, index: SearchIndex, text: string): Reply {
  const article = articleQuestion(kb, text);
  if (article) {
    const about = sourcesReply(kb, index, article.source.id);
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
    case "topic": {
      const total = kb.factsByTopic.get(outcome.topic.id)?.length ?? 0;
      return reply({
        kind: "answer",
        title: outcome.topic.title,
        intro: outcome.topic.overview,
        sections: [{ lines: factLines(kb, outcome.facts, ANSWER_FACTS) }],
        footer: moreFooter(outcome.topic.id, Math.min(ANSWER_FACTS, total), total),
        topicId: outcome.topic.id,
      });
    }
    case "entity": {
      const { entity, facts, total } = outcome;
      const role = entity.role ? ` (${entity.role})` : "";
      return reply({
        kind: "answer",
        title: `${entity.name}${role}`,
        intro: `What the articles report involving ${entity.name}: ${total} fact${total === 1 ? "" : "s"}.`,
        sections: [{ lines: factLines(kb, facts, ANSWER_FACTS) }],
        footer: [
          `${total > ANSWER_FACTS ? `Showing ${ANSWER_FACTS} of ${total} facts. ` : ""}In date order: `,
          command("timeline", { topic: entity.name.toLowerCase() }),
        ],
      });
    }
    case "search": {
      const total = kb.factsByTopic.get(outcome.topic.id)?.length ?? 0;
      // Say plainly what the articles do not give, so a partial answer is not taken for a full one.
      const unknown = quoted(outcome.unknown);
      const caveat = outcome.notStated
        ? `${notStatedLead(outcome.notStated, outcome.about, outcome.topic.title)} What the articles do say: `
        : unknown
          ? `Nothing in the briefing mentions ${unknown}; the closest it has: `
          : "";
      return reply({
        kind: "answer",
        title: outcome.topic.title,
        intro: `${caveat}${outcome.topic.overview}`,
        sections: [
          {
            lines: factLines(
              kb,
              outcome.facts.map((h) => h.fact),
              ANSWER_FACTS,
            ),
          },
        ],
        footer: moreFooter(outcome.topic.id, undefined, total),
        topicId: outcome.topic.id,
      });
    }
  }
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

function moreFooter(topicId: string, shown: number | undefined, total: number): Prose {
  const count = shown !== undefined && total > shown ? `Showing ${shown} of ${total} facts. ` : "";
  return [
    `${count}More: `,
    command("timeline", { topic: topicId }),
    " · ",
    command("sources", { target: topicId }),
  ];
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
 * letters swapped ("hlep", "digets") or a command name cut off after four letters or more
 * ("unsub", "subscr").
 */
function nearCommand(word: string, commands: CommandLookup): CommandSpec | undefined {
  const w = normalize(word);
  if (w.length < 4 || !/^[a-z]+$/.test(w) || commands.find(w)) return undefined;
  const swapped = (name: string) =>
    name.length === w.length &&
    [...w].some((_, i) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) === name);
  const near =
    commands.closest(w) ?? commands.all.find((c) => c.name.startsWith(w) || swapped(c.name));
  return near?.name === "ask" ? undefined : near;
}

function ask({ kb, index, rest, commands }: KnowledgeContext): Reply {
  // Only a mention, punctuation or an emoji: there is no question to search.
  if (!normalize(rest)) return emptyReply();
  const asked = askReply(kb, index, rest);
  const [first = "", ...others] = rest.split(/\s+/);
  const after = others.join(" ");
  const near = nearCommand(first, commands);
  if (asked.kind === "no-match") return near ? didYouMeanCommand(asked, near, after) : asked;
  // A slip on a command word ("timelines", "helpp") is no question, even where a fuzzy search
  // matches something; a word the base knows (a topic, a name) is one.
  if (!near || index.knowsWords(first)) return asked;
  const noMatch = noMatchReply(kb, index.suggest(after), rest, "topic, person or fact");
  return didYouMeanCommand(noMatch, near, after);
}

export const askCommand: KnowledgeCommand = {
  name: "ask",
  summary: "Key facts on a topic, person or question, each with the articles that report it",
  args: [
    {
      name: "query",
      kind: "topic",
      description: "A topic, name or question, e.g. stargate",
      required: true,
      rest: true,
    },
  ],
  examples: ["stargate", "how much has microsoft invested", "suleyman"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ask,
};
