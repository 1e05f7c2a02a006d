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

export default defineConfig({
  test: {
    // End-to-end tests start real servers on loopback; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine. Much of a
    // run waits on child processes, PostgreSQL and sockets, so a worker per core keeps both cores
    // busy (measured here: 84 s instead of 114 s for the whole suite, for 5% more CPU).
    maxWorkers: Math.max(2, availableParallelism()),
    // Builds dist/app/ once when stale: the entry-point tests run the compiled app, as npm does.
    globalSetup: ["tests/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: E2E,
          // One module graph per worker instead of one per file: the shipped base, zod schemas and
          // Bolt load once, not 45 times. Measured on this 2-core machine: about a third of the
          // CPU time of isolated files. Unit tests therefore leave no global state behind
          // (spies restored, env unstubbed, servers closed).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: E2E,
          // As for unit tests: each file imports Bolt, discord.js and the base once per worker,
          // not once per file (measured here: 72 s of CPU instead of 107 for the e2e project).
          // Every e2e file stops the servers and processes it starts.
          isolate: false,
        },
      },
    ],
  },
});
