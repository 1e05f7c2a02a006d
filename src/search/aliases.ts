/**
 * The names a query may use for a topic, person, organisation or project: titles, ids, aliases
 * and their misspellings, exactly or by the stems of their words ("azur", "stargat").
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { normalize, STOPWORDS, stem } from "./normalize.ts";
import { searchTerm } from "./terms.ts";
import { MAX_ALIAS_WORDS } from "./tuning.ts";

/** What an alias phrase points at. */
export type AliasTarget = { type: "topic"; id: string } | { type: "entity"; id: string };

/** An alias found in a query: what it names, and which of the query's words name it. */
export interface AliasFound {
  target: AliasTarget;
  from: number;
  to: number;
}

export class Aliases {
  private readonly exact = new Map<string, AliasTarget>();
  /** The same aliases keyed by their words' stems. */
  private readonly stemmed = new Map<string, AliasTarget>();
  /** The first word of each alias, with the most words an alias starting with it has. */
  private readonly starts = new Map<string, number>();
  /** Entity names and aliases, kept apart: a topic's alias may also name an entity ("xai"). */
  private readonly entities = new Map<string, string>();

  constructor(kb: KnowledgeBase) {
    // Entities first, then topics: a phrase that names both (Stargate) resolves to the topic.
    for (const e of kb.entities.values()) {
      for (const name of [e.name, ...e.aliases]) {
        this.add(name, { type: "entity", id: e.id });
        this.entities.set(normalize(name), e.id);
      }
    }
    for (const t of kb.topics.values()) {
      for (const name of [t.id.replace(/-/g, " "), t.title, ...t.aliases]) {
        this.add(name, { type: "topic", id: t.id });
      }
    }
  }

  private add(name: string, target: AliasTarget): void {
    const key = normalize(name);
    if (!key) return;
    this.exact.set(key, target);
    const words = key.split(" ");
    const stemmed = words.map(stem);
    this.stemmed.set(stemmed.join(" "), target);
    for (const first of [words[0], stemmed[0]]) {
      if (first !== undefined)
        this.starts.set(first, Math.max(this.starts.get(first) ?? 0, words.length));
    }
  }

  /** The search terms of a phrase's words (stopwords left out). */
  static termsOf(phrase: string): string[] {
    return phrase
      .split(" ")
      .map(searchTerm)
      .filter((t) => t !== null);
  }

  /** Every search term of every topic's names: the words whose spread `specificity` needs. */
  topicNameTerms(): Set<string> {
    const terms = new Set<string>();
    for (const [phrase, target] of this.exact) {
      if (target.type === "topic") for (const t of Aliases.termsOf(phrase)) terms.add(t);
    }
    return terms;
  }

  /** The entity a normalised phrase names, even where the phrase resolves to a topic. */
  entityOf(phrase: string): string | undefined {
    return this.entities.get(phrase);
  }

  /** Whether a single word is an alias as written. */
  has(word: string): boolean {
    return this.exact.has(word);
  }

  /** What a normalised phrase names: exactly, or failing that by the stems of its words. */
  of(phrase: string): AliasTarget | undefined {
    return this.exact.get(phrase) ?? this.stemmed.get(phrase.split(" ").map(stem).join(" "));
  }

  /** Alias phrases found inside a normalised query's words, longest first, without overlaps. */
  in(words: readonly string[]): AliasFound[] {
    const found: AliasFound[] = [];
    const used = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(MAX_ALIAS_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        // The stem too, so a possessive ("suleymans", from "Suleyman's") still starts a name.
        const first = words[i] ?? "";
        if (Math.max(this.starts.get(first) ?? 0, this.starts.get(stem(first)) ?? 0) < n) continue;
        if (used.slice(i, i + n).some(Boolean)) continue;
        const phrase = words.slice(i, i + n).join(" ");
        if (n === 1 && STOPWORDS.has(phrase)) continue;
        const target = this.of(phrase);
        if (!target) continue;
        found.push({ target, from: i, to: i + n });
        for (let k = i; k < i + n; k++) used[k] = true;
      }
    }
    return found;
  }
}
