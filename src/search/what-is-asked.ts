/**
 * What a question asks about and whether the base can answer it: the topic it names specifically,
 * the people and organisations it names, the names in it the articles never mention, and the
 * figures it asks for that they never give.
 */
import type { Fact, KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { Entity } from "../knowledge/schema.ts";
import { Aliases } from "./aliases.ts";
import { givesFigure } from "./choose.ts";
import { STOPWORDS } from "./normalize.ts";
import type { NotStated } from "./outcome.ts";
import { AMOUNT, ATTRIBUTION, DATE, FIGURE, PERCENT } from "./question-shape.ts";
import { NAMED_TOPIC_SPECIFICITY, UBIQUITOUS_SHARE, UNKNOWN_NAME_LENGTH } from "./tuning.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** Verb and adverb endings: such a word ("dragged", "instead", "stopped") is no name. */
const INFLECTED = /(ed|ing|ly)$/;

/** What `Asked` reads of the search index. */
export interface AskedBase {
  kb: KnowledgeBase;
  facts: readonly Fact[];
  features: Uint8Array;
  keyFacts: readonly Int32Array[];
  topicOrder: ReadonlyMap<string, number>;
  /** Per topic: in how many of its facts each word of a topic name occurs. */
  trackedInTopic: readonly Map<string, number>[];
  aliases: Aliases;
  vocabulary: Vocabulary;
}

export class Asked {
  /** Whether any fact gives a percentage. */
  private readonly anyPercentage: boolean;

  constructor(private readonly base: AskedBase) {
    this.anyPercentage = base.features.some((f) => (f & PERCENT) !== 0);
  }

  /**
   * The topics and entities a question's words name; `specific` is the topic (number) named most
   * specifically, if any name points at its topic specifically enough, else -1.
   */
  named(words: readonly string[]): {
    namedTopics: number[];
    namedEntities: Entity[];
    /** Entities named by a phrase that names a topic too ("xai"): what the question is about. */
    alsoNamed: Entity[];
    specific: number;
    /** The places of the words naming a topic specifically, or an entity that tells facts apart. */
    nameWords: Set<number>;
  } {
    const alsoNamed: Entity[] = [];
    const namedTopics: number[] = [];
    const namedEntities: Entity[] = [];
    let specific = -1;
    let best = NAMED_TOPIC_SPECIFICITY;
    const nameWords = new Set<number>();
    const nameAt = (from: number, to: number) => {
      for (let i = from; i < to; i++) nameWords.add(i);
    };
    for (const { target, from, to } of this.base.aliases.in(words)) {
      if (target.type === "entity" && !this.ubiquitous(target.id)) nameAt(from, to);
      if (target.type === "topic") {
        const t = this.base.topicOrder.get(target.id) ?? -1;
        namedTopics.push(t);
        const entity = this.base.kb.entities.get(
          this.base.aliases.entityOf(words.slice(from, to).join(" ")) ?? "",
        );
        if (entity) alsoNamed.push(entity);
        const specificity = this.specificity(t, words.slice(from, to).join(" "));
        if (specificity > NAMED_TOPIC_SPECIFICITY) nameAt(from, to);
        if (specificity > best) {
          specific = t;
          best = specificity;
        }
      } else {
        const entity = this.base.kb.entities.get(target.id);
        if (entity) namedEntities.push(entity);
      }
    }
    return { namedTopics, namedEntities, alsoNamed, specific, nameWords };
  }

  /**
   * What the question asks for that the articles do not give: a percentage (no article gives
   * one), or an amount or date its best fact does not state, or states for something else than
   * the people and organisations the question names.
   */
  notStated(
    shapes: number,
    first: number | undefined,
    named: readonly Entity[],
  ): NotStated | undefined {
    if (shapes & PERCENT && !this.anyPercentage) return "percentage";
    // "Which paper reported the size of the stake" asks who, not how much.
    if (first === undefined || !(shapes & (AMOUNT | DATE)) || shapes & ATTRIBUTION)
      return undefined;
    const features = this.base.features[first] ?? 0;
    const fact = this.base.facts[first];
    const involvesAll = named.every((e) => fact?.entities.includes(e.id));
    if (shapes & AMOUNT && (!(features & AMOUNT) || !involvesAll)) return "amount";
    if (shapes & DATE && !(shapes & AMOUNT) && (!(features & DATE) || !involvesAll)) return "date";
    return undefined;
  }

  /** Whether a topic has a fact giving the figure a question asks for (any does if none). */
  canAnswer(t: number, shapes: number): boolean {
    if ((shapes & FIGURE) === 0) return true;
    return Array.from(this.base.keyFacts[t] ?? [], (p) => this.base.features[p] ?? 0).some((f) =>
      givesFigure(f, shapes),
    );
  }

  /** Longer words of the question the base does not know at all (after correcting misspellings). */
  unknownNames(words: readonly string[]): string[] {
    return words.filter(
      (w) =>
        w.length >= UNKNOWN_NAME_LENGTH &&
        !STOPWORDS.has(w) &&
        !INFLECTED.test(w) &&
        !this.base.vocabulary.knows(w),
    );
  }

  /** Every word of the question the base does not know, however short ("news", "evil"). */
  unknownWords(words: readonly string[]): string[] {
    return words.filter((w) => w && !STOPWORDS.has(w) && !this.base.vocabulary.knows(w));
  }

  /** Whether an unknown name is typed as an owner ("Anthropic's"): the question is about it. */
  ownedByUnknown(typed: readonly string[]): boolean {
    return typed.some((w) => /['’]s$/i.test(w));
  }

  /**
   * Whether a question that is otherwise off the base is a name plus words the base does not know
   * ("stargate news", "nadella update please"): it names a topic specifically (`specific`, a topic
   * number or -1) or a person or organisation that tells facts apart, every other word it knows
   * is a stopword or part of such a name (`names`, the words' places: "microsoft" and "openai",
   * in nearly every fact, are not), and no unknown name is typed as an owner ("Anthropic's").
   * Such a question stays on the name.
   */
  onlyNameAndUnknown(
    words: readonly string[],
    names: ReadonlySet<number>,
    specific: number,
    entities: readonly Entity[],
    typed: readonly string[],
  ): boolean {
    if (this.ownedByUnknown(typed)) return false;
    if (specific < 0 && entities.every((e) => this.ubiquitous(e.id))) return false;
    // A single letter or digit ("[x](http://evil)", "alert(1)") tells nothing, known or not.
    return words.every(
      (w, i) => names.has(i) || w.length < 2 || STOPWORDS.has(w) || !this.base.vocabulary.knows(w),
    );
  }

  /**
   * Whether the question is about something the articles never mention: it has an unknown name
   * typed as an owner ("Anthropic's"), or unknown names and no more words that the base knows and
   * that tell facts apart ("microsoft" does not). `typed` are the unknown names as typed.
   */
  aboutUnknown(
    words: readonly string[],
    unknown: readonly string[],
    typed: readonly string[],
  ): boolean {
    if (unknown.length === 0) return false;
    if (this.ownedByUnknown(typed)) return true;
    const limit = this.base.facts.length * UBIQUITOUS_SHARE;
    const telling = words.filter(
      (w) =>
        w &&
        !STOPWORDS.has(w) &&
        this.base.vocabulary.knows(w) &&
        this.base.vocabulary.factCount(w) <= limit,
    );
    return telling.length <= unknown.length;
  }

  /** Whether an entity takes part in so many facts that naming it tells nothing. */
  ubiquitous(entityId: string): boolean {
    const n = this.base.kb.factsByEntity.get(entityId)?.length ?? 0;
    return n > this.base.facts.length * UBIQUITOUS_SHARE;
  }

  /**
   * How much a name points at one topic: of the facts with each of its words, the share that are
   * the topic's, for its least specific word. A word in no fact (only in the topic's title) is
   * fully specific; a name of stopwords only is not specific at all.
   */
  private specificity(t: number, phrase: string): number {
    const terms = Aliases.termsOf(phrase);
    if (terms.length === 0) return 0;
    let least = 1;
    for (const term of terms) {
      const all = this.base.vocabulary.factsPerTerm.get(term) ?? 0;
      if (all === 0) continue;
      least = Math.min(least, (this.base.trackedInTopic[t]?.get(term) ?? 0) / all);
    }
    return least;
  }
}
