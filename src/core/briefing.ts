/**
 * The briefing core: the one entry point adapters call. Platform-neutral: it never imports a
 * platform SDK or anything under `adapters/`.
 */
import type { ArgKind } from "../commands/registry.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Reply } from "./reply.ts";
import type { BriefingRequest } from "./request.ts";

/** Where the core gets the knowledge base it serves; a hot reload swaps what `current()` returns. */
export interface KnowledgeSource {
  current(): KnowledgeBase;
}

/**
 * The commands that need the subscription store: `subscribe`, `unsubscribe`, `status` and
 * `digest` (preview). The core has already checked admin rights for those that need them.
 */
export interface SubscriptionCommands {
  subscribe(request: BriefingRequest, args: readonly string[]): Promise<Reply>;
  unsubscribe(request: BriefingRequest): Promise<Reply>;
  status(request: BriefingRequest): Promise<Reply>;
  previewDigest(request: BriefingRequest): Promise<Reply>;
}

/** One autocomplete choice: what to show, and what to put in the option. */
export interface Choice {
  name: string;
  value: string;
}

export interface Briefing {
  /** Answers one command. User mistakes come back as `usage`/`no-match` replies; it never throws for input. */
  handle(request: BriefingRequest): Promise<Reply>;
  /** Autocomplete for an argument kind (topics, sources): best matches for what has been typed so far. */
  complete(kind: ArgKind, typed: string, limit?: number): Choice[];
  /** The knowledge base being served now. */
  knowledge(): KnowledgeBase;
}

export interface BriefingOptions {
  knowledge: KnowledgeSource;
  /** Absent where no store is configured: those commands then answer that they are unavailable. */
  subscriptions?: SubscriptionCommands;
  /** `BRIEFING_ADMINS`: user ids allowed to change subscriptions besides platform admins. */
  admins?: ReadonlySet<string>;
}
