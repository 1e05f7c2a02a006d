/**
 * Writes a large synthetic knowledge folder for the benchmark: the shipped sources and entities,
 * and `topics` topic files of `perTopic` facts each. Synthetic topic i is a variant of real topic
 * (i mod 16): its facts are that topic's facts with a few words swapped and a codename added, so
 * vocabulary and word frequencies, within topics and across them, resemble a real base grown large.
 */
import { copyFile, cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { KnowledgeBase } from "../src/index.ts";

/** A small deterministic PRNG (mulberry32), so every run generates the same base. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ren",
  "tus",
  "vo",
  "zar",
  "pel",
  "qui",
  "dan",
  "bri",
  "sol",
  "tek",
  "nor",
  "fa",
];

function codename(i: number): string {
  let n = i;
  let out = "";
  do {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return `${out}x`;
}

export async function generateBase(
  source: KnowledgeBase,
  sourceDir: string,
  outDir: string,
  options: { topics: number; perTopic: number; format: "json" | "yaml"; seed?: number },
): Promise<{ facts: number; codenames: string[] }> {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  await mkdir(join(outDir, "topics"), { recursive: true });
  await copyFile(join(sourceDir, "sources.yaml"), join(outDir, "sources.yaml"));
  await copyFile(join(sourceDir, "entities.yaml"), join(outDir, "entities.yaml"));
  await cp(join(sourceDir, "articles"), join(outDir, "articles"), { recursive: true });

  const realTopics = [...source.topics.values()];
  const sourceIds = [...source.sources.keys()];
  const entityIds = [...source.entities.keys()];
  const codenames: string[] = [];
  let count = 0;
  for (let t = 0; t < options.topics; t++) {
    const name = codename(t);
    codenames.push(name);
    const real = realTopics[t % realTopics.length] as (typeof realTopics)[number];
    const realFacts = source.factsByTopic.get(real.id) ?? [];
    const facts = [];
    for (let f = 0; f < options.perTopic; f++) {
      const base = pick(realFacts);
      const words = base.text.split(" ");
      // Shuffle a little: swap a few words so texts differ but keep their vocabulary.
      for (let k = 0; k < 3; k++) {
        const i = Math.floor(random() * words.length);
        const j = Math.floor(random() * words.length);
        [words[i], words[j]] = [words[j] as string, words[i] as string];
      }
      const year = 2019 + Math.floor(random() * 8);
      facts.push({
        id: `${name}-f${f}`,
        text: `${words.join(" ")} (${name} ${f})`,
        sources: [pick(sourceIds)],
        when: random() < 0.5 ? String(year) : "unknown",
        entities: [pick(entityIds), pick(entityIds)].filter((e, i, a) => a.indexOf(e) === i),
        added: "2026-11-22",
        status: "current",
        kind: "situation",
        key: f < 3,
      });
      count++;
    }
    const file = {
      topic: {
        id: `topic-${name}`,
        title: `${real.title} ${name}`,
        aliases: [name],
        overview: real.overview,
      },
      facts,
    };
    const path = join(outDir, "topics", `${name}.${options.format}`);
    await writeFile(path, options.format === "json" ? JSON.stringify(file) : stringify(file));
  }
  return { facts: count, codenames };
}
