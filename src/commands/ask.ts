import { factLines, reply } from "../core/present.ts";
import type { Reply } from "../core/reply.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { noMatchReply } from "./resolve.ts";

/** How many facts an answer shows before pointing at the command that shows more. */
export const ANSWER_FACTS = 5;

/** `/partnership <topic or question>`. */
export function askReply(kb: KnowledgeBase, index: SearchIndex, text: string): Reply {
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
      });
    }
    case "entity": {
      const { entity, topic, facts, total } = outcome;
      const role = entity.role ? ` (${entity.role})` : "";
      return reply({
        kind: "answer",
        title: `${entity.name}${role}`,
        intro: `What the articles report involving ${entity.name}: ${total} fact${total === 1 ? "" : "s"}.`,
        sections: [{ lines: factLines(kb, facts, ANSWER_FACTS) }],
        ...(topic ? { footer: moreFooter(topic.id, Math.min(ANSWER_FACTS, total), total) } : {}),
      });
    }
    case "search": {
      const total = kb.factsByTopic.get(outcome.topic.id)?.length ?? 0;
      return reply({
        kind: "answer",
        title: outcome.topic.title,
        intro: outcome.topic.overview,
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
      });
    }
  }
}

function moreFooter(topicId: string, shown: number | undefined, total: number): string {
  const count = shown !== undefined && total > shown ? `Showing ${shown} of ${total} facts. ` : "";
  return `${count}More: /partnership timeline ${topicId} · /partnership sources ${topicId}`;
}
