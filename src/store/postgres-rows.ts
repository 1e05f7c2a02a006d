/**
 * Rows of the PostgreSQL store and their mapping to the port's records. node-postgres returns
 * timestamptz columns as Dates and jsonb columns parsed.
 */
import type { Reply } from "../reply/reply.ts";
import type { DigestRecord, DigestState, Subscription } from "./port.ts";

export interface SubscriptionRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  day: number;
  hour: number;
  minute: number;
  timezone: string;
  since: Date;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  ended_at: Date | null;
  paused_at: Date | null;
  paused_reason: string | null;
}

export interface DigestRow {
  id: number;
  subscription_id: number;
  week: string;
  slot_at: Date;
  state: string;
  claimed_by: string;
  claimed_at: Date;
  updated_at: Date;
  failures: number;
  message_id: string | null;
  posted_at: Date | null;
  reason: string | null;
  as_of: Date;
  focus_topic: string | null;
  /** From `digest_bodies`. */
  reply: Reply;
  reported: string[];
}

/** Digest rows with their shared body. */
export const DIGESTS = `SELECT d.*, b.reply, b.reported
  FROM digests d JOIN digest_bodies b ON b.hash = d.body`;

const STATES: readonly DigestState[] = ["claimed", "posted", "failed", "paused"];

function digestState(value: string): DigestState {
  const state = STATES.find((s) => s === value);
  // The column has a CHECK constraint with the same four values.
  if (!state) throw new Error(`unknown digest state ${value}`);
  return state;
}

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    ...(r.workspace_id ? { workspaceId: r.workspace_id } : {}),
    channelId: r.channel_id,
    schedule: { day: r.day, hour: r.hour, minute: r.minute, timezone: r.timezone },
    since: r.since,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    ...(r.paused_at ? { paused: { at: r.paused_at, reason: r.paused_reason ?? "" } } : {}),
  };
}

export function toDigest(r: DigestRow): DigestRecord {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    week: r.week,
    slotAt: r.slot_at,
    state: digestState(r.state),
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    updatedAt: r.updated_at,
    failures: r.failures,
    ...(r.message_id ? { messageId: r.message_id } : {}),
    ...(r.posted_at ? { postedAt: r.posted_at } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    asOf: r.as_of,
    reported: r.reported,
    ...(r.focus_topic ? { focusTopic: r.focus_topic } : {}),
    reply: r.reply,
  };
}
