/** One thing wrong with the knowledge folder, located as precisely as the format allows. */
export interface KnowledgeProblem {
  /** Path relative to the knowledge folder, e.g. `topics/stargate.yaml`. */
  file: string;
  /** 1-based line, where known. */
  line?: number;
  /** Which record and field, in words: `fact "board-seat" › sources[1]`. */
  field?: string;
  message: string;
}

/** `topics/stargate.yaml:42: fact "x" › sources[1]: unknown source "wsj"` */
export function formatProblem(p: KnowledgeProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

export function formatProblems(problems: readonly KnowledgeProblem[]): string {
  return problems.map(formatProblem).join("\n");
}
