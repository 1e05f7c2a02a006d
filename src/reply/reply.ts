/**
 * The reply model: what the core answers and what every adapter renders.
 *
 * Plain data all the way down, so it can be rendered by any adapter, snapshot-tested, stored as
 * digest history and printed as JSON. All strings are plain text written by the core or taken
 * from the fact base; renderers escape them for their platform.
 */

/** What kind of reply this is; renderers may style kinds differently. */
export type ReplyKind =
  | "answer" // facts answering a question or topic
  | "list" // an index: topics, sources, help
  | "digest" // the weekly briefing
  | "notice" // a confirmation or status (subscribed, unsubscribed, status)
  | "usage" // the user typed a command wrongly; says how to type it
  | "error" // something the user cannot fix by retyping (not allowed, base unavailable)
  | "no-match"; // nothing in the fact base answers this

/**
 * A value the reader fills in, shown in a command instead of a real value: `<topic>`,
 * `[timezone]`, named for people ("fact id", "HH:MM").
 */
export interface Placeholder {
  placeholder: string;
  /** The command works without it (`[day]`); otherwise the reader must supply it (`<topic>`). */
  optional?: boolean;
}

/**
 * A command the user could type next, as data: `{ command: "timeline", args: { topic: "stargate" } }`.
 * Each renderer writes it in its own grammar (Slack `/partnership timeline stargate`, Discord
 * `/partnership timeline topic:stargate`, the console `timeline stargate`, the web a link); none
 * reads it back out of text.
 */
export interface CommandRef {
  /** A name from the command registry: `ask`, `timeline`, `sources`, `subscribe`, … */
  command: string;
  /**
   * Argument values keyed by the registry's argument names, in the registry's order. An argument
   * that takes the rest of the line holds all of it (`{ query: "how much has microsoft invested" }`).
   */
  args?: Readonly<Record<string, string | Placeholder>>;
}

/**
 * Prose that names commands: plain text and commands in reading order, e.g.
 * `["More: ", { command: "timeline", args: { topic: "stargate" } }]`. Renderers join the parts,
 * writing each command their way; the strings never contain a command.
 */
export type Prose = readonly (string | CommandRef)[];

/** A source article as cited in a reply. */
export interface SourceRef {
  /** Stable id from `knowledge/sources.yaml`, e.g. `drift-apart`. */
  id: string;
  /** Headline, or a descriptive title in [square brackets] where the article has none. */
  title: string;
  /** A short label for tight spaces, e.g. "Drift Apart". */
  label: string;
  /**
   * The evidence: the passage of this article that backs the line's fact, verbatim from the
   * article (as written in the fact base). Set only on the fact lines of a reply that shows
   * evidence, `sources <fact id>`; never in `citations` (which lists each article once) and never
   * in digests. Renderers show it under the fact, quoted, escaped like any article text.
   */
  quote?: string;
}

/**
 * One line of a reply. A line that states a fact carries `factId` and names every source that
 * backs it; other lines (topic index entries, help lines) have no sources.
 */
export interface ReplyLine {
  text: string;
  /** The fact this line states, if it states one. */
  factId?: string;
  /** The sources backing this line; empty for lines that are not facts. */
  sources: SourceRef[];
  /** When it happened, as shown to people: "Jan 2025", "2019", "late 2023". */
  when?: string;
  /**
   * `fact`: an ordinary fact line. `counterpoint`: the other side of the fact line just above it
   * (a dispute, or the newer/older state of a claim that was true only for a time); renderers
   * show it attached to that line. `info`: a plain line such as a topic entry or a help line.
   */
  role: "fact" | "counterpoint" | "info";
  /** For counterpoints: how this line relates to the one above, in words ("Other side", "Later"). */
  relation?: string;
  /** A fact line whose claim another article disputes, or that was true only for a time. */
  status?: "disputed" | "superseded";
  /** For counterpoints: how the two sides differ, in a sentence. */
  note?: string;
  /** A command that shows more about this line, e.g. `sources stargate-announced`. */
  more?: CommandRef;
  /**
   * The command this line is about, shown before its text: a help line (`timeline [topic]`, then
   * what it does) or an example to type.
   */
  command?: CommandRef;
  /** An example of `command` with real values, for help lines. */
  example?: CommandRef;
  /** Where to read what the line is about (a source's address, where known), shown after it. */
  link?: ReplyLink;
}

/**
 * A link out of the briefing: an http(s) address as the URL parser writes it (spaces and angle
 * brackets percent-encoded), and the words to show for it. Renderers write it their own way and
 * show nothing they cannot write safely.
 */
export interface ReplyLink {
  url: string;
  text: string;
}

export interface ReplySection {
  heading?: string;
  lines: ReplyLine[];
}

/** Who may see a reply. */
export type Visibility =
  | "private" // only whoever asked: a usage hint, an error, a preview
  | "channel"; // anyone in the conversation

export interface Reply {
  kind: ReplyKind;
  /** One line, plain text, no markup. */
  title: string;
  /** An optional paragraph under the title (a topic overview, an explanation). */
  intro?: string;
  sections: ReplySection[];
  /** Every source cited anywhere in the reply, in order of first use, each once. */
  citations: SourceRef[];
  /** A hint shown last, typically the command that shows more. */
  footer?: Prose;
  /** Commands the user might try next ("did you mean"). */
  suggestions?: CommandRef[];
  /** The topic this reply answers, when it answers one (for links to the topic's page). */
  topicId?: string;
  /**
   * Whether a "share with the channel" control may offer it: the asker may post it for everyone.
   * Never for a command that changes anything (a click would repeat the change), a preview, or a
   * reply meant only for the asker.
   */
  shareable: boolean;
  /** Who may see it; adapters show `private` replies to the asker only where the platform can. */
  visibility: Visibility;
}

/** A fact as scripts read it from `--json`; `quote` is the passage behind each citation. */
export interface FactSummary {
  id: string;
  text: string;
  sources: { id: string; title: string; quote?: string }[];
}

/**
 * The facts a reply states, with their sources: the shape scripts read from `--json`. With
 * `quoteOf` (a lookup in the fact base), every source carries its quote, whichever reply it came
 * from; without it, only the quotes the reply itself carries.
 */
export function factsOf(
  reply: Reply,
  quoteOf?: (factId: string, sourceId: string) => string | undefined,
): FactSummary[] {
  const seen = new Set<string>();
  const out: FactSummary[] = [];
  for (const section of reply.sections) {
    for (const line of section.lines) {
      if (!line.factId || seen.has(line.factId)) continue;
      seen.add(line.factId);
      out.push({
        id: line.factId,
        text: line.text,
        sources: line.sources.map((s) => {
          const factId = line.factId ?? "";
          const quote = s.quote ?? quoteOf?.(factId, s.id);
          return quote === undefined
            ? { id: s.id, title: s.title }
            : { id: s.id, title: s.title, quote };
        }),
      });
    }
  }
  return out;
}
