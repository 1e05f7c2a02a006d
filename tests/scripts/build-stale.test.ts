/**
 * When `scripts/run.mjs` rebuilds dist/app/ before running: no build, a missing entry, a source
 * newer than the build, a source removed. Real files with set times, no build run.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { staleReason } from "../../scripts/build.mjs";

const BUILT = new Date("2026-01-01T12:00:00Z");
const BEFORE = new Date("2026-01-01T11:00:00Z");
const AFTER = new Date("2026-01-01T13:00:00Z");

let root: string;

async function file(path: string, at: Date, text = ""): Promise<void> {
  await mkdir(join(root, path, ".."), { recursive: true });
  await writeFile(join(root, path), text);
  await utimes(join(root, path), at, at);
}

/** Dates every folder of the checkout, as a checkout made before the build would be. */
async function dateFolders(at: Date): Promise<void> {
  for (const d of ["bin", "bin/cli", "src", "src/core", "adapters", "adapters/slack"]) {
    await utimes(join(root, d), at, at);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "build-stale-"));
  for (const path of [
    "bin/start.ts",
    "bin/cli.ts",
    "bin/discord-register.ts",
    "bin/cli/ask.ts",
    "src/core/briefing.ts",
    "adapters/slack/index.ts",
    "package.json",
    "package-lock.json",
    "scripts/build.mjs",
  ]) {
    await file(path, BEFORE);
  }
  await dateFolders(BEFORE);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function built(): Promise<void> {
  for (const name of ["start", "cli", "discord-register"]) {
    await file(`dist/app/${name}.js`, BUILT);
  }
  await file("dist/app/built.json", BUILT, "{}");
}

describe("whether the compiled app must be built again", () => {
  it("is stale with no build, and current after one made after every source", async () => {
    expect(staleReason(root)).toBe("no build yet");
    await built();
    expect(staleReason(root)).toBeUndefined();
  });

  it("is stale when an entry point's file is missing from the build", async () => {
    await built();
    await rm(join(root, "dist/app/cli.js"));
    expect(staleReason(root)).toBe("dist/app/cli.js is missing");
  });

  it("is stale when a source file, deep or shallow, or the lock file was saved after the build", async () => {
    await built();
    for (const path of ["src/core/briefing.ts", "bin/cli/ask.ts", "package-lock.json"]) {
      await utimes(join(root, path), AFTER, AFTER);
      expect(staleReason(root), path).toBe("sources changed since the last build");
      await utimes(join(root, path), BEFORE, BEFORE);
      expect(staleReason(root), path).toBeUndefined();
    }
  });

  it("is stale when a source was added or removed after the build (its folder changed)", async () => {
    await built();
    await rm(join(root, "adapters/slack/index.ts"));
    await utimes(join(root, "adapters/slack"), AFTER, AFTER);
    expect(staleReason(root)).toBe("sources changed since the last build");
  });

  it("ignores files that are not sources, such as the knowledge base or the tests", async () => {
    await built();
    await file("knowledge/topics/new.yaml", AFTER);
    await file("tests/new.test.ts", AFTER);
    expect(staleReason(root)).toBeUndefined();
  });
});
