/**
 * An interaction as Discord sends it (the same JSON over the gateway's INTERACTION_CREATE and over
 * HTTP), read into the few things the handler uses. One reader for both transports, so a command
 * means the same whichever way it arrived.
 */
import {
  type APIApplicationCommandInteractionDataOption,
  type APIEmbed,
  type APIInteraction,
  ApplicationCommandOptionType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
} from "discord.js";

export interface IncomingInteraction {
  id: string;
  /** Valid for 15 minutes: answers, edits and follow-ups use it. Never logged. */
  token: string;
  applicationId: string;
  kind: "command" | "autocomplete" | "button" | "select" | "other";
  /** Discord's interaction type number, for logs. */
  type: number;
  commandName?: string;
  subcommand: string | null;
  /** A string option's value by name (of the subcommand when there is one). */
  option(name: string): string | null;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
  customId?: string;
  /** The picked values of a select menu. */
  values: readonly string[];
  /** The embeds of the message a component sits on. */
  messageEmbeds: APIEmbed[];
  user: { id: string; name?: string };
  guildId?: string;
  channelId?: string;
  /** Whether the member has Manage Server in this interaction's payload (never in a DM). */
  canManageGuild(): boolean;
}

type Option = APIApplicationCommandInteractionDataOption;

function leafOptions(options: readonly Option[]): {
  subcommand: string | null;
  leaves: readonly Option[];
} {
  const first = options[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    return leafOptions(first.options);
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand) {
    return { subcommand: first.name, leaves: first.options ?? [] };
  }
  return { subcommand: null, leaves: options };
}

const KINDS: Partial<Record<InteractionType, IncomingInteraction["kind"]>> = {
  [InteractionType.ApplicationCommand]: "command",
  [InteractionType.ApplicationCommandAutocomplete]: "autocomplete",
};

export function readInteraction(raw: APIInteraction): IncomingInteraction {
  const user = raw.member?.user ?? raw.user;
  const name = user?.global_name ?? user?.username;
  let kind = KINDS[raw.type] ?? "other";
  let commandName: string | undefined;
  let options: readonly Option[] = [];
  let customId: string | undefined;
  let values: readonly string[] = [];
  let messageEmbeds: APIEmbed[] = [];
  if (
    (raw.type === InteractionType.ApplicationCommand ||
      raw.type === InteractionType.ApplicationCommandAutocomplete) &&
    "options" in raw.data
  ) {
    commandName = raw.data.name;
    options = raw.data.options ?? [];
  } else if (raw.type === InteractionType.ApplicationCommand) {
    commandName = raw.data.name;
    kind = "other";
  } else if (raw.type === InteractionType.MessageComponent) {
    customId = raw.data.custom_id;
    messageEmbeds = raw.message.embeds;
    if (raw.data.component_type === ComponentType.Button) kind = "button";
    else if (raw.data.component_type === ComponentType.StringSelect) {
      kind = "select";
      values = raw.data.values;
    }
  }
  const { subcommand, leaves } = leafOptions(options);
  const focusedOption = leaves.find((o) => "focused" in o && o.focused);
  const permissions = raw.member?.permissions;
  const channelId = raw.channel?.id ?? raw.channel_id;
  return {
    id: raw.id,
    token: raw.token,
    applicationId: raw.application_id,
    kind,
    type: raw.type,
    ...(commandName ? { commandName } : {}),
    subcommand,
    option(optionName) {
      const found = leaves.find((o) => o.name === optionName);
      return found?.type === ApplicationCommandOptionType.String ? found.value : null;
    },
    ...(focusedOption && "value" in focusedOption
      ? { focused: { name: focusedOption.name, value: String(focusedOption.value) } }
      : {}),
    ...(customId !== undefined ? { customId } : {}),
    values,
    messageEmbeds,
    user: { id: user?.id ?? "unknown", ...(name ? { name } : {}) },
    ...(raw.guild_id ? { guildId: raw.guild_id } : {}),
    ...(channelId ? { channelId } : {}),
    // As discord.js's `memberPermissions.has(ManageGuild)`: Administrator implies every permission.
    canManageGuild: () => {
      if (permissions === undefined) return false;
      const bits = BigInt(permissions);
      return [PermissionFlagsBits.ManageGuild, PermissionFlagsBits.Administrator].some(
        (flag) => (bits & flag) === flag,
      );
    },
  };
}
