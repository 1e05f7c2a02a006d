/**
 * Freezing reply data that several callers share: a remembered reply (`core/reply-cache.ts`), a
 * remembered rendering (`render/memo.ts`), the lines one knowledge base shares between its
 * answers (`present.ts`). Shared objects are frozen so that whoever tried to change one would
 * throw at once instead of changing everyone's copy.
 */

/** Freezes `value` and everything it holds; what is already frozen is left as it is. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
