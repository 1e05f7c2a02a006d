/**
 * The digest scheduler: a node-cron tick every minute runs one pass, which asks the pure due
 * function about every active subscription and delivers what is due. The tick only wakes the
 * scheduler; "due" never depends on the tick having fired at the right minute, so missed ticks,
 * downtime and clock jumps cannot skip or double a digest.
 *
 * Passes never overlap: node-cron's `noOverlap` drops a tick while the previous one runs, and
 * `runOnce` (start-up catch-up, the CLI, tests) queues behind a running pass.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import cron, { type ScheduledTask } from "node-cron";
import type { DigestDelivery } from "../delivery/port.ts";
import { memoizedComposer } from "../digest/compose.ts";
import type { KnowledgeSource } from "../knowledge/source.ts";
import type { Logger } from "../log.ts";
import { type BriefingMetrics, NO_METRICS } from "../ops/metrics.ts";
import type { PlatformName } from "../reply/request.ts";
import type { Subscription, SubscriptionStore } from "../store/port.ts";
import {
  type DeliverContext,
  type DeliveryPolicy,
  type DeliveryReport,
  deliverDue,
  targetOf,
} from "./deliver.ts";
import { DEFAULT_DUE_OPTIONS, type Due, dueDigest, latestSlot } from "./due.ts";

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 4,
  // 1 s, 2 s, 4 s: enough for a brief 5xx blip; longer outages are left to later passes.
  backoffMs: (attempt) => 1000 * 2 ** Math.max(0, attempt - 1),
  maxRateLimitWaits: 5,
  maxRetryAfterMs: 60_000,
  due: DEFAULT_DUE_OPTIONS,
};

export interface DigestSchedulerOptions {
  store: SubscriptionStore;
  /** One per configured platform; subscriptions of other platforms wait until one is configured. */
  deliveries: readonly DigestDelivery[];
  knowledge: KnowledgeSource;
  logger: Logger;
  /**
   * The real current instant: every timestamp written to the store, and every lease and retry
   * delay, is on it. Tests pass a fake clock; production leaves it.
   */
  clock?: () => Date;
  /** Written into claims; unique per process by default. */
  owner?: string;
  /** Channels delivered at the same time. Each channel gets one message a week, so per-channel limits never bind; this bounds the load on the platform. */
  concurrency?: number;
  policy?: Partial<DeliveryPolicy>;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Default: every minute. */
  cronExpression?: string;
  /** Counts each delivery's outcome (posted, failed, paused, …). */
  metrics?: BriefingMetrics;
}

export interface PassReport {
  at: Date;
  /** Active subscriptions looked at. */
  considered: number;
  /** Subscriptions whose platform has no delivery configured here. */
  unconfigured: number;
  results: DeliveryReport[];
}

export interface DigestScheduler {
  /** Starts the minute tick, and runs a pass at once so a digest missed while down goes out now. */
  start(): void;
  /** Stops the tick, cuts short any rate-limit or backoff wait, and waits for the pass in flight. */
  stop(): Promise<void>;
  /**
   * One pass as if at `at` (default: the clock's now): `at` decides which week is due and is the
   * digest's "as of"; claims, leases and records still use the real clock. Posts what is due,
   * nothing twice.
   */
  runOnce(at?: Date): Promise<PassReport>;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const clock = options.clock ?? (() => new Date());
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const deliveries = new Map<PlatformName, DigestDelivery>(
    options.deliveries.map((d) => [d.platform, d]),
  );
  const log = options.logger.child({ component: "digest-scheduler" });
  const metrics = options.metrics ?? NO_METRICS;
  const stopping = new AbortController();
  let task: ScheduledTask | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const pass = async (at: Date): Promise<PassReport> => {
    // `at` decides which slot is due and is the digest's "as of"; everything written to the store
    // (claims, leases, posted and failed times) and every lease or retry delay is on the real
    // clock, which other schedulers on the same file share. A pass "as if at" 09:05 run at 09:30
    // therefore claims at 09:30, and a bot ticking at 09:31 sees a fresh lease, not an expired one.
    const ctx: DeliverContext = {
      store: options.store,
      knowledge: () => options.knowledge.current(),
      owner,
      now: clock,
      asOf: at,
      logger: log,
      policy,
      sleep: options.sleep ?? abortableSleep,
      signal: stopping.signal,
      compose: memoizedComposer(),
    };
    const subs = await options.store.listActive();
    const work: {
      sub: Subscription;
      delivery: DigestDelivery;
      due: Extract<Due, { due: true }>;
    }[] = [];
    let unconfigured = 0;
    for (const sub of subs) {
      const delivery = deliveries.get(sub.platform);
      if (!delivery) {
        unconfigured++;
        continue;
      }
      // Only the week of the latest slot matters to the due function: read just that row.
      const week = latestSlot(sub.schedule, at).week;
      const row = await options.store.digest(sub.id, week);
      const due = dueDigest(sub, at, row ? [row] : [], policy.due, clock());
      if (due.due) work.push({ sub, delivery, due });
    }
    if (unconfigured > 0) {
      log.warn({ unconfigured }, "subscriptions for platforms not configured here were skipped");
    }
    const results: DeliveryReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < work.length && !stopping.signal.aborted) {
        const item = work[next++];
        if (!item) break;
        try {
          const result = await deliverDue(ctx, item.delivery, item.sub, item.due);
          metrics.digestDelivered(result.outcome);
          results.push(result);
        } catch (error) {
          // A store failure: nothing was recorded for this channel, so the next pass sees it
          // as it was. The pass goes on with the other channels.
          log.error({ err: error, subscription: item.sub.id }, "digest delivery crashed");
          metrics.digestDelivered("failed");
          results.push({
            subscriptionId: item.sub.id,
            channel: targetOf(item.sub),
            week: item.due.slot.week,
            outcome: "failed",
            reason: String(error),
            attempts: 0,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
    return { at, considered: subs.length, unconfigured, results };
  };

  const runOnce = (at?: Date): Promise<PassReport> => {
    const run = queue.then(() => pass(at ?? clock()));
    queue = run.catch(() => undefined);
    return run;
  };

  const tick = async () => {
    if (stopping.signal.aborted) return;
    try {
      const report = await runOnce();
      if (report.results.length > 0) {
        log.info(
          { outcomes: report.results.map((r) => r.outcome), considered: report.considered },
          "digest pass finished",
        );
      }
    } catch (error) {
      log.error({ err: error }, "digest pass failed");
    }
  };

  return {
    start() {
      if (task || stopping.signal.aborted) return;
      task = cron.schedule(options.cronExpression ?? "* * * * *", tick, {
        name: "partnership-digest",
        noOverlap: true,
        // node-cron's own warnings (a tick missed under load, an overlap dropped) go to our log.
        logger: {
          info: (m) => log.debug(m),
          warn: (m) => log.warn(m),
          error: (m, err) => log.error({ err: err ?? m }, String(m)),
          debug: (m) => log.debug(String(m)),
        },
      });
      void tick();
    },
    async stop() {
      stopping.abort();
      if (task) {
        await task.destroy();
        task = undefined;
      }
      await queue;
    },
    runOnce,
  };
}
