/**
 * Remembering what a renderer made of one frozen part of a reply: a fact line, a citation. The
 * core shares such parts between replies (every answer citing a fact holds the same frozen line,
 * `reply/present.ts`), so a renderer that remembers its text for them escapes and formats each
 * fact once per knowledge base instead of once per answer. Parts that are not frozen are
 * rendered every time. Only immutable results (strings) should be remembered: callers share them.
 */
export function rememberFrozen<K extends object, V extends string>(
  render: (part: K) => V,
): (part: K) => V {
  const made = new WeakMap<K, V>();
  return (part) => {
    if (!Object.isFrozen(part)) return render(part);
    let text = made.get(part);
    if (text === undefined) {
      text = render(part);
      made.set(part, text);
    }
    return text;
  };
}
