/**
 * What a person is told when the store could not save their change: the reason in words, and
 * that nothing was saved. One function, so whichever layer turns failures into replies (the
 * subscription commands today, the core's one failure path later) says the same thing.
 */
import type { SubscriptionCommands } from "../commands/definition.ts";
import { command, reply } from "../reply/present.ts";
import type { Reply } from "../reply/reply.ts";
import { StoreWriteError } from "../store/file-guard.ts";

/** The polite reply for a store write that failed; undefined for any other error. */
export function storeFailureReply(error: unknown): Reply | undefined {
  if (!(error instanceof StoreWriteError)) return undefined;
  return reply({
    kind: "error",
    title: `Could not save: ${error.reason}`,
    intro:
      "Nothing was changed. Please tell whoever runs the briefing bot; the details are in its log.",
    sections: [],
    footer: ["Reading commands still work: ", command("help")],
  });
}

/** The same commands, answering a store write failure with `storeFailureReply` instead of throwing. */
export function withStoreFailureReplies(commands: SubscriptionCommands): SubscriptionCommands {
  const polite = (error: unknown): Reply => {
    const answer = storeFailureReply(error);
    if (answer) return answer;
    throw error;
  };
  return {
    subscribe: (request, args) => commands.subscribe(request, args).catch(polite),
    unsubscribe: (request) => commands.unsubscribe(request).catch(polite),
    status: (request) => commands.status(request).catch(polite),
    previewDigest: (request) => commands.previewDigest(request).catch(polite),
  };
}
