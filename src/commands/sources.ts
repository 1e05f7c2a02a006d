import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Source, Topic } from "../knowledge/schema.ts";
import { deepFreeze } from "../reply/freeze.ts";
import { command, factLines, placeholder, reply, sourceRef } from "../reply/present.ts";
import type { Reply, ReplyLine } from "../reply/reply.ts";
import { normalize, quoteSafely } from "../search/normalize.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { KnowledgeCommand } from "./definition.ts";
import {
  noSuchPage,
  onePage,
  type PageAsked,
  pageOf,
  pageRef,
  pageStatus,
  paginate,
  splitPage,
} from "./page.ts";
import { noMatchReply } from "./resolve.ts";

const SOURCE_FACTS = 6;

function describe(s: Source): string {
  const parts: string[] = [];
  if (s.retells?.length) parts.push(`retells ${s.retells.join(", ")}`);
  if (s.author) parts.push(`by ${s.author}`);
  if (s.outlet) parts.push(`in ${s.outlet}`);
  parts.push(s.published ? `dated ${s.published}` : "undated");
  return parts.join("; ");
}

function sourceLine(kb: KnowledgeBase, s: Source, count: number, of?: number): ReplyLine {
  const backs =
    of === undefined ? `backs ${count} fact${count === 1 ? "" : "s"}` : `backs ${count} of ${of}`;
  return {
    text: `${s.label}: ${s.title} (${describe(s)}) · ${backs}`,
    sources: [sourceRef(kb, s.id)],
    role: "info",
    more: command("sources", { target: s.id }),
  };
}

/** Per base: each source by its id and its label, normalised (the first source wins a clash). */
const sourcesByName = new WeakMap<KnowledgeBase, Map<string, Source>>();

function findSource(kb: KnowledgeBase, text: string): Source | undefined {
  let byName = sourcesByName.get(kb);
  if (!byName) {
    byName = new Map();
    for (const s of kb.sources.values()) {
      for (const name of [normalize(s.id), normalize(s.label)])
        if (!byName.has(name)) byName.set(name, s);
    }
    sourcesByName.set(kb, byName);
  }
  return byName.get(normalize(text));
}

/** Per base and topic: the articles behind the topic, most facts first, built once and frozen. */
const backingOf = new WeakMap<KnowledgeBase, Map<Topic, readonly ReplyLine[]>>();

function backingLines(kb: KnowledgeBase, topic: Topic, facts: readonly Fact[]): ReplyLine[] {
  let byTopic = backingOf.get(kb);
  if (!byTopic) {
    byTopic = new Map();
    backingOf.set(kb, byTopic);
  }
  let lines = byTopic.get(topic);
  if (!lines) {
    const counts = new Map<string, number>();
    for (const f of facts) for (const s of f.sources) counts.set(s, (counts.get(s) ?? 0) + 1);
    lines = deepFreeze(
      [...kb.sources.values()]
        .filter((s) => counts.has(s.id))
        .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))
        .map((s) => sourceLine(kb, s, counts.get(s.id) ?? 0, facts.length)),
    );
    // Only the base's own topics are remembered.
    if (kb.topics.get(topic.id) === topic) byTopic.set(topic, lines);
  }
  return [...lines];
}

function allSources(kb: KnowledgeBase): Reply {
  return reply({
    kind: "list",
    title: `Sources (${kb.sources.size} articles)`,
    intro:
      "Every fact in the briefing cites one or more of these articles. No links are given: none is known.",
    sections: [
      {
        lines: [...kb.sources.values()].map((s) =>
          sourceLine(kb, s, kb.factsBySource.get(s.id)?.length ?? 0),
        ),
      },
    ],
    footer: [
      "What one article supports: ",
      command("sources", { target: placeholder("source id") }),
    ],
  });
}

/** What one article supports: its facts, key facts first, `SOURCE_FACTS` a page. */
function oneSource(kb: KnowledgeBase, s: Source, asked: PageAsked): Reply {
  const facts = [...(kb.factsBySource.get(s.id) ?? [])].sort(
    (a, b) => Number(b.key) - Number(a.key),
  );
  const paged = paginate(
    kb,
    [{ facts, size: SOURCE_FACTS }],
    (f) => f.sources.includes(s.id),
    facts.length,
  );
  const at = pageRef("sources", "target", s.id);
  const page = pageOf(paged, asked);
  if (!page) return noSuchPage(`what ${s.label} supports`, asked, paged.pages.length, at);
  const n = paged.pages.indexOf(page) + 1;
  const details = [describe(s), s.dating, s.notes].filter(Boolean).join(". ");
  return reply({
    kind: "list",
    title: `${s.label}: what it supports`,
    intro: `${s.title}. ${details}.`.replace(/\.\./g, "."),
    sections: [{ heading: `${facts.length} facts cite it`, lines: factLines(kb, page.facts) }],
    footer: [
      pageStatus(paged, page, "facts, key facts first"),
      ...(n < paged.pages.length ? ["Next page: ", at(n + 1), ". "] : []),
      "All sources: ",
      command("sources"),
    ],
  });
}

function oneFact(kb: KnowledgeBase, fact: Fact): Reply {
  const topic = kb.topics.get(fact.topicId);
  return reply({
    kind: "answer",
    title: "Which articles back this fact",
    intro: `Reported by: ${fact.sources.map((id) => kb.sources.get(id)?.title ?? id).join("; ")}.`,
    sections: [{ lines: factLines(kb, [fact], 1, { quotes: true }) }],
    ...(topic
      ? {
          footer: [`More on ${topic.title}: `, command("ask", { query: topic.id })],
          topicId: topic.id,
        }
      : {}),
  });
}

function oneTopic(kb: KnowledgeBase, index: SearchIndex, topic: Topic): Reply {
  const facts = kb.factsByTopic.get(topic.id) ?? [];
  const backing = backingLines(kb, topic, facts);
  return reply({
    kind: "list",
    title: `Sources behind ${topic.title}`,
    sections: [
      { heading: "Articles", lines: backing },
      {
        heading: "Key facts and who reports them",
        lines: factLines(kb, index.keyFactsOf(topic.id), 4),
      },
    ],
    footer: [
      "Its facts, key facts first: ",
      command("ask", { query: topic.id }),
      " · in date order: ",
      command("timeline", { topic: topic.id }),
    ],
    topicId: topic.id,
  });
}

/** `sources [topic | source id | fact id | claim] [page N]`. */
export function sourcesReply(kb: KnowledgeBase, index: SearchIndex, arg: string): Reply {
  const { text, page, numeric } = splitPage(arg);
  const at = (value: string) => pageRef("sources", "target", value);
  if (!text) return onePage(allSources(kb), page, "the list of sources", at(""));
  const source = findSource(kb, text);
  if (source) return oneSource(kb, source, page);
  const fact = kb.facts.get(text.toLowerCase());
  if (fact) return onePage(oneFact(kb, fact), page, "the sources of that fact", at(fact.id));
  const topic = index.topicNamed(text);
  if (topic) {
    const what = `the sources behind ${topic.title}`;
    return onePage(oneTopic(kb, index, topic), page, what, at(topic.id));
  }
  // "… on its front page yesterday": a claim that ends in "page" and a word.
  if (page.kind !== "first" && !numeric) return claimSources(kb, index, arg.trim());
  const claim = quoteSafely(text, 80);
  return onePage(claimSources(kb, index, text), page, `the answer to “${claim}”`, at(claim));
}

/** A claim in words: the facts that match it best, with who reports them. */
function claimSources(kb: KnowledgeBase, index: SearchIndex, text: string): Reply {
  const outcome = index.search(text, { maxFacts: 3 });
  if (outcome.kind === "none")
    return noMatchReply(kb, outcome.suggestions, text, "topic, source or claim", {
      command: "sources",
      arg: "target",
    });
  const facts =
    outcome.kind === "search" ? outcome.facts.map((h) => h.fact) : outcome.facts.slice(0, 3);
  return reply({
    kind: "answer",
    title: "Which articles back this",
    intro: "The facts closest to what you asked, each with the articles that report it:",
    sections: [{ lines: factLines(kb, facts, 3) }],
    footer: outcome.topic
      ? [
          `All sources on ${outcome.topic.title}: `,
          command("sources", { target: outcome.topic.id }),
        ]
      : ["All sources: ", command("sources")],
  });
}

export const sourcesCommand: KnowledgeCommand = {
  name: "sources",
  summary: "The source articles, or which articles back a topic or a fact",
  args: [
    {
      name: "target",
      kind: "source-or-topic",
      description: "A topic, a source id or a fact id; after a source id, page 2 shows more",
      required: false,
      rest: true,
    },
  ],
  examples: ["sources", "sources board seat", "sources drift-apart"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: ({ kb, index, rest }) => sourcesReply(kb, index, rest),
};
