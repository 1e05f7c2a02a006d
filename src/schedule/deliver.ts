/**
 * Delivering one due digest, exactly once. The order is what makes it safe:
 *
 * 1. Claim (subscription, week) in the database before anything is sent: the UNIQUE key lets one
 *    scheduler win, however many run on the file.
 * 2. When an earlier try may have reached the platform (a claim taken over after its lease ran
 *    out, a retry after a 5xx or timeout), look for the message first and record it if found.
 * 3. Post, then record the message id. A crash between the two leaves a claim that step 2 resolves.
 *
 * 429s wait as long as the platform says (bounded), 5xx and network errors back off a bounded
 * number of times, and permanent refusals pause the subscription. Every call to the store is a
 * short transaction of its own; nothing is awaited inside one.
 */

import type {
  DeliveryResult,
  DeliveryTarget,
  DigestDelivery,
  DigestKey,
  LookupResult,
} from "../delivery/port.ts";
import {
  type ComposedDigest,
  composeDigest,
  type DigestInput,
  digestTitle,
} from "../digest/compose.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Logger } from "../log.ts";
import type { Reply } from "../reply/reply.ts";
import type { ChannelKey, DigestRecord, Subscription, SubscriptionStore } from "../store/port.ts";
import type { Due, DueOptions } from "./due.ts";

export interface DeliveryPolicy {
  /** Transient errors (5xx, network) per pass before the pass gives up. */
  maxAttempts: number;
  /** Pause between transient failures: grows per attempt. */
  backoffMs(attempt: number): number;
  /** 429 waits per pass. */
  maxRateLimitWaits: number;
  /** A 429 asking for a longer wait ends the pass instead (a later pass retries), so a held claim never outlives its lease. */
  maxRetryAfterMs: number;
  due: DueOptions;
}

export type DeliveryOutcome =
  /** Posted in this pass. */
  | "posted"
  /**
   * Posted in this pass, but the claim was lost before the post was recorded (the lease ran out
   * and another scheduler took the week over). The other scheduler looks before posting, so it
   * should find this message; an operator should still check the channel for a second copy.
   */
  | "posted-but-claim-lost"
  /** An earlier try had posted it; now recorded. */
  | "reconciled"
  /** Transient errors: recorded, a later pass retries. */
  | "failed"
  /** Permanent refusal: the subscription is paused. */
  | "paused"
  /** Someone else holds or finished the week (another scheduler), or the claim was lost. */
  | "skipped"
  /** Stopped by shutdown before it finished; the claim was handed back. */
  | "stopped";

export interface DeliveryReport {
  subscriptionId: number;
  channel: ChannelKey;
  week: string;
  outcome: DeliveryOutcome;
  messageId?: string;
  reason?: string;
  /** `deliver` calls made. */
  attempts: number;
}

export interface DeliverContext {
  store: SubscriptionStore;
  knowledge: () => KnowledgeBase;
  /** This scheduler instance's id, written into claims. */
  owner: string;
  /** The real clock: every timestamp written to the store (claims, leases, records) is on it. */
  now: () => Date;
  /** The instant the pass runs "as if" at: the composed digest's "as of". */
  asOf: Date;
  logger: Logger;
  policy: DeliveryPolicy;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  /** Composes a digest; a pass passes a memoized one so a fan-out composes each variant once. */
  compose?: (input: DigestInput) => ComposedDigest;
}

export function targetOf(sub: Subscription): DeliveryTarget {
  return {
    platform: sub.platform,
    ...(sub.workspaceId ? { workspaceId: sub.workspaceId } : {}),
    channelId: sub.channelId,
  };
}

export function keyOf(record: Pick<DigestRecord, "week" | "subscriptionId" | "slotAt">): DigestKey {
  return {
    week: record.week,
    subscriptionId: record.subscriptionId,
    title: digestTitle(record.week),
    slotAt: record.slotAt,
  };
}

/** Claims the week (or takes over the row `due` saw) and returns the claimed row. */
async function claimFor(
  ctx: DeliverContext,
  sub: Subscription,
  due: Extract<Due, { due: true }>,
): Promise<DigestRecord | undefined> {
  if (due.action === "post") {
    const context = await ctx.store.digestContext(sub.id);
    const asOf = ctx.asOf;
    const compose = ctx.compose ?? composeDigest;
    const digest = compose({
      knowledge: ctx.knowledge(),
      week: due.slot.week,
      asOf,
      context,
    });
    return ctx.store.claim({
      subscriptionId: sub.id,
      week: due.slot.week,
      slotAt: due.slot.at,
      owner: ctx.owner,
      at: ctx.now(),
      asOf,
      reported: digest.reported,
      ...(digest.focusTopic ? { focusTopic: digest.focusTopic } : {}),
      reply: digest.reply,
    });
  }
  if (!due.existing) return undefined;
  return ctx.store.takeOver(due.existing, ctx.owner, ctx.now());
}

export async function deliverDue(
  ctx: DeliverContext,
  delivery: DigestDelivery,
  sub: Subscription,
  due: Extract<Due, { due: true }>,
): Promise<DeliveryReport> {
  const base = { subscriptionId: sub.id, channel: targetOf(sub), week: due.slot.week };
  const log = ctx.logger.child({
    subscription: sub.id,
    platform: sub.platform,
    channel: sub.channelId,
    week: due.slot.week,
  });
  let attempts = 0;
  const report = (
    outcome: DeliveryOutcome,
    extra: { messageId?: string; reason?: string } = {},
  ) => {
    const r: DeliveryReport = { ...base, outcome, attempts, ...extra };
    const level =
      outcome === "failed" || outcome === "paused" || outcome === "posted-but-claim-lost"
        ? "warn"
        : "info";
    log[level]({ outcome, attempts, ...extra }, `digest ${outcome}`);
    return r;
  };

  const record = await claimFor(ctx, sub, due);
  if (!record) return report("skipped", { reason: "claimed or finished elsewhere" });
  const target = targetOf(sub);
  const key = keyOf(record);
  const reply: Reply = record.reply;
  const { policy } = ctx;

  const posted = async (messageId: string, outcome: "posted" | "reconciled") => {
    if (!(await ctx.store.markPosted(record.id, ctx.owner, messageId, ctx.now()))) {
      // Only possible if the lease ran out mid-delivery and another scheduler took over; it
      // looks before posting, so it should find this message rather than send a second one.
      return report("posted-but-claim-lost", {
        messageId,
        reason:
          "posted, but another scheduler took the week over before the post was recorded; check the channel for a second copy",
      });
    }
    return report(outcome, { messageId });
  };
  const failed = async (reason: string) => {
    await ctx.store.markFailed(record.id, ctx.owner, reason, ctx.now());
    return report("failed", { reason });
  };
  const paused = async (reason: string) => {
    await ctx.store.markPaused(record.id, ctx.owner, reason, ctx.now());
    return report("paused", { reason });
  };
  const stopped = async () => {
    const reason = "interrupted by shutdown; retried on the next pass";
    await ctx.store.release(record.id, ctx.owner, reason, ctx.now());
    return report("stopped", { reason });
  };

  let rateLimitWaits = 0;
  /** Waits as a 429 asks; false when the wait is too long or too many (the pass gives up). */
  const waitForRateLimit = async (retryAfterMs: number | undefined): Promise<boolean> => {
    const ms = Math.max(0, retryAfterMs ?? 1000);
    rateLimitWaits++;
    if (rateLimitWaits > policy.maxRateLimitWaits || ms > policy.maxRetryAfterMs) return false;
    log.info({ retryAfterMs: ms }, "rate limited; waiting as the platform asked");
    await ctx.sleep(ms, ctx.signal);
    return true;
  };

  /** `undefined`: not there, go on and post. Otherwise the report that ends this delivery. */
  const lookFirst = async (): Promise<DeliveryReport | undefined> => {
    for (;;) {
      if (ctx.signal.aborted) return stopped();
      let found: LookupResult;
      try {
        found = await delivery.findExisting(target, key);
      } catch (error) {
        found = { found: "unknown", failure: "transient", reason: String(error) };
      }
      if (found.found === true) return posted(found.messageId, "reconciled");
      if (found.found === false) return undefined;
      if (found.failure === "permanent") return paused(found.reason);
      if (found.failure === "rate-limited" && (await waitForRateLimit(found.retryAfterMs)))
        continue;
      // Not knowing whether it went out, posting could double it: leave it to a later pass.
      return failed(`could not check for an earlier post: ${found.reason}`);
    }
  };

  let claimedAt = record.claimedAt.getTime();
  let transientFailures = 0;
  let mayExist = due.action !== "post";
  for (;;) {
    if (mayExist) {
      const done = await lookFirst();
      if (done) return done;
      mayExist = false;
    }
    if (ctx.signal.aborted) return stopped();
    // Renewing costs a durable write; a claim younger than a quarter of the lease cannot have
    // been taken over, so only an old one (after waits and retries) is renewed and re-checked.
    if (ctx.now().getTime() - claimedAt >= policy.due.leaseMs / 4) {
      if (!(await ctx.store.renew(record.id, ctx.owner, ctx.now()))) {
        return report("skipped", { reason: "the claim was taken over by another scheduler" });
      }
      claimedAt = ctx.now().getTime();
    }
    attempts++;
    let result: DeliveryResult;
    try {
      result = await delivery.deliver(target, reply, key);
    } catch (error) {
      // A delivery should classify its own errors; an exception is treated as the unclear case.
      result = { ok: false, failure: "transient", reason: String(error) };
    }
    if (result.ok) return posted(result.messageId, "posted");
    if (result.failure === "permanent") return paused(result.reason);
    if (result.failure === "rate-limited") {
      // A 429 means nothing was posted: resend after the wait, without looking first.
      if (!(await waitForRateLimit(result.retryAfterMs))) {
        return failed(`rate limited (${result.reason}); a later pass retries`);
      }
      continue;
    }
    transientFailures++;
    if (transientFailures >= policy.maxAttempts) return failed(result.reason);
    log.info({ reason: result.reason, attempt: attempts }, "transient delivery error; backing off");
    await ctx.sleep(policy.backoffMs(transientFailures), ctx.signal);
    mayExist = true;
  }
}
