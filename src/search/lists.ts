/** Compact per-fact lists and a top-k selection, for the search's hot loops on a large base. */

/** Numbers listed per fact in one array: fact p's are `list[start[p]]` to `list[start[p + 1] - 1]`. */
export interface PerFact {
  start: Int32Array;
  list: Int32Array;
}

export function listPerFact(lists: readonly number[][]): PerFact {
  const start = new Int32Array(lists.length + 1);
  let at = 0;
  lists.forEach((l, p) => {
    at += l.length;
    start[p + 1] = at;
  });
  const list = new Int32Array(at);
  lists.forEach((l, p) => {
    list.set(l, start[p]);
  });
  return { start, list };
}

/** Whether fact p lists n. */
export function listed(lists: PerFact, p: number, n: number): boolean {
  const end = lists.start[p + 1] ?? 0;
  for (let k = lists.start[p] ?? 0; k < end; k++) {
    if (lists.list[k] === n) return true;
  }
  return false;
}

/** Whether fact p lists any of `ns`. */
export function listsAny(lists: PerFact, p: number, ns: readonly number[]): boolean {
  const end = lists.start[p + 1] ?? 0;
  for (let k = lists.start[p] ?? 0; k < end; k++) {
    if (ns.includes(lists.list[k] ?? -1)) return true;
  }
  return false;
}

/**
 * The best `k` of `n` items, best first: by score, higher first, then by key, lower first (the
 * same as sorting them all and keeping the first `k`, without sorting or allocating per item).
 */
export function topK(
  n: number,
  k: number,
  scoreAt: (i: number) => number,
  keyAt: (i: number) => number,
): { items: number[]; scores: number[] } {
  const items: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = scoreAt(i);
    const key = keyAt(i);
    let j = items.length;
    while (j > 0) {
      const above = scores[j - 1] ?? 0;
      if (score > above || (score === above && key < keyAt(items[j - 1] ?? 0))) j--;
      else break;
    }
    if (j >= k) continue;
    items.splice(j, 0, i);
    scores.splice(j, 0, score);
    if (items.length > k) {
      items.pop();
      scores.pop();
    }
  }
  return { items, scores };
}
