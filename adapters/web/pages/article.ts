/** `/articles/<id>`: what we know of the article, and the facts it supports, topic by topic. */
import { type Fact, type KnowledgeBase, type Source, shownDay } from "../../../src/index.ts";
import { factCard } from "../fact-view.ts";
import { type Html, html, path } from "../html.ts";
import { page, SITE_NAME } from "../layout.ts";

function details(source: Source): Html {
  const rows: [string, string][] = [];
  if (source.author) rows.push(["Author", source.author]);
  if (source.outlet) rows.push(["Outlet", source.outlet]);
  rows.push(["Published", source.published ? shownDay(source.published) : "No date printed"]);
  if (source.dating) rows.push(["Dating", source.dating]);
  if (source.retells?.length) rows.push(["Retells", source.retells.join("; ")]);
  if (source.notes) rows.push(["Notes", source.notes]);
  return html`<dl class="facts-of">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function articlePage(kb: KnowledgeBase, source: Source): Html {
  const facts = kb.factsBySource.get(source.id) ?? [];
  const byTopic = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = byTopic.get(f.topicId);
    if (list) list.push(f);
    else byTopic.set(f.topicId, [f]);
  }
  // Topics in the base's display order.
  const groups = [...kb.topics.values()].flatMap((t) => {
    const list = byTopic.get(t.id);
    return list ? [{ topic: t, facts: list }] : [];
  });
  return page({
    title: source.label,
    body: html`<p class="meta"><a href="/">${SITE_NAME}</a> › Article</p>
<h1>${source.title}</h1>
${details(source)}
<h2>What it supports (${facts.length} facts)</h2>
<p class="meta">${groups.map(
      (g, i) =>
        html`${i > 0 ? " · " : ""}<a href="#topic-${g.topic.id}">${g.topic.title}</a> (${g.facts.length})`,
    )}</p>
${groups.map(
  (
    g,
  ) => html`<h3 id="topic-${g.topic.id}"><a href="${path("/topics", g.topic.id)}">${g.topic.title}</a></h3>
${g.facts.map((f) => factCard(kb, f))}`,
)}`,
  });
}
