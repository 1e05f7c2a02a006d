import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Source, Topic } from "../knowledge/schema.ts";
import { deepFreeze } from "../reply/freeze.ts";
import { command, factLines, placeholder, reply } from "../reply/present.ts";
import type { Reply, ReplyLine, ReplySection } from "../reply/reply.ts";
import { normalize, quoteSafely } from "../search/normalize.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { shownDay } from "../time/week.ts";
import type { KnowledgeCommand } from "./definition.ts";
import {
  FIRST_PAGE,
  noSuchPage,
  onePage,
  type PageAsked,
  pageOf,
  pageRef,
  pageStatus,
  pagesOnce,
  paginate,
  splitPage,
} from "./page.ts";
import { noMatchReply } from "./resolve.ts";
import { type SourcePart, sourceDescription } from "./source-description.ts";

/** Facts a page of what an article supports shows: more is fewer pages, a longer reply to cut. */
const SOURCE_FACTS = 6;

function describe(s: Source): string {
  const parts: string[] = [];
  if (s.retells?.length) parts.push(`retells ${s.retells.join(", ")}`);
  if (s.author) parts.push(`by ${s.author}`);
  if (s.outlet) parts.push(`in ${s.outlet}`);
  parts.push(s.published ? `dated ${shownDay(s.published)}` : "undated");
  return parts.join("; ");
}

/** Where a source was read, as a link; the host is the text, so the reader sees where it goes. */
function readAt(s: Source): Pick<ReplyLine, "link"> {
  if (!s.url || !URL.canParse(s.url)) return {};
  const url = new URL(s.url);
  // The schema allows only http(s); checked again here because renderers put it in an href.
  if (url.protocol !== "https:" && url.protocol !== "http:") return {};
  return { link: { url: url.href, text: url.host } };
}

function sourceLine(s: Source, count: number, of?: number): ReplyLine {
  const backs =
    of === undefined ? `backs ${count} fact${count === 1 ? "" : "s"}` : `backs ${count} of ${of}`;
  return {
    text: `${s.label}: ${s.title} (${describe(s)}) · ${backs}`,
    // The line is the article itself: naming it again as its own source would say it twice.
    sources: [],
    role: "info",
    more: command("sources", { target: s.id }),
    ...readAt(s),
  };
}

/** What the list says about links: true of the base it lists. */
function linksNote(sources: readonly Source[]): string {
  const linked = sources.filter((s) => readAt(s).link).length;
  if (linked === 0) return "No links are given: none is known.";
  return linked === sources.length
    ? "Each links to where it was read."
    : "Each links to where it was read, where that is known.";
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
        .map((s) => sourceLine(s, counts.get(s.id) ?? 0, facts.length)),
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
    intro: `Every fact in the briefing cites one or more of these articles. ${linksNote([...kb.sources.values()])}`,
    sections: [
      {
        lines: [...kb.sources.values()].map((s) =>
          sourceLine(s, kb.factsBySource.get(s.id)?.length ?? 0),
        ),
      },
    ],
    footer: [
      "What one article supports: ",
      command("sources", { target: placeholder("source id") }),
    ],
  });
}

/** A line with the address the source was read at, where it is known. */
function whereRead(s: Source): ReplySection[] {
  const { link } = readAt(s);
  return link ? [{ lines: [{ text: "Where it was read", sources: [], role: "info", link }] }] : [];
}

/** The facts on this page that cite a source, or a plain line saying none does yet. */
function citingSection(
  kb: KnowledgeBase,
  facts: readonly Fact[],
  shown: readonly Fact[],
): ReplySection {
  if (facts.length === 0) {
    return {
      lines: [
        {
          text: "No fact cites it yet. A curator adds facts quoting it to the topic files in knowledge/topics/.",
          sources: [],
          role: "info",
        },
      ],
    };
  }
  const heading = `${facts.length} ${facts.length === 1 ? "fact cites" : "facts cite"} it`;
  return { heading, lines: factLines(kb, shown) };
}

/**
 * `sources <source id>`: the article described, where it was read, and the facts that cite it,
 * key facts first, `SOURCE_FACTS` a page. `omit`: parts of the description a question about the
 * article has answered already.
 */
export function sourceReply(
  kb: KnowledgeBase,
  s: Source,
  omit: readonly SourcePart[] = [],
  asked: PageAsked = FIRST_PAGE,
): Reply {
  const facts = [...(kb.factsBySource.get(s.id) ?? [])].sort(
    (a, b) => Number(b.key) - Number(a.key),
  );
  const paged = pagesOnce(kb, `source ${s.id}`, () =>
    paginate(kb, [{ facts, size: SOURCE_FACTS }], (f) => f.sources.includes(s.id), facts.length),
  );
  const at = pageRef("sources", "target", s.id);
  const page = pageOf(paged, asked);
  if (!page) return noSuchPage(`what ${s.label} supports`, asked, paged.pages.length, at);
  const n = paged.pages.indexOf(page) + 1;
  return reply({
    kind: "list",
    title: `${s.label}: what it supports`,
    intro: sourceDescription(s, omit),
    sections: [...whereRead(s), citingSection(kb, facts, page.facts)],
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
    intro: `${fact.sources.length === 1 ? "One article reports it" : `${fact.sources.length} articles report it`}; the passage of each that backs it is quoted below.`,
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
  if (source) return sourceReply(kb, source, [], page);
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
