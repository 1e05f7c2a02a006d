/**
 * Appending a source to `sources.yaml` without disturbing what a curator wrote: the new entry is
 * spliced in after the last one, as text, so every other byte (comments, wrapping, quoting, blank
 * lines) stays as it was. The `yaml` Document API finds where the list ends and writes the entry;
 * the result is parsed again and must read as the old list plus the new entry.
 */
import { isSeq, parseDocument, stringify } from "yaml";
import type { Source } from "./schema.ts";

export type AppendResult = { ok: true; text: string } | { ok: false; message: string };

/** `sources.yaml` with `source` appended to its `sources` list. */
export function appendSource(text: string, source: Source): AppendResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, message: "sources.yaml is not valid YAML" };
  const list = doc.get("sources", true);
  if (!isSeq(list)) return { ok: false, message: "sources.yaml has no `sources:` list" };
  const before: unknown[] = list.toJSON();
  const last = list.items.at(-1) as { range?: [number, number, number] } | undefined;
  let out: string;
  if (last?.range && !list.flow) {
    // The column of the list's dashes, so the new entry lines up with the others.
    const at = last.range[1];
    const lineStart = text.lastIndexOf("\n", (list.range?.[0] ?? 0) - 1) + 1;
    const indent = " ".repeat(Math.max(0, (list.range?.[0] ?? 0) - lineStart));
    const entry = stringify([source], { lineWidth: 100 })
      .trimEnd()
      .split("\n")
      .map((l) => indent + l)
      .join("\n");
    const head = text.slice(0, at);
    out = `${head}${head.endsWith("\n") ? "" : "\n"}\n${entry}\n${text.slice(at)}`;
  } else {
    // An empty or flow-style list: let the Document API write it.
    list.flow = false;
    list.items.push(doc.createNode(source));
    out = doc.toString({ lineWidth: 100 });
  }
  const check = parseDocument(out);
  const after = check.get("sources", true);
  const expected = JSON.stringify([...before, source]);
  if (check.errors.length > 0 || !isSeq(after) || JSON.stringify(after.toJSON()) !== expected) {
    return { ok: false, message: "could not append to sources.yaml without changing it otherwise" };
  }
  return { ok: true, text: out };
}
