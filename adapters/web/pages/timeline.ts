/**
 * `/timeline`: every dated event drawn on a time axis, and the same events as a list of links.
 * An event with another side (a dispute, an earlier or later state) shows that side beside it,
 * dated or not, with how they differ, as the chat's timeline does.
 */
import { counterpartsOf, type Fact, type KnowledgeBase } from "../../../src/index.ts";
import { articleLinks, STATUS_LABEL, statusBadge, whenLabel } from "../fact-view.ts";
import { type Html, html, path } from "../html.ts";
import { page, SITE_NAME } from "../layout.ts";
import { timelineEvents, timelineSvg } from "../timeline-svg.ts";

/** The other sides of an event, each linked to its fact, then the note on how they differ. */
function otherSides(kb: KnowledgeBase, fact: Fact): Html {
  const others = counterpartsOf(kb, fact);
  if (others.length === 0) return html``;
  const notes = [...new Set(others.flatMap((o) => (o.note ? [o.note] : [])))];
  return html`<ul class="plain other-sides">${others.map(({ fact: other, relation }) => {
    const when = whenLabel(other);
    return html`<li><span class="side-label">${relation}:</span> ${when ? html`<strong>${when}</strong>: ` : ""}<a href="${path("/facts", other.id)}">${other.text}</a>${statusBadge(other)}<br><span class="muted">Articles: ${articleLinks(kb, other)}</span></li>`;
  })}${notes.map((n) => html`<li class="note"><strong>How they differ:</strong> ${n}</li>`)}</ul>`;
}

export function timelinePage(kb: KnowledgeBase): Html {
  const events = timelineEvents(kb.facts.values());
  const undated = kb.facts.size - events.length;
  return page({
    title: "Timeline",
    body: html`<p class="meta"><a href="/">${SITE_NAME}</a> › Timeline</p>
<h1>Timeline</h1>
<p class="lede">${events.length} dated events, as precisely as the articles date them: a mark spans the year, season or month it is dated to. ${undated} facts carry no date in the articles and appear on their topic pages only, or here beside the dated event they dispute.</p>
<p class="legend"><span><span class="num">1</span> reported</span><span><span class="num disputed">2</span> disputed by another article</span><span><span class="num superseded">3</span> no longer so</span></p>
<figure class="timeline-figure">${timelineSvg(events)}</figure>
<h2>The events</h2>
<ol class="plain events">${events.map(
      ({ n, fact }) => html`<li id="event-${n}"><span class="num ${fact.status}">${n}</span><div>
<strong>${fact.whenParsed.label}</strong>: <a href="${path("/facts", fact.id)}">${fact.text}</a>${
        fact.status === "current"
          ? ""
          : html` <span class="badge ${fact.status}">${STATUS_LABEL[fact.status]}</span>`
      }<br><span class="muted">Articles: ${articleLinks(kb, fact)}</span>${otherSides(kb, fact)}</div></li>`,
    )}</ol>`,
  });
}
