/**
 * Week keys: `2026-W03`, the ISO week (Monday to Sunday) that holds a digest's slot on the
 * subscription's own wall clock. One digest per (subscription, week key) is what "never twice"
 * means, so the key must not depend on where the server runs.
 */
import { addDays, type LocalDate, weekdayOf } from "./zoned-time.ts";

const DAY = 86_400_000;
/** Month abbreviations, January first, as every date the bot prints uses them. */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** Two digits: `9` → `09`. */
export const pad = (n: number) => String(n).padStart(2, "0");

/** The ISO week key of a calendar date, e.g. 2026-01-01 → `2026-W01`, 2027-01-01 → `2026-W53`. */
export function weekKeyOf(date: LocalDate): string {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - weekdayOf(date));
  const firstOfYear = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - firstOfYear) / DAY;
  return `${thursday.year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The Monday that starts a week key; `undefined` for a string that is not one. */
export function mondayOfWeek(week: string): LocalDate | undefined {
  const m = WEEK_KEY.exec(week);
  if (!m) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  // 4 January is always in week 1.
  const jan4: LocalDate = { year, month: 1, day: 4 };
  const monday = addDays(addDays(jan4, 1 - weekdayOf(jan4)), (n - 1) * 7);
  if (n < 1 || weekKeyOf(monday) !== week) return undefined;
  return monday;
}

/** The Monday of the week that holds `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** `12 Jan 2026`. */
export function formatDate(date: LocalDate): string {
  return `${date.day} ${MONTHS[date.month - 1] ?? date.month} ${date.year}`;
}

/**
 * A `YYYY-MM-DD` day as people read it, `12 Jan 2026`, the way every reply and page shows a day;
 * anything else is returned as it is.
 */
export function shownDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return formatDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

/** `2026-01-12`. */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The calendar date of an instant in UTC. */
export function utcDate(instant: Date): LocalDate {
  return {
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  };
}
