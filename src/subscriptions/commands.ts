/**
 * `subscribe`, `unsubscribe`, `status` and `digest` (preview): the `SubscriptionCommands` the core
 * calls. The core has checked admin rights (from each command's definition) before it calls.
 * Every argument is validated before the store is touched, and each store change is one
 * transaction: a mistyped request changes nothing.
 */
import type { SubscriptionCommands } from "../commands/definition.ts";
import { composeDigest } from "../digest/compose.ts";
import type { KnowledgeSource } from "../knowledge/source.ts";
import { command, placeholder, reply } from "../reply/present.ts";
import type { Prose, Reply, ReplyLine } from "../reply/reply.ts";
import type { BriefingRequest } from "../reply/request.ts";
import {
  DEFAULT_DUE_OPTIONS,
  type DueOptions,
  dueDigest,
  latestSlot,
  nextSlot,
} from "../schedule/due.ts";
import type {
  ChannelKey,
  DigestRecord,
  Schedule,
  Subscription,
  SubscriptionStore,
} from "../store/port.ts";
import { MONTHS, pad } from "../time/week.ts";
import { localParts } from "../time/zoned-time.ts";
import { DAY_NAMES, DEFAULT_SCHEDULE, parseScheduleArgs } from "./schedule-args.ts";
import { withStoreFailureReplies } from "./store-failure.ts";

export interface SubscriptionCommandsOptions {
  store: SubscriptionStore;
  knowledge: KnowledgeSource;
  due?: DueOptions;
}

/** What a part of the schedule that was not given defaulted to: `Monday`, `09:00`, `UTC`. */
function describeDefault(part: "day" | "time" | "timezone"): string {
  const d = DEFAULT_SCHEDULE;
  if (part === "day") return DAY_NAMES[d.day - 1] ?? String(d.day);
  if (part === "time") return `${pad(d.hour)}:${pad(d.minute)}`;
  return d.timezone;
}

/** `Mondays at 09:00 (Europe/London)`. */
export function describeSchedule(s: Schedule): string {
  return `${DAY_NAMES[s.day - 1]}s at ${pad(s.hour)}:${pad(s.minute)} (${s.timezone})`;
}

/** `Mon 23 Nov 2026, 09:00 Europe/London (09:00 UTC)`; the UTC part is left out for UTC. */
export function describeInstant(at: Date, timezone: string): string {
  const l = localParts(at, timezone);
  const day = DAY_NAMES[l.weekday - 1]?.slice(0, 3);
  const local = `${day} ${l.day} ${MONTHS[l.month - 1]} ${l.year}, ${pad(l.hour)}:${pad(l.minute)} ${timezone}`;
  if (timezone === "UTC") return local;
  const u = localParts(at, "UTC");
  const sameDay = u.day === l.day && u.month === l.month;
  const utc = sameDay
    ? `${pad(u.hour)}:${pad(u.minute)} UTC`
    : `${DAY_NAMES[u.weekday - 1]?.slice(0, 3)} ${u.day} ${MONTHS[u.month - 1]}, ${pad(u.hour)}:${pad(u.minute)} UTC`;
  return `${local} (${utc})`;
}

const info = (text: string): ReplyLine => ({ text, sources: [], role: "info" });

/** `subscribe [day] [time] [timezone]`. */
const SUBSCRIBE_USAGE = command("subscribe", {
  day: placeholder("day", true),
  time: placeholder("HH:MM", true),
  timezone: placeholder("timezone", true),
});

function notice(title: string, intro: string, lines: ReplyLine[] = [], footer?: Prose): Reply {
  return reply({
    kind: "notice",
    title,
    intro,
    sections: lines.length > 0 ? [{ lines }] : [],
    ...(footer ? { footer } : {}),
  });
}

function channelOf(request: BriefingRequest): ChannelKey {
  return {
    platform: request.platform.name,
    ...(request.conversation.workspaceId ? { workspaceId: request.conversation.workspaceId } : {}),
    channelId: request.conversation.id,
  };
}

/** Why this request cannot have a subscription, or `undefined` when it can. */
function notAChannel(request: BriefingRequest): Reply | undefined {
  if (!request.platform.deliversDigests) {
    return notice(
      "Weekly briefings are for Slack and Discord channels",
      "Here you can read this week's briefing any time. To have it posted weekly, subscribe a Slack or Discord channel.",
      [],
      ["Read it here: ", command("digest"), " · In a channel: ", command("subscribe")],
    );
  }
  if (request.conversation.isDirect) {
    return notice(
      "Weekly briefings are for channels",
      "Subscribe in the channel that should get the briefing. Here you can preview it.",
      [],
      ["In the channel: ", command("subscribe"), " · Preview here: ", command("digest")],
    );
  }
  return undefined;
}

function describeLast(
  record: DigestRecord | undefined,
  timezone: string,
  now: Date,
  due: DueOptions,
): string {
  if (!record) return "Last briefing: none yet.";
  const week = `week ${record.week}`;
  switch (record.state) {
    case "posted":
      return `Last briefing: ${week}, posted ${describeInstant(record.postedAt ?? record.updatedAt, timezone)}.`;
    case "claimed":
      return `Last briefing: ${week}, being delivered now.`;
    case "paused":
      return `Last briefing: ${week}, not posted: ${record.reason ?? "the platform refused it"}.`;
    case "failed": {
      const retry =
        record.failures >= due.maxFailures
          ? "gave up for this week; next week's is tried as usual"
          : `retrying after ${describeInstant(new Date(Math.max(now.getTime(), record.updatedAt.getTime() + due.retryDelayMs(record.failures))), timezone)}`;
      return `Last briefing: ${week}, not posted yet: ${record.reason ?? "a temporary error"} (${retry}).`;
    }
  }
}

export function createSubscriptionCommands(
  options: SubscriptionCommandsOptions,
): SubscriptionCommands {
  const { store } = options;
  const dueOptions = options.due ?? DEFAULT_DUE_OPTIONS;

  /** The next digest this subscription will get: a missed one still due, or the next slot. */
  const upcoming = async (sub: Subscription, now: Date) => {
    const row = await store.digest(sub.id, latestSlot(sub.schedule, now).week);
    const due = dueDigest(sub, now, row ? [row] : [], dueOptions);
    return due.due ? { week: due.slot.week, at: undefined } : nextSlot(sub.schedule, now);
  };

  const nextLine = async (sub: Subscription, now: Date): Promise<ReplyLine> => {
    const next = await upcoming(sub, now);
    return info(
      next.at
        ? `Next briefing: ${describeInstant(next.at, sub.schedule.timezone)}.`
        : `Next briefing: within a minute (the one for week ${next.week} is due).`,
    );
  };

  return withStoreFailureReplies({
    async subscribe(request, args) {
      const notHere = notAChannel(request);
      if (notHere) return notHere;
      const parsed = parseScheduleArgs(args);
      if (!parsed.ok) {
        return reply({
          kind: "usage",
          title: "That schedule could not be read",
          intro: parsed.problem,
          sections: [],
          footer: ["Usage: ", SUBSCRIBE_USAGE, " (default: Monday 09:00 UTC)"],
        });
      }
      const { schedule, defaulted } = parsed;
      const outcome = await store.subscribe(
        channelOf(request),
        schedule,
        request.user.id,
        request.at,
      );
      const sub = outcome.subscription;
      const defaults =
        defaulted.length > 0
          ? [
              info(
                `Defaults used: ${defaulted.map((part) => `${part} ${describeDefault(part)}`).join(", ")}.`,
              ),
            ]
          : [];
      const footer: Prose = [
        "Preview it: ",
        command("digest"),
        " · Stop it: ",
        command("unsubscribe"),
        ...(defaulted.length > 0
          ? [
              " · Another slot: ",
              command("subscribe", { day: "fri", time: "16:30", timezone: "Europe/London" }),
            ]
          : []),
      ];
      if (outcome.status === "unchanged") {
        return notice(
          `Already subscribed: ${describeSchedule(sub.schedule)}`,
          "This channel already gets the weekly briefing on that schedule; nothing changed.",
          [await nextLine(sub, request.at)],
          footer,
        );
      }
      if (outcome.status === "updated") {
        const was = outcome.previous;
        const moved = describeSchedule(was.schedule) !== describeSchedule(sub.schedule);
        const resumed = was.paused
          ? [info(`Resumed: it had been paused because ${was.paused.reason}.`)]
          : [];
        return notice(
          `Weekly briefing: ${describeSchedule(sub.schedule)}`,
          moved
            ? `Changed from ${describeSchedule(was.schedule)}.`
            : "Resumed on the same schedule.",
          [...resumed, await nextLine(sub, request.at), ...defaults],
          footer,
        );
      }
      return notice(
        `Weekly briefing: ${describeSchedule(sub.schedule)}`,
        "This channel will get the partnership briefing every week: what changed, open disputes, and the sources behind them.",
        [await nextLine(sub, request.at), ...defaults],
        footer,
      );
    },

    async unsubscribe(request) {
      const notHere = notAChannel(request);
      if (notHere) return notHere;
      const ended = await store.unsubscribe(channelOf(request), request.user.id, request.at);
      if (!ended) {
        return notice(
          "No weekly briefing here",
          "This channel had no weekly briefing; nothing changed.",
        );
      }
      return notice(
        "Weekly briefing stopped",
        `This channel will no longer get the briefing (it was ${describeSchedule(ended.schedule)}).`,
        [],
        ["Start it again: ", SUBSCRIBE_USAGE],
      );
    },

    async status(request) {
      const notHere = notAChannel(request);
      if (notHere) return notHere;
      const sub = await store.find(channelOf(request));
      if (!sub) {
        return notice(
          "No weekly briefing in this channel",
          "An admin can start one (default: Monday 09:00 UTC).",
          [],
          ["Start one: ", SUBSCRIBE_USAGE],
        );
      }
      const history = await store.history(sub.id, 1);
      const lines = [
        ...(sub.paused
          ? [
              info(
                `Paused since ${describeInstant(sub.paused.at, sub.schedule.timezone)}: ${sub.paused.reason}. Once that is fixed (for example, invite the bot back to the channel), subscribe again to resume.`,
              ),
            ]
          : [await nextLine(sub, request.at)]),
        info(describeLast(history[0], sub.schedule.timezone, request.at, dueOptions)),
      ];
      return notice(
        `Weekly briefing: ${describeSchedule(sub.schedule)}`,
        `Subscribed since ${describeInstant(sub.createdAt, sub.schedule.timezone)}.`,
        lines,
        sub.paused
          ? ["Resume: ", command("subscribe"), " · Preview the next one: ", command("digest")]
          : ["Preview the next one: ", command("digest")],
      );
    },

    async previewDigest(request) {
      const kb = options.knowledge.current();
      const sub = request.platform.deliversDigests
        ? await store.find(channelOf(request))
        : undefined;
      // Without a subscription, the week a channel subscribing now with the defaults would get.
      const week = sub
        ? (await upcoming(sub, request.at)).week
        : nextSlot(DEFAULT_SCHEDULE, request.at).week;
      const context = sub ? await store.digestContext(sub.id) : {};
      // A preview is for whoever asked; the channel gets the digest itself on schedule.
      const preview = composeDigest({
        knowledge: kb,
        week,
        asOf: request.at,
        context,
        preview: true,
      });
      return { ...preview.reply, visibility: "private" };
    },
  });
}
