/**
 * What the running bot counts, as a port: the core reports events and an adapter-side
 * implementation (prom-client, `adapters/health/`) keeps the numbers, so `src/` stays free of any
 * metrics library. Only values from fixed sets cross it (command names from the registry,
 * platform names, outcome kinds): never the text asked, never anyone's id. It sits in the lowest
 * layer (it imports nothing), so the knowledge loader and the scheduler can both report to it.
 */
export interface CommandAnswered {
  /** The registry's command name, or `invalid` for empty or over-long input. */
  command: string;
  /** The adapter's platform name (`slack`, `discord`, `console`, `web`, …). */
  platform: string;
  seconds: number;
  /** False when the reply was a no-match: the team asked something the base does not know. */
  matched: boolean;
}

export interface BriefingMetrics {
  commandAnswered(event: CommandAnswered): void;
  /** A digest delivery's `DeliveryOutcome` (`posted`, `failed`, `paused`, …). */
  digestDelivered(outcome: string): void;
  knowledgeReloaded(ok: boolean): void;
  /**
   * A command shed under overload with a "busy, try again" reply, by platform and the overload
   * gate's reason (`late`, `lagging`, `full`).
   */
  commandShed(platform: string, reason: string): void;
}

/** For callers that count nothing (the CLI, tests). */
export const NO_METRICS: BriefingMetrics = {
  commandAnswered: () => undefined,
  digestDelivered: () => undefined,
  knowledgeReloaded: () => undefined,
  commandShed: () => undefined,
};
