import type { KnowledgeBase } from "./knowledge-base.ts";

/** Where the core gets the knowledge base it serves; a hot reload swaps what `current()` returns. */
export interface KnowledgeSource {
  current(): KnowledgeBase;
}
