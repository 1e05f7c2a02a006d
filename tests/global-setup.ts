/**
 * Before any test file runs: the compiled app in dist/app/ is built if a source is newer than it,
 * once, so the tests that start `npm start` or the CLI (tests/helpers/run.ts) run the same build
 * as npm does, without each child transforming TypeScript or racing to rebuild.
 */
import { buildApp, staleReason } from "../scripts/build.mjs";

export default async function setup(): Promise<void> {
  if (staleReason()) await buildApp();
}
