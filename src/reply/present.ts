/**
 * Turning facts into reply lines. Every fact line names its sources; a disputed or superseded
 * fact brings the other side along as a counterpoint, so a reply never shows one side alone.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { deepFreeze } from "./freeze.ts";
import type {
  CommandRef,
  Placeholder,
  Reply,
  ReplyLine,
  ReplySection,
  SourceRef,
} from "./reply.ts";

/**
 * What every answer from one knowledge base shares: each source's citation, and each fact's
 * lines (the fact, then its counterpoints). Built on first use, once per base, and frozen, so
 * many replies hold the same objects and a renderer may remember what it made of them
 * (`render/line-memo.ts`). A reload brings a new base, and these go with the old one.
 */
interface Shared {
  refs: Map<string, SourceRef>;
  groups: Map<Fact, readonly ReplyLine[]>;
}
const sharedOf = new WeakMap<KnowledgeBase, Shared>();

function shared(kb: KnowledgeBase): Shared {
  let found = sharedOf.get(kb);
  if (!found) {
    found = { refs: new Map(), groups: new Map() };
    sharedOf.set(kb, found);
  }
  return found;
}

/** A source as cited: the same frozen object for every reply from `kb`. */
export function sourceRef(kb: KnowledgeBase, id: string): SourceRef {
  const s = kb.sources.get(id);
  if (!s) return { id, title: id, label: id };
  const { refs } = shared(kb);
  let ref = refs.get(id);
  if (!ref) {
    ref = Object.freeze({ id, title: s.title, label: s.label });
    refs.set(id, ref);
  }
  return ref;
}

/** How fact lines are built: `quotes` puts each citation's quote on its source (the evidence). */
export interface FactLineOptions {
  quotes?: boolean;
}

function citedSource(kb: KnowledgeBase, fact: Fact, id: string, quotes: boolean): SourceRef {
  const ref = sourceRef(kb, id);
  const quote = quotes ? fact.quotes?.[id] : undefined;
  // Written out rather than spread: a spread copy with a new key costs V8 a hidden class a call.
  return quote === undefined ? ref : { id: ref.id, title: ref.title, label: ref.label, quote };
}

function factLine(kb: KnowledgeBase, fact: Fact, options: FactLineOptions = {}): ReplyLine {
  const quotes = options.quotes ?? false;
  return {
    text: fact.text,
    factId: fact.id,
    sources: fact.sources.map((s) => citedSource(kb, fact, s, quotes)),
    role: "fact",
    ...(fact.whenParsed.precision === "unknown" ? {} : { when: fact.whenParsed.label }),
    ...(fact.status === "current" ? {} : { status: fact.status }),
  };
}

/** The other sides of a fact: what disputes it, and what it replaced or was replaced by. */
export function counterpartsOf(
  kb: KnowledgeBase,
  fact: Fact,
): { fact: Fact; relation: string; note?: string }[] {
  const out: { fact: Fact; relation: string; note?: string }[] = [];
  for (const id of fact.disputes ?? []) {
    const other = kb.facts.get(id);
    if (other) {
      // The note of the side with fewer disputes speaks of this pair: a fact in two
      // disagreements carries the note of the larger one.
      const specific = (other.disputes?.length ?? 0) < (fact.disputes?.length ?? 0) ? other : fact;
      const note = specific.disputeNote ?? fact.disputeNote ?? other.disputeNote;
      out.push({ fact: other, relation: "Other side", ...(note ? { note } : {}) });
    }
  }
  const later = fact.supersededBy ? kb.facts.get(fact.supersededBy) : undefined;
  if (later) out.push({ fact: later, relation: "Later" });
  const earlier = fact.supersedes ? kb.facts.get(fact.supersedes) : undefined;
  if (earlier) out.push({ fact: earlier, relation: "Earlier" });
  return out;
}

/**
 * Lines for a list of facts, each followed by its counterpoints. A fact already shown as a
 * counterpoint is not repeated as a main line, so both sides appear once, side by side.
 */
export function factLines(
  kb: KnowledgeBase,
  facts: readonly Fact[],
  limit = facts.length,
  options: FactLineOptions = {},
): ReplyLine[] {
  const lines: ReplyLine[] = [];
  const shown = new Set<string>();
  let main = 0;
  for (const fact of facts) {
    if (main >= limit) break;
    if (shown.has(fact.id)) continue;
    shown.add(fact.id);
    main++;
    const group = options.quotes ? lineGroup(kb, fact, options) : sharedGroup(kb, fact);
    for (const line of group) {
      if (line.role === "counterpoint" && line.factId) shown.add(line.factId);
      lines.push(line);
    }
  }
  return lines;
}

/** A fact's line followed by a line for each of its counterparts. */
function lineGroup(kb: KnowledgeBase, fact: Fact, options: FactLineOptions): ReplyLine[] {
  const lines = [factLine(kb, fact, options)];
  const counterparts = counterpartsOf(kb, fact);
  counterparts.forEach((c, i) => {
    // Several sides of one disagreement share its note: say it once, after the last of them.
    const noteLater = counterparts.slice(i + 1).some((later) => later.note === c.note);
    lines.push({
      ...factLine(kb, c.fact, options),
      role: "counterpoint",
      relation: c.relation,
      ...(c.note && !noteLater ? { note: c.note } : {}),
    });
  });
  return lines;
}

/**
 * `lineGroup` without quotes, built once per fact of `kb` and frozen (lines, their source lists
 * and their sources). A fact that is not `kb`'s own gets fresh lines.
 */
function sharedGroup(kb: KnowledgeBase, fact: Fact): readonly ReplyLine[] {
  if (kb.facts.get(fact.id) !== fact) return lineGroup(kb, fact, {});
  const { groups } = shared(kb);
  let group = groups.get(fact);
  if (!group) {
    group = deepFreeze(lineGroup(kb, fact, {}));
    groups.set(fact, group);
  }
  return group;
}

/** Every source cited in the sections, in order of first use, each once, without quotes. */
export function citationsOf(sections: readonly ReplySection[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const section of sections) {
    for (const line of section.lines)
      for (const s of line.sources)
        if (!seen.has(s.id))
          // A shared citation without a quote is used as it is: frozen, it cannot change.
          seen.set(
            s.id,
            s.quote === undefined && Object.isFrozen(s)
              ? s
              : { id: s.id, title: s.title, label: s.label },
          );
  }
  return [...seen.values()];
}

/** Kinds meant for whoever asked, never for the channel. */
const PRIVATE_KINDS: ReadonlySet<Reply["kind"]> = new Set(["usage", "error", "no-match"]);

/**
 * Builds a reply, filling in citations from its lines. Unless given, it is not shareable (the
 * core decides that per command) and it is private when it is a usage hint, an error or a miss.
 *
 * `parts` is completed in place: every caller passes a fresh object literal. Copying it with a
 * spread and adding fields to the copy costs V8 new hidden classes on every call (about 3 µs a
 * reply on Node 20, more than composing the answer); the keys come out in the same order.
 */
export function reply(
  parts: Omit<Reply, "citations" | "shareable" | "visibility"> &
    Partial<Pick<Reply, "shareable" | "visibility">>,
): Reply {
  return Object.assign(parts, {
    citations: citationsOf(parts.sections),
    shareable: parts.shareable ?? false,
    visibility: parts.visibility ?? (PRIVATE_KINDS.has(parts.kind) ? "private" : "channel"),
  });
}

/** A command as data: `command("timeline", { topic: "stargate" })`. */
export function command(name: string, args?: CommandRef["args"]): CommandRef {
  return args ? { command: name, args } : { command: name };
}

/** A value the reader fills in: `<topic>`, or `[day]` when optional. */
export function placeholder(name: string, optional = false): Placeholder {
  return optional ? { placeholder: name, optional } : { placeholder: name };
}
