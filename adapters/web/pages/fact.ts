/** `/facts/<id>`: the fact, when, each article with its quote, and every other side. */
import { counterpartsOf, type Fact, type KnowledgeBase } from "../../../src/index.ts";
import { citationsOf } from "../citations.ts";
import { factCard, STATUS_LABEL, statusBadge, whenLabel } from "../fact-view.ts";
import { type Html, html, path } from "../html.ts";
import { page } from "../layout.ts";

function articles(kb: KnowledgeBase, fact: Fact): Html {
  return html`<ul class="plain">${citationsOf(fact).map(({ sourceId, quote }) => {
    const source = kb.sources.get(sourceId);
    return html`<li class="citation"><a href="${path("/articles", sourceId)}">${source?.title ?? sourceId}</a>${
      quote ? html`<blockquote>${quote}</blockquote>` : ""
    }</li>`;
  })}</ul>`;
}

export function factPage(kb: KnowledgeBase, fact: Fact): Html {
  const when = whenLabel(fact);
  const others = counterpartsOf(kb, fact);
  const notes = [...new Set(others.flatMap((o) => (o.note ? [o.note] : [])))];
  const topics = fact.topicIds.flatMap((id) => {
    const t = kb.topics.get(id);
    return t ? [t] : [];
  });
  const people = fact.entities.map((id) => kb.entities.get(id)?.name ?? id);
  return page({
    title: fact.text.length > 70 ? `${fact.text.slice(0, 69)}…` : fact.text,
    body: html`<p class="meta">${topics.map((t, i) => html`${i > 0 ? " · " : ""}<a href="${path("/topics", t.id)}">${t.title}</a>`)} ›</p>
<h1 class="fact-text">${fact.text}${statusBadge(fact)}</h1>
<dl class="facts-of">
<dt>When</dt><dd>${when ?? "The articles give no date"}${fact.whenNote ? html` <span class="muted">(${fact.whenNote})</span>` : ""}</dd>
${people.length > 0 ? html`<dt>Involves</dt><dd>${people.join(", ")}</dd>` : ""}
<dt>Status</dt><dd>${fact.status === "current" ? "Reported, not contradicted by another article" : STATUS_LABEL[fact.status]}</dd>
</dl>
<h2>Articles</h2>
${articles(kb, fact)}
${
  others.length > 0
    ? html`<h2>${others.some((o) => o.relation === "Other side") ? "The other side" : "Earlier and later"}</h2>
${others.map((o) => factCard(kb, o.fact, o.relation))}
${notes.map((n) => html`<p><strong>How they differ:</strong> ${n}</p>`)}`
    : ""
}
<p class="meta">Permalink: <a href="${path("/facts", fact.id)}">${path("/facts", fact.id)}</a></p>`,
  });
}
