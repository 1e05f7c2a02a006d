/** What a search answers, for the commands that present it. */
import type { Fact } from "../knowledge/knowledge-base.ts";
import type { Entity, Topic } from "../knowledge/schema.ts";
import type { EntityAnswer } from "./entity-answer.ts";

export interface TopicHit {
  topic: Topic;
  score: number;
}

export interface FactHit {
  fact: Fact;
  score: number;
}

export type SearchOutcome =
  /** The whole query names a topic. */
  | { kind: "topic"; topic: Topic; facts: readonly Fact[] }
  /** The whole query names a person, organisation or project that is not itself a topic. */
  | EntityAnswer
  /** A question: the best topic, and the facts that answer it best. */
  | {
      kind: "search";
      topic: Topic;
      facts: FactHit[];
      entities: Entity[];
      /** Longer words of the question the base does not know at all, as typed. */
      unknown: string[];
      /** What the question asks for that the articles do not give, if anything. */
      notStated: NotStated | undefined;
      /** What the question is about, by name: the people or organisations it names (not the
       * ones in nearly every fact); empty when it names none. */
      about: string[];
    }
  /**
   * Nothing answers it; `suggestions` are the closest topics, best first; `unknown`, the names in
   * the question the articles never mention, as typed.
   */
  | { kind: "none"; suggestions: Topic[]; unknown?: string[] };

/** A kind of answer the articles never give for what was asked. */
export type NotStated = "amount" | "date" | "percentage";
