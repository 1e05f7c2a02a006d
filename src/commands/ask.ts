import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, factLines, reply } from "../reply/present.ts";
import type { Prose, Reply } from "../reply/reply.ts";
import { normalize, quoteSafely, STOPWORDS } from "../search/normalize.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { CommandSpec, KnowledgeCommand, KnowledgeContext } from "./definition.ts";
import { emptyReply } from "./help.ts";
import { noMatchReply } from "./resolve.ts";
import { sourcesReply } from "./sources.ts";

/** How many facts an answer shows before pointing at the command that shows more. */
export const ANSWER_FACTS = 5;

/** Words that ask about an article itself (who wrote it, when) rather than about its content. */
const ABOUT_AN_ARTICLE = new Set(
  "wrote written write writer author authors date dated published publish piece article story source outlet report reported".split(
    " ",
  ),
);

/** Each article's names as a question would contain them, worked out once per base. */
const articleNames = new WeakMap<KnowledgeBase, { id: string; name: string }[]>();

/** An article named in the question, when the rest of the question only asks about the article. */
function articleAsked(kb: KnowledgeBase, text: string): string | undefined {
  let names = articleNames.get(kb);
  if (!names) {
    names = [...kb.sources.values()].flatMap((s) =>
      [normalize(s.label), s.id.replace(/-/g, " ")].map((name) => ({ id: s.id, name })),
    );
    articleNames.set(kb, names);
  }
  const q = ` ${normalize(text)} `;
  for (const { id, name } of names) {
    const at = q.indexOf(` ${name} `);
    if (at < 0) continue;
    const rest = `${q.slice(0, at)} ${q.slice(at + name.length + 2)}`.split(" ").filter(Boolean);
    if (rest.every((w) => ABOUT_AN_ARTICLE.has(w) || STOPWORDS.has(w))) return id;
  }
  return undefined;
}

/** `/partnership <topic or question>`. */
export function askReply(kb: KnowledgeBase, index: SearchIndex, text: string): Reply {
  const article = articleAsked(kb, text);
  if (article) return sourcesReply(kb, index, article);
  const outcome = index.search(text, { maxFacts: ANSWER_FACTS });
  switch (outcome.kind) {
    case "none":
      return noMatchReply(kb, outcome.suggestions, text, "topic, person or fact");
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
      // Say plainly which words found nothing, so a partial answer is not taken for a full one.
      const unknown = outcome.unknown.map((w) => `“${quoteSafely(w, 30)}”`);
      const caveat = unknown.length
        ? `Nothing in the briefing mentions ${unknown.join(" or ")}; the closest it has: `
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

function ask({ kb, index, rest, commands }: KnowledgeContext): Reply {
  // Only a mention, punctuation or an emoji: there is no question to search.
  if (!normalize(rest)) return emptyReply();
  const asked = askReply(kb, index, rest);
  if (asked.kind !== "no-match") return asked;
  const [first = "", ...others] = rest.split(/\s+/);
  const near = commands.closest(first);
  return near ? didYouMeanCommand(asked, near, others.join(" ")) : asked;
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
