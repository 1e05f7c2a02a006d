/**
 * One orderly shutdown per signal, whatever the process tree. `kill -TERM -<pgid>` (a terminal's
 * Ctrl-C, systemd, most supervisors) reaches npm, tsx and the bot, and npm and tsx relay it
 * again: the bot sees the same signal two or three times within milliseconds. Deliveries within
 * `DUPLICATE_SIGNAL_WINDOW_MS` of the first count as that one signal; one after it is a person
 * insisting, and forces the exit. The drain itself is bounded by the grace period.
 */
import type { Logger } from "../log.ts";

/**
 * How long after the first signal another one is taken as the same signal relayed. Long enough
 * for npm's and tsx's relays (milliseconds apart), short enough that a second Ctrl-C a moment
 * later still forces the exit.
 */
export const DUPLICATE_SIGNAL_WINDOW_MS = 1000;

/** How long the drain may take before the process exits anyway (`SHUTDOWN_GRACE_MS`). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** `SHUTDOWN_GRACE_MS` as a number of milliseconds, or the default when unset or not a number. */
export function shutdownGraceMs(value: string | undefined): number {
  const ms = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(ms) && ms >= 0
    ? ms
    : DEFAULT_SHUTDOWN_GRACE_MS;
}

export interface ShutdownSignals {
  /**
   * Runs `drain` on the first signal (at once if one arrived before this was called) and
   * resolves with the exit code: 0 after an orderly drain, 1 when the grace period ran out or a
   * second signal forced the exit.
   */
  whenSignalled(drain: () => Promise<void>): Promise<number>;
  /** Stops listening (for a process that ends on its own, like the console). */
  dispose(): void;
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

/**
 * Starts listening for SIGTERM and SIGINT now, before start-up is done, so a signal that arrives
 * while the process is busy (a synchronous load) is kept and acted on once it can be.
 */
export function listenForShutdown(options: {
  logger: Logger;
  graceMs?: number;
  now?: () => number;
}): ShutdownSignals {
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  let onFirst: ((signal: NodeJS.Signals) => void) | undefined;
  let force: ((code: number) => void) | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (!first) {
      first = { signal, at: now() };
      onFirst?.(signal);
      return;
    }
    if (now() - first.at < DUPLICATE_SIGNAL_WINDOW_MS) {
      options.logger.debug(`${signal} again within the relay window: the same shutdown`);
      return;
    }
    options.logger.warn(`${signal} again: exiting without waiting for the drain`);
    force?.(1);
  };
  for (const s of SIGNALS) process.on(s, onSignal);

  const dispose = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
  };

  return {
    dispose,
    whenSignalled(drain) {
      return new Promise<number>((resolve) => {
        let done = false;
        const finish = (code: number) => {
          if (done) return;
          done = true;
          resolve(code);
        };
        force = finish;
        const start = (signal: NodeJS.Signals) => {
          options.logger.info(
            `${signal}: refusing new requests, letting those in flight and a digest post finish, then closing the database (at most ${graceMs} ms)`,
          );
          const timer = setTimeout(() => {
            options.logger.warn(`shutdown did not finish within ${graceMs} ms: exiting anyway`);
            finish(1);
          }, graceMs);
          timer.unref();
          drain().then(
            () => {
              clearTimeout(timer);
              options.logger.info("shut down cleanly");
              finish(0);
            },
            (error: unknown) => {
              clearTimeout(timer);
              options.logger.error({ err: error }, "shutdown failed");
              finish(1);
            },
          );
        };
        if (first) start(first.signal);
        else onFirst = start;
      });
    },
  };
}
