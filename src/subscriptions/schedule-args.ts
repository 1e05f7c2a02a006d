/**
 * `subscribe [day] [HH:MM] [timezone]`: the three optional arguments, in any order, each told
 * apart by its shape. Every mistake gets a message that says what was wrong and how to type it.
 */

import type { Schedule } from "../store/port.ts";
import { canonicalTimeZone } from "../time/zoned-time.ts";

export const DAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export const DEFAULT_SCHEDULE: Schedule = { day: 1, hour: 9, minute: 0, timezone: "UTC" };

export type ScheduleArgs =
  | {
      ok: true;
      schedule: Schedule;
      /** Which parts were not given and took their default. */
      defaulted: ("day" | "time" | "timezone")[];
    }
  | { ok: false; problem: string };

const EXAMPLE = "For example: subscribe mon 09:00 UTC, or subscribe fri 16:30 America/New_York.";

/** What the user typed, shortened and quoted, for an error message. */
function quote(token: string): string {
  const chars = [...token];
  return `“${chars.length > 30 ? `${chars.slice(0, 30).join("")}…` : token}”`;
}

function fixedOffsetProblem(token: string): string {
  return `${quote(token)} is a fixed offset, which would drift an hour when summer time starts or ends: use an IANA name such as Europe/Paris or America/New_York, or UTC.`;
}

/**
 * A word of a zone name with its case fixed: `new` → `New`, `KOLKATA` → `Kolkata`. A word typed
 * in mixed case (`ComodRivadavia`) or a short all-capitals one (`US`) is kept as typed.
 */
function fixWordCase(word: string): string {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (word !== lower && (word !== upper || word.length <= 2)) return word;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * The zone as the user wrote it, with its case fixed (`asia/kolkata` → `Asia/Kolkata`, not the
 * runtime's canonical alias `Asia/Calcutta`), given the runtime's `resolved` name for it.
 */
function zoneAsWritten(token: string, resolved: string): string {
  // Just a case variant of the runtime's own name: that name is the exact spelling.
  if (token.toLowerCase() === resolved.toLowerCase()) return resolved;
  const fixed = token
    .split("/")
    .map((segment) =>
      segment
        .split(/([_-])/)
        .map((w) => (w === "_" || w === "-" ? w : fixWordCase(w)))
        .join(""),
    )
    .join("/");
  // Only a name the runtime knows as the same zone; otherwise its own name.
  return canonicalTimeZone(fixed) === resolved ? fixed : resolved;
}

/** ISO weekday for `mon`, `Monday`, `tues`, `th`…; `undefined` when not exactly one day. */
export function parseDay(token: string): number | undefined {
  const word = token.toLowerCase().replace(/[.,]$/, "");
  if (word.length < 2 || !/^[a-z]+$/.test(word)) return undefined;
  const matches = DAY_NAMES.flatMap((name, i) =>
    name.toLowerCase().startsWith(word) ? [i + 1] : [],
  );
  return matches.length === 1 ? matches[0] : undefined;
}

const TIME = /^(\d{1,2}):(\d{2})$/;

export function parseScheduleArgs(args: readonly string[]): ScheduleArgs {
  let day: number | undefined;
  let time: { hour: number; minute: number } | undefined;
  let timezone: string | undefined;
  const tokens = args.map((a) => a.trim()).filter(Boolean);
  if (tokens.length > 3) {
    return {
      ok: false,
      problem: `subscribe takes at most a day, a time and a timezone; got ${tokens.length} words. ${EXAMPLE}`,
    };
  }
  for (const token of tokens) {
    const d = parseDay(token);
    if (d !== undefined) {
      if (day !== undefined) {
        return {
          ok: false,
          problem: `Two days given (${DAY_NAMES[day - 1]} and ${DAY_NAMES[d - 1]}): a channel gets one briefing a week, so give one day. ${EXAMPLE}`,
        };
      }
      day = d;
      continue;
    }
    if (/^\d/.test(token)) {
      const m = TIME.exec(token);
      const hour = Number(m?.[1]);
      const minute = Number(m?.[2]);
      if (!m || hour > 23 || minute > 59) {
        return {
          ok: false,
          problem: `${quote(token)} is not a time: use 24-hour HH:MM, from 00:00 to 23:59 (e.g. 09:00 or 16:30).`,
        };
      }
      if (time !== undefined) {
        return { ok: false, problem: `Two times given: give one, as HH:MM. ${EXAMPLE}` };
      }
      time = { hour, minute };
      continue;
    }
    // Abbreviations such as EST or CET name a fixed offset (ICU maps EST to Panama, with no
    // summer time), which is never what someone in New York means; only UTC/GMT are taken as is.
    const upper = token.toUpperCase();
    const resolved =
      token.includes("/") || upper === "UTC" || upper === "GMT"
        ? canonicalTimeZone(token)
        : undefined;
    if (!resolved && /^(?:[+-]|(?:UTC|GMT)[+-])/i.test(token)) {
      return { ok: false, problem: fixedOffsetProblem(token) };
    }
    // `Etc/GMT+5` and the like are fixed offsets too (with the sign reversed: UTC−5); only the
    // plain-UTC names (`Etc/UTC`, `Etc/GMT`…) are taken, as UTC.
    if (resolved && resolved !== "UTC" && (/^etc\//i.test(token) || resolved.startsWith("Etc/"))) {
      return { ok: false, problem: fixedOffsetProblem(token) };
    }
    const zone = resolved === "UTC" ? "UTC" : resolved && zoneAsWritten(token, resolved);
    if (!zone) {
      const looksLikeZone = token.includes("/") || /^[A-Z]{2,5}$/.test(token);
      return {
        ok: false,
        problem: looksLikeZone
          ? `${quote(token)} is not a timezone I know: use an IANA name such as Europe/London, America/New_York or Asia/Tokyo, or UTC.`
          : `${quote(token)} is not a day, a time or a timezone: days are mon … sun, times are 24-hour HH:MM, timezones are IANA names such as Europe/London or UTC.`,
      };
    }
    if (timezone !== undefined) {
      return { ok: false, problem: `Two timezones given: give one. ${EXAMPLE}` };
    }
    timezone = zone;
  }
  const defaulted: ("day" | "time" | "timezone")[] = [];
  if (day === undefined) defaulted.push("day");
  if (time === undefined) defaulted.push("time");
  if (timezone === undefined) defaulted.push("timezone");
  return {
    ok: true,
    schedule: {
      day: day ?? DEFAULT_SCHEDULE.day,
      hour: time?.hour ?? DEFAULT_SCHEDULE.hour,
      minute: time?.minute ?? DEFAULT_SCHEDULE.minute,
      timezone: timezone ?? DEFAULT_SCHEDULE.timezone,
    },
    defaulted,
  };
}
