/** Helpers for tests that watch a running part: its log lines, and a condition coming true. */
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/index.ts";

/** A logger at info whose lines are kept for the test to read. */
export function capturingLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

/** Waits for a condition; the limit is generous, it only stops a test that would never pass. */
export async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
