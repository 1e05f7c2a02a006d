/**
 * How a fact looks wherever it appears: its date at the precision the articles give, its text,
 * a mark when disputed or no longer so, its articles and its permalink. A fact with another side
 * (a dispute, or an earlier/later state) is shown as a group with every side next to each other.
 */
import { counterpartsOf, type Fact, type KnowledgeBase } from "../../src/index.ts";
import { citationsOf } from "./citations.ts";
import { type Html, html, path } from "./html.ts";

export const STATUS_LABEL = { disputed: "disputed", superseded: "no longer so" } as const;

export function statusBadge(fact: Fact): Html {
  if (fact.status === "current") return html``;
  return html`<span class="badge ${fact.status}">${STATUS_LABEL[fact.status]}</span>`;
}

export function whenLabel(fact: Fact): string | undefined {
  return fact.whenParsed.precision === "unknown" ? undefined : fact.whenParsed.label;
}

/** The articles backing a fact, as links by their short label. */
export function articleLinks(kb: KnowledgeBase, fact: Fact): Html {
  const links = citationsOf(fact).map(({ sourceId }) => {
    const label = kb.sources.get(sourceId)?.label ?? sourceId;
    return html`<a href="${path("/articles", sourceId)}">${label}</a>`;
  });
  return html`${links.map((l, i) => html`${i > 0 ? "; " : ""}${l}`)}`;
}

/** One fact as a card; `label` names its side inside a group ("Other side", "Later"). */
export function factCard(kb: KnowledgeBase, fact: Fact, label?: string): Html {
  const when = whenLabel(fact);
  return html`<article class="fact ${fact.status}" id="${fact.id}">
${label ? html`<span class="side-label">${label}</span>` : ""}
<p>${when ? html`<span class="when">${when}:</span> ` : ""}<span class="text">${fact.text}</span>${statusBadge(fact)}</p>
<p class="sources">Articles: ${articleLinks(kb, fact)} <a class="permalink" href="${path("/facts", fact.id)}" aria-label="Permalink to this fact">permalink</a></p>
</article>`;
}

/**
 * A fact with its other sides next to each other (two columns on a wide screen, stacked on a
 * phone), the note on how they differ below; a fact with no other side is a plain card.
 */
export function factGroup(kb: KnowledgeBase, fact: Fact): { html: Html; shown: string[] } {
  const others = counterpartsOf(kb, fact);
  if (others.length === 0) return { html: factCard(kb, fact), shown: [fact.id] };
  const disputed = others.some((o) => o.relation === "Other side");
  const notes = [...new Set(others.flatMap((o) => (o.note ? [o.note] : [])))];
  const heading = disputed ? "The articles disagree" : "True only for a time";
  const firstLabel = disputed ? "One side" : fact.status === "superseded" ? "Earlier" : "Now";
  return {
    html: html`<section class="sides${disputed ? "" : " superseded-pair"}">
<h3>${heading}</h3>
<div class="cols">
${factCard(kb, fact, firstLabel)}
${others.map((o) => factCard(kb, o.fact, o.relation))}
</div>
${notes.map((n) => html`<p class="note"><strong>How they differ:</strong> ${n}</p>`)}
</section>`,
    shown: [fact.id, ...others.map((o) => o.fact.id)],
  };
}

/** Facts in order, each once: a fact already shown as another's side is not repeated. */
export function factList(
  kb: KnowledgeBase,
  facts: readonly Fact[],
  skip = new Set<string>(),
): Html {
  const parts: Html[] = [];
  for (const fact of facts) {
    if (skip.has(fact.id)) continue;
    const group = factGroup(kb, fact);
    for (const id of group.shown) skip.add(id);
    parts.push(group.html);
  }
  return html`${parts}`;
}
