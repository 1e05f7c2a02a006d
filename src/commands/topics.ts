import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import { boundedTopicLines } from "./resolve.ts";

/** `topics`: every topic with one line each. */
export function topicsReply(kb: KnowledgeBase): Reply {
  return reply({
    kind: "list",
    title: `Topics (${kb.topics.size})`,
    sections: [{ lines: boundedTopicLines(kb) }],
    footer: "Ask about one: /partnership <topic>, e.g. /partnership stargate",
  });
}
