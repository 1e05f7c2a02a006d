/**
 * The signal logic of `npm start` on its own: relayed copies of one signal are one shutdown, a
 * later signal forces the exit, the drain is bounded, and a signal that came before start-up
 * finished is acted on. Signals are emitted on this process (`process.emit`), which runs the
 * same listeners the kernel's delivery would.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  DUPLICATE_SIGNAL_WINDOW_MS,
  listenForShutdown,
  type ShutdownSignals,
  shutdownGraceMs,
} from "../../src/lifecycle/shutdown.ts";
import { silentLogger } from "../schedule/support.ts";

let listening: ShutdownSignals | undefined;
afterEach(() => listening?.dispose());

function setUp(graceMs = 10_000) {
  let clock = 1_000_000;
  listening = listenForShutdown({ logger: silentLogger, graceMs, now: () => clock });
  return { signals: listening, advance: (ms: number) => (clock += ms) };
}

/** A drain the test finishes by hand, counting how often it was started. */
function manualDrain() {
  let finish: () => void = () => {};
  const state = { started: 0 };
  const drain = () => {
    state.started++;
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  };
  return { state, drain, finish: () => finish() };
}

describe("shutdown signals", () => {
  it("takes copies of one signal relayed by npm and tsx as one orderly shutdown", async () => {
    const { signals, advance } = setUp();
    const d = manualDrain();
    const code = signals.whenSignalled(d.drain);
    process.emit("SIGTERM", "SIGTERM");
    advance(5);
    process.emit("SIGTERM", "SIGTERM");
    advance(DUPLICATE_SIGNAL_WINDOW_MS - 10);
    process.emit("SIGINT", "SIGINT");
    expect(d.state.started).toBe(1);
    d.finish();
    expect(await code).toBe(0);
  });

  it("forces the exit on a second signal after the relay window", async () => {
    const { signals, advance } = setUp();
    const d = manualDrain();
    const code = signals.whenSignalled(d.drain);
    process.emit("SIGTERM", "SIGTERM");
    advance(DUPLICATE_SIGNAL_WINDOW_MS + 1);
    process.emit("SIGINT", "SIGINT");
    expect(await code).toBe(1);
    expect(d.state.started).toBe(1);
  });

  it("exits anyway when the drain outlasts the grace period", async () => {
    const { signals } = setUp(50);
    const d = manualDrain();
    const code = signals.whenSignalled(d.drain);
    process.emit("SIGTERM", "SIGTERM");
    expect(await code).toBe(1);
  });

  it("acts on a signal that arrived before start-up was done", async () => {
    const { signals } = setUp();
    process.emit("SIGTERM", "SIGTERM");
    const d = manualDrain();
    const code = signals.whenSignalled(d.drain);
    expect(d.state.started).toBe(1);
    d.finish();
    expect(await code).toBe(0);
  });

  it("reads SHUTDOWN_GRACE_MS, defaulting to 10 s", () => {
    expect(shutdownGraceMs(undefined)).toBe(10_000);
    expect(shutdownGraceMs("")).toBe(10_000);
    expect(shutdownGraceMs("soon")).toBe(10_000);
    expect(shutdownGraceMs("2500")).toBe(2500);
  });
});
