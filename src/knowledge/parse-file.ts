/**
 * Reading one knowledge file (YAML or JSON) into data that can say on which line each value sits,
 * or the problem that stops it being read.
 */
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
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
      const data: unknown = JSON.parse(text);
      let finder: LineFinder | undefined;
      const lineOf: LineFinder = (p) => {
        finder ??= yamlLineFinder(text).lineOf;
        return finder(p);
      };
      return { name, data, lineOf };
    } catch (error) {
      const at = /position (\d+)/.exec(String(error));
      const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
      return { file: name, line, message: `is not valid JSON: ${(error as Error).message}` };
    }
  }
  const yaml = yamlLineFinder(text);
  if (yaml.error) return { file: name, ...yaml.error };
  return { name, data: yaml.data, lineOf: yaml.lineOf };
}

type LineFinder = (path: readonly PathKey[]) => number | undefined;

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
