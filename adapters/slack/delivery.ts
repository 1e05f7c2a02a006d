/**
 * Digest delivery to Slack: `chat.postMessage` with the adapter's own renderer, tagged with
 * message metadata that carries the week key, so `conversations.history` can find the post again
 * after a crash. Never sends `link_names` or `parse` (the renderer escapes, Slack must not undo it).
 *
 * The WebClient's own retries are off (`retries: 0`, `rejectRateLimitedCalls`): it would resend a
 * post after a 5xx without looking first, and would wait out 429s where the scheduler cannot see
 * or bound them. The scheduler owns waits, retries and the lookup before a resend.
 * Scopes: `chat:write`, and `channels:history` / `groups:history` for the lookup.
 */
import { webApi } from "@slack/bolt";
import type {
  DeliveryResult,
  DeliveryTarget,
  DigestDelivery,
  DigestKey,
  Logger,
  LookupResult,
  Reply,
} from "../../src/index.ts";
import { renderSlack } from "./render.ts";

/** `event_type` of the metadata on every digest post. */
export const DIGEST_EVENT_TYPE = "partnership_digest";

/**
 * Refusals that will not go away by retrying: the bot was removed from the channel, the channel
 * was deleted or archived, or the workspace forbids the post. The subscription is paused.
 */
export const PERMANENT_SLACK_ERRORS: Readonly<Record<string, string>> = {
  channel_not_found: "the channel no longer exists or the bot cannot see it",
  not_in_channel: "the bot is not in the channel; invite it",
  is_archived: "the channel is archived",
  restricted_action: "the workspace does not let the bot post there",
  restricted_action_read_only_channel: "the channel is read-only",
  restricted_action_thread_only_channel: "the channel only allows threads",
  team_access_not_granted: "the bot has no access to that workspace",
};

/**
 * How far the lookup reads: pages of `HISTORY_PAGE` messages, back to the digest's slot at most
 * (it cannot have been posted before). Past that many messages it cannot rule out a post.
 */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

/** Slack's `oldest` for a lookup that starts at `at`: Unix seconds. */
export function slackOldest(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

/** Why a digest cannot go to a workspace the app is no longer installed in (pauses it). */
export const NOT_INSTALLED =
  "Slack: the app is not installed in this workspace (install it again, then subscribe again)";

export interface SlackDeliveryOptions {
  /**
   * The bot token (`SLACK_BOT_TOKEN`, one workspace), or, for install to any workspace, how to
   * find the token of the channel's workspace (`undefined`: the app is not installed there).
   */
  token: string | ((workspaceId: string) => Promise<string | undefined>);
  /** Web API base (`SLACK_API_URL`); Slack's own when unset. */
  apiUrl?: string;
  logger?: Logger;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** `PUBLIC_URL`: the digest links to the full briefing on the web. */
  publicUrl?: string;
}

type SlackFailure = Exclude<DeliveryResult, { ok: true }>;

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  text?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** Turns anything the WebClient throws into a classified failure. */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return {
        ok: false,
        failure: "rate-limited",
        reason: `Slack: rate limited for ${e.retryAfter ?? 1} s`,
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
      };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? "unknown_error";
      const permanent = PERMANENT_SLACK_ERRORS[code];
      if (permanent)
        return { ok: false, failure: "permanent", reason: `Slack: ${code} (${permanent})` };
      if (code === "ratelimited") {
        return {
          ok: false,
          failure: "rate-limited",
          reason: "Slack: ratelimited",
          retryAfterMs: 1000,
        };
      }
      // Token, scope and payload errors are not the channel's fault: pausing every channel for them
      // would hide an operator's mistake. They fail (visible in `status`) and retry, bounded.
      return { ok: false, failure: "transient", reason: `Slack: ${code}` };
    }
    case webApi.ErrorCode.HTTPError:
      return { ok: false, failure: "transient", reason: `Slack: HTTP ${e.statusCode}` };
    default: {
      const message = e?.message ?? String(error);
      // A 429 without a usable Retry-After reaches us as a plain error.
      if (/rate limit|retry header/i.test(message)) {
        return {
          ok: false,
          failure: "rate-limited",
          reason: `Slack: ${message}`,
          retryAfterMs: 1000,
        };
      }
      return { ok: false, failure: "transient", reason: `Slack: ${message}` };
    }
  }
}

function isOurs(m: HistoryMessage, key: DigestKey): boolean {
  const meta = m.metadata;
  if (meta?.event_type === DIGEST_EVENT_TYPE) {
    const p = meta.event_payload ?? {};
    return p.week === key.week && String(p.subscription) === String(key.subscriptionId);
  }
  return false;
}

type TokenFor = { token: string } | Exclude<DeliveryResult, { ok: true }>;

export function createSlackDelivery(options: SlackDeliveryOptions): DigestDelivery {
  const { token } = options;
  /** The token for the target's workspace, or the failure to report instead of posting. */
  const tokenFor = async (target: DeliveryTarget): Promise<TokenFor> => {
    if (typeof token === "string") return { token };
    if (!target.workspaceId) return { ok: false, failure: "permanent", reason: NOT_INSTALLED };
    try {
      const found = await token(target.workspaceId);
      return found ? { token: found } : { ok: false, failure: "permanent", reason: NOT_INSTALLED };
    } catch (error) {
      // A store outage or a changed key is the operator's to fix, not the channel's: retried.
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, failure: "transient", reason: `Slack: no token: ${why}` };
    }
  };
  // The token goes with each call: one client serves every workspace.
  const client = new webApi.WebClient(undefined, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
    // The WebClient logs at its own levels; ours decides what is worth a line.
    logLevel: webApi.LogLevel.ERROR,
  });

  return {
    platform: "slack",

    async deliver(target: DeliveryTarget, reply: Reply, key: DigestKey): Promise<DeliveryResult> {
      const auth = await tokenFor(target);
      if (!("token" in auth)) return auth;
      const message = renderSlack(reply, options.publicUrl ? { publicUrl: options.publicUrl } : {});
      try {
        const res = await client.chat.postMessage({
          token: auth.token,
          channel: target.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: DIGEST_EVENT_TYPE,
            event_payload: { week: key.week, subscription: String(key.subscriptionId) },
          },
        });
        if (!res.ts)
          return { ok: false, failure: "transient", reason: "Slack: no ts in the answer" };
        return { ok: true, messageId: res.ts };
      } catch (error) {
        const failure = classifySlackError(error);
        options.logger?.debug({ reason: failure.reason }, "slack digest post failed");
        return failure;
      }
    },

    async findExisting(target: DeliveryTarget, key: DigestKey): Promise<LookupResult> {
      const auth = await tokenFor(target);
      if (!("token" in auth))
        return { found: "unknown", failure: auth.failure, reason: auth.reason };
      let cursor: string | undefined;
      try {
        for (let page = 0; page < HISTORY_PAGES; page++) {
          const res = await client.conversations.history({
            token: auth.token,
            channel: target.channelId,
            limit: HISTORY_PAGE,
            oldest: slackOldest(key.slotAt),
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
          const hit = (res.messages as HistoryMessage[] | undefined)?.find((m) => isOurs(m, key));
          if (hit?.ts) return { found: true, messageId: hit.ts };
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!res.has_more || !cursor) return { found: false };
        }
        return {
          found: "unknown",
          failure: "transient",
          reason: `Slack: not among the ${HISTORY_PAGE * HISTORY_PAGES} latest messages since the slot; cannot rule out an earlier post`,
        };
      } catch (error) {
        const { failure, reason, retryAfterMs } = classifySlackError(error);
        return { found: "unknown", failure, reason, ...(retryAfterMs ? { retryAfterMs } : {}) };
      }
    },
  };
}
