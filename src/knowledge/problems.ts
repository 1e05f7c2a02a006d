/** One thing wrong with the knowledge folder, located as precisely as the format allows. */
export interface KnowledgeProblem {
  /** Path relative to the knowledge folder, e.g. `topics/stargate.yaml`. */
  file: string;
  /** 1-based line, where known. */
  line?: number;
  /** Which record and field, in words: `fact "board-seat" › sources[1]`. */
  field?: string;
  message: string;
  /** A line of help printed under the problem, e.g. the sentence a mistyped quote came from. */
  hint?: string;
}

/** `topics/stargate.yaml:42: fact "x" › sources[1]: unknown source "wsj"` */
export function formatProblem(p: KnowledgeProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const line = p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
  return p.hint ? `${line}\n    ${p.hint}` : line;
}

export function formatProblems(problems: readonly KnowledgeProblem[]): string {
  return problems.map(formatProblem).join("\n");
}
