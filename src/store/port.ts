/**
 * The store port: subscriptions, digest history and installations. The scheduler and the
 * subscription commands only see this interface; `sqlite-store.ts` implements it with
 * better-sqlite3 (the default) and `postgres-store.ts` with node-postgres (several replicas on one
 * database). Methods are async so an engine with network round trips fits, but each method is one
 * atomic step: a method either changes everything it says or nothing.
 */
import type { Reply } from "../reply/reply.ts";
import type { PlatformName } from "../reply/request.ts";
import type { StoreHealth } from "./file-guard.ts";

export type { StoreHealth } from "./file-guard.ts";

/** Where a digest goes. `workspaceId` is the Slack team or Discord guild, where there is one. */
export interface ChannelKey {
  platform: PlatformName;
  workspaceId?: string;
  channelId: string;
}

/** A weekly slot on the subscription's own wall clock. */
export interface Schedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number;
  hour: number;
  minute: number;
  /** IANA name as the admin wrote it, with its case fixed, e.g. `Europe/London`, `Asia/Kolkata`, `UTC`. */
  timezone: string;
}

export interface Subscription extends ChannelKey {
  id: number;
  schedule: Schedule;
  /**
   * Slots before this instant are never due: a new or changed schedule starts at its next slot
   * instead of posting at once for a slot that passed before the admin asked.
   */
  since: Date;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  /** Set when a delivery failed for good (bot removed, channel archived); `subscribe` clears it. */
  paused?: { at: Date; reason: string };
}

/**
 * `claimed`: a scheduler holds it and may be posting right now (or crashed while posting).
 * `posted`: the platform has it, with `messageId`. `failed`: this pass gave up on transient
 * errors; a later pass retries. `paused`: the platform refused for good; the subscription is paused.
 */
export type DigestState = "claimed" | "posted" | "failed" | "paused";

/** One row of digest history: one per (subscription, week). */
export interface DigestRecord {
  id: number;
  subscriptionId: number;
  week: string;
  /** The slot this digest is for. */
  slotAt: Date;
  state: DigestState;
  /** The scheduler instance that holds or last held the claim. */
  claimedBy: string;
  /** When the claim was taken or last renewed; a claim older than the lease may be taken over. */
  claimedAt: Date;
  updatedAt: Date;
  /** Passes that ended without a post (transient errors); bounds the retries. */
  failures: number;
  messageId?: string;
  postedAt?: Date;
  /** Why it failed or paused, in words fit for `status`. */
  reason?: string;
  /** When the digest was composed: the next one reports what changed after this. */
  asOf: Date;
  /** Facts this digest reported, as `factId@YYYY-MM-DD` (the fact's added/updated date). */
  reported: string[];
  /** The topic a quiet week put in focus, for rotation. */
  focusTopic?: string;
  /** The reply as composed at claim time; retries and take-overs post exactly this. */
  reply: Reply;
}

/** What a channel's next digest is composed against. */
export interface DigestContext {
  /** The last digest that reached the channel. */
  lastPosted?: DigestRecord;
  /** The most recent topic in focus in a quiet week. */
  lastFocusTopic?: string;
}

export type SubscribeOutcome =
  | { status: "created"; subscription: Subscription }
  /** The schedule changed (and/or a pause was lifted). */
  | { status: "updated"; subscription: Subscription; previous: Subscription }
  /** Same schedule, not paused: nothing was written. */
  | { status: "unchanged"; subscription: Subscription };

export interface ClaimInput {
  subscriptionId: number;
  week: string;
  slotAt: Date;
  owner: string;
  at: Date;
  asOf: Date;
  reported: string[];
  focusTopic?: string;
  reply: Reply;
}

/** One workspace of a platform (a Slack team). */
export interface WorkspaceKey {
  platform: PlatformName;
  workspaceId: string;
}

/**
 * The app installed to one workspace (Slack install to any workspace). The store keeps the
 * adapter's record as `sealed`, which the adapter has encrypted (it holds the bot token): the
 * store never reads or logs it.
 */
export interface Installation extends WorkspaceKey {
  sealed: string;
  /** Who installed it (a platform user id), where known. */
  installedBy?: string;
  installedAt: Date;
  /** The last time it was installed again (new scopes, a new token). */
  updatedAt: Date;
}

export type InstallationInput = Pick<
  Installation,
  "platform" | "workspaceId" | "sealed" | "installedBy"
>;

export interface SubscriptionStore {
  /**
   * Creates or changes the channel's subscription in one step, reactivating an ended one (its
   * history is kept, so an unsubscribe/subscribe in the same week never posts that week twice).
   * Clears a pause.
   */
  subscribe(
    channel: ChannelKey,
    schedule: Schedule,
    actor: string,
    at: Date,
  ): Promise<SubscribeOutcome>;
  /** Ends the channel's subscription; `undefined` when it had none. */
  unsubscribe(channel: ChannelKey, actor: string, at: Date): Promise<Subscription | undefined>;
  /** The channel's active subscription. */
  find(channel: ChannelKey): Promise<Subscription | undefined>;
  /** Active subscriptions, paused ones included, in id order. */
  listActive(): Promise<Subscription[]>;
  /** The channel's digest for one week, if it has one. */
  digest(subscriptionId: number, week: string): Promise<DigestRecord | undefined>;
  /** The channel's digests, newest week first. */
  history(subscriptionId: number, limit?: number): Promise<DigestRecord[]>;
  digestContext(subscriptionId: number): Promise<DigestContext>;

  /**
   * Claims (subscription, week) before anything is posted. `undefined` when the week already has
   * a row (another scheduler claimed it, or it is done) or the subscription is no longer active
   * or is paused.
   */
  claim(input: ClaimInput): Promise<DigestRecord | undefined>;
  /**
   * Takes a `failed` row, or a `claimed` row whose lease ran out, for another try, only if it is
   * still exactly as `seen` (compare-and-set on state, owner and timestamps). `undefined` when
   * someone else moved it first.
   */
  takeOver(seen: DigestRecord, owner: string, at: Date): Promise<DigestRecord | undefined>;
  /** Extends the lease of a claim this owner holds; false when it no longer does. */
  renew(id: number, owner: string, at: Date): Promise<boolean>;
  /** Records the post; false when this owner no longer holds the claim. */
  markPosted(id: number, owner: string, messageId: string, at: Date): Promise<boolean>;
  /** Records a pass that gave up on transient errors (counts toward the retry bound). */
  markFailed(id: number, owner: string, reason: string, at: Date): Promise<boolean>;
  /**
   * Hands a claim back without counting a failure (a shutdown interrupted it before anything
   * was sent, or while waiting to resend), so the next pass retries it at once.
   */
  release(id: number, owner: string, reason: string, at: Date): Promise<boolean>;
  /** Records a permanent refusal and pauses the subscription, in one transaction. */
  markPaused(id: number, owner: string, reason: string, at: Date): Promise<boolean>;

  /**
   * Saves the workspace's installation, replacing the one it had (installing again keeps
   * `installedAt` and moves `updatedAt`).
   */
  saveInstallation(installation: InstallationInput, at: Date): Promise<Installation>;
  findInstallation(workspace: WorkspaceKey): Promise<Installation | undefined>;
  /**
   * The app was uninstalled or its token revoked: removes the installation and pauses the
   * workspace's active subscriptions with `reason`, in one transaction. `paused` counts the
   * subscriptions this call paused (ones paused already keep their first reason).
   */
  removeInstallation(
    workspace: WorkspaceKey,
    reason: string,
    at: Date,
  ): Promise<{ removed: boolean; paused: number }>;

  /**
   * Whether writes can be saved now (the file is still there, the same file, writable, and the
   * last write did not fail), with the reason when not. Cheap; for a readiness endpoint.
   */
  health(): StoreHealth;

  /** Ends the connection(s); a network engine resolves once queries in flight have finished. */
  close(): void | Promise<void>;
}
