/**
 * The core's metrics port filled with prom-client, on a registry of its own (not prom-client's
 * global one, so two bots in one test process never share counts). Label values come only from
 * fixed sets: registry command names, platform names, delivery outcomes.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { BriefingMetrics, DeliveryOutcome } from "../../src/index.ts";

export interface PromMetrics extends BriefingMetrics {
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  contentType: string;
}

/** The outcomes an operator watches, shown at 0 before the first digest. */
const WATCHED_OUTCOMES: readonly DeliveryOutcome[] = ["posted", "failed", "paused"];

export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: "briefing_commands_total",
    help: "Commands answered, by command name and platform.",
    labelNames: ["command", "platform"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "briefing_command_duration_seconds",
    help: "Time from a command's text to its reply, in the core.",
    labelNames: ["command", "platform"],
    // The core answers in milliseconds; the top buckets catch a store or an admin lookup stalling.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const unmatched = new Counter({
    name: "briefing_questions_unmatched_total",
    help: "Commands whose answer was a no-match: what the team asks that the base does not know.",
    labelNames: ["platform"],
    registers: [registry],
  });
  const digests = new Counter({
    name: "briefing_digests_total",
    help: "Weekly digest deliveries, by outcome (posted, failed, paused, skipped, ...).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  for (const outcome of WATCHED_OUTCOMES) digests.inc({ outcome }, 0);
  const reloads = new Counter({
    name: "briefing_knowledge_reloads_total",
    help: "Knowledge folder reloads that were served.",
    registers: [registry],
  });
  const shed = new Counter({
    name: "briefing_commands_shed_total",
    help: "Commands answered 'busy, try again' under overload, by platform and reason (late, lagging, full).",
    labelNames: ["platform", "reason"],
    registers: [registry],
  });
  const failedReloads = new Counter({
    name: "briefing_knowledge_reload_failures_total",
    help: "Knowledge edits refused by the checker (the last good base kept serving).",
    registers: [registry],
  });

  return {
    commandAnswered({ command, platform, seconds, matched }) {
      commands.inc({ command, platform });
      latency.observe({ command, platform }, seconds);
      if (!matched) unmatched.inc({ platform });
    },
    digestDelivered: (outcome) => digests.inc({ outcome }),
    knowledgeReloaded: (ok) => (ok ? reloads.inc() : failedReloads.inc()),
    commandShed: (platform, reason) => shed.inc({ platform, reason }),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
