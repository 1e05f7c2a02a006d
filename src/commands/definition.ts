/**
 * What a command is: one module per command exports a `CommandDefinition` (its name, arguments,
 * help, examples, who may run it, and its handler). The registry is the list of those modules;
 * the parser, help, Slack's usage hint and Discord's command definitions are derived from it.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Reply } from "../reply/reply.ts";
import type { BriefingRequest } from "../reply/request.ts";
import type { SearchIndex } from "../search/search-index.ts";

/** What kind of value an argument takes; adapters use it for native option types and autocomplete. */
export type ArgKind =
  | "text" // free text (a question, a topic name)
  | "topic" // a topic id, name or alias (autocompleted)
  | "source-or-topic" // a topic, a source id or a fact id (autocompleted with topics and sources)
  | "command" // the name of a command (help)
  | "day" // a weekday: mon … sun, or the full name
  | "time" // HH:MM, 24-hour
  | "timezone"; // an IANA zone such as Europe/London, or UTC

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  description: string;
  required: boolean;
  /** Takes the rest of the line (spaces included); only the last argument may. */
  rest?: boolean;
}

/** The data half of a command: what help, parsers and platform definitions are made from. */
export interface CommandSpec {
  name: string;
  /** One line for help and for Discord's description (≤ 100 characters). */
  summary: string;
  args: readonly ArgSpec[];
  /** Full examples as typed after `/partnership`. */
  examples: readonly string[];
  /** Who may run it: `admin` means platform admins and `BRIEFING_ADMINS` only. */
  access: "everyone" | "admin";
  /** Reads only: running it twice changes nothing. */
  readOnly: boolean;
  /**
   * Whether its answers may be offered for sharing with the channel. Read-only commands anyone may
   * run are, unless this says otherwise (a digest preview would read as a second digest).
   */
  shareable?: false;
}

/** The `subscribe`, `unsubscribe`, `status` and `digest` work, done against the store. */
export interface SubscriptionCommands {
  subscribe(request: BriefingRequest, args: readonly string[]): Promise<Reply>;
  unsubscribe(request: BriefingRequest): Promise<Reply>;
  status(request: BriefingRequest): Promise<Reply>;
  previewDigest(request: BriefingRequest): Promise<Reply>;
}

/** What a command that answers from the knowledge base alone is given. */
export interface KnowledgeContext {
  kb: KnowledgeBase;
  /** The base's search index, built when first read (once per base). */
  readonly index: SearchIndex;
  /** What followed the command word, trimmed. */
  rest: string;
  /** The command registry, for commands that talk about commands (help, "did you mean"). */
  commands: CommandLookup;
}

export interface CommandLookup {
  all: readonly CommandSpec[];
  find(word: string): CommandSpec | undefined;
  /** The command a mistyped word most likely meant, if any is close. */
  closest(word: string): CommandSpec | undefined;
}

/**
 * A command answered from the knowledge base and its text alone: the same text against the
 * same base gets the same reply, so the core may remember it.
 */
export interface KnowledgeCommand extends CommandSpec {
  answersFrom: "knowledge";
  handle(context: KnowledgeContext): Reply;
}

/** A command answered from the subscription store: never remembered, unavailable without one. */
export interface StoreCommand extends CommandSpec {
  answersFrom: "store";
  handle(
    store: SubscriptionCommands,
    request: BriefingRequest,
    args: readonly string[],
  ): Promise<Reply>;
}

export type CommandDefinition = KnowledgeCommand | StoreCommand;
