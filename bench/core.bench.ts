/**
 * The core's answer latency on the shipped base and on generated 10,000- and 100,000-fact bases
 * (targets: p99 under 1 ms, 2 ms and 25 ms), the time to load and validate the large base, and an
 * in-memory Map lookup of the same topics as the floor.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { BriefingRequest, KnowledgeBase } from "../src/index.ts";
import {
  createBriefing,
  DEFAULT_REPLY_CACHE_SIZE,
  loadKnowledge,
  normalize,
  searchIndexFor,
} from "../src/index.ts";
import { QUESTIONS } from "../tests/search/questions.ts";
import { generateBase, rng } from "./generate-base.ts";
import type { Bench } from "./harness.ts";

const KNOWLEDGE = fileURLToPath(new URL("../knowledge", import.meta.url));
const N = 5_000;

const request = (text: string): BriefingRequest => ({
  platform: { name: "cli" },
  text,
  user: { id: "bench", isPlatformAdmin: () => false },
  conversation: { id: "bench", isDirect: true },
  at: new Date(),
});

async function load(dir: string): Promise<KnowledgeBase> {
  const result = await loadKnowledge(dir);
  if (!result.ok)
    throw new Error(
      `bench base invalid: ${result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join("; ")}`,
    );
  return result.knowledge;
}

/** Queries of every kind: topic names, aliases, people, questions, misspellings, commands, misses. */
function queryMix(kb: KnowledgeBase, extra: string[]): string[] {
  const topics = [...kb.topics.values()].slice(0, 50);
  return [
    ...QUESTIONS.map((q) => q.q),
    ...topics.map((t) => t.title),
    ...topics.map((t) => `timeline ${t.id}`).slice(0, 10),
    ...topics.map((t) => `sources ${t.id}`).slice(0, 10),
    "topics",
    "help",
    "sources",
    "timeline",
    "frobnicate the wibble",
    "weather in paris",
    ...extra,
  ];
}

async function measure(
  bench: Bench,
  label: string,
  kb: KnowledgeBase,
  queries: string[],
): Promise<void> {
  // The search and composition themselves: the reply cache is off, so no answer is remembered
  // (the cached figure follows below).
  const briefing = createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 });
  // Each distinct query once first: its first answer also fills per-base caches (an entity's
  // facts, the sorted timeline), so it is reported apart from the steady state.
  const first = await bench.timeEach(
    queries.length,
    (i) => briefing.handle(request(queries[i] as string)),
    0,
  );
  bench.summarize(
    "core",
    `first answer to each query, ${label}`,
    first,
    `max ${Math.max(...first).toFixed(1)} ms`,
  );
  const random = rng(7);
  const order = Array.from(
    { length: N },
    () => queries[Math.floor(random() * queries.length)] as string,
  );
  const answer = await bench.timeEach(N, (i) => briefing.handle(request(order[i] as string)), 200);
  bench.summarize(
    "core",
    `answer, ${label}`,
    answer,
    `${queries.length} distinct queries, random order, reply cache off`,
  );
  // With the reply cache (the default), once every query has been asked: what a repeated
  // question costs. Only where the queries fit the cache, so that every answer is a hit.
  if (queries.length <= DEFAULT_REPLY_CACHE_SIZE) {
    const cached = createBriefing({ knowledge: { current: () => kb } });
    for (const q of queries) await cached.handle(request(q));
    const repeat = await bench.timeEach(N, (i) => cached.handle(request(order[i] as string)), 0);
    bench.summarize(
      "core",
      `answer with the reply cache, ${label}`,
      repeat,
      `the same ${queries.length} queries, each asked before`,
    );
  }

  // The floor: an in-memory Map lookup of the same queries' topics by normalised name.
  const byName = new Map<string, string>();
  for (const t of kb.topics.values()) {
    byName.set(normalize(t.title), t.id);
    byName.set(t.id, t.id);
  }
  const floor = await bench.timeEach(N, (i) => byName.get(normalize(order[i] as string)), 500);
  bench.summarize("core", `Map lookup floor, ${label}`, floor);
}

export default async function run(bench: Bench): Promise<void> {
  const shipped = await load(KNOWLEDGE);
  await measure(
    bench,
    `shipped base (${shipped.stats.facts} facts)`,
    shipped,
    queryMix(shipped, []),
  );

  const dir = await mkdtemp(join(tmpdir(), "bench-kb-"));
  try {
    // A base grown to 10,000 facts: the scale a curated base could plausibly reach.
    const medium = await generateBase(shipped, KNOWLEDGE, join(dir, "medium"), {
      topics: 100,
      perTopic: 100,
      format: "json",
    });
    const mediumKb = await load(join(dir, "medium"));
    const mediumRandom = rng(5);
    await measure(
      bench,
      `generated base (${medium.facts.toLocaleString("en")} facts)`,
      mediumKb,
      queryMix(
        mediumKb,
        Array.from({ length: 40 }, () => {
          const name = medium.codenames[Math.floor(mediumRandom() * medium.codenames.length)] ?? "";
          return mediumRandom() < 0.5 ? name : `how much did ${name} cost and when`;
        }),
      ),
    );

    const topics = 1_000;
    const perTopic = 100;
    const { facts, codenames } = await generateBase(shipped, KNOWLEDGE, join(dir, "json"), {
      topics,
      perTopic,
      format: "json",
    });
    const yaml = await generateBase(shipped, KNOWLEDGE, join(dir, "yaml"), {
      topics: 20,
      perTopic,
      format: "yaml",
    });

    const loads: number[] = [];
    let large: KnowledgeBase | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      large = await load(join(dir, "json"));
      loads.push(performance.now() - t0);
    }
    bench.summarize(
      "core",
      `load + validate ${facts.toLocaleString("en")} facts (JSON, ${topics} files)`,
      loads,
    );
    const yamlLoads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await load(join(dir, "yaml"));
      yamlLoads.push(performance.now() - t0);
    }
    bench.summarize(
      "core",
      `load + validate ${yaml.facts.toLocaleString("en")} facts (YAML, 20 files)`,
      yamlLoads,
    );

    const kb = large as KnowledgeBase;
    const t0 = performance.now();
    searchIndexFor(kb);
    bench.record({
      section: "core",
      case: `build search index, ${facts.toLocaleString("en")} facts`,
      n: 1,
      p50Ms: performance.now() - t0,
    });

    const random = rng(3);
    const extra = Array.from({ length: 40 }, () => {
      const name = codenames[Math.floor(random() * codenames.length)] as string;
      return random() < 0.5 ? name : `what about ${name} and the board seat`;
    });
    await measure(
      bench,
      `generated base (${facts.toLocaleString("en")} facts)`,
      kb,
      queryMix(kb, extra),
    );
    const mb = process.memoryUsage().heapUsed / 1024 / 1024;
    bench.record({
      section: "core",
      case: "heap used after the large base",
      n: 1,
      note: `${mb.toFixed(0)} MB`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
