/**
 * Digest delivery to Discord: `POST /channels/{id}/messages` with the adapter's own renderer,
 * mentions off, and a nonce derived from (channel, week) with `enforce_nonce`: if an earlier try
 * did create the message, Discord returns that message instead of creating a second one (for a
 * few minutes). Beyond that window the lookup reads the channel's messages since the digest's slot
 * (oldest first, a bounded number of pages); when it cannot read them all it says it does not
 * know, and the scheduler does not post on a guess.
 *
 * The REST client's own retries are off (`retries: 0`, `rejectOnRateLimit` for route limits), so
 * the scheduler sees every 429 and 5xx and applies one bounded policy across platforms. Discord's
 * global limit (50 requests a second per bot) is left to the client, which paces requests under
 * it by waiting at most a second; a fan-out to many channels is bound by it.
 * Permissions: View Channel, Send Messages, Embed Links, Read Message History (for the lookup).
 */
import { createHash } from "node:crypto";
import {
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  REST,
  Routes,
} from "discord.js";
import type {
  DeliveryResult,
  DeliveryTarget,
  DigestDelivery,
  DigestKey,
  LookupResult,
  Reply,
} from "../../src/index.ts";
import { NO_MENTIONS, renderDiscord } from "./render.ts";
import { restBase } from "./rest.ts";

/** Discord accepts nonces of at most 25 characters. */
const NONCE_LENGTH = 25;
/** The lookup reads pages of `LOOKUP_LIMIT` messages (Discord's maximum), at most `LOOKUP_PAGES`. */
const LOOKUP_LIMIT = 100;
const LOOKUP_PAGES = 5;
/** 2015-01-01T00:00:00Z, the start of Discord's snowflake clock. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** The smallest snowflake of the instant `at`: `after` this, a listing starts at `at`. */
export function snowflakeAt(at: Date): string {
  const ms = BigInt(Math.floor(at.getTime())) - DISCORD_EPOCH_MS;
  return (ms > 0n ? ms << 22n : 0n).toString();
}

export interface DiscordDeliveryOptions {
  token: string;
  /** REST base (`DISCORD_API_URL`), without the version; Discord's own when unset. */
  apiUrl?: string;
  /** The bot's user id (for bots, the application id); narrows the lookup to our own messages. */
  botUserId?: string;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** `PUBLIC_URL`: the digest links to the full briefing on the web. */
  publicUrl?: string;
}

type DiscordFailure = Exclude<DeliveryResult, { ok: true }>;

/** The stable nonce of a digest: the same channel and week always give the same one. */
export function digestNonce(
  channelId: string,
  key: Pick<DigestKey, "week" | "subscriptionId">,
): string {
  return createHash("sha256")
    .update(`partnership-digest:${channelId}:${key.week}:${key.subscriptionId}`)
    .digest("hex")
    .slice(0, NONCE_LENGTH);
}

/** Turns anything the REST client throws into a classified failure. */
export function classifyDiscordError(error: unknown): DiscordFailure {
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      failure: "rate-limited",
      reason: `Discord: rate limited on ${error.route} for ${Math.ceil(error.retryAfter / 1000)} s`,
      retryAfterMs: error.retryAfter,
    };
  }
  if (error instanceof DiscordAPIError) {
    // 403: Missing Access / Missing Permissions; 404: Unknown Channel. Both stay until an admin acts.
    if (error.status === 403 || error.status === 404) {
      return {
        ok: false,
        failure: "permanent",
        reason: `Discord: ${error.status} ${error.message} (code ${error.code})`,
      };
    }
    return { ok: false, failure: "transient", reason: `Discord: ${error.status} ${error.message}` };
  }
  if (error instanceof HTTPError) {
    return { ok: false, failure: "transient", reason: `Discord: HTTP ${error.status}` };
  }
  return {
    ok: false,
    failure: "transient",
    reason: `Discord: ${(error as Error)?.message ?? String(error)}`,
  };
}

export function createDiscordDelivery(options: DiscordDeliveryOptions): DigestDelivery {
  const api = restBase(options.apiUrl);
  const rest = new REST({
    ...(api ? { api } : {}),
    retries: 0,
    rejectOnRateLimit: (limit) => !limit.global,
    timeout: options.timeoutMs ?? 15_000,
  }).setToken(options.token);

  return {
    platform: "discord",

    async deliver(target: DeliveryTarget, reply: Reply, key: DigestKey): Promise<DeliveryResult> {
      const { content, embeds } = renderDiscord(
        reply,
        options.publicUrl ? { publicUrl: options.publicUrl } : {},
      );
      try {
        const message = (await rest.post(Routes.channelMessages(target.channelId), {
          body: {
            ...(content ? { content } : {}),
            embeds,
            allowed_mentions: NO_MENTIONS,
            nonce: digestNonce(target.channelId, key),
            enforce_nonce: true,
          },
        })) as APIMessage;
        return { ok: true, messageId: message.id };
      } catch (error) {
        return classifyDiscordError(error);
      }
    },

    async findExisting(target: DeliveryTarget, key: DigestKey): Promise<LookupResult> {
      const nonce = digestNonce(target.channelId, key);
      const isOurs = (m: APIMessage) => {
        if (m.nonce !== undefined && String(m.nonce) === nonce) return true;
        // Discord does not return nonces when listing messages: match our bot and the title,
        // which names the week.
        const ours = options.botUserId
          ? m.author?.id === options.botUserId
          : m.author?.bot === true;
        return ours && m.embeds?.[0]?.title === key.title;
      };
      try {
        // The digest cannot predate its slot: read forward from there. With `after`, Discord
        // returns the oldest `limit` messages after that id (listed newest first).
        let after = snowflakeAt(key.slotAt);
        for (let page = 0; page < LOOKUP_PAGES; page++) {
          const messages = (await rest.get(Routes.channelMessages(target.channelId), {
            query: new URLSearchParams({ limit: String(LOOKUP_LIMIT), after }),
          })) as APIMessage[];
          const hit = messages.find(isOurs);
          if (hit) return { found: true, messageId: hit.id };
          if (messages.length < LOOKUP_LIMIT) return { found: false };
          after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
        }
        return {
          found: "unknown",
          failure: "transient",
          reason: `Discord: not among the first ${LOOKUP_LIMIT * LOOKUP_PAGES} messages since the slot; cannot rule out an earlier post`,
        };
      } catch (error) {
        const { failure, reason, retryAfterMs } = classifyDiscordError(error);
        return { found: "unknown", failure, reason, ...(retryAfterMs ? { retryAfterMs } : {}) };
      }
    },
  };
}
