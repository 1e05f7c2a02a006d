/**
 * Every word the indexes know, with how common it is: to tell known words from unknown ones, and
 * to correct misspellings and cut-off words before searching.
 */
import SearchableMap from "minisearch/SearchableMap";
import type { Aliases } from "./aliases.ts";
import { STOPWORDS, stem } from "./normalize.ts";
import { PREFIX_CANDIDATES } from "./tuning.ts";

export class Vocabulary {
  private readonly words = new SearchableMap<number>();

  constructor(
    /** In how many facts each indexed term occurs. */
    readonly factsPerTerm: ReadonlyMap<string, number>,
    /** In how many topics each term of the topic index occurs. */
    private readonly topicsPerTerm: ReadonlyMap<string, number>,
    private readonly aliases: Aliases,
  ) {
    for (const [term, n] of factsPerTerm) this.words.set(term, n);
    for (const [term, n] of topicsPerTerm) {
      if (!this.words.has(term)) this.words.set(term, n);
    }
  }

  knows(word: string): boolean {
    const stemmed = stem(word);
    return (
      this.factsPerTerm.has(word) ||
      this.topicsPerTerm.has(word) ||
      this.factsPerTerm.has(stemmed) ||
      this.topicsPerTerm.has(stemmed) ||
      this.aliases.has(word)
    );
  }

  /** In how many facts a word (or its stem) occurs. */
  factCount(word: string): number {
    return this.factsPerTerm.get(word) ?? this.factsPerTerm.get(stem(word)) ?? 0;
  }

  /**
   * A word the indexes do not know, corrected to the closest one they do: one edit (or two letters
   * swapped) for words of five to seven letters, two for longer ones, or the word it begins
   * ("stargat" → "stargate"); ties go to the more common word; failing those, two known words run
   * together are split. Unknown short words and words with no close match stay as typed.
   */
  correct(word: string): string {
    if (word.length < 4 || STOPWORDS.has(word) || this.knows(word)) return word;
    let best: { term: string; distance: number; count: number } | undefined;
    const consider = (term: string, distance: number, count: number) => {
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance &&
          (count > best.count || (count === best.count && term < best.term)))
      ) {
        best = { term, distance, count };
      }
    };
    if (word.length >= 5) {
      for (const [term, [count, distance]] of this.words.fuzzyGet(word, word.length >= 8 ? 2 : 1)) {
        consider(term, distance, count);
      }
      // Two letters swapped ("clasue") is one slip, though it is two edits.
      for (let i = 0; i + 1 < word.length; i++) {
        const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
        const count = this.words.get(swapped);
        if (count !== undefined) consider(swapped, 1, count);
      }
    }
    let seen = 0;
    for (const [term, count] of this.words.atPrefix(word)) {
      if (++seen > PREFIX_CANDIDATES) break;
      consider(term, 0.5, count);
    }
    if (best) return best.term;
    // Two known words run together ("hardfork", "cofounder"): split where both halves are known.
    for (let i = 2; i <= word.length - 3; i++) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if (this.knows(left) && this.knows(right)) return `${left} ${right}`;
    }
    return word;
  }

  /** A normalised query with its unknown words corrected. */
  corrected(q: string): string {
    return q
      .split(" ")
      .map((w) => this.correct(w))
      .join(" ");
  }

  /**
   * The share of a (corrected) query's meaningful words that the base knows. A question whose
   * words are mostly unknown is about something else ("does openai have a deal with apple for
   * siri"), and answering it with facts that share its one known word would mislead.
   */
  coverage(q: string): number {
    const tokens = q.split(" ").filter((w) => w && !STOPWORDS.has(w));
    if (tokens.length === 0) return 0;
    return tokens.filter((w) => this.knows(w)).length / tokens.length;
  }
}
