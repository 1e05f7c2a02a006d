import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

/** Every module specifier a file imports, statically or dynamically, or re-exports. */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\bimport\s[^'"]*?from\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bexport\s[^'"]*?from\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const p of patterns) for (const m of text.matchAll(p)) specs.push(m[1] as string);
  return specs;
}

const PLATFORM =
  /^(@slack\/|discord\.js$|discord\.js\/|@discordjs\/|discord-api-types|hono$|hono\/|@hono\/)/;

describe("the core stays platform-neutral", () => {
  const files = sourceFiles(join(ROOT, "src"));

  it("finds the core's files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("no file under src/ imports a platform SDK or anything under adapters/", () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (PLATFORM.test(spec) || /(^|\/)adapters(\/|$)/.test(spec)) {
          offenders.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the check itself catches each kind of import", () => {
    const sample = [
      'import { App } from "@slack/bolt";',
      "import type { Client } from 'discord.js';",
      'export { x } from "../../adapters/slack/index.ts";',
      'const m = await import("@discordjs/rest");',
      'import { Hono } from "hono";',
      'import { serve } from "@hono/node-server";',
    ].join("\n");
    expect(
      importsOf(sample).filter((s) => PLATFORM.test(s) || /(^|\/)adapters(\/|$)/.test(s)),
    ).toHaveLength(6);
  });
});

describe("adapters use the core's public API only", () => {
  const files = ["adapters"].flatMap((d) => sourceFiles(join(ROOT, d)));

  /** What `file` imports from under src/ other than src/index.ts. */
  const internals = (file: string, text: string) =>
    importsOf(text)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => relative(ROOT, resolve(dirname(file), spec)))
      .filter((target) => target.startsWith("src/") && target !== "src/index.ts");

  it("no file under adapters/ imports from src/ other than src/index.ts", () => {
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      internals(file, readFileSync(file, "utf8")).map(
        (t) => `${relative(ROOT, file)} imports ${t}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it("the check itself catches an adapter reaching into the core", () => {
    const file = join(ROOT, "adapters/slack/x.ts");
    expect(internals(file, 'import { parseCommand } from "../../src/commands/parse.ts";')).toEqual([
      "src/commands/parse.ts",
    ]);
    expect(internals(file, 'import { createBriefing } from "../../src/index.ts";')).toEqual([]);
  });

  /**
   * A regular expression that looks for the core's command (`\/partnership`, `new RegExp(…
   * partnership…)`): in an adapter it could only be reading hints out of the core's prose again,
   * which the core now hands over as data (`CommandRef`).
   */
  const parsesHints = (line: string) =>
    /\\\/\??partnership/.test(line) || /new RegExp\([^)]*partnership/i.test(line);

  it("no Slack or Discord adapter file has a pattern that reads the core's command hints", () => {
    const offenders: string[] = [];
    for (const file of [
      ...sourceFiles(join(ROOT, "adapters/slack")),
      ...sourceFiles(join(ROOT, "adapters/discord")),
    ]) {
      for (const [n, line] of readFileSync(file, "utf8").split("\n").entries()) {
        if (parsesHints(line)) offenders.push(`${relative(ROOT, file)}:${n + 1}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the hint check itself catches the patterns the Discord adapter used to have", () => {
    expect(parsesHints("const CORE_HINT = /(?<![\\w/])\\/partnership(?![\\w-])/g;")).toBe(true);
    expect(parsesHints("const PREFIX = /^\\/?partnership(?:@\\S+)?/i;")).toBe(true);
    expect(parsesHints('const hint = new RegExp("partnership (\\w+)");')).toBe(true);
    expect(parsesHints('export const SLASH_COMMAND = "/partnership";')).toBe(false);
  });
});

describe("the bundle start-up compiles stays small", () => {
  /**
   * `import { z } from "zod"` (zod's classic object) keeps all of zod in the bundle: 782 KB
   * instead of 202 KB in the chunk every `npm start` and CLI run compiles, even when only a lazily
   * loaded adapter wrote it (esbuild puts code two chunks share in one both load). The namespace
   * import lets esbuild drop what is unused.
   */
  const whole = (text: string) =>
    /\bimport\s+(?!type\b)[^;]*?\{[^}]*\bz\b[^}]*\}\s*from\s*["']zod["']/.test(text) ||
    /\bimport\s+(?!type\b|\*)\w+\s*(?:,[^;]*)?from\s*["']zod["']/.test(text);

  it("every runtime import of zod is `import * as z`", () => {
    const offenders = ["src", "adapters", "bin"]
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => whole(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches a named or default import and passes the namespace", () => {
    expect(whole('import { z } from "zod";')).toBe(true);
    expect(whole("import { type ZodType, z } from 'zod';")).toBe(true);
    expect(whole('import z from "zod";')).toBe(true);
    expect(whole('import * as z from "zod";')).toBe(false);
    expect(whole('import type * as z from "zod";')).toBe(false);
    expect(whole('import type { z } from "zod";')).toBe(false);
  });
});
