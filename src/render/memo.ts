/**
 * Rendering a remembered reply once. The core hands out the same frozen `Reply` object each time
 * the same question is asked of the same base (`core/reply-cache.ts`); a renderer wrapped here
 * renders that object once per set of options and hands out the same frozen message after that.
 * Replies that are not frozen (subscription notices, digests: fresh objects each time) are
 * rendered every time, as before.
 */

import { deepFreeze } from "../core/reply-cache.ts";
import type { Reply } from "../reply/reply.ts";

/** How many renderings of one reply are remembered (with and without a share button, say). */
const OPTIONS_PER_REPLY = 4;

/**
 * `render`, remembering its result per frozen reply and per options (compared as JSON). The
 * message returned for a frozen reply is frozen: callers copy it to add fields, never change it.
 */
export function memoizeRender<O extends object, M>(
  render: (reply: Reply, options?: O) => M,
): (reply: Reply, options?: O) => M {
  const rendered = new WeakMap<Reply, Map<string, M>>();
  return (reply, options) => {
    if (!Object.isFrozen(reply)) return render(reply, options);
    const key = options ? JSON.stringify(options) : "";
    let byOptions = rendered.get(reply);
    if (!byOptions) {
      byOptions = new Map();
      rendered.set(reply, byOptions);
    }
    let message = byOptions.get(key);
    if (message === undefined) {
      message = render(reply, options);
      // Options can carry what the user typed (Slack's share button keeps the raw command text,
      // and many texts lead to one reply): past a few, render afresh instead of remembering more.
      if (byOptions.size < OPTIONS_PER_REPLY) byOptions.set(key, deepFreeze(message));
    }
    return message;
  };
}
