import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
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

describe("the web adapter", () => {
  it("reaches the core only through src/index.ts", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, "adapters", "web"))) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (/(^|\/)src\//.test(spec) && !/(^|\/)src\/index\.ts$/.test(spec))
          offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
