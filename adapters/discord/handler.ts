/**
 * Interactions -> core -> Discord. Translates a slash command, an autocomplete request, a Share
 * click or an Evidence pick into a BriefingRequest / `complete` call, and answers with the
 * rendered reply. Thin on purpose: wording and rules live in the core.
 *
 * Transport-neutral: it reads the interaction's JSON as Discord sends it and answers through a
 * `Responder`, so the gateway (index.ts) and interactions over HTTP (http.ts) share every rule.
 */
import type { APIInteraction, REST } from "discord.js";
import type { Logger } from "pino";
import {
  type Briefing,
  type BriefingRequest,
  failureReply,
  memoizeRender,
  type Platform,
  type Reply,
} from "../../src/index.ts";
import { AUTOCOMPLETED_KINDS, commandTextOf, specOf } from "./commands.ts";
import {
  EVIDENCE_CUSTOM_ID,
  EVIDENCE_GONE,
  evidenceCommand,
  factIdOfEvidence,
} from "./evidence.ts";
import { COMMAND_LIMITS } from "./limits.ts";
import { type IncomingInteraction, readInteraction } from "./payload.ts";
import { type DiscordMessage, NO_MENTIONS, renderDiscord, sharedCopy } from "./render.ts";
import { type Acknowledge, type MessageBody, Responder } from "./responder.ts";
import { parseShareCustomId, shareCustomId } from "./share.ts";
import { clipWords } from "./text.ts";

export interface HandlerOptions {
  briefing: Briefing;
  logger: Logger;
  /** For edits and follow-ups on the interaction's webhook (no bot token needed). */
  rest: REST;
  /**
   * Answer directly when the core is this quick; otherwise defer, then edit (Discord allows 3 s).
   * Zero or less: always defer first.
   */
  deferAfterMs?: number;
  now?: () => Date;
  /** `PUBLIC_URL`: replies link facts and topics to the web briefing. */
  publicUrl?: string;
}

/** A rendered answer, and whether the core said only the asker may see it. */
interface Answer {
  message: DiscordMessage;
  private?: boolean;
}

/** Discord channels receive the weekly digest. */
const DISCORD: Platform = { name: "discord", deliversDigests: true };

/** A subcommand this version does not define (stale registrations); the help it points at is current. */
const UNKNOWN: Reply = {
  kind: "usage",
  title: "Unknown command",
  intro: "This command is not one the briefing knows.",
  sections: [],
  citations: [],
  footer: ["Try ", { command: "help" }],
  shareable: false,
  visibility: "private",
};

function payloadOf(message: DiscordMessage): MessageBody {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * What to log of an error. Not the error itself: a DiscordAPIError carries the request URL, and
 * for interaction callbacks and webhooks that URL holds the interaction token.
 */
export function errorInfo(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; status?: unknown; method?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.method !== undefined ? { method: e.method } : {}),
    ...(e.stack ? { stack: e.stack.split("\n").slice(0, 6).join("\n") } : {}),
  };
}

/** A short description of an interaction for logs; never its token. */
function describe(interaction: IncomingInteraction): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
    command: interaction.commandName,
    customId: interaction.customId,
  };
}

/** Answers one interaction; `acknowledge` sends its first answer the way it arrived. */
export type InteractionHandler = (raw: APIInteraction, acknowledge: Acknowledge) => Promise<void>;

export function createInteractionHandler(options: HandlerOptions): InteractionHandler {
  const { briefing, logger, rest } = options;
  const deferAfterMs = options.deferAfterMs ?? 1500;
  const now = options.now ?? (() => new Date());
  // A question asked again gets the core's remembered reply, and with it this rendering of it.
  const render = memoizeRender(renderDiscord);
  const links = options.publicUrl ? { publicUrl: options.publicUrl } : {};

  /**
   * Who may change subscriptions is the core's rule (platform admins and BRIEFING_ADMINS), and its
   * refusal is the one users see; the adapter's part is to say who is a platform admin here:
   * members with Manage Server, asked only when the core needs to know.
   */
  function requestOf(
    interaction: IncomingInteraction,
    text: string,
    share: boolean,
  ): BriefingRequest {
    // Read from this interaction's member payload every time: roles change, and server admins can
    // open the admin command to others, so neither a cache nor default_member_permissions is trusted.
    const { user } = interaction;
    return {
      platform: DISCORD,
      text,
      user: {
        id: user.id,
        isPlatformAdmin: interaction.canManageGuild,
        ...(user.name ? { name: user.name } : {}),
      },
      conversation: {
        id: interaction.channelId ?? `dm:${user.id}`,
        ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
        isDirect: !interaction.guildId,
      },
      at: now(),
      ...(share ? { share } : {}),
    };
  }

  /** Runs `produce`; answers at once if it is quick, else defers and edits the reply when it is done. */
  async function respond(
    out: Responder,
    produce: () => Promise<Answer>,
    visibility: { ephemeral: boolean },
  ): Promise<void> {
    const { ephemeral } = visibility;
    // deferAfterMs <= 0: always defer first (for deployments where the core is known to be slow).
    if (deferAfterMs <= 0) await out.defer(ephemeral);
    const work = produce();
    if (!out.deferred) {
      let timer: NodeJS.Timeout | undefined;
      const quick = await Promise.race([
        work.then(
          () => true,
          () => true,
        ),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), deferAfterMs);
        }),
      ]);
      clearTimeout(timer);
      if (!quick) await out.defer(ephemeral);
    }
    const { message, private: keep } = await work;
    if (keep && !ephemeral) {
      // A public answer was expected (a share) but the core says only the asker may see this one.
      if (out.deferred) {
        await out.deleteReply();
        await out.followUp(payloadOf(message), true);
      } else await out.reply(payloadOf(message), true);
      return;
    }
    if (out.deferred) await out.editReply(payloadOf(message));
    else await out.reply(payloadOf(message), ephemeral);
  }

  async function answer(
    interaction: IncomingInteraction,
    out: Responder,
    text: string,
    visibility: { ephemeral: boolean; sharedBy?: string },
  ): Promise<void> {
    const request = requestOf(interaction, text, visibility.sharedBy !== undefined);
    await respond(
      out,
      async () => {
        const reply = await briefing.handle(request);
        const share =
          visibility.ephemeral && reply.shareable ? { shareCustomId: shareCustomId(text) } : {};
        const shared = visibility.sharedBy !== undefined;
        const keep = shared && (!reply.shareable || reply.visibility === "private");
        const message =
          visibility.sharedBy && !keep
            ? renderDiscord(reply, { ...share, ...links, sharedBy: visibility.sharedBy })
            : render(reply, { ...share, ...links });
        return { message, private: keep };
      },
      visibility,
    );
  }

  async function onCommand(interaction: IncomingInteraction, out: Responder): Promise<void> {
    const spec = specOf(interaction.commandName ?? "", interaction.subcommand);
    if (!spec) {
      await respond(out, async () => ({ message: renderDiscord(UNKNOWN) }), { ephemeral: true });
      return;
    }
    const text = commandTextOf(spec, (name) => interaction.option(name));
    await answer(interaction, out, text, { ephemeral: true });
  }

  async function onShare(interaction: IncomingInteraction, out: Responder): Promise<void> {
    const share = parseShareCustomId(interaction.customId ?? "");
    if (!share) return;
    const sharedBy = interaction.user.id;
    if (share.text) {
      await answer(interaction, out, share.text, { ephemeral: false, sharedBy });
      return;
    }
    // The command was too long for the button's id: share the embeds the button sits under.
    const embeds = interaction.messageEmbeds;
    await respond(out, async () => ({ message: sharedCopy(embeds, sharedBy) }), {
      ephemeral: false,
    });
  }

  /** The quotes behind the picked fact: the core's `sources <fact id>`, for the picker alone. */
  async function onEvidence(interaction: IncomingInteraction, out: Responder): Promise<void> {
    if (interaction.customId !== EVIDENCE_CUSTOM_ID) return;
    const factId = factIdOfEvidence(interaction.values);
    if (factId === undefined) {
      logger.warn({ values: interaction.values }, "evidence pick with a value we did not write");
      await respond(out, async () => ({ message: renderDiscord(EVIDENCE_GONE) }), {
        ephemeral: true,
      });
      return;
    }
    await answer(interaction, out, evidenceCommand(factId), { ephemeral: true });
  }

  async function onAutocomplete(interaction: IncomingInteraction, out: Responder): Promise<void> {
    const spec = specOf(interaction.commandName ?? "", interaction.subcommand);
    const focused = interaction.focused;
    const arg = focused && spec?.args.find((a) => a.name === focused.name);
    if (!focused || !arg || !AUTOCOMPLETED_KINDS.has(arg.kind)) {
      await out.choices([]);
      return;
    }
    const seen = new Set<string>();
    const choices = briefing
      .complete(arg.kind, focused.value, COMMAND_LIMITS.choices)
      .filter((c) => c.value.length > 0 && c.value.length <= COMMAND_LIMITS.choiceValue)
      .filter((c) => !seen.has(c.value) && seen.add(c.value))
      .slice(0, COMMAND_LIMITS.choices)
      .map((c) => ({
        name: clipWords(c.name || c.value, COMMAND_LIMITS.choiceName),
        value: c.value,
      }));
    await out.choices(choices);
  }

  async function answerFailure(interaction: IncomingInteraction, out: Responder): Promise<void> {
    if (interaction.kind === "autocomplete") {
      if (!out.acknowledged) await out.choices([]);
      return;
    }
    if (interaction.kind === "other") return;
    const payload = payloadOf(renderDiscord(failureReply()));
    if (out.deferred && !out.replied) await out.editReply(payload);
    else if (out.acknowledged) await out.followUp(payload, true);
    else await out.reply(payload, true);
  }

  return async function handleInteraction(raw, acknowledge): Promise<void> {
    const started = performance.now();
    const interaction = readInteraction(raw);
    const out = new Responder(interaction, acknowledge, rest);
    try {
      if (interaction.kind === "autocomplete") await onAutocomplete(interaction, out);
      else if (interaction.kind === "command") await onCommand(interaction, out);
      else if (interaction.kind === "button") await onShare(interaction, out);
      else if (interaction.kind === "select") await onEvidence(interaction, out);
      if (logger.isLevelEnabled("debug")) {
        const ms = Math.round(performance.now() - started);
        logger.debug({ ...describe(interaction), ms }, "discord interaction answered");
      }
    } catch (error) {
      logger.error(
        { err: errorInfo(error), ...describe(interaction) },
        "discord interaction failed",
      );
      try {
        await answerFailure(interaction, out);
      } catch (secondError) {
        // Typically the interaction expired (404 Unknown interaction): nothing more to do.
        logger.warn(
          { err: errorInfo(secondError), ...describe(interaction) },
          "discord could not report the failure",
        );
      }
    }
  };
}
