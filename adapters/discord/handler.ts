/**
 * Interactions -> core -> Discord. Translates a slash command, an autocomplete request, a Share
 * click or an Evidence pick into a BriefingRequest / `complete` call, and answers with the
 * rendered reply. Thin on purpose: wording and rules live in the core.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type JSONEncodable,
  MessageFlags,
  PermissionFlagsBits,
  type StringSelectMenuInteraction,
} from "discord.js";
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
import { type DiscordMessage, NO_MENTIONS, renderDiscord, sharedCopy } from "./render.ts";
import { parseShareCustomId, shareCustomId } from "./share.ts";
import { clip } from "./text.ts";

export interface HandlerOptions {
  briefing: Briefing;
  logger: Logger;
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

type Respondable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

/** What both a reply and an edit of it accept. */
type MessageBody = Pick<InteractionReplyOptions, "embeds" | "components" | "allowedMentions"> & {
  content?: string;
};

/** Already in API shape: handed over as is, so discord.js does not re-convert every key. */
function asIs<T>(value: T): JSONEncodable<T> {
  return { toJSON: () => value };
}

function payloadOf(message: DiscordMessage): MessageBody {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds.map(asIs),
    components: message.components.map(asIs),
    allowedMentions: NO_MENTIONS,
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
function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    user: interaction.user.id,
    guild: interaction.guildId ?? undefined,
    channel: interaction.channelId ?? undefined,
    command:
      interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
  };
}

export function createInteractionHandler(
  options: HandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const { briefing, logger } = options;
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
  function requestOf(interaction: Interaction, text: string, share: boolean): BriefingRequest {
    // Read from this interaction's member payload every time: roles change, and server admins can
    // open the admin command to others, so neither a cache nor default_member_permissions is trusted.
    const isPlatformAdmin = () =>
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
    const name = interaction.user.globalName ?? interaction.user.username;
    return {
      platform: DISCORD,
      text,
      user: { id: interaction.user.id, isPlatformAdmin, ...(name ? { name } : {}) },
      conversation: {
        id: interaction.channelId ?? `dm:${interaction.user.id}`,
        ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
        isDirect: !interaction.guildId,
      },
      at: now(),
      ...(share ? { share } : {}),
    };
  }

  /** Runs `produce`; answers at once if it is quick, else defers and edits the reply when it is done. */
  async function respond(
    interaction: Respondable,
    produce: () => Promise<Answer>,
    visibility: { ephemeral: boolean },
  ): Promise<void> {
    const ephemeral = visibility.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    // deferAfterMs <= 0: always defer first (for deployments where the core is known to be slow).
    if (deferAfterMs <= 0) await interaction.deferReply(ephemeral);
    const work = produce();
    if (!interaction.deferred) {
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
      if (!quick) await interaction.deferReply(ephemeral);
    }
    const { message, private: keep } = await work;
    if (keep && !visibility.ephemeral) {
      // A public answer was expected (a share) but the core says only the asker may see this one.
      const privately = { ...payloadOf(message), flags: MessageFlags.Ephemeral as const };
      if (interaction.deferred) {
        await interaction.deleteReply();
        await interaction.followUp(privately);
      } else await interaction.reply(privately);
      return;
    }
    if (interaction.deferred) await interaction.editReply(payloadOf(message));
    else await interaction.reply({ ...payloadOf(message), ...ephemeral });
  }

  async function answer(
    interaction: Respondable,
    text: string,
    visibility: { ephemeral: boolean; sharedBy?: string },
  ): Promise<void> {
    const request = requestOf(interaction, text, visibility.sharedBy !== undefined);
    await respond(
      interaction,
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

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const spec = specOf(interaction.commandName, interaction.options.getSubcommand(false));
    if (!spec) {
      await respond(interaction, async () => ({ message: renderDiscord(UNKNOWN) }), {
        ephemeral: true,
      });
      return;
    }
    const text = commandTextOf(spec, (name) => interaction.options.getString(name));
    await answer(interaction, text, { ephemeral: true });
  }

  async function onShare(interaction: ButtonInteraction): Promise<void> {
    const share = parseShareCustomId(interaction.customId);
    if (!share) return;
    if (share.text) {
      await answer(interaction, share.text, { ephemeral: false, sharedBy: interaction.user.id });
      return;
    }
    // The command was too long for the button's id: share the embeds the button sits under.
    const embeds = interaction.message.embeds.map((e) => e.toJSON());
    await respond(interaction, async () => ({ message: sharedCopy(embeds, interaction.user.id) }), {
      ephemeral: false,
    });
  }

  /** The quotes behind the picked fact: the core's `sources <fact id>`, for the picker alone. */
  async function onEvidence(interaction: StringSelectMenuInteraction): Promise<void> {
    if (interaction.customId !== EVIDENCE_CUSTOM_ID) return;
    const factId = factIdOfEvidence(interaction.values);
    if (factId === undefined) {
      logger.warn({ values: interaction.values }, "evidence pick with a value we did not write");
      await respond(interaction, async () => ({ message: renderDiscord(EVIDENCE_GONE) }), {
        ephemeral: true,
      });
      return;
    }
    await answer(interaction, evidenceCommand(factId), { ephemeral: true });
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const spec = specOf(interaction.commandName, interaction.options.getSubcommand(false));
    const focused = interaction.options.getFocused(true);
    const arg = spec?.args.find((a) => a.name === focused.name);
    if (!arg || !AUTOCOMPLETED_KINDS.has(arg.kind)) {
      await interaction.respond([]);
      return;
    }
    const seen = new Set<string>();
    const choices = briefing
      .complete(arg.kind, String(focused.value), COMMAND_LIMITS.choices)
      .filter((c) => c.value.length > 0 && c.value.length <= COMMAND_LIMITS.choiceValue)
      .filter((c) => !seen.has(c.value) && seen.add(c.value))
      .slice(0, COMMAND_LIMITS.choices)
      .map((c) => ({ name: clip(c.name || c.value, COMMAND_LIMITS.choiceName), value: c.value }));
    await interaction.respond(choices);
  }

  async function answerFailure(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const payload = payloadOf(renderDiscord(failureReply()));
    if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
    else if (interaction.replied)
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  }

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = performance.now();
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isButton()) await onShare(interaction);
      else if (interaction.isStringSelectMenu()) await onEvidence(interaction);
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
        await answerFailure(interaction);
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
