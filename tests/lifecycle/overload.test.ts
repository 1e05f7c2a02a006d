/**
 * The overload policy (issue 14, class 5): serve or shed a request at the door, with a clock and
 * a loop-lag reading the test sets. No timing is measured here; the wire is in
 * tests/slack/overload.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  admit,
  budgetLeftMs,
  createLoadGate,
  DEFAULT_OVERLOAD_LIMITS,
  type LoopLag,
} from "../../src/index.ts";

const limits = { shedAfterMs: 1500, maxInFlight: 3 };

describe("admit", () => {
  it("serves a fresh request on an idle loop", () => {
    expect(admit({ ageMs: 0, lagMs: 0, inFlight: 0 }, limits)).toEqual({ admit: true });
    expect(admit({ ageMs: 1499, lagMs: 0, inFlight: 2 }, limits)).toEqual({ admit: true });
  });

  it("sheds a request that arrived too long ago to be answered in time", () => {
    expect(admit({ ageMs: 1500, lagMs: 0, inFlight: 0 }, limits)).toEqual({
      admit: false,
      reason: "late",
    });
  });

  it("counts the loop's lag as time the request already waited before it was seen", () => {
    expect(admit({ ageMs: 1000, lagMs: 499, inFlight: 0 }, limits).admit).toBe(true);
    expect(admit({ ageMs: 1000, lagMs: 500, inFlight: 0 }, limits)).toEqual({
      admit: false,
      reason: "late",
    });
  });

  it("sheds everything while the loop alone lags past the threshold", () => {
    expect(admit({ ageMs: 0, lagMs: 1500, inFlight: 0 }, limits)).toEqual({
      admit: false,
      reason: "lagging",
    });
  });

  it("sheds when as many requests as allowed are already waiting for their answer", () => {
    expect(admit({ ageMs: 0, lagMs: 0, inFlight: 3 }, limits)).toEqual({
      admit: false,
      reason: "full",
    });
  });

  it("leaves room, by default, for the answer inside Slack's 3 seconds", () => {
    expect(DEFAULT_OVERLOAD_LIMITS.shedAfterMs).toBeLessThan(3000);
    expect(DEFAULT_OVERLOAD_LIMITS.maxInFlight).toBeGreaterThan(0);
  });
});

describe("budgetLeftMs: the ack budget counts from arrival", () => {
  it("is the whole budget for a request that has just arrived", () => {
    expect(budgetLeftMs(2000, 10_000, 10_000)).toBe(2000);
  });
  it("is what is left of it after the request waited", () => {
    expect(budgetLeftMs(2000, 10_000, 11_500)).toBe(500);
  });
  it("is 0, never negative, once the budget is spent: ack at once", () => {
    expect(budgetLeftMs(2000, 10_000, 12_000)).toBe(0);
    expect(budgetLeftMs(2000, 10_000, 19_000)).toBe(0);
  });
  it("ignores a clock that went backwards", () => {
    expect(budgetLeftMs(2000, 10_000, 9_000)).toBe(2000);
  });
});

describe("createLoadGate", () => {
  function gateAt(options: { maxInFlight?: number } = {}) {
    const clock = { ms: 0, lag: 0 };
    const lag: LoopLag = { currentMs: () => clock.lag, stop() {} };
    const gate = createLoadGate({
      limits: { shedAfterMs: 1500, maxInFlight: options.maxInFlight ?? 2 },
      now: () => clock.ms,
      lag,
    });
    return { gate, clock };
  }

  it("admits up to the bound, sheds past it, and admits again once one is answered", () => {
    const { gate } = gateAt();
    const a = gate.enter(0);
    const b = gate.enter(0);
    expect(a.admit && b.admit).toBe(true);
    expect(gate.inFlight()).toBe(2);
    expect(gate.enter(0)).toEqual({ admit: false, reason: "full" });
    if (a.admit) {
      a.done();
      a.done(); // twice is harmless
    }
    expect(gate.inFlight()).toBe(1);
    expect(gate.enter(0).admit).toBe(true);
    expect(gate.shed()).toEqual({ late: 0, lagging: 0, full: 1 });
  });

  it("measures age on its own clock, from the arrival stamp to the decision", () => {
    const { gate, clock } = gateAt();
    clock.ms = 5000;
    expect(gate.enter(3600).admit).toBe(true); // 1400 ms old
    expect(gate.enter(3500)).toEqual({ admit: false, reason: "late" }); // 1500 ms old
  });

  it("sheds a request stamped long enough ago, and one that waited out a lagging loop", () => {
    const { gate, clock } = gateAt({ maxInFlight: 100 });
    clock.ms = 5000;
    expect(gate.enter(3500)).toEqual({ admit: false, reason: "late" });
    expect(gate.enter(4000).admit).toBe(true);
    clock.lag = 600;
    expect(gate.enter(4000)).toEqual({ admit: false, reason: "late" });
    clock.lag = 2000;
    expect(gate.enter(5000)).toEqual({ admit: false, reason: "lagging" });
    expect(gate.shed()).toEqual({ late: 2, lagging: 1, full: 0 });
    expect(gate.inFlight()).toBe(1);
  });
});
