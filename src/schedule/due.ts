/**
 * Whether a channel's digest is due: a pure function of the subscription, the current instant and
 * the channel's digest history. No clock, no store, no I/O, so it can be run over a simulated year.
 *
 * The rule: each week has one slot, the subscription's day and time on its own wall clock. The
 * latest slot at or before `now` is due until its week has a digest row that is done. A scheduler
 * that was down across a slot therefore posts it once when it comes back (the missed digest of the
 * current cycle, never older ones), a slot that falls in a spring-forward gap moves to the first
 * minute after the gap, and a slot in the repeated autumn hour is its first occurrence: the
 * week key, not the clock reading, is what makes it once.
 */

import type { DigestRecord, Schedule, Subscription } from "../store/port.ts";
import { mondayOf, weekKeyOf } from "../time/week.ts";
import { addDays, instantOf, type LocalDate, localParts } from "../time/zoned-time.ts";

/** One week's slot: its key and the instant it falls due. */
export interface Slot {
  week: string;
  at: Date;
  /** The slot's calendar date on the subscription's wall clock. */
  date: LocalDate;
}

export interface DueOptions {
  /**
   * How long a claim protects a delivery in progress. A `claimed` row older than this was left by
   * a scheduler that died (or lost its database); another may take it over, reconciling first.
   * Must exceed the longest single delivery (all its retries and waits).
   */
  leaseMs: number;
  /** Passes that may fail (transient errors) before the week is given up. */
  maxFailures: number;
  /** How long after its `failures`-th failed pass the next pass may retry. */
  retryDelayMs(failures: number): number;
}

export const DEFAULT_DUE_OPTIONS: DueOptions = {
  leaseMs: 10 * 60_000,
  maxFailures: 6,
  // 5, 10, 20, 40, 80 minutes: rides out a platform outage of a couple of hours without flooding.
  // A claim released by a clean shutdown (no failure counted) is retried at once.
  retryDelayMs: (failures) => (failures <= 0 ? 0 : 5 * 60_000 * 2 ** (failures - 1)),
};

export type DueAction =
  /** Nothing recorded for the week: claim it and post. */
  | "post"
  /** An earlier pass failed (or the subscription was paused and is resumed): look, then post. */
  | "retry"
  /** A claim outlived its lease (a crash between post and record, perhaps): look, then post. */
  | "take-over";

export type NotDueReason =
  | "paused"
  /** The latest slot is before the subscription began: wait for the next one. */
  | "not-yet"
  | "posted"
  /** Another pass holds the claim and its lease is running. */
  | "in-flight"
  | "waiting-to-retry"
  /** The week failed `maxFailures` times; next week is tried afresh. */
  | "gave-up";

export type Due =
  | { due: true; action: DueAction; slot: Slot; existing?: DigestRecord }
  | {
      due: false;
      reason: NotDueReason;
      /** The slot considered (the latest one at or before now). */
      slot: Slot;
      existing?: DigestRecord;
      /** When this may next become due, where that is known. */
      nextAt?: Date;
    };

/** Slots already worked out: the same schedule and week always give the same slot. */
const slotCache = new Map<string, Slot>();
const SLOT_CACHE_MAX = 10_000;

/** The slot of the week starting `monday` (a wall-clock date in the schedule's zone). */
export function slotInWeek(schedule: Schedule, monday: LocalDate): Slot {
  const key = `${schedule.timezone}|${schedule.day}|${schedule.hour}|${schedule.minute}|${monday.year}-${monday.month}-${monday.day}`;
  const cached = slotCache.get(key);
  if (cached) return cached;
  const date = addDays(monday, schedule.day - 1);
  const at = instantOf(
    { ...date, hour: schedule.hour, minute: schedule.minute },
    schedule.timezone,
  );
  const slot: Slot = { week: weekKeyOf(date), at, date };
  if (slotCache.size >= SLOT_CACHE_MAX) slotCache.clear();
  slotCache.set(key, slot);
  return slot;
}

/** The latest slot at or before `now`, and the first one after it. */
export function slotsAround(schedule: Schedule, now: Date): { latest: Slot; next: Slot } {
  const monday = mondayOf(localParts(now, schedule.timezone));
  const thisWeek = slotInWeek(schedule, monday);
  if (thisWeek.at.getTime() <= now.getTime()) {
    return { latest: thisWeek, next: slotInWeek(schedule, addDays(monday, 7)) };
  }
  return { latest: slotInWeek(schedule, addDays(monday, -7)), next: thisWeek };
}

/** The latest slot at or before `now`. */
export function latestSlot(schedule: Schedule, now: Date): Slot {
  return slotsAround(schedule, now).latest;
}

/** The first slot strictly after `now`. */
export function nextSlot(schedule: Schedule, now: Date): Slot {
  return slotsAround(schedule, now).next;
}

/**
 * Whether `subscription`'s digest is due at `now`, given its history (any order, any length).
 *
 * `now` picks the slot. Leases and retry delays are measured against `clockNow`, the real clock
 * the history's timestamps were written with; it differs from `now` only for a pass run "as if"
 * at another instant (`digest run --at`), which must not see another scheduler's fresh lease as
 * expired, nor a running one as fresh.
 */
export function dueDigest(
  subscription: Pick<Subscription, "schedule" | "since" | "paused">,
  now: Date,
  history: readonly DigestRecord[],
  options: DueOptions = DEFAULT_DUE_OPTIONS,
  clockNow: Date = now,
): Due {
  const { latest: slot, next } = slotsAround(subscription.schedule, now);
  const existing = history.find((d) => d.week === slot.week);
  const base = { slot, ...(existing ? { existing } : {}) };
  if (subscription.paused) return { due: false, reason: "paused", ...base };
  if (!existing) {
    if (slot.at.getTime() < subscription.since.getTime()) {
      return {
        due: false,
        reason: "not-yet",
        ...base,
        nextAt: next.at,
      };
    }
    return { due: true, action: "post", ...base };
  }
  switch (existing.state) {
    case "posted":
      return {
        due: false,
        reason: "posted",
        ...base,
        nextAt: next.at,
      };
    case "claimed": {
      const expires = existing.claimedAt.getTime() + options.leaseMs;
      if (clockNow.getTime() >= expires) return { due: true, action: "take-over", ...base };
      return { due: false, reason: "in-flight", ...base, nextAt: new Date(expires) };
    }
    case "failed":
    case "paused": {
      // A `paused` row on a subscription that is no longer paused: an admin resumed it, so the
      // week the pause stopped is tried again, within the same bounds as a failure.
      if (existing.failures >= options.maxFailures) {
        return {
          due: false,
          reason: "gave-up",
          ...base,
          nextAt: next.at,
        };
      }
      const retryAt =
        existing.state === "paused"
          ? existing.updatedAt.getTime()
          : existing.updatedAt.getTime() + options.retryDelayMs(existing.failures);
      if (clockNow.getTime() >= retryAt) return { due: true, action: "retry", ...base };
      return { due: false, reason: "waiting-to-retry", ...base, nextAt: new Date(retryAt) };
    }
  }
}
