/**
 * The briefing core: the one entry point adapters call. Platform-neutral: it never imports a
 * platform SDK or anything under `adapters/`.
 */
import { askReply } from "../commands/ask.ts";
import { completeArg } from "../commands/complete.ts";
import { emptyReply, helpReply, tooLongReply } from "../commands/help.ts";
import { parseCommand } from "../commands/parse.ts";
import { type ArgKind, type CommandSpec, closestCommand } from "../commands/registry.ts";
import { sourcesReply } from "../commands/sources.ts";
import { timelineReply } from "../commands/timeline.ts";
import { topicsReply } from "../commands/topics.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { KnowledgeSource } from "../knowledge/source.ts";
import { reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import type { BriefingRequest } from "../reply/request.ts";
import { normalize, quoteSafely, STOPWORDS } from "../search/normalize.ts";
import { searchIndexFor } from "../search/search-index.ts";
import { createReplyCache } from "./reply-cache.ts";

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
  /**
   * How many read-only answers to remember per knowledge base (see `reply-cache.ts`). Default
   * 256; 0 answers every command afresh.
   */
  replyCacheSize?: number;
}

/** The reply for anyone who may not change subscriptions. */
export function notAllowedReply(command: string): Reply {
  return reply({
    kind: "error",
    title: "Only admins can change the briefing subscription",
    intro: `${command} is for workspace or server admins and the people listed in BRIEFING_ADMINS. Nothing was changed.`,
    sections: [],
    footer: "See this channel's schedule: /partnership status",
  });
}

function unavailableReply(command: string): Reply {
  return reply({
    kind: "error",
    title: "Subscriptions are not available here",
    intro: `${command} needs the bot's subscription store, which this instance runs without.`,
    sections: [],
    footer: "Everything else works: /partnership help",
  });
}

/** A no-match reply that first offers the command the user probably meant. */
function didYouMeanCommand(noMatch: Reply, command: string): Reply {
  const typed = quoteSafely(command, 80);
  return {
    ...noMatch,
    intro: `Did you mean /partnership ${typed}? ${noMatch.intro ?? ""}`.trim(),
    suggestions: [typed, ...(noMatch.suggestions ?? [])],
  };
}

function noArgsReply(spec: CommandSpec): Reply {
  return reply({
    kind: "usage",
    title: `${spec.name} takes nothing after it`,
    intro: `Type just /partnership ${spec.name}. ${spec.summary}.`,
    sections: [],
    footer: "All commands: /partnership help",
  });
}

export function createBriefing(options: BriefingOptions): Briefing {
  const admins = options.admins ?? new Set<string>();

  const cache = createReplyCache(options.replyCacheSize);

  const answer = async (request: BriefingRequest): Promise<Reply> => {
    const parsed = parseCommand(request.text);
    if (!parsed.ok) return parsed.problem === "empty" ? emptyReply() : tooLongReply(parsed.length);
    const kb = options.knowledge.current();
    const { command, rest, args } = parsed;

    if (command.requiresAdmin && !(request.user.isPlatformAdmin || admins.has(request.user.id))) {
      return notAllowedReply(command.name);
    }
    // Words such as "please" or "me" after a command ask for nothing more ("status please").
    const idle = normalize(rest)
      .split(" ")
      .every((w) => !w || STOPWORDS.has(w));
    const subs = options.subscriptions;
    switch (command.name) {
      case "digest":
      case "unsubscribe":
      case "status":
        if (!idle) break;
        if (!subs) return unavailableReply(command.name);
        if (command.name === "digest") return subs.previewDigest(request);
        if (command.name === "unsubscribe") return subs.unsubscribe(request);
        return subs.status(request);
      case "subscribe":
        if (!subs) return unavailableReply(command.name);
        return subs.subscribe(request, args);
    }
    // Everything else reads the knowledge base only: the same text gets the same reply.
    return cache.get(kb, `${command.name} ${rest}`, () => readOnly(kb, command, rest, idle));
  };

  /** The commands that answer from the knowledge base and their text alone. */
  const readOnly = (
    kb: KnowledgeBase,
    command: CommandSpec,
    rest: string,
    idle: boolean,
  ): Reply => {
    const index = searchIndexFor(kb);
    switch (command.name) {
      case "help":
        return helpReply(idle ? "" : rest);
      case "timeline":
        return timelineReply(kb, index, rest);
      case "sources":
        return sourcesReply(kb, index, rest);
      case "topics":
      case "digest":
      case "unsubscribe":
      case "status": {
        // "status of the talks" is a question, not the status command with bad arguments.
        if (!idle) {
          const asked = askReply(kb, index, `${command.name} ${rest}`);
          return asked.kind === "no-match" ? noArgsReply(command) : asked;
        }
        // Only `topics` gets here with nothing after it: the others went to the store above.
        return topicsReply(kb);
      }
      case "subscribe":
        throw new Error("subscribe changes the store; it is never answered as read-only");
      case "ask": {
        // Only a mention, punctuation or an emoji: there is no question to search.
        if (!normalize(rest)) return emptyReply();
        const asked = askReply(kb, index, rest);
        if (asked.kind !== "no-match") return asked;
        const [first = "", ...others] = rest.split(/\s+/);
        const near = closestCommand(first);
        return near ? didYouMeanCommand(asked, [near.name, ...others].join(" ")) : asked;
      }
    }
  };

  return {
    handle: answer,
    complete: (kind, typed, limit = 25) =>
      completeArg(options.knowledge.current(), kind, typed, limit),
    knowledge: () => options.knowledge.current(),
  };
}
