/**
 * Remembered answers. Every read-only command (`ask`, `topics`, `timeline`, `sources`, `help`)
 * answers from the knowledge base and the command text alone, so the same question against the
 * same base gets the same reply. A channel that has just read the weekly digest tends to ask the
 * same few things; those come back from here instead of being searched and composed again.
 *
 * One cache per knowledge base object: a hot reload serves a new base, and nothing remembered
 * from the old one is ever shown. Replies are copied and frozen (deeply) when remembered, because
 * every caller then shares the same object: a renderer that tried to change one would throw at once.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { deepFreeze } from "../reply/freeze.ts";
import type { Reply } from "../reply/reply.ts";

/** How many distinct command texts are remembered per base. A reply is a few kilobytes. */
export const DEFAULT_REPLY_CACHE_SIZE = 256;

/** Texts longer than this are answered but not remembered (a pasted paragraph is rarely asked twice). */
const MAX_KEY_LENGTH = 200;

export interface ReplyCache {
  /** The remembered reply to `key` against `kb`, or `compute()`'s, remembered from now on. */
  get(kb: KnowledgeBase, key: string, compute: () => Reply): Reply;
}

export { deepFreeze };

/** A least-recently-used cache of replies, `size` entries per knowledge base; 0 remembers nothing. */
export function createReplyCache(size = DEFAULT_REPLY_CACHE_SIZE): ReplyCache {
  const perBase = new WeakMap<KnowledgeBase, Map<string, Reply>>();
  return {
    get(kb, key, compute) {
      if (size <= 0 || key.length > MAX_KEY_LENGTH) return compute();
      let entries = perBase.get(kb);
      if (!entries) {
        entries = new Map();
        perBase.set(kb, entries);
      }
      const hit = entries.get(key);
      if (hit) {
        // Most recently used goes last; the first key is the next to go.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      // A copy: a reply may hold arrays the knowledge base or the search index still own, and
      // freezing those in place would break whoever owns them.
      const fresh = deepFreeze(structuredClone(compute()));
      entries.set(key, fresh);
      if (entries.size > size) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return fresh;
    },
  };
}
