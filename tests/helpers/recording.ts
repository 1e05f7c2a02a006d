import type { Briefing } from "../../src/core/briefing.ts";
import type { BriefingRequest } from "../../src/reply/request.ts";

export interface RecordingBriefing extends Briefing {
  requests: BriefingRequest[];
}

/**
 * Passes every call to `inner` (the real core) and keeps the requests, so an end-to-end test can
 * see whether, and with what, the core was asked, without replacing any of our code.
 */
export function recording(inner: Briefing): RecordingBriefing {
  const requests: BriefingRequest[] = [];
  return {
    requests,
    handle: (request) => {
      requests.push(request);
      return inner.handle(request);
    },
    complete: (kind, typed, limit) => inner.complete(kind, typed, limit),
    knowledge: () => inner.knowledge(),
  };
}
