/**
 * Test fixtures that run as processes of their own (a replica's digest pass, a scheduler that
 * crashes on cue, a migration on cue). The global setup compiles them once per run with esbuild,
 * as the app itself is compiled, so each child starts as plain JavaScript instead of loading tsx
 * and transforming the app's sources again (about a second of CPU a child).
 */
import { join } from "node:path";
import { ROOT } from "./run.ts";

/** Each fixture by name: `fixtureCommand(name)` runs it. */
const FIXTURES = {
  "replica-process": "tests/delivery/fixtures/replica-process.ts",
  "digest-process": "tests/delivery/fixtures/digest-process.ts",
  "migrate-on-go": "tests/store/migrate-on-go.ts",
} as const;

export type FixtureName = keyof typeof FIXTURES;

const OUT = join(ROOT, "dist", "test-fixtures");

/** Compiles every fixture into dist/test-fixtures/ (git-ignored); packages stay in node_modules. */
export async function buildFixtures(): Promise<void> {
  const esbuild = await import("esbuild");
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: FIXTURES,
      outdir: OUT,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      logLevel: "error",
    });
  } finally {
    await esbuild.stop();
  }
}

/** The command that runs a compiled fixture with these arguments, for `spawn(...)`. */
export function fixtureCommand(
  name: FixtureName,
  args: readonly string[] = [],
): [string, string[]] {
  return [process.execPath, [join(OUT, `${name}.js`), ...args]];
}
