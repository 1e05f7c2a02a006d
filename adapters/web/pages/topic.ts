/** `/topics/<id>`: the overview, the key facts first, then the rest, every side of a dispute together. */
import type { KnowledgeBase, Topic } from "../../../src/index.ts";
import { factList } from "../fact-view.ts";
import { type Html, html } from "../html.ts";
import { page } from "../layout.ts";

export function topicPage(kb: KnowledgeBase, topic: Topic): Html {
  const facts = kb.factsByTopic.get(topic.id) ?? [];
  const key = facts.filter((f) => f.key);
  const rest = facts.filter((f) => !f.key);
  const shown = new Set<string>();
  const keyHtml = factList(kb, key, shown);
  const restHtml = factList(kb, rest, shown);
  return page({
    title: topic.title,
    body: html`<p class="meta"><a href="/">Topics</a> ›</p>
<h1>${topic.title}</h1>
<p class="lede">${topic.overview}</p>
<p class="meta">${facts.length} facts. <a href="/timeline">Timeline of dated events</a></p>
${key.length > 0 ? html`<h2>Key facts</h2>${keyHtml}` : ""}
${rest.length > 0 ? html`<h2>${key.length > 0 ? "More facts" : "Facts"}</h2>${restHtml}` : ""}`,
  });
}
