import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Tests that start processes (`npm start`, the CLI, a browser) or wait on real sockets for
 * seconds: `npm run test:e2e`. Everything else is `npm run test:unit`, in-process and quick.
 * `npm test` runs both. A new test that spawns a process is named `*.e2e.test.ts`.
 */
export const E2E = [
  "tests/**/*.e2e.test.ts",
  "tests/entry/**/*.test.ts",
  "tests/delivery/slack-delivery.test.ts",
  "tests/discord/register.test.ts",
];

const ALL = ["tests/**/*.test.ts"];

/**
 * `npm test` (`vitest run`) runs every file as one set; `npm run test:unit` and `test:e2e` pick
 * their half with `--mode unit` or `--mode e2e`. One set rather than two projects because a
 * worker serves the files of one project only: two projects start twice the workers, each
 * loading the base, zod, Bolt and discord.js again (measured on this 2-core machine: about
 * 10 s of CPU more for the whole suite).
 */
const PARTS: Record<string, { include: string[]; exclude?: string[] }> = {
  unit: { include: ALL, exclude: E2E },
  e2e: { include: E2E },
};

export default defineConfig(({ mode }) => ({
  test: {
    ...(PARTS[mode] ?? { include: ALL }),
    // End-to-end tests start real servers on loopback; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine. Much of a
    // run waits on child processes, PostgreSQL and sockets, so a worker per core keeps both cores
    // busy (measured here: 84 s instead of 114 s for the whole suite, for 5% more CPU).
    maxWorkers: Math.max(2, availableParallelism()),
    // Builds dist/app/ once when stale: the entry-point tests run the compiled app, as npm does.
    globalSetup: ["tests/global-setup.ts"],
    // One module graph per worker instead of one per file: the shipped base, zod schemas, Bolt
    // and discord.js load once, not once per file. Measured on this 2-core machine: about a third
    // of the CPU time of isolated files. Tests therefore leave no global state behind (spies
    // restored, env unstubbed, servers closed, and the processes they start stopped).
    isolate: false,
  },
}));
