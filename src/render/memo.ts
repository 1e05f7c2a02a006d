/**
 * Rendering a remembered reply once. The core hands out the same frozen `Reply` object each time
 * the same question is asked of the same base (`core/reply-cache.ts`); a renderer wrapped here
 * renders that object once per set of options and hands out the same frozen message after that.
 * Replies that are not frozen (subscription notices, digests: fresh objects each time) are
 * rendered every time, as before.
 */
import type { Reply } from "../core/reply.ts";
import { deepFreeze } from "../core/reply-cache.ts";

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
      message = deepFreeze(render(reply, options));
      byOptions.set(key, message);
    }
    return message;
  };
}
