/**
 * Keeping a platform's acknowledgement deadline (Slack's 3 s) under load. A burst of requests
 * queues on the event loop, so the last of them reach their handler after the deadline however
 * fast each one is. The clock therefore starts when a request arrives, and a request that could
 * no longer be answered in time is shed at the door with a polite "busy" reply, which costs
 * almost nothing, instead of being served late.
 *
 * `admit` is the decision, pure; `createLoadGate` feeds it the two measurements it needs: how many
 * admitted requests are still waiting for their answer, and how far behind the event loop is.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface OverloadLimits {
  /**
   * Shed a request whose estimated age (time since it arrived plus the loop's current lag, which
   * it also waited before we saw it) is past this. Half of Slack's 3 s: the other half is for
   * the answer itself on a loop that is just as slow, and the network back to Slack.
   */
  shedAfterMs: number;
  /**
   * At most this many admitted requests not yet answered; more are shed. Bounds the queue a burst
   * builds: higher serves more of a burst when the machine is fast, lower keeps the last admitted
   * request inside the deadline on a slow or shared one. `Infinity` removes the bound only.
   */
  maxInFlight: number;
}

/** Tuned with `BENCH_ONLY=overload npm run bench` on a shared 2-core machine. */
export const DEFAULT_OVERLOAD_LIMITS: OverloadLimits = {
  shedAfterMs: 1500,
  maxInFlight: 200,
};

/** What the gate knows when a request arrives at its door. */
export interface LoadSample {
  /** Milliseconds since the request arrived. */
  ageMs: number;
  /** How far behind the event loop is now, in milliseconds. */
  lagMs: number;
  /** Admitted requests not yet answered. */
  inFlight: number;
}

/**
 * `late`: it waited too long to be answered in time; `lagging`: the loop's lag alone says so
 * (something else, a knowledge reload or a digest fan-out, is holding the loop); `full`: too many
 * are already waiting.
 */
export type ShedReason = "late" | "lagging" | "full";
export type Admission = { admit: true } | { admit: false; reason: ShedReason };

/** Serve or shed: the whole policy, with no clock of its own. */
export function admit(sample: LoadSample, limits: OverloadLimits): Admission {
  if (sample.lagMs >= limits.shedAfterMs) return { admit: false, reason: "lagging" };
  if (sample.ageMs + sample.lagMs >= limits.shedAfterMs) return { admit: false, reason: "late" };
  if (sample.inFlight >= limits.maxInFlight) return { admit: false, reason: "full" };
  return { admit: true };
}

/**
 * How much of an ack budget is left for a request that arrived at `arrivedAt`: the budget counts
 * from arrival, not from when its handler finally runs. Never negative; 0 means ack now.
 */
export function budgetLeftMs(budgetMs: number, arrivedAt: number, now: number): number {
  return Math.max(0, budgetMs - Math.max(0, now - arrivedAt));
}

/** How far behind the event loop is. */
export interface LoopLag {
  currentMs(): number;
  stop(): void;
}

/**
 * The loop's lag from `monitorEventLoopDelay`: the worst delay seen over the last window, or, if
 * the window's own timer is overdue (the loop is stuck in a long turn right now), how overdue it
 * is, whichever is larger. Window: long enough to hold a few readings, short enough that a stall
 * that has passed stops counting within two windows (200 ms).
 */
export function watchLoopLag(windowMs = 100): LoopLag {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let lastMs = 0;
  let dueAt = performance.now() + windowMs;
  const timer = setInterval(() => {
    // The histogram counts whole intervals, the resolution included.
    lastMs = Math.max(0, histogram.max / 1e6 - resolutionMs, performance.now() - dueAt);
    histogram.reset();
    dueAt = performance.now() + windowMs;
  }, windowMs);
  timer.unref();
  return {
    currentMs: () => Math.max(lastMs, performance.now() - dueAt),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

export interface LoadGate {
  /**
   * Decides for a request that arrived at `arrivedAt` (the gate's clock). When admitted, call
   * `done` once it has been answered (more than once is harmless).
   */
  enter(arrivedAt: number): { admit: true; done(): void } | { admit: false; reason: ShedReason };
  inFlight(): number;
  /** How many requests have been shed, by reason, since start. */
  shed(): Readonly<Record<ShedReason, number>>;
  stop(): void;
}

export function createLoadGate(
  options: { limits?: Partial<OverloadLimits>; now?: () => number; lag?: LoopLag } = {},
): LoadGate {
  const limits = { ...DEFAULT_OVERLOAD_LIMITS, ...options.limits };
  const now = options.now ?? (() => performance.now());
  const lag = options.lag ?? watchLoopLag();
  const counts: Record<ShedReason, number> = { late: 0, lagging: 0, full: 0 };
  let inFlight = 0;
  return {
    enter(arrivedAt) {
      const decision = admit(
        { ageMs: now() - arrivedAt, lagMs: lag.currentMs(), inFlight },
        limits,
      );
      if (!decision.admit) {
        counts[decision.reason] += 1;
        return decision;
      }
      inFlight += 1;
      let open = true;
      return {
        admit: true,
        done() {
          if (!open) return;
          open = false;
          inFlight -= 1;
        },
      };
    },
    inFlight: () => inFlight,
    shed: () => ({ ...counts }),
    stop: () => lag.stop(),
  };
}
