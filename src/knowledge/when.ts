import { MONTHS, pad } from "../time/week.ts";
import { WHEN_PATTERN } from "./schema.ts";

export type WhenPrecision = "day" | "month" | "part-of-year" | "year" | "unknown";

/** A fact's date, parsed once at load. */
export interface When {
  raw: string;
  precision: WhenPrecision;
  /** Sorts chronologically; `Infinity` for unknown. A year sorts before its months (it is less precise). */
  sortKey: number;
  /** As shown to people: "21 Jan 2025", "Jan 2025", "late 2023", "2019", "date unknown". */
  label: string;
  /** First and last day the date could mean (UTC, YYYY-MM-DD), for filters; absent when unknown. */
  range?: { from: string; to: string };
}

/** Where each part of a year starts and ends (month numbers), and where it sorts. */
const PARTS: Record<string, { from: number; to: number; sort: number }> = {
  early: { from: 1, to: 4, sort: 2 },
  spring: { from: 3, to: 5, sort: 4 },
  mid: { from: 5, to: 8, sort: 6 },
  summer: { from: 6, to: 8, sort: 7 },
  autumn: { from: 9, to: 11, sort: 10 },
  late: { from: 9, to: 12, sort: 11 },
};

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function parseWhen(raw: string): When {
  if (!WHEN_PATTERN.test(raw)) throw new Error(`not a valid date: ${raw}`);
  if (raw === "unknown") {
    return { raw, precision: "unknown", sortKey: Number.POSITIVE_INFINITY, label: "date unknown" };
  }
  const part = /^([a-z]+) (\d{4})$/.exec(raw);
  if (part) {
    const [, name = "", y = ""] = part;
    const year = Number(y);
    const p = PARTS[name];
    if (!p) throw new Error(`not a valid part of the year: ${name}`);
    return {
      raw,
      precision: "part-of-year",
      sortKey: year * 10_000 + p.sort * 100,
      label: raw,
      range: {
        from: `${year}-${pad(p.from)}-01`,
        to: `${year}-${pad(p.to)}-${pad(lastDay(year, p.to))}`,
      },
    };
  }
  const [y = "", m, d] = raw.split("-");
  const year = Number(y);
  if (m === undefined) {
    return {
      raw,
      precision: "year",
      sortKey: year * 10_000,
      label: y,
      range: { from: `${year}-01-01`, to: `${year}-12-31` },
    };
  }
  const month = Number(m);
  const monthName = MONTHS[month - 1] ?? m;
  if (d === undefined) {
    return {
      raw,
      precision: "month",
      sortKey: year * 10_000 + month * 100,
      label: `${monthName} ${year}`,
      range: { from: `${year}-${m}-01`, to: `${year}-${m}-${pad(lastDay(year, month))}` },
    };
  }
  return {
    raw,
    precision: "day",
    sortKey: year * 10_000 + month * 100 + Number(d),
    label: `${Number(d)} ${monthName} ${year}`,
    range: { from: raw, to: raw },
  };
}
