/**
 * The public API of the core for adapters: an adapter imports from here and nowhere else in `src/`.
 * (This list holds what the web adapter needs; the other adapters' needs are merged in beside it.)
 */
export type { Briefing } from "./core/briefing.ts";
export { counterpartsOf } from "./core/present.ts";
export type { Reply, ReplyLine, ReplySection, SourceRef } from "./core/reply.ts";
export type { BriefingRequest } from "./core/request.ts";
export type { Fact, KnowledgeBase } from "./knowledge/knowledge-base.ts";
export type { Entity, FactStatus, Source, Topic } from "./knowledge/schema.ts";
export type { When } from "./knowledge/when.ts";
export type { Logger } from "./log.ts";
