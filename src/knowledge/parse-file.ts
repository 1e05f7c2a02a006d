/**
 * Reading one knowledge file (YAML or JSON) into data that can say on which line each value sits,
 * or the problem that stops it being read.
 *
 * Two YAML parsers, for speed: js-yaml reads a file that uses no aliases (every shipped file)
 * about ten times faster than `yaml`, which builds a document tree with positions. `yaml` still
 * reads every other file: one with aliases (its alias count stops a billion-laughs bomb), one
 * js-yaml refuses (its messages name the line), and any file whose lines a problem needs.
 */
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { load } from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import type { KnowledgeProblem } from "./problems.ts";

export type PathKey = string | number;

/** A parsed file that can say on which line a value sits, computed only when a problem needs it. */
export interface ParsedFile {
  name: string;
  data: unknown;
  lineOf(path: readonly PathKey[]): number | undefined;
}

export async function parseFile(dir: string, path: string): Promise<ParsedFile | KnowledgeProblem> {
  const name = relative(dir, path).split("\\").join("/");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return {
      file: name,
      message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    };
  }
  // JSON is parsed natively (fast, for large bases); lines are located only when a problem
  // needs one, by reading the same text as YAML (a superset of JSON).
  if (/\.json$/i.test(name)) {
    try {
      return { name, data: JSON.parse(text), lineOf: linesWhenAsked(text) };
    } catch (error) {
      const at = /position (\d+)/.exec(String(error));
      const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
      return { file: name, line, message: `is not valid JSON: ${(error as Error).message}` };
    }
  }
  const fast = readWithoutAliases(text);
  if (fast.ok) return { name, data: fast.data, lineOf: linesWhenAsked(text) };
  const yaml = yamlLineFinder(text);
  if (yaml.error) return { file: name, ...yaml.error };
  return { name, data: yaml.data, lineOf: yaml.lineOf };
}

type LineFinder = (path: readonly PathKey[]) => number | undefined;

/**
 * The fast path: js-yaml with the YAML 1.2 core schema (as `yaml` reads it: dates stay strings,
 * no merge keys) and no aliases at all. Anything it refuses, or an empty file, goes to `yaml`.
 */
export function readWithoutAliases(text: string): { ok: true; data: unknown } | { ok: false } {
  try {
    return { ok: true, data: load(text, { maxAliases: 0 }) };
  } catch {
    return { ok: false };
  }
}

/** Line lookups for a file read by a fast parser: `yaml` reads it again when first asked. */
function linesWhenAsked(text: string): LineFinder {
  let finder: LineFinder | undefined;
  return (path) => {
    finder ??= yamlLineFinder(text).lineOf;
    return finder(path);
  };
}

function yamlLineFinder(text: string): {
  data?: unknown;
  lineOf: LineFinder;
  error?: { line?: number; message: string };
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf: LineFinder = (path) => {
    // The deepest node that exists: a missing field is reported at its record.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const first = doc.errors[0];
  if (first) {
    return {
      lineOf,
      error: {
        line: lineCounter.linePos(first.pos[0]).line,
        message: `is not valid YAML: ${first.message.split("\n")[0]}`,
      },
    };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), lineOf };
  } catch (error) {
    // toJS throws (a ReferenceError) when aliases expand past the count: a billion-laughs bomb.
    const why = error instanceof Error ? error.message : String(error);
    return { lineOf, error: { message: `cannot be read as data: ${why}` } };
  }
}

export function isProblem(x: ParsedFile | KnowledgeProblem): x is KnowledgeProblem {
  return "message" in x;
}
