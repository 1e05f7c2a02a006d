/**
 * Who speaks in a fact. "What did Altman say" asks for what Altman said: the facts where he is
 * the one speaking ("Altman says …", "Altman has said …", "Nadella dismissed …"), not every fact
 * that names him ("Altman was fired").
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity } from "../knowledge/schema.ts";
import { normalize, stem } from "./normalize.ts";

/** "What did/does/has <name> say/tell/think/claim …", on the normalised question. */
const ASKS_STATEMENTS =
  /^(?:so |and |but |ok )?what (?:did|does|do|has|have|had|would|will) (?:the )?(.+?) (?:have to |had to |got to )?(?:say|said|says|tell|told|tells|think|thought|thinks|claim|claimed|claims|mean|meant)\b(.*)$/;

/** Verbs that give what was said, after a name: "Altman says …", "Altman once called it …". */
const SAYS = [
  ...["says", "said", "saying", "told", "tells", "called", "calls", "calling"],
  ...["reports", "reported", "thinks", "thought", "believes", "believed"],
].join("|");
/** Other verbs that report speech: "Altman has confirmed a call", "Nadella dismissed …". */
const SPEECH = [
  SAYS,
  ...["spoke", "speaks", "confirmed", "confirms", "disclosed", "discloses", "dismissed"],
  ...["dismisses", "noted", "notes", "argued", "argues", "claimed", "claims", "admitted"],
  ...["admits", "stated", "states", "described", "describes", "insisted", "insists"],
  ...["warned", "warns", "predicted", "predicts", "wrote", "writes", "praised", "praises"],
  ...["denied", "denies", "acknowledged", "acknowledges", "suggested", "suggests"],
  ...["explained", "explains", "added", "adds", "declared", "declares"],
].join("|");

/** Words that may stand between a name and its verb: "Altman has said", "Altman once called". */
const BETWEEN = [
  ...["has", "have", "had", "once", "also", "reportedly", "later", "publicly", "recently"],
  ...["then", "himself", "herself", "repeatedly", "previously", "openly", "privately"],
].join("|");

/** Words of a question's subject that do not tell facts apart ("about the", "on a"). */
const FUNCTION_WORDS = new Set([
  ...["a", "an", "the", "about", "on", "of", "in", "to", "for", "with", "at", "by", "from"],
  ...["regarding", "re", "his", "her", "their", "its", "it", "them", "that", "this", "these"],
  "those",
]);

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A question asking what someone said: who (as the question names them) and about what. */
export interface StatementsAsked {
  /** The words naming the speaker, normalised. */
  name: string;
  /** The stems of the words after the verb ("about the partnership" → "partnership"). */
  subject: string[];
}

/** The speaker and subject of "what did <name> say …", or undefined for any other question. */
export function statementsAsked(q: string): StatementsAsked | undefined {
  const m = ASKS_STATEMENTS.exec(q);
  if (!m?.[1]) return undefined;
  const subject = (m[2] ?? "")
    .split(" ")
    .filter((w) => w && !FUNCTION_WORDS.has(w))
    .map(stem);
  return { name: m[1], subject };
}

export class Speakers {
  /**
   * Per entity: the positions of the facts where it speaks, 2 where the fact gives what it said
   * ("says", "called"), 1 where it reports the act ("confirmed", "disclosed"); worked out when
   * first asked.
   */
  private readonly speaking = new Map<string, Map<number, number>>();
  /** The articles' names: "Altman Confirms Talks" is an article, not Altman confirming. */
  private readonly labels: RegExp | undefined;

  constructor(private readonly kb: KnowledgeBase) {
    const labels = [...kb.sources.values()].map((s) => escaped(s.label)).filter(Boolean);
    this.labels = labels.length ? new RegExp(labels.join("|"), "g") : undefined;
  }

  /** The facts involving an entity where it is the one speaking, by position, with their kind. */
  factsOf(entity: Entity): ReadonlyMap<number, number> {
    const known = this.speaking.get(entity.id);
    if (known) return known;
    const names = [entity.name, ...entity.aliases].map(escaped).join("|");
    const verb = (verbs: string) =>
      new RegExp(`\\b(?:${names})(?:\\s+(?:${BETWEEN}))*\\s+(?:${verbs})\\b`, "i");
    const says = verb(SAYS);
    const speaks = verb(SPEECH);
    const found = new Map<number, number>();
    for (const fact of this.kb.factsByEntity.get(entity.id) ?? []) {
      const text = this.labels ? fact.text.replace(this.labels, " ") : fact.text;
      if (says.test(text)) found.set(fact.position, 2);
      else if (speaks.test(text)) found.set(fact.position, 1);
    }
    this.speaking.set(entity.id, found);
    return found;
  }

  /** How many of a subject's stems a text (a fact's, with its keywords) has. */
  static meets(text: string, subject: readonly string[]): number {
    if (subject.length === 0) return 0;
    const stems = new Set(normalize(text).split(" ").map(stem));
    return subject.filter((s) => stems.has(s)).length;
  }
}
