/**
 * The shorthand people type for amounts and dates, written out as the articles write them:
 * "500b", "$500bn" and "500 bn" become "500 billion", "$650m" becomes "650 million", "jan 2025"
 * becomes "january 2025". Only the form changes: no figure is converted or derived.
 */

const UNITS: Record<string, string> = {
  k: "thousand",
  m: "million",
  mn: "million",
  mm: "million",
  mil: "million",
  b: "billion",
  bn: "billion",
  bil: "billion",
  t: "trillion",
  tn: "trillion",
};

const MONTHS: Record<string, string> = {
  jan: "january",
  feb: "february",
  mar: "march",
  apr: "april",
  jun: "june",
  jul: "july",
  aug: "august",
  sep: "september",
  sept: "september",
  oct: "october",
  nov: "november",
  dec: "december",
};

/** What any shorthand needs: a digit, a dollar sign or a month's short name. */
const MAYBE_SHORTHAND = /[\d$]|\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/;

/** An amount run together with its unit: "500b", "$13bn", "650m". */
const AMOUNT = /^(\d+)(k|m|mn|mm|mil|b|bn|bil|t|tn)$/;

/**
 * A normalised query with its shorthand amounts and months written out, and without dollar signs
 * (the indexes leave them out too: "$500" and "500" are the same figure).
 */
export function expandShorthand(normalized: string): string {
  // Most questions have none: one test instead of a pass over every word.
  if (!MAYBE_SHORTHAND.test(normalized)) return normalized;
  const words = normalized
    .replace(/\$/g, "")
    .split(" ")
    .filter((w) => w);
  const out: string[] = [];
  words.forEach((word, i) => {
    const amount = AMOUNT.exec(word);
    if (amount?.[1] && amount[2]) {
      out.push(amount[1], UNITS[amount[2]] ?? amount[2]);
      return;
    }
    // A unit on its own counts only after a number ("500 bn"); "m" and "b" alone are too vague.
    const previous = words[i - 1] ?? "";
    if (/^\d+$/.test(previous) && (word === "bn" || word === "mn" || word === "tn")) {
      out.push(UNITS[word] ?? word);
      return;
    }
    out.push(MONTHS[word] ?? word);
  });
  return out.join(" ");
}
