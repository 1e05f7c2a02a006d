/**
 * The briefing core: the one entry point adapters call. Platform-neutral: it never imports a
 * platform SDK or anything under `adapters/`. It parses the text, checks who may run the command
 * (from the command's definition, asking the platform about admin rights only then), runs the
 * command's handler, and says whether the reply may be shared.
 */
import { askCommand } from "../commands/ask.ts";
import { type Choice, completeArg } from "../commands/complete.ts";
import type {
  ArgKind,
  CommandDefinition,
  CommandSpec,
  SubscriptionCommands,
} from "../commands/definition.ts";
import { emptyReply, tooLongReply } from "../commands/help.ts";
import { parseCommand } from "../commands/parse.ts";
import { COMMAND_LOOKUP } from "../commands/registry.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { KnowledgeSource } from "../knowledge/source.ts";
import { type BriefingMetrics, NO_METRICS } from "../ops/metrics.ts";
import { command, reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import type { BriefingRequest } from "../reply/request.ts";
import { normalize, STOPWORDS } from "../search/normalize.ts";
import { searchIndexFor } from "../search/search-index.ts";
import { createReplyCache } from "./reply-cache.ts";

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
  /** Counts each command by name and platform, its latency, and questions that matched nothing. */
  metrics?: BriefingMetrics;
}

/** The reply for anyone who may not run an admin command. */
export function notAllowedReply(name: string): Reply {
  return reply({
    kind: "error",
    title: "Only admins can change the briefing subscription",
    intro: `${name} is for workspace or server admins and the people listed in BRIEFING_ADMINS. Nothing was changed.`,
    sections: [],
    footer: ["See this channel's schedule: ", command("status")],
  });
}

/**
 * What every adapter shows when answering failed unexpectedly (a bug, a store that is down); the
 * details go to the adapter's log, never to the user.
 */
export function failureReply(): Reply {
  return reply({
    kind: "error",
    title: "Something went wrong on our side",
    intro: "The briefing could not answer just now. Please try again in a minute.",
    sections: [],
  });
}

/** What an "Evidence" control asks the core: the fact's sources, each with its quote. */
export function evidenceCommandText(factId: string): string {
  return `sources ${factId}`;
}

/**
 * The private answer to an "Evidence" control whose value the adapter did not write (an old or
 * forged message): nothing is asked of the knowledge base.
 */
export function evidenceUnavailableReply(): Reply {
  return reply({
    kind: "error",
    title: "That evidence is no longer available",
    intro: "Ask again to see the current facts and the articles behind them.",
    sections: [],
    footer: ["Try ", command("help")],
  });
}

function notShareableReply(): Reply {
  return reply({
    kind: "error",
    title: "This answer cannot be shared",
    intro: "Only answers that change nothing can be shared with the channel.",
    sections: [],
  });
}

function unavailableReply(name: string): Reply {
  return reply({
    kind: "error",
    title: "Subscriptions are not available here",
    intro: `${name} needs the bot's subscription store, which this instance runs without.`,
    sections: [],
    footer: ["Everything else works: ", command("help")],
  });
}

function noArgsReply(spec: CommandSpec): Reply {
  return reply({
    kind: "usage",
    title: `${spec.name} takes nothing after it`,
    intro: `${spec.summary}.`,
    sections: [],
    footer: ["Type just ", command(spec.name), ". All commands: ", command("help")],
  });
}

/** Kinds of reply worth showing a channel; a usage hint, an error or a miss is only for the asker. */
const SHAREABLE_KINDS: ReadonlySet<Reply["kind"]> = new Set(["answer", "list", "notice"]);

/** Whether answers to `spec` may be offered for sharing: read-only, open to everyone, not opted out. */
function shareableCommand(spec: CommandSpec): boolean {
  return spec.readOnly && spec.access === "everyone" && spec.shareable !== false;
}

/** The reply marked shareable when its command and its kind allow it. */
function withSharing(spec: CommandSpec, answer: Reply): Reply {
  const shareable = shareableCommand(spec) && SHAREABLE_KINDS.has(answer.kind);
  if (answer.shareable === shareable) return answer;
  return { ...answer, shareable };
}

export function createBriefing(options: BriefingOptions): Briefing {
  const admins = options.admins ?? new Set<string>();
  const cache = createReplyCache(options.replyCacheSize);

  /** `BRIEFING_ADMINS` first: the platform is asked only when that does not settle it. */
  const isAdmin = async (request: BriefingRequest): Promise<boolean> => {
    if (admins.has(request.user.id)) return true;
    try {
      return (await request.user.isPlatformAdmin()) === true;
    } catch {
      // Not knowing means no admin rights: the refusal is polite and nothing changes.
      return false;
    }
  };

  /** Answers a command read from the knowledge base; remembered per base and text. */
  const fromKnowledge = (
    kb: KnowledgeBase,
    spec: CommandDefinition & { answersFrom: "knowledge" },
    rest: string,
  ): Reply =>
    cache.get(kb, `${spec.name} ${rest}`, () =>
      withSharing(
        spec,
        spec.handle({
          kb,
          // Built on first use: `help`, `topics` and other answers that need no search never
          // wait for it.
          get index() {
            return searchIndexFor(kb);
          },
          rest,
          commands: COMMAND_LOOKUP,
        }),
      ),
    );

  const metrics = options.metrics ?? NO_METRICS;

  const answer = async (
    request: BriefingRequest,
    parsed: ReturnType<typeof parseCommand>,
  ): Promise<Reply> => {
    if (!parsed.ok) return parsed.problem === "empty" ? emptyReply() : tooLongReply(parsed.length);
    const kb = options.knowledge.current();
    const { command: spec, rest, args } = parsed;

    if (request.share && !shareableCommand(spec)) return notShareableReply();
    if (spec.access === "admin" && !(await isAdmin(request))) return notAllowedReply(spec.name);
    // Words such as "please" or "me" after a command that takes nothing ask for nothing more
    // ("status please"); other words make it a question ("status of the talks").
    if (spec.args.length === 0 && rest) {
      const idle = normalize(rest)
        .split(" ")
        .every((w) => !w || STOPWORDS.has(w));
      if (!idle) {
        const asked = fromKnowledge(kb, askCommand, `${spec.name} ${rest}`);
        return asked.kind === "no-match" ? noArgsReply(spec) : asked;
      }
    }
    if (spec.answersFrom === "knowledge") {
      // `help please` asks for the whole help, as before.
      return fromKnowledge(kb, spec, spec.args.length === 0 ? "" : rest);
    }
    const subs = options.subscriptions;
    if (!subs) return unavailableReply(spec.name);
    return withSharing(spec, await spec.handle(subs, request, args));
  };

  /** Times and counts every command; only the command's registry name and the platform name are recorded. */
  const handle = async (request: BriefingRequest): Promise<Reply> => {
    const started = performance.now();
    const parsed = parseCommand(request.text);
    const result = await answer(request, parsed);
    metrics.commandAnswered({
      command: parsed.ok ? parsed.command.name : "invalid",
      platform: request.platform.name,
      seconds: (performance.now() - started) / 1000,
      matched: result.kind !== "no-match",
    });
    return result;
  };

  return {
    handle,
    complete: (kind, typed, limit = 25) =>
      completeArg(options.knowledge.current(), kind, typed, limit),
    knowledge: () => options.knowledge.current(),
  };
}
