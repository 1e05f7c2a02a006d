import type { BriefingMetrics, CommandAnswered } from "../../src/ops/metrics.ts";
import type { DeliveryOutcome } from "../../src/schedule/deliver.ts";

/** The metrics port recording every event, for tests of who reports what. */
export function recordingMetrics(): BriefingMetrics & {
  commands: CommandAnswered[];
  digests: DeliveryOutcome[];
  reloads: boolean[];
} {
  const commands: CommandAnswered[] = [];
  const digests: DeliveryOutcome[] = [];
  const reloads: boolean[] = [];
  return {
    commands,
    digests,
    reloads,
    commandAnswered: (event) => {
      commands.push(event);
    },
    digestDelivered: (outcome) => {
      digests.push(outcome);
    },
    knowledgeReloaded: (ok) => {
      reloads.push(ok);
    },
  };
}
