/**
 * How large a knowledge file and a whole base may be, checked with `stat` before anything is
 * read: a huge file is refused without being read or parsed, so refusing it costs a system call,
 * not seconds of a blocked event loop and a gigabyte of memory (a 50 MB topic file took 55 s).
 */
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import type { KnowledgeProblem } from "./problems.ts";

/**
 * One file. The largest shipped file is about 6 KB and the bench's 100,000-fact base has files
 * of about 40 KB; 5 MB is over a hundred times that, and still parses in well under a second.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The whole base. The bench's 100,000-fact base is about 35 MB; this leaves room to grow. */
export const MAX_BASE_BYTES = 100 * 1024 * 1024;

/** A log line or start-up message lists at most this many problems, each at most this long. */
export const MAX_LISTED_PROBLEMS = 20;
export const MAX_PROBLEM_CHARS = 300;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface SizeCheck {
  /** Files refused for their size, by path: not to be read. */
  tooLarge: Map<string, KnowledgeProblem>;
  /** Set when the files together are over the base's limit: nothing is to be read. */
  base?: KnowledgeProblem;
}

export async function checkSizes(
  dir: string,
  paths: readonly string[],
  limits: { fileBytes?: number; baseBytes?: number } = {},
): Promise<SizeCheck> {
  const fileLimit = limits.fileBytes ?? MAX_FILE_BYTES;
  const baseLimit = limits.baseBytes ?? MAX_BASE_BYTES;
  const sizes = await Promise.all(
    // A file that cannot be stat'ed is left to the reader, which says why it cannot be read.
    paths.map((p) =>
      stat(p).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const tooLarge = new Map<string, KnowledgeProblem>();
  let total = 0;
  paths.forEach((path, i) => {
    const size = sizes[i] ?? 0;
    total += size;
    if (size > fileLimit) {
      tooLarge.set(path, {
        file: relative(dir, path).split("\\").join("/"),
        message: `is too large (${mb(size)}; a file may be at most ${mb(fileLimit)}): split it into several topic files`,
      });
    }
  });
  if (total > baseLimit) {
    return {
      tooLarge,
      base: {
        file: dir,
        message: `the knowledge files add up to ${mb(total)}, over the limit of ${mb(baseLimit)}`,
      },
    };
  }
  return { tooLarge };
}

/** Problems as a log line or message may carry them: a bounded number, each cut to a bounded length. */
export function capProblems(lines: readonly string[]): string[] {
  const shown = lines
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((l) => (l.length > MAX_PROBLEM_CHARS ? `${l.slice(0, MAX_PROBLEM_CHARS - 1)}…` : l));
  const more = lines.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more problem(s)`] : shown;
}
