import { vi } from "vitest";

/**
 * Runs a CLI subcommand's function in this process, collecting what it writes, in the shape
 * `runEntry` gives for a child process. For the many cases of one subcommand; a few tests still
 * spawn the real entry point to prove the dispatch.
 */
export async function inProcess(
  run: () => Promise<number>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run();
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
