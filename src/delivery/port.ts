/**
 * The delivery port: how the scheduler hands a digest to a platform. Each adapter implements it
 * (`adapters/slack/delivery.ts`, `adapters/discord/delivery.ts`) with its own renderer; the core
 * never sees a platform SDK.
 *
 * Implementations make exactly one platform call per `deliver` (no retries of their own: the
 * scheduler owns retries, waits and the record), classify every failure, and never throw for a
 * platform or network error.
 */
import type { Reply } from "../reply/reply.ts";
import type { PlatformName } from "../reply/request.ts";

/** The channel a digest goes to. */
export interface DeliveryTarget {
  platform: PlatformName;
  /** Slack team / Discord guild, where there is one. */
  workspaceId?: string;
  channelId: string;
}

/**
 * What identifies one digest on the platform, so a post can be found again after a crash:
 * Slack carries it in message metadata, Discord derives its message nonce from it.
 */
export interface DigestKey {
  /** `2026-W03`. */
  week: string;
  subscriptionId: number;
  /** The digest's title, which names its week: a last resort for finding it among messages. */
  title: string;
  /** The slot it is for: it cannot have been posted before this, so lookups start here. */
  slotAt: Date;
}

export type DeliveryFailure =
  /** The platform said to wait (HTTP 429): nothing was posted, resend after `retryAfterMs`. */
  | "rate-limited"
  /**
   * A 5xx, a timeout, a reset connection: the post may or may not have gone through, so the
   * scheduler looks for it (`findExisting`) before sending again.
   */
  | "transient"
  /**
   * The platform refused for good (channel gone, bot removed or without permission, archived):
   * the subscription is paused with `reason` until an admin subscribes again.
   */
  | "permanent";

export type DeliveryResult =
  | { ok: true; messageId: string }
  | {
      ok: false;
      failure: DeliveryFailure;
      /** In words fit for `status`, e.g. "Slack: not_in_channel (the bot is not in the channel)". */
      reason: string;
      /** For `rate-limited`: how long the platform asked us to wait. */
      retryAfterMs?: number;
    };

export type LookupResult =
  | { found: true; messageId: string }
  | { found: false }
  /** Could not tell (the lookup itself failed); the scheduler must not post on a guess. */
  | { found: "unknown"; failure: DeliveryFailure; reason: string; retryAfterMs?: number };

export interface DigestDelivery {
  readonly platform: PlatformName;
  /** Posts `reply` to `target`, tagged with `key` so `findExisting` can find it later. */
  deliver(target: DeliveryTarget, reply: Reply, key: DigestKey): Promise<DeliveryResult>;
  /**
   * Looks among the channel's messages since `key.slotAt` for one this bot posted with `key`.
   * Used before resending after a crash or an ambiguous failure. Answers `unknown` (never
   * `found: false`) when it could not read back to the slot.
   */
  findExisting(target: DeliveryTarget, key: DigestKey): Promise<LookupResult>;
}
