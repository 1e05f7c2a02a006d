/**
 * Reply → HTML, for `/search`: the chat's answer as a page. Pure. Every command hint the reply
 * carries (`suggestions`, a line's `more`) becomes a link to the search page with that command, the
 * web's way of writing a command.
 *
 * MERGE NOTE (lead): the only file that reads the core's `Reply` shape. With structured hints
 * (`{ command, args }`), change `commandText` below to write one as the chat would take it.
 */
import type { Reply, ReplyLine, SourceRef } from "../../src/index.ts";
import { type Html, html, path, searchHref } from "./html.ts";

const STATUS: Record<NonNullable<ReplyLine["status"]>, string> = {
  disputed: "disputed",
  superseded: "no longer so",
};

/** A command hint as text the chat (and so `/search?q=`) takes. */
function commandText(hint: string): string {
  return hint;
}

function commandLink(hint: string): Html {
  const text = commandText(hint);
  return html`<a href="${searchHref(text)}">${text}</a>`;
}

function sources(list: readonly SourceRef[]): Html {
  return html`${list.map((s, i) => html`${i > 0 ? "; " : ""}<a href="${path("/articles", s.id)}">${s.label}</a>`)}`;
}

function line(l: ReplyLine): Html {
  const when = l.when ? html`<span class="when">${l.when}:</span> ` : "";
  // A fact links to its page; another line with a command behind it (a topic) links to that.
  const text = l.factId
    ? html`<a href="${path("/facts", l.factId)}">${l.text}</a>`
    : l.more
      ? html`<a href="${searchHref(commandText(l.more))}">${l.text}</a>`
      : l.text;
  const badge = l.status ? html` <span class="badge ${l.status}">${STATUS[l.status]}</span>` : "";
  const relation =
    l.role === "counterpoint" ? html`<strong>${l.relation ?? "Other side"}:</strong> ` : "";
  const cites =
    l.sources.length > 0
      ? html`<br><span class="muted">Articles: ${sources(l.sources)}</span>`
      : "";
  const note = l.note ? html`<br><span class="muted">How they differ: ${l.note}</span>` : "";
  const more =
    l.more && l.factId ? html` <span class="muted">(more: ${commandLink(l.more)})</span>` : "";
  return html`<li class="${l.role}${l.status ? ` ${l.status}` : ""}">${relation}${when}${text}${badge}${more}${cites}${note}</li>`;
}

export function renderReply(reply: Reply): Html {
  const statesFacts = reply.sections.some((s) => s.lines.some((l) => l.role !== "info"));
  return html`<section class="reply kind-${reply.kind}">
<h2>${reply.title}</h2>
${reply.intro ? html`<p class="intro">${reply.intro}</p>` : ""}
${reply.sections
  .filter((s) => s.lines.length > 0)
  .map((s) => html`${s.heading ? html`<h3>${s.heading}</h3>` : ""}<ul>${s.lines.map(line)}</ul>`)}
${
  statesFacts && reply.citations.length > 0
    ? html`<h3>Articles cited</h3><ul>${reply.citations.map(
        (s) => html`<li><a href="${path("/articles", s.id)}">${s.title}</a></li>`,
      )}</ul>`
    : ""
}
${reply.suggestions?.length ? html`<p class="hints">Try: ${reply.suggestions.map(commandLink)}</p>` : ""}
${reply.footer ? html`<p class="muted">${reply.footer}</p>` : ""}
</section>`;
}
