/**
 * Wall-clock time in IANA timezones with nothing but `Intl.DateTimeFormat`: the runtime's ICU
 * data already knows every zone's history, so no timezone library is needed.
 */

/** A calendar date and a time of day on a wall clock; `weekday` is ISO (1 = Monday … 7 = Sunday). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** A calendar date without a zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // `hourCycle: "h23"` because `hour12: false` prints midnight as "24" on some ICU versions.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The canonical name of an IANA timezone (`europe/london` → `Europe/London`, `utc` → `UTC`), or
 * `undefined` when the runtime does not know it. Fixed offsets such as `+01:00` are refused: a
 * schedule in one would silently drift by an hour twice a year.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed || /^[+-]/.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** `1/5/2026, 09:00` as en-US prints it; parsing the string beats `formatToParts` by ~3x. */
const EN_US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2})$/;

/** What a wall clock in `timeZone` shows at `instant` (to the minute). */
export function localParts(instant: Date, timeZone: string): LocalDateTime {
  const f = formatter(timeZone);
  const m = EN_US.exec(f.format(instant));
  if (m) {
    const date = { year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) };
    return { ...date, hour: Number(m[4]), minute: Number(m[5]), weekday: weekdayOf(date) };
  }
  // Years before 1000 or after 9999, or an ICU that prints differently: the slow, sure way.
  const parts = f.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const date = { year: get("year"), month: get("month"), day: get("day") };
  return { ...date, hour: get("hour"), minute: get("minute"), weekday: weekdayOf(date) };
}

/** The wall-clock reading as if it were UTC, in ms: the arithmetic helper for offsets. */
function wallMs(l: Omit<LocalDateTime, "weekday">): number {
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
}

/** The zone's offset from UTC at `instantMs`, in ms (positive east of Greenwich). */
function offsetAt(instantMs: number, timeZone: string): number {
  const floored = Math.floor(instantMs / MINUTE) * MINUTE;
  return wallMs(localParts(new Date(floored), timeZone)) - floored;
}

/**
 * The instant a wall clock in `timeZone` shows `local`. Where DST makes that reading ambiguous
 * (the repeated hour in autumn), the earlier instant; where it does not exist (the hour skipped
 * in spring), the first minute after the gap, e.g. 02:30 on a spring-forward night in New York
 * gives 03:00.
 */
export function instantOf(
  local: LocalDate & { hour: number; minute: number },
  timeZone: string,
): Date {
  const wall = wallMs(local);
  // Offsets a day either side cover any single transition near this reading.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => wallMs(localParts(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return new Date(valid[0]);

  // A gap: the clock jumped over this reading. Find the transition, minute by minute, by bisection
  // between the reading read with the new offset (before the jump) and with the old (after it).
  let lo = wall - after;
  let hi = wall - before;
  if (lo > hi) [lo, hi] = [hi, lo];
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(localParts(new Date(mid), timeZone)) > wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
