/**
 * Reply → plain text, for the console chat and the CLI. Pure. No markup: what the user typed is
 * already quoted safely by the core, and a terminal pings nobody.
 */
import type { Reply, ReplyLine } from "../core/reply.ts";

const STATUS_MARK: Record<NonNullable<ReplyLine["status"]>, string> = {
  disputed: " [disputed]",
  superseded: " [no longer so]",
};

function renderLine(line: ReplyLine): string[] {
  const when = line.when ? `${line.when}: ` : "";
  const status = line.status ? STATUS_MARK[line.status] : "";
  const sources = line.sources.length ? `${line.sources.map((s) => s.label).join("; ")}` : "";
  if (line.role === "counterpoint") {
    const out = [`    ↔ ${line.relation ?? "Other side"}: ${when}${line.text}`];
    if (sources) out.push(`      Sources: ${sources}`);
    if (line.note) out.push(`      How they differ: ${line.note}`);
    return out;
  }
  const bullet = line.role === "fact" ? "•" : "-";
  const out = [`  ${bullet} ${when}${line.text}${status}`];
  if (sources && line.role === "fact") out.push(`      Sources: ${sources}`);
  return out;
}

export function renderPlainText(reply: Reply): string {
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
    out.push("", `Try: ${reply.suggestions.map((s) => `/partnership ${s}`).join(" · ")}`);
  }
  if (reply.footer) out.push("", reply.footer);
  return out.join("\n");
}
