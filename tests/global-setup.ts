/**
 * Before any test file runs: the compiled app in dist/app/ is built if a source is newer than it,
 * once, so the tests that start `npm start` or the CLI (tests/helpers/run.ts) run the same build
 * as npm does, without each child transforming TypeScript or racing to rebuild. The fixtures that
 * run as processes of their own are compiled too (tests/helpers/fixtures.ts).
 */
import { buildApp, staleReason } from "../scripts/build.mjs";
import { buildFixtures } from "./helpers/fixtures.ts";

export default async function setup(): Promise<void> {
  if (staleReason()) await buildApp();
  await buildFixtures();
}
