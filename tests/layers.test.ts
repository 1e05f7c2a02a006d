/**
 * The import graph of src/: no cycles, and no import from a lower layer to a higher one. Reading
 * our own source with a pattern is fine here; the layers are the design's
 * (knowledge <- search <- commands <- core), with the plain-data and helper layers around them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");

/** Lowest first. A module may import its own folder and any folder of a lower layer, nothing else. */
const LAYERS: readonly (readonly string[])[] = [
  ["time", "log.ts", "errors.ts", "config.ts", "ops"],
  ["lifecycle"],
  ["knowledge"],
  ["reply"],
  ["search"],
  ["store"],
  ["commands"],
  ["digest", "delivery"],
  ["schedule"],
  ["subscriptions"],
  ["core"],
  ["render"],
  ["index.ts"],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative imports and re-exports of `text` (type-only ones too: a type cycle is a cycle). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^'"]*?from\s*["'](\.[^"']+)["']/g))
    out.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\s*\(\s*["'](\.[^"']+)["']\s*\)/g))
    out.push(m[1] as string);
  return out;
}

/** `src/core/briefing.ts` -> `core`; `src/log.ts` -> `log.ts`. */
const unitOf = (path: string) => relative(SRC, path).split("/")[0] as string;

function rankOf(unit: string): number {
  const rank = LAYERS.findIndex((layer) => layer.includes(unit));
  if (rank < 0) throw new Error(`src/${unit} is in no layer: add it to LAYERS`);
  return rank;
}

/** src/ file -> the src/ files it imports. */
function graphOf(sources: Map<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    graph.set(
      file,
      importsOf(text)
        .map((spec) => resolve(dirname(file), spec))
        .filter((target) => target.startsWith(SRC)),
    );
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files along it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

function upwardImports(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = unitOf(file);
      const to = unitOf(target);
      if (from !== to && rankOf(to) >= rankOf(from))
        out.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
    }
  }
  return out;
}

const read = () => new Map(files(SRC).map((f) => [f, readFileSync(f, "utf8")]));

describe("the import graph of src/", () => {
  const graph = graphOf(read());

  it("reads every module", () => {
    expect(graph.size).toBeGreaterThan(40);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
  });

  it("has no cycles", () => {
    const cycles = cyclesOf(graph).map((c) => c.map((f) => relative(ROOT, f)).join(" -> "));
    expect(cycles).toEqual([]);
  });

  it("never imports from a lower layer to a higher one", () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it("the checks themselves catch a cycle and an upward import", () => {
    const a = join(SRC, "core/a.ts");
    const b = join(SRC, "commands/b.ts");
    const sample = new Map([
      [a, 'import type { B } from "../commands/b.ts";'],
      [b, 'import type { A } from "../core/a.ts";'],
    ]);
    const g = graphOf(sample);
    expect(cyclesOf(g)).toHaveLength(1);
    expect(upwardImports(g)).toEqual(["src/commands/b.ts -> src/core/a.ts"]);
  });
});
