/** `/`: the state of play (the first topic, the at-a-glance one, and its key facts) and every topic. */
import type { KnowledgeBase, Topic } from "../../../src/index.ts";
import { factList } from "../fact-view.ts";
import { type Html, html, path } from "../html.ts";
import { page } from "../layout.ts";

function firstSentence(text: string): string {
  return (/^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text).trim();
}

function topicLine(kb: KnowledgeBase, topic: Topic): Html {
  const count = kb.factsByTopic.get(topic.id)?.length ?? 0;
  return html`<li><a href="${path("/topics", topic.id)}">${topic.title}</a> <span class="muted">(${count} facts)</span><br>${firstSentence(topic.overview)}</li>`;
}

export function homePage(kb: KnowledgeBase): Html {
  const topics = [...kb.topics.values()];
  const [glance] = topics;
  const keyFacts = glance ? (kb.factsByTopic.get(glance.id) ?? []).filter((f) => f.key) : [];
  const { facts, sources, disputed } = kb.stats;
  return page({
    title: "The Microsoft–OpenAI partnership",
    body: html`<h1>The Microsoft–OpenAI partnership</h1>
<p class="meta">${facts} facts from ${sources} articles, ${disputed} of them disputed by another article. <a href="#topics">All ${topics.length} topics</a> · <a href="/timeline">Timeline</a></p>
${
  glance
    ? html`<section aria-labelledby="state">
<h2 id="state">State of play</h2>
<p class="lede">${glance.overview}</p>
${factList(kb, keyFacts)}
<p><a href="${path("/topics", glance.id)}">All of ${glance.title.toLowerCase()}</a></p>
</section>`
    : ""
}
<section aria-labelledby="topics">
<h2 id="topics">Topics (${topics.length})</h2>
<ul class="plain topics">${topics.map((t) => topicLine(kb, t))}</ul>
</section>`,
  });
}
