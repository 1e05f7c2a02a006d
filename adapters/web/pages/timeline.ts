/** `/timeline`: every dated event drawn on a time axis, and the same events as a list of links. */
import type { KnowledgeBase } from "../../../src/index.ts";
import { articleLinks, STATUS_LABEL } from "../fact-view.ts";
import { type Html, html, path } from "../html.ts";
import { page } from "../layout.ts";
import { timelineEvents, timelineSvg } from "../timeline-svg.ts";

export function timelinePage(kb: KnowledgeBase): Html {
  const events = timelineEvents(kb.facts.values());
  const undated = kb.facts.size - events.length;
  return page({
    title: "Timeline",
    body: html`<p class="meta"><a href="/">Topics</a> ›</p>
<h1>Timeline</h1>
<p class="lede">${events.length} dated events, as precisely as the articles date them: a mark spans the year, season or month it is dated to. ${undated} facts carry no date in the articles and appear on their topic pages only.</p>
<p class="legend"><span><span class="num">1</span> reported</span><span><span class="num disputed">2</span> disputed by another article</span><span><span class="num superseded">3</span> no longer so</span></p>
<figure class="timeline-figure">${timelineSvg(events)}</figure>
<h2>The events</h2>
<ol class="plain events">${events.map(
      ({ n, fact }) => html`<li id="event-${n}"><span class="num ${fact.status}">${n}</span><div>
<strong>${fact.whenParsed.label}</strong>: <a href="${path("/facts", fact.id)}">${fact.text}</a>${
        fact.status === "current"
          ? ""
          : html` <span class="badge ${fact.status}">${STATUS_LABEL[fact.status]}</span>`
      }<br><span class="muted">Articles: ${articleLinks(kb, fact)}</span></div></li>`,
    )}</ol>`,
  });
}
