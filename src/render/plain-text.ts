/**
 * Reply → plain text, for the console chat and the CLI. Pure. No markup: what the user typed is
 * already quoted safely by the core, and a terminal pings nobody.
 */
import type { CommandRef, Placeholder, Prose, Reply, ReplyLine } from "../reply/reply.ts";

/** `<topic>`, or `[day]` when it may be left out. */
export function placeholderText(value: string | Placeholder): string {
  if (typeof value === "string") return value;
  return value.optional ? `[${value.placeholder}]` : `<${value.placeholder}>`;
}

/**
 * A command as typed at the console or after `npm run cli --`: `timeline stargate`,
 * `subscribe [day] [HH:MM] [timezone]`; a question is just its words (`stargate`).
 */
export function plainCommand(ref: CommandRef): string {
  const values = Object.values(ref.args ?? {}).map(placeholderText);
  return (ref.command === "ask" ? values : [ref.command, ...values]).join(" ");
}

/** Prose with its commands written by `write` (plain text by default). */
export function proseText(prose: Prose, write: (ref: CommandRef) => string = plainCommand): string {
  return prose.map((part) => (typeof part === "string" ? part : write(part))).join("");
}

/** Marked on every side of a dispute, so a reader of any one side knows. */
const STATUS_MARK: Record<NonNullable<ReplyLine["status"]>, string> = {
  disputed: " [disputed]",
  superseded: " [no longer so]",
};

/** Each source's quote, where the reply carries the evidence: the article's words, quoted. */
function quoteLines(line: ReplyLine): string[] {
  return line.sources.flatMap((s) => (s.quote ? [`        ${s.label}: “${s.quote}”`] : []));
}

function renderLine(line: ReplyLine): string[] {
  const when = line.when ? `${line.when}: ` : "";
  const status = line.status ? STATUS_MARK[line.status] : "";
  const sources = line.sources.length ? `${line.sources.map((s) => s.label).join("; ")}` : "";
  if (line.role === "counterpoint") {
    const out = [`    ↔ ${line.relation ?? "Other side"}: ${when}${line.text}${status}`];
    if (sources) out.push(`      Sources: ${sources}`, ...quoteLines(line));
    if (line.note) out.push(`      How they differ: ${line.note}`);
    return out;
  }
  const bullet = line.role === "fact" ? "•" : "-";
  const lead = line.command ? plainCommand(line.command) : "";
  const text = [lead, `${when}${line.text}${status}`].filter(Boolean).join(": ");
  const example = line.example
    ? `${text ? " Example: " : "Example: "}${plainCommand(line.example)}`
    : "";
  // A terminal shows the address itself: there is no markup to hide it behind, nor to escape.
  const link = line.link ? `${text || example ? " · " : ""}${line.link.url}` : "";
  const out = [`  ${bullet} ${text}${example}${link}`];
  if (sources && line.role === "fact") out.push(`      Sources: ${sources}`, ...quoteLines(line));
  return out;
}

export interface PlainTextOptions {
  /** Wrap lines at this many columns (a terminal's width), keeping each line's indent. */
  width?: number;
}

/** Word-wraps one line; continuation lines keep the indent of the text after its bullet. */
function wrap(line: string, width: number): string[] {
  if ([...line].length <= width) return [line];
  const lead = /^(\s*(?:[•↔-] )?(?:[A-Z][a-z]+(?: side)?: )?)/.exec(line)?.[1] ?? "";
  const hang = " ".repeat(Math.min([...lead].length, Math.floor(width / 3)));
  const out: string[] = [];
  let current = "";
  for (const word of line.slice(lead.length).split(" ")) {
    const prefix = out.length === 0 ? lead : hang;
    if (current && [...prefix].length + [...current].length + 1 + [...word].length > width) {
      out.push(prefix + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push((out.length === 0 ? lead : hang) + current);
  return out;
}

export function renderPlainText(reply: Reply, options: PlainTextOptions = {}): string {
  const text = render(reply);
  const width = options.width;
  if (!width || width < 30) return text;
  return text
    .split("\n")
    .flatMap((l) => wrap(l, width))
    .join("\n");
}

function render(reply: Reply): string {
  const out: string[] = [reply.title];
  if (reply.intro) out.push(reply.intro);
  for (const section of reply.sections) {
    if (section.lines.length === 0) continue;
    out.push("");
    if (section.heading) out.push(`${section.heading}:`);
    for (const line of section.lines) out.push(...renderLine(line));
  }
  const statesFacts = reply.sections.some((s) => s.lines.some((l) => l.role !== "info"));
  if (statesFacts && reply.citations.length > 0) {
    out.push("", "Articles cited:");
    for (const s of reply.citations) out.push(`  ${s.label}: ${s.title}`);
  }
  if (reply.suggestions?.length) {
    out.push("", `Try: ${reply.suggestions.map(plainCommand).join(" · ")}`);
  }
  if (reply.footer?.length) out.push("", proseText(reply.footer));
  return out.join("\n");
}
