import { describe, expect, it } from "vitest";
import {
  DEFAULT_DUE_OPTIONS,
  dueDigest,
  latestSlot,
  nextSlot,
  slotInWeek,
} from "../../src/schedule/due.ts";
import type { DigestRecord, Schedule } from "../../src/store/port.ts";
import { weekKeyOf } from "../../src/time/week.ts";
import { addDays, type LocalDate, localParts, weekdayOf } from "../../src/time/zoned-time.ts";
import { digestReply } from "../helpers/replies.ts";

const MIN = 60_000;
const DAY = 86_400_000;

function record(
  week: string,
  state: DigestRecord["state"],
  at: Date,
  extra: Partial<DigestRecord> = {},
): DigestRecord {
  return {
    id: 1,
    subscriptionId: 1,
    week,
    slotAt: at,
    state,
    claimedBy: "test",
    claimedAt: at,
    updatedAt: at,
    failures: 0,
    asOf: at,
    reported: [],
    reply: digestReply(),
    ...extra,
  };
}

const schedule = (timezone: string, day: number, time: string): Schedule => {
  const [h, m] = time.split(":").map(Number);
  return { timezone, day, hour: h ?? 0, minute: m ?? 0 };
};

/**
 * Runs the due function every `stepMs` through 2026, recording a posted digest whenever it says
 * due, as a scheduler that never fails would.
 */
function simulateYear(s: Schedule, stepMs: number) {
  const start = new Date("2026-01-01T00:00:00Z").getTime();
  const end = new Date("2027-01-01T00:00:00Z").getTime();
  const sub = { schedule: s, since: new Date(start) };
  const history: DigestRecord[] = [];
  const posts: { week: string; at: Date; slotAt: Date }[] = [];
  for (let t = start; t < end; t += stepMs) {
    const now = new Date(t);
    const due = dueDigest(sub, now, history.slice(-2));
    if (due.due) {
      expect(due.action).toBe("post");
      history.push(record(due.slot.week, "posted", now, { slotAt: due.slot.at }));
      posts.push({ week: due.slot.week, at: now, slotAt: due.slot.at });
    }
  }
  return { posts, start, end };
}

/** The weeks whose slot falls inside [start, end): worked out from the calendar, not the code under test. */
function expectedWeeks(s: Schedule, start: number, end: number): string[] {
  const weeks: string[] = [];
  let d: LocalDate = { year: 2025, month: 12, day: 25 };
  while (d.year <= 2027 && !(d.year === 2027 && d.month > 1)) {
    if (weekdayOf(d) === s.day) {
      const slot = slotInWeek(s, addDays(d, 1 - s.day));
      if (slot.at.getTime() >= start && slot.at.getTime() < end) weeks.push(weekKeyOf(d));
    }
    d = addDays(d, 1);
  }
  return weeks;
}

/**
 * The schedules whose year is worth simulating (each run is 17,520 ticks): a slot inside New
 * York's spring-forward gap and one in its repeated autumn hour, London's 01:30 (inside both its
 * gap and its repeated hour), and an ordinary Monday morning. Sunday is the day both zones change
 * their clocks in 2026.
 */
const CASES: { zone: string; day: number; time: string }[] = [
  { zone: "America/New_York", day: 7, time: "02:30" },
  { zone: "America/New_York", day: 7, time: "01:30" },
  { zone: "Europe/London", day: 7, time: "01:30" },
  { zone: "Europe/London", day: 1, time: "09:00" },
];

describe("dueDigest over a simulated 2026", () => {
  for (const { zone, day, time } of CASES) {
    it(`posts exactly one digest per week in ${zone}, ${day === 7 ? "Sundays" : "Mondays"} at ${time}`, () => {
      const s = schedule(zone, day, time);
      // Every slot here (and every slot a gap moves) is on the half hour, so a 30-minute grid
      // still lands on each one; ticks between slots are the next test's.
      const { posts, start, end } = simulateYear(s, 30 * MIN);
      const weeks = posts.map((p) => p.week);
      expect(new Set(weeks).size).toBe(weeks.length);
      expect(weeks).toEqual(expectedWeeks(s, start, end));
      expect(weeks.length).toBeGreaterThanOrEqual(52);
      for (const p of posts) {
        // The grid hits every slot, so each post goes out at its slot, not later.
        expect(p.at.getTime()).toBe(p.slotAt.getTime());
        const local = localParts(p.at, zone);
        expect(local.weekday).toBe(day);
        const shown = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
        if (shown !== time) {
          // Only a spring-forward gap moves a slot: to the first minute after the gap.
          const gap = zone === "America/New_York" ? "2026-03-08" : "2026-03-29";
          expect(p.at.toISOString().slice(0, 10)).toBe(gap);
          expect(shown).toBe(zone === "America/New_York" ? "03:00" : "02:00");
        }
      }
      for (let i = 1; i < posts.length; i++) {
        const gap = (posts[i]?.at.getTime() ?? 0) - (posts[i - 1]?.at.getTime() ?? 0);
        expect(Math.abs(gap - 7 * DAY)).toBeLessThanOrEqual(60 * MIN);
      }
    });
  }

  it("posts once at the first tick after the slot when ticks do not land on it", () => {
    const s = schedule("America/New_York", 7, "02:30");
    const { posts } = simulateYear(s, 7 * MIN);
    for (const p of posts) {
      const late = p.at.getTime() - p.slotAt.getTime();
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(7 * MIN);
    }
    expect(new Set(posts.map((p) => p.week)).size).toBe(posts.length);
  });
});

describe("slots around the clock changes", () => {
  it("moves a slot in the spring-forward gap to the next valid minute (New York, 8 Mar 2026)", () => {
    const slot = latestSlot(
      schedule("America/New_York", 7, "02:30"),
      new Date("2026-03-09T00:00:00Z"),
    );
    expect(slot.at.toISOString()).toBe("2026-03-08T07:00:00.000Z"); // 03:00 EDT
    expect(slot.week).toBe("2026-W10");
  });

  it("takes the first of the two 01:30s when the clocks go back (New York, 1 Nov 2026)", () => {
    const s = schedule("America/New_York", 7, "01:30");
    const first = new Date("2026-11-01T05:30:00Z"); // 01:30 EDT
    const second = new Date("2026-11-01T06:30:00Z"); // 01:30 EST
    expect(latestSlot(s, first).at.toISOString()).toBe(first.toISOString());
    const sub = { schedule: s, since: new Date("2026-10-01T00:00:00Z") };
    const atFirst = dueDigest(sub, first, []);
    expect(atFirst.due).toBe(true);
    const posted = record(atFirst.slot.week, "posted", first);
    expect(dueDigest(sub, second, [posted])).toMatchObject({ due: false, reason: "posted" });
  });

  it("takes the first of the two 01:30s in London (25 Oct 2026)", () => {
    const slot = latestSlot(
      schedule("Europe/London", 7, "01:30"),
      new Date("2026-10-25T03:00:00Z"),
    );
    expect(slot.at.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 01:30 BST
  });

  it("names weeks by the ISO week on the subscriber's wall clock, not the server's", () => {
    // Monday 09:00 in Tokyo is Sunday 00:00 UTC: still the Monday's week.
    const slot = latestSlot(schedule("Asia/Tokyo", 1, "09:00"), new Date("2026-01-05T00:00:00Z"));
    expect(slot.week).toBe("2026-W02");
    expect(weekKeyOf({ year: 2027, month: 1, day: 1 })).toBe("2026-W53");
  });
});

describe("dueDigest after downtime and failures", () => {
  const s = schedule("UTC", 1, "09:00");
  const sub = { schedule: s, since: new Date("2026-01-01T00:00:00Z") };

  it("GIVEN a scheduler down across Monday's slot WHEN it comes back on Wednesday THEN that week's digest is due once", () => {
    const wednesday = new Date("2026-01-14T15:00:00Z");
    const due = dueDigest(sub, wednesday, []);
    expect(due).toMatchObject({ due: true, action: "post", slot: { week: "2026-W03" } });
    const posted = record("2026-W03", "posted", wednesday);
    expect(dueDigest(sub, new Date(wednesday.getTime() + MIN), [posted]).due).toBe(false);
  });

  it("posts only the latest missed week after a downtime of several weeks", () => {
    const due = dueDigest(sub, new Date("2026-02-04T10:00:00Z"), []);
    expect(due).toMatchObject({ due: true, slot: { week: "2026-W06" } });
  });

  it("does not post for a slot that passed before the subscription began", () => {
    const late = { schedule: s, since: new Date("2026-01-12T10:00:00Z") };
    const due = dueDigest(late, new Date("2026-01-12T10:01:00Z"), []);
    expect(due).toMatchObject({ due: false, reason: "not-yet" });
    if (!due.due) expect(due.nextAt?.toISOString()).toBe("2026-01-19T09:00:00.000Z");
  });

  it("leaves a live claim alone and takes over one whose lease ran out", () => {
    const claimedAt = new Date("2026-01-12T09:00:00Z");
    const claim = record("2026-W03", "claimed", claimedAt);
    const during = new Date(claimedAt.getTime() + DEFAULT_DUE_OPTIONS.leaseMs - 1);
    const after = new Date(claimedAt.getTime() + DEFAULT_DUE_OPTIONS.leaseMs);
    expect(dueDigest(sub, during, [claim])).toMatchObject({ due: false, reason: "in-flight" });
    expect(dueDigest(sub, after, [claim])).toMatchObject({ due: true, action: "take-over" });
  });

  it("measures leases and retry delays on the real clock, whatever instant picks the slot", () => {
    // A claim the bot took at 09:30; a pass "as if at" 09:05 must not see it as expired, and
    // one "as if at" 12:00 must not either, while the real clock says 09:31.
    const claim = record("2026-W03", "claimed", new Date("2026-01-12T09:30:00Z"));
    const real = new Date("2026-01-12T09:31:00Z");
    for (const asIf of ["2026-01-12T09:05:00Z", "2026-01-12T12:00:00Z"]) {
      expect(dueDigest(sub, new Date(asIf), [claim], DEFAULT_DUE_OPTIONS, real)).toMatchObject({
        due: false,
        reason: "in-flight",
        slot: { week: "2026-W03" },
      });
    }
    const failed = record("2026-W03", "failed", new Date("2026-01-12T09:30:00Z"), {
      failures: 1,
    });
    expect(
      dueDigest(sub, new Date("2026-01-12T12:00:00Z"), [failed], DEFAULT_DUE_OPTIONS, real),
    ).toMatchObject({ due: false, reason: "waiting-to-retry" });
    expect(
      dueDigest(
        sub,
        new Date("2026-01-12T09:05:00Z"),
        [failed],
        DEFAULT_DUE_OPTIONS,
        new Date("2026-01-12T09:35:00Z"),
      ),
    ).toMatchObject({ due: true, action: "retry" });
  });

  it("retries a failed week after a growing delay, and gives up after the bound", () => {
    const failedAt = new Date("2026-01-12T09:01:00Z");
    const failed = (failures: number) => record("2026-W03", "failed", failedAt, { failures });
    const soon = new Date(failedAt.getTime() + 4 * MIN);
    const later = new Date(failedAt.getTime() + 5 * MIN);
    expect(dueDigest(sub, soon, [failed(1)])).toMatchObject({
      due: false,
      reason: "waiting-to-retry",
    });
    expect(dueDigest(sub, later, [failed(1)])).toMatchObject({ due: true, action: "retry" });
    expect(dueDigest(sub, later, [failed(2)]).due).toBe(false);
    const max = DEFAULT_DUE_OPTIONS.maxFailures;
    expect(dueDigest(sub, new Date("2026-01-18T00:00:00Z"), [failed(max)])).toMatchObject({
      due: false,
      reason: "gave-up",
    });
    // Next week starts afresh.
    expect(dueDigest(sub, new Date("2026-01-19T09:00:00Z"), [failed(max)])).toMatchObject({
      due: true,
    });
  });

  it("never posts for a paused subscription, and retries the paused week once resumed", () => {
    const at = new Date("2026-01-12T09:00:00Z");
    const row = record("2026-W03", "paused", at, { reason: "not_in_channel" });
    const paused = { ...sub, paused: { at, reason: "not_in_channel" } };
    expect(dueDigest(paused, new Date("2026-01-12T10:00:00Z"), [row])).toMatchObject({
      reason: "paused",
    });
    expect(dueDigest(sub, new Date("2026-01-12T10:00:00Z"), [row])).toMatchObject({
      due: true,
      action: "retry",
    });
  });

  it("gives the next slot strictly after now", () => {
    expect(nextSlot(s, new Date("2026-01-12T09:00:00Z")).at.toISOString()).toBe(
      "2026-01-19T09:00:00.000Z",
    );
    expect(nextSlot(s, new Date("2026-01-12T08:59:00Z")).at.toISOString()).toBe(
      "2026-01-12T09:00:00.000Z",
    );
  });
});
