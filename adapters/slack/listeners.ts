/**
 * What the Bolt app listens to: the slash command, the "Share in channel" and "Evidence" buttons
 * and mentions.
 * Each listener translates (request.ts), asks the core, and renders (render.ts); nothing else.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import {
  type Briefing,
  type BriefingRequest,
  budgetLeftMs,
  failureReply,
  type Logger,
  memoizeRender,
  type Reply,
} from "../../src/index.ts";
import type { AdminLookup, UsersInfoClient } from "./admins.ts";
import {
  EVIDENCE_ACTION_ID,
  EVIDENCE_GONE,
  evidenceCommand,
  factIdOfEvidence,
} from "./evidence.ts";
import { SLASH_COMMAND } from "./limits.ts";
import { arrivedAtOf } from "./receiver.ts";
import { type RenderOptions, renderSlack, type SlackMessage } from "./render.ts";
import {
  commandRequest,
  commandText,
  evidenceRequest,
  mentionRequest,
  mentionText,
  shareRequest,
} from "./request.ts";
import { decodeShareValue, SHARE_ACTION_ID } from "./share.ts";

export interface ListenerDeps {
  briefing: Briefing;
  logger: Logger;
  admins: AdminLookup;
  /**
   * The client for `users.info` while someone waits for an answer: few retries and a short
   * timeout, where Bolt's own client would retry for half an hour.
   */
  lookupClient: UsersInfoClient;
  /**
   * How long a slash command may take to answer inside its acknowledgement. The core answers in
   * milliseconds, so the reply normally goes out in the ack itself: one round trip, nothing for
   * Slack to hold. If it is slower (a large base, a busy machine, a store call), we ack empty
   * before Slack's 3-second deadline and send the reply to `response_url` when it is ready.
   * Counted from when the request arrived (the request guard stamps it), not from when this
   * listener runs: under load a request can wait on the event loop for seconds before that.
   */
  ackBudgetMs: number;
  /** The clock arrivals are stamped on (the overload gate's, monotonic ms). */
  clock: () => number;
  /** `PUBLIC_URL`: link facts and topics to the web briefing. */
  publicUrl?: string;
}

type Settled<T> = { done: true; value: T } | { done: false };

async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { briefing, logger, admins, lookupClient } = deps;
  // A question asked again gets the core's remembered reply, and with it this rendering of it.
  const memo = memoizeRender(renderSlack);
  const links = deps.publicUrl ? { publicUrl: deps.publicUrl } : {};
  const render = (reply: Reply, options: RenderOptions = {}) =>
    memo(reply, { ...options, ...links });

  const answer = async (request: BriefingRequest): Promise<Reply> => {
    try {
      return await briefing.handle(request);
    } catch (error) {
      logger.error({ err: error, text: request.text }, "the briefing failed to answer");
      return failureReply();
    }
  };

  /** The workspace a request came from, with its bot token (one per workspace when installed to many). */
  const workspaceOf = (context: { teamId?: string; botToken?: string }) => ({
    ...(context.teamId ? { teamId: context.teamId } : {}),
    ...(context.botToken ? { token: context.botToken } : {}),
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond, context }) => {
    const arrivedAt = arrivedAtOf(context);
    const budgetMs =
      arrivedAt === undefined
        ? deps.ackBudgetMs
        : budgetLeftMs(deps.ackBudgetMs, arrivedAt, deps.clock());
    const at = new Date();
    const text = commandText(command.text);
    const workspace = workspaceOf(context);
    const work = (async (): Promise<SlackMessage> => {
      const isAdmin = () => admins.isAdmin(lookupClient, command.user_id, workspace);
      const reply = await answer(commandRequest(command, text, isAdmin, at));
      return render(reply, reply.shareable ? { shareCommand: text } : undefined);
    })();
    // With no budget left, ack now rather than race a timer that a lagging loop fires late.
    const first: Settled<SlackMessage> =
      budgetMs > 0 ? await settleWithin(work, budgetMs) : { done: false };
    if (first.done) {
      await ack({ response_type: "ephemeral", ...first.value });
      return;
    }
    await ack();
    const message = await work;
    await respond({ response_type: "ephemeral", ...message });
  });

  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, body, respond, client }) => {
    await ack();
    const value = body.actions.find((a) => a.action_id === SHARE_ACTION_ID)?.value;
    const text = decodeShareValue(value);
    const privately = async (message: Pick<SlackMessage, "text"> & Partial<SlackMessage>) => {
      if (body.response_url) {
        await respond({ response_type: "ephemeral", replace_original: false, ...message });
      }
    };
    if (text === undefined) {
      logger.warn({ value }, "share button with a value we did not write");
      await privately({ text: "This answer cannot be shared." });
      return;
    }
    const reply = await answer(shareRequest(body, text, new Date()));
    if (!reply.shareable || reply.visibility === "private") {
      await privately(render(reply));
      return;
    }
    const sharer = body.user.name ?? body.user.username ?? body.user.id;
    const message = renderSlack(reply, { sharedBy: sharer, ...links });
    if (body.response_url) {
      // The response_url posts for the channel even where the bot is not a member.
      await respond({ response_type: "in_channel", replace_original: false, ...message });
      await respond({ delete_original: true });
    } else if (body.channel?.id) {
      await client.chat.postMessage({
        channel: body.channel.id,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    }
  });

  // The quotes behind a fact, for whoever clicked and no one else.
  app.action<BlockAction<ButtonAction>>(
    EVIDENCE_ACTION_ID,
    async ({ ack, body, respond, client }) => {
      await ack();
      const privately = async (message: SlackMessage) => {
        if (body.response_url) {
          await respond({ response_type: "ephemeral", replace_original: false, ...message });
        } else if (body.channel?.id) {
          await client.chat.postEphemeral({
            channel: body.channel.id,
            user: body.user.id,
            ...message,
          });
        }
      };
      const value = body.actions.find((a) => a.action_id === EVIDENCE_ACTION_ID)?.value;
      const factId = factIdOfEvidence(value);
      if (factId === undefined) {
        logger.warn({ value }, "evidence button with a value we did not write");
        await privately(render(EVIDENCE_GONE));
        return;
      }
      const text = evidenceCommand(factId);
      const reply = await answer(evidenceRequest(body, text, new Date()));
      await privately(render(reply, reply.shareable ? { shareCommand: text } : undefined));
    },
  );

  app.event("app_mention", async ({ event, client, context }) => {
    // Bolt acks events at once; a retry means Slack missed that ack, not that we did not answer.
    if (context.retryNum) {
      logger.info({ retryNum: context.retryNum, ts: event.ts }, "ignoring a retried app_mention");
      return;
    }
    if (event.bot_id || !event.user) return;
    const text = mentionText(event.text, context.botUserId);
    const user = event.user;
    const workspace = workspaceOf(context);
    const isAdmin = () => admins.isAdmin(lookupClient, user, workspace);
    const reply = await answer(
      mentionRequest(event, text, isAdmin, new Date(), context.teamId ?? undefined),
    );
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      ...render(reply),
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  app.error(async (error) => {
    logger.error({ err: error }, "a Slack listener failed");
  });
}
