/**
 * The public API of the core: everything an adapter (`adapters/*`), an entry point (`bin/`) or a
 * benchmark (`bench/`) may use. Nothing outside `src/` imports any other file under it; a test
 * (tests/architecture.test.ts) fails if an adapter does.
 */

// ---- The command registry, for platform command definitions and autocomplete ------------------
export type { Choice } from "./commands/complete.ts";
export type { ArgKind, ArgSpec, CommandSpec } from "./commands/definition.ts";
export { COMMAND_SPECS } from "./commands/registry.ts";
// ---- Settings, errors, logs ---------------------------------------------------------------------
export { type Config, hasCredentials, parseConfig } from "./config.ts";
// ---- The boundary: requests in, replies out (plain data) ---------------------------------------
export type { Briefing } from "./core/briefing.ts";
export {
  createBriefing,
  evidenceCommandText,
  evidenceUnavailableReply,
  failureReply,
} from "./core/briefing.ts";
// ---- The knowledge base, for entry points and benchmarks ---------------------------------------
export { DEFAULT_REPLY_CACHE_SIZE } from "./core/reply-cache.ts";
// ---- Weekly digests: what a platform implements to receive them --------------------------------
export type {
  DeliveryFailure,
  DeliveryResult,
  DeliveryTarget,
  DigestDelivery,
  DigestKey,
  LookupResult,
} from "./delivery/port.ts";
export { BriefingError, type ErrorCode } from "./errors.ts";
export type { Fact, KnowledgeBase } from "./knowledge/knowledge-base.ts";
export { LiveKnowledge } from "./knowledge/live.ts";
export { loadKnowledge } from "./knowledge/loader.ts";
export { formatProblem } from "./knowledge/problems.ts";
export type { Entity, FactStatus, Source, Topic } from "./knowledge/schema.ts";
export type { KnowledgeSource } from "./knowledge/source.ts";
export type { When } from "./knowledge/when.ts";
export { trackForDrain } from "./lifecycle/http-drain.ts";
export {
  admit,
  budgetLeftMs,
  createLoadGate,
  DEFAULT_OVERLOAD_LIMITS,
  type LoadGate,
  type LoopLag,
  type OverloadLimits,
  type ShedReason,
  watchLoopLag,
} from "./lifecycle/overload.ts";
export { listenForShutdown, shutdownGraceMs } from "./lifecycle/shutdown.ts";
export { createLogger, type Logger } from "./log.ts";
// ---- Operations: what the health endpoint and the metrics adapter consume ----------------------
export type { BriefingMetrics, CommandAnswered } from "./ops/metrics.ts";
export {
  checkReadiness,
  type HealthStatus,
  type Readiness,
  type ReadinessCheck,
} from "./ops/readiness.ts";
export { rememberFrozen } from "./render/line-memo.ts";
// ---- Rendering helpers shared by the text surfaces ---------------------------------------------
export { type PageLinks, pageLinks } from "./render/links.ts";
export { memoizeRender } from "./render/memo.ts";
export { plainCommand, renderPlainText } from "./render/plain-text.ts";
export { counterpartsOf } from "./reply/present.ts";
export type {
  CommandRef,
  Placeholder,
  Prose,
  Reply,
  ReplyKind,
  ReplyLine,
  ReplyLink,
  ReplySection,
  SourceRef,
  Visibility,
} from "./reply/reply.ts";
export { factsOf } from "./reply/reply.ts";
export type { BriefingRequest, Platform, PlatformName } from "./reply/request.ts";
export type { DeliveryOutcome } from "./schedule/deliver.ts";
export { createDigestScheduler, type PassReport } from "./schedule/scheduler.ts";
export { normalize } from "./search/normalize.ts";
export { searchIndexFor } from "./search/search-index.ts";
export { openStore } from "./store/open-store.ts";
export type {
  ChannelKey,
  Installation,
  InstallationInput,
  SubscriptionStore,
  WorkspaceKey,
} from "./store/port.ts";
export { openSqliteStore } from "./store/sqlite-store.ts";
export { createSubscriptionCommands } from "./subscriptions/commands.ts";
export { shownDay } from "./time/week.ts";
