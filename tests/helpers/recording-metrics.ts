import type { BriefingMetrics, CommandAnswered } from "../../src/ops/metrics.ts";

/** The metrics port recording every event, for tests of who reports what. */
export function recordingMetrics(): BriefingMetrics & {
  commands: CommandAnswered[];
  digests: string[];
  reloads: boolean[];
  shed: { platform: string; reason: string }[];
} {
  const commands: CommandAnswered[] = [];
  const digests: string[] = [];
  const reloads: boolean[] = [];
  const shed: { platform: string; reason: string }[] = [];
  return {
    commands,
    digests,
    reloads,
    shed,
    commandAnswered: (event) => {
      commands.push(event);
    },
    digestDelivered: (outcome) => {
      digests.push(outcome);
    },
    knowledgeReloaded: (ok) => {
      reloads.push(ok);
    },
    commandShed: (platform, reason) => {
      shed.push({ platform, reason });
    },
  };
}
