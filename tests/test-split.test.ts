/**
 * Keeps `npm run test:unit` quick: a test file that starts a process or a browser belongs to the
 * e2e half (`E2E` in vitest.config.ts), which `npm run test:unit` leaves out.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { E2E } from "../vitest.config.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith(".test.ts") ? [relative(ROOT, path)] : [];
  });
}

/** The glob subset the config uses: `**` for any folders, `*` within a name. */
function matches(glob: string, path: string): boolean {
  const pattern = glob
    .split("**/")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
    .join("(?:.*/)?");
  return new RegExp(`^${pattern}$`).test(path);
}

const STARTS_PROCESS = /\bspawn\(|\brunEntry\(|\bchromium\.launch\(/;

describe("the unit/e2e split", () => {
  it("the glob check reads the config's globs as vitest does", () => {
    expect(matches("tests/**/*.e2e.test.ts", "tests/web/browser.e2e.test.ts")).toBe(true);
    expect(matches("tests/**/*.e2e.test.ts", "tests/a/b/c.e2e.test.ts")).toBe(true);
    expect(matches("tests/**/*.e2e.test.ts", "tests/web/pages.test.ts")).toBe(false);
    expect(matches("tests/entry/**/*.test.ts", "tests/entry/cli.test.ts")).toBe(true);
  });

  it("every test file that starts a process or a browser is in the e2e half", () => {
    const unit = testFiles(join(ROOT, "tests")).filter(
      (file) => !E2E.some((glob) => matches(glob, file)),
    );
    const misplaced = unit.filter((file) =>
      STARTS_PROCESS.test(readFileSync(join(ROOT, file), "utf8")),
    );
    expect(unit.length).toBeGreaterThan(30);
    expect(misplaced).toEqual([]);
  });
});
