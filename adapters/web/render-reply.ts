/**
 * Reply → HTML, for `/search`: the chat's answer as a page. Pure. Every command hint the reply
 * carries (`suggestions`, a line's `more`) becomes a link to the search page with that command, the
 * web's way of writing a command.
 * A command with a placeholder still in it (`timeline <topic>`) is shown as text: there is nothing
 * to search until someone fills it in.
 */
import {
  type CommandRef,
  type Prose,
  plainCommand,
  type Reply,
  type ReplyLine,
  type SourceRef,
} from "../../src/index.ts";
import { type Html, html, path, searchHref } from "./html.ts";

const STATUS: Record<NonNullable<ReplyLine["status"]>, string> = {
  disputed: "disputed",
  superseded: "no longer so",
};

const hasPlaceholder = (ref: CommandRef): boolean =>
  Object.values(ref.args ?? {}).some((value) => typeof value !== "string");

function commandLink(ref: CommandRef): Html {
  const text = plainCommand(ref);
  return hasPlaceholder(ref)
    ? html`<code>${text}</code>`
    : html`<a href="${searchHref(text)}">${text}</a>`;
}

function prose(parts: Prose): Html {
  return html`${parts.map((part) => (typeof part === "string" ? part : commandLink(part)))}`;
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
      ? html`<a href="${searchHref(plainCommand(l.more))}">${l.text}</a>`
      : l.text;
  const badge = l.status ? html` <span class="badge ${l.status}">${STATUS[l.status]}</span>` : "";
  const relation =
    l.role === "counterpoint" ? html`<strong>${l.relation ?? "Other side"}:</strong> ` : "";
  const cites =
    l.sources.length > 0
      ? html`<br><span class="muted">Articles: ${sources(l.sources)}</span>`
      : "";
  const note = l.note ? html`<br><span class="muted">How they differ: ${l.note}</span>` : "";
  // An article's own address: a link out of the briefing, which tells the site nothing of ours.
  const out = l.link
    ? html` · <a href="${l.link.url}" rel="noopener noreferrer nofollow">${l.link.text}</a>`
    : "";
  const more =
    l.more && l.factId ? html` <span class="muted">(more: ${commandLink(l.more)})</span>` : "";
  return html`<li class="${l.role}${l.status ? ` ${l.status}` : ""}">${relation}${when}${text}${badge}${more}${out}${cites}${note}</li>`;
}

export function renderReply(reply: Reply): Html {
  const statesFacts = reply.sections.some((s) => s.lines.some((l) => l.role !== "info"));
  return html`<section class="reply kind-${reply.kind}">
<h2>${reply.topicId ? html`<a href="${path("/topics", reply.topicId)}">${reply.title}</a>` : reply.title}</h2>
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
${reply.suggestions?.length ? html`<p class="hints">Try: ${reply.suggestions.map((ref, i) => html`${i > 0 ? " · " : ""}${commandLink(ref)}`)}</p>` : ""}
${reply.footer ? html`<p class="muted">${prose(reply.footer)}</p>` : ""}
</section>`;
}
