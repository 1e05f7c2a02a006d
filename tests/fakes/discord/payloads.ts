/**
 * Wire payloads of the fake Discord: users, members, messages and interactions shaped as Discord
 * sends them (API v10), with the fields discord.js 14.28 reads when it builds its structures
 * (`entitlements`, `authorizing_integration_owners`, `app_permissions`, `version: 1`, …).
 */

export type Json = Record<string, unknown>;

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake: the time since Discord's epoch in the high bits, a counter in the low 22. */
export function snowflake(now = Date.now()): string {
  sequence = (sequence + 1n) & 0x3fffffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | sequence).toString();
}

/** Permission bits, as strings the way Discord sends them. */
export const PERMISSION_BITS = {
  addReactions: 1n << 6n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  readMessageHistory: 1n << 16n,
  useApplicationCommands: 1n << 31n,
  manageGuild: 1n << 5n,
  administrator: 1n << 3n,
} as const;

const b = PERMISSION_BITS;
/** What an ordinary member has in a channel: no Manage Server. */
export const MEMBER_PERMISSIONS = (
  b.addReactions |
  b.viewChannel |
  b.sendMessages |
  b.embedLinks |
  b.readMessageHistory |
  b.useApplicationCommands
).toString();
/** An ordinary member plus Manage Server. */
export const MANAGER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | b.manageGuild).toString();
/** What the bot may do in the channel (`app_permissions`). */
export const APP_PERMISSIONS = (b.viewChannel | b.sendMessages | b.embedLinks).toString();

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export function userPayload(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    global_name: user.global_name ?? null,
    discriminator: "0",
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function memberPayload(user: FakeUser, permissions: string): Json {
  return {
    user: userPayload(user),
    roles: [],
    permissions,
    nick: null,
    avatar: null,
    banner: null,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  };
}

export interface MessageInit {
  id: string;
  channelId: string;
  author: FakeUser;
  body: Json;
  /** 0 default, 19 reply, 20 chat-input command. */
  type?: number;
  applicationId?: string;
  webhookId?: string;
  at?: number;
}

/** A message object as Discord returns it from a create or an edit. */
export function messagePayload(init: MessageInit): Json {
  const body = init.body;
  return {
    id: init.id,
    channel_id: init.channelId,
    author: userPayload(init.author),
    content: typeof body.content === "string" ? body.content : "",
    timestamp: new Date(init.at ?? Date.now()).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: init.type ?? 0,
    flags: typeof body.flags === "number" ? body.flags : 0,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(init.applicationId ? { application_id: init.applicationId } : {}),
    ...(init.webhookId ? { webhook_id: init.webhookId } : {}),
  };
}

/** Where an interaction happens and who starts it. */
export interface InteractionContext {
  applicationId: string;
  user: FakeUser;
  /** Absent: a direct message with the bot. */
  guildId?: string;
  channelId: string;
  /** The member's permissions in the channel (guild only); default an ordinary member's. */
  permissions?: string;
}

function basePayload(ctx: InteractionContext, type: number): Json {
  const id = snowflake();
  const inGuild = ctx.guildId !== undefined;
  return {
    id,
    application_id: ctx.applicationId,
    type,
    token: `fake-interaction-token-${id}`,
    version: 1,
    locale: "en-US",
    app_permissions: APP_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: ctx.channelId,
    ...(inGuild
      ? {
          guild_id: ctx.guildId,
          guild: { id: ctx.guildId, locale: "en-US", features: [] },
          guild_locale: "en-US",
          member: memberPayload(ctx.user, ctx.permissions ?? MEMBER_PERMISSIONS),
          channel: {
            id: ctx.channelId,
            type: 0,
            guild_id: ctx.guildId,
            name: "general",
            position: 0,
            permission_overwrites: [],
            nsfw: false,
            parent_id: null,
            topic: null,
            last_message_id: null,
            rate_limit_per_user: 0,
            flags: 0,
            permissions: ctx.permissions ?? MEMBER_PERMISSIONS,
          },
          authorizing_integration_owners: { "0": ctx.guildId },
          context: 0,
        }
      : {
          user: userPayload(ctx.user),
          channel: {
            id: ctx.channelId,
            type: 1,
            last_message_id: null,
            flags: 0,
            recipients: [userPayload(ctx.user)],
          },
          authorizing_integration_owners: { "0": "0" },
          context: 1,
        }),
  };
}

export interface CommandInvocation {
  /** Top-level command name, e.g. `partnership`. */
  command: string;
  /** Subcommand name, e.g. `ask`; omit for a command without subcommands. */
  subcommand?: string;
  /** String option values by name. */
  options?: Record<string, string>;
  /** For autocomplete: the option being typed. */
  focused?: string;
  commandId?: string;
}

function commandData(invocation: CommandInvocation, guildId: string | undefined): Json {
  const options = Object.entries(invocation.options ?? {}).map(([name, value]) => ({
    type: 3,
    name,
    value,
    ...(invocation.focused === name ? { focused: true } : {}),
  }));
  return {
    id: invocation.commandId ?? snowflake(),
    name: invocation.command,
    type: 1,
    ...(guildId ? { guild_id: guildId } : {}),
    options: invocation.subcommand ? [{ type: 1, name: invocation.subcommand, options }] : options,
  };
}

/** INTERACTION_CREATE data for a slash command (type 2). */
export function chatInputInteraction(ctx: InteractionContext, invocation: CommandInvocation): Json {
  return { ...basePayload(ctx, 2), data: commandData(invocation, ctx.guildId) };
}

/** INTERACTION_CREATE data for autocomplete (type 4); `invocation.focused` names the option. */
export function autocompleteInteraction(
  ctx: InteractionContext,
  invocation: CommandInvocation,
): Json {
  return { ...basePayload(ctx, 4), data: commandData(invocation, ctx.guildId) };
}

/** INTERACTION_CREATE data for a button click (type 3) on `message`. */
export function buttonInteraction(ctx: InteractionContext, customId: string, message: Json): Json {
  return {
    ...basePayload(ctx, 3),
    data: { custom_id: customId, component_type: 2 },
    message,
  };
}

/** INTERACTION_CREATE data for a pick in the string select menu `customId` (type 3) on `message`. */
export function selectInteraction(
  ctx: InteractionContext,
  customId: string,
  values: readonly string[],
  message: Json,
): Json {
  return {
    ...basePayload(ctx, 3),
    data: { custom_id: customId, component_type: 3, values: [...values] },
    message,
  };
}
