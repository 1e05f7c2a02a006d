import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // End-to-end tests start real servers on loopback; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
