/**
 * Checks that need the whole base: ids unique and pointing somewhere, disputes and supersessions
 * pointing both ways, every topic holding facts, aliases naming one thing only.
 */
import type { KnowledgeProblem } from "./problems.ts";
import type { Entity, FactRecord, Source, Topic } from "./schema.ts";

interface Located<T> {
  value: T;
  file: string;
  line: () => number | undefined;
}

export interface CrossCheckInput {
  sources: Located<Source>[];
  entities: Located<Entity>[];
  topics: Located<Topic>[];
  facts: (Located<FactRecord> & { topicId: string })[];
}

/**
 * What the cross-checks cannot see: records refused by their own schema, and files that could not
 * be read at all. A reference to something in there is not reported as unknown (it may well exist
 * once its own problem is fixed); everything else is still checked, so one run lists every problem.
 */
export interface Unseen {
  ids: ReadonlySet<string>;
  /** Kinds of record a missing or unreadable file may have held. */
  kinds: ReadonlySet<"source" | "entity" | "topic" | "fact">;
}

export function crossCheck(
  input: CrossCheckInput,
  unseen: Unseen = { ids: new Set(), kinds: new Set() },
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const report = (at: Located<unknown>, field: string, message: string) => {
    const unknown = /^unknown (\w+) "([^"]+)"$/.exec(message);
    if (unknown && (unseen.kinds.has(unknown[1] as "fact") || unseen.ids.has(unknown[2] as string)))
      return;
    problems.push({ file: at.file, line: at.line(), field, message });
  };

  // Sources, topics and facts share one namespace: `sources <id>` must resolve to one thing.
  // An id's owner is kept as its kind and place in the input (kind + 3 × index), and described
  // only when the id is used twice.
  const kinds = ["source", "topic", "fact"] as const;
  const claimants = [input.sources, input.topics, input.facts];
  const shared = new Map<string, number>();
  kinds.forEach((kind, k) => {
    (claimants[k] as Located<{ id: string }>[]).forEach((at, i) => {
      const id = at.value.id;
      const owner = shared.get(id);
      if (owner === undefined) {
        shared.set(id, k + 3 * i);
        return;
      }
      const ownerKind = kinds[owner % 3] as string;
      const owners = claimants[owner % 3] as Located<unknown>[];
      const ownerFile = (owners[Math.floor(owner / 3)] as Located<unknown>).file;
      report(at, `${kind} "${id}"`, `id is already used by ${ownerKind} "${id}" in ${ownerFile}`);
    });
  });

  const entityIds = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const e of input.entities) {
    const label = `entity "${e.value.id}"`;
    if (entityIds.has(e.value.id)) report(e, label, "id is used twice");
    entityIds.add(e.value.id);
    for (const name of [e.value.name, ...e.value.aliases]) {
      const key = name.toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner && owner !== e.value.id) {
        report(e, `${label} › aliases`, `"${name}" also names entity "${owner}"`);
      } else aliasOwner.set(key, e.value.id);
    }
  }

  const sourceIds = new Set(input.sources.map((s) => s.value.id));
  const topicIds = new Set(input.topics.map((t) => t.value.id));
  // Facts by id, for the few that point at others; built when the first one needs it.
  let byId: Map<string, FactRecord> | undefined;
  const facts = {
    get: (id: string) => {
      byId ??= new Map(input.facts.map((f) => [f.value.id, f.value]));
      return byId.get(id);
    },
  };
  const factCount = new Map<string, number>();

  for (const f of input.facts) {
    const fact = f.value;
    const label = `fact "${fact.id}"`;
    fact.sources.forEach((s, i) => {
      if (!sourceIds.has(s)) report(f, `${label} › sources`, `unknown source "${s}"`);
      if (fact.sources.indexOf(s) < i) {
        report(f, `${label} › sources`, `source "${s}" is listed twice`);
      }
    });
    for (const e of fact.entities) {
      if (!entityIds.has(e)) report(f, `${label} › entities`, `unknown entity "${e}"`);
    }
    for (const t of fact.alsoIn ?? []) {
      if (!topicIds.has(t)) report(f, `${label} › alsoIn`, `unknown topic "${t}"`);
      else if (t === f.topicId)
        report(f, `${label} › alsoIn`, `"${t}" is already this fact's own topic`);
    }
    if (fact.updated && fact.updated < fact.added) {
      report(f, `${label} › updated`, `is before "added" (${fact.added})`);
    }
    for (const t of [f.topicId, ...(fact.alsoIn ?? [])])
      factCount.set(t, (factCount.get(t) ?? 0) + 1);

    const disputes = fact.disputes ?? [];
    if (fact.status === "disputed" && disputes.length === 0) {
      report(
        f,
        `${label} › disputes`,
        'status is "disputed" but no fact is named as the other side',
      );
    }
    if (disputes.length > 0 && fact.status !== "disputed") {
      report(f, `${label} › status`, 'names facts in "disputes", so its status must be "disputed"');
    }
    if (fact.disputeNote && disputes.length === 0) {
      report(f, `${label} › disputeNote`, 'is set but "disputes" names no fact');
    }
    for (const other of disputes) {
      const target = facts.get(other);
      if (other === fact.id) report(f, `${label} › disputes`, "a fact cannot dispute itself");
      else if (!target) report(f, `${label} › disputes`, `unknown fact "${other}"`);
      else if (!(target.disputes ?? []).includes(fact.id)) {
        report(
          f,
          `${label} › disputes`,
          `points at "${other}", which does not point back (add "${fact.id}" to its disputes)`,
        );
      }
    }

    if (fact.status === "superseded" && !fact.supersededBy) {
      report(f, `${label} › supersededBy`, 'status is "superseded" but no later fact is named');
    }
    if (fact.supersededBy) {
      const later = facts.get(fact.supersededBy);
      if (fact.status !== "superseded") {
        report(
          f,
          `${label} › status`,
          'names a fact in "supersededBy", so its status must be "superseded"',
        );
      }
      if (fact.supersededBy === fact.id)
        report(f, `${label} › supersededBy`, "a fact cannot supersede itself");
      else if (!later) report(f, `${label} › supersededBy`, `unknown fact "${fact.supersededBy}"`);
      else if (later.supersedes !== fact.id) {
        report(
          f,
          `${label} › supersededBy`,
          `points at "${fact.supersededBy}", which does not point back (set its "supersedes" to "${fact.id}")`,
        );
      }
    }
    if (fact.supersedes) {
      const earlier = facts.get(fact.supersedes);
      if (!earlier) report(f, `${label} › supersedes`, `unknown fact "${fact.supersedes}"`);
      else if (earlier.supersededBy !== fact.id) {
        report(
          f,
          `${label} › supersedes`,
          `points at "${fact.supersedes}", which does not point back (set its "supersededBy" to "${fact.id}")`,
        );
      }
    }
  }

  for (const t of input.topics) {
    if (!factCount.get(t.value.id) && !unseen.kinds.has("fact")) {
      report(t, `topic "${t.value.id}"`, "has no facts: a topic must group at least one fact");
    }
  }
  return problems;
}
