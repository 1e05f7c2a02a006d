import type { Briefing } from "../../src/core/briefing.ts";
import type { BriefingRequest } from "../../src/reply/request.ts";

/**
 * A request as the core received it, with the admin callback replaced by what it answered when
 * the core called it (`undefined` when the core never asked), and whether it was asked.
 */
export type RecordedRequest = Omit<BriefingRequest, "user"> & {
  user: Omit<BriefingRequest["user"], "isPlatformAdmin"> & {
    isPlatformAdmin?: boolean;
    askedAdmin: boolean;
  };
};

export interface RecordingBriefing extends Briefing {
  requests: RecordedRequest[];
}

/**
 * Passes every call to `inner` (the real core) and keeps the requests, so an end-to-end test can
 * see whether, and with what, the core was asked, without replacing any of our code.
 */
export function recording(inner: Briefing): RecordingBriefing {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    handle: (request) => {
      const { isPlatformAdmin, ...user } = request.user;
      const recorded: RecordedRequest = { ...request, user: { ...user, askedAdmin: false } };
      requests.push(recorded);
      return inner.handle({
        ...request,
        user: {
          ...request.user,
          isPlatformAdmin: async () => {
            recorded.user.askedAdmin = true;
            const answer = await isPlatformAdmin();
            recorded.user.isPlatformAdmin = answer;
            return answer;
          },
        },
      });
    },
    complete: (kind, typed, limit) => inner.complete(kind, typed, limit),
    knowledge: () => inner.knowledge(),
  };
}

/** A recorded request as a request again, its admin answer as the callback's (no, if never asked). */
export function replay(recorded: RecordedRequest): BriefingRequest {
  const { isPlatformAdmin, askedAdmin: _asked, ...user } = recorded.user;
  return { ...recorded, user: { ...user, isPlatformAdmin: () => isPlatformAdmin === true } };
}
