import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { command, placeholder, reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import type { KnowledgeCommand } from "./definition.ts";
import { boundedTopicLines } from "./resolve.ts";

/** `topics`: every topic with one line each. */
export function topicsReply(kb: KnowledgeBase): Reply {
  return reply({
    kind: "list",
    title: `Topics (${kb.topics.size})`,
    sections: [{ lines: boundedTopicLines(kb) }],
    footer: [
      "Ask about one: ",
      command("ask", { query: placeholder("topic") }),
      ", e.g. ",
      command("ask", { query: "stargate" }),
    ],
  });
}

export const topicsCommand: KnowledgeCommand = {
  name: "topics",
  summary: "All topics the briefing covers, one line each",
  args: [],
  examples: ["topics"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ({ kb }) => topicsReply(kb),
};
