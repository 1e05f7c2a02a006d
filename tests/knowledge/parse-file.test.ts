/**
 * Reading one knowledge file: js-yaml reads a file without aliases (fast), `yaml` every other
 * (aliases with their bomb guard, broken files with their line). Both must give the same data.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  isProblem,
  type ParsedFile,
  parseFile,
  readWithoutAliases,
} from "../../src/knowledge/parse-file.ts";
import type { KnowledgeProblem } from "../../src/knowledge/problems.ts";

const SHIPPED = "knowledge";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parse-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function parsed(name: string, text: string): Promise<ParsedFile | KnowledgeProblem> {
  await writeFile(join(dir, name), text);
  return parseFile(dir, join(dir, name));
}

async function data(name: string, text: string): Promise<unknown> {
  const result = await parsed(name, text);
  if (isProblem(result)) throw new Error(`${result.file}: ${result.message}`);
  return result.data;
}

describe("reading a knowledge file", () => {
  it("reads every shipped file on the fast path, to the same data as `yaml`", async () => {
    const names = [
      "sources.yaml",
      "entities.yaml",
      ...(await readdir(join(SHIPPED, "topics"))).map((f) => `topics/${f}`),
    ];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const text = await readFile(join(SHIPPED, name), "utf8");
      const fast = readWithoutAliases(text);
      expect(fast.ok, name).toBe(true);
      if (fast.ok) expect(fast.data, name).toEqual(parse(text));
    }
  });

  it("reads scalars as YAML 1.2's core schema does: dates, yes/no and 0b are strings", async () => {
    const text = "when: 2025-01-21\nanswer: yes\nflag: 0b101\norder: +.5\nnothing: ~\n";
    expect(readWithoutAliases(text)).toEqual({ ok: true, data: parse(text) });
    expect(await data("scalars.yaml", text)).toEqual({
      when: "2025-01-21",
      answer: "yes",
      flag: "0b101",
      order: 0.5,
      nothing: null,
    });
  });

  it("leaves a file with aliases to `yaml`, which resolves them", async () => {
    const text = "base: &who [Nadella, Altman]\nagain: *who\n";
    expect(readWithoutAliases(text)).toEqual({ ok: false });
    expect(await data("aliases.yaml", text)).toEqual({
      base: ["Nadella", "Altman"],
      again: ["Nadella", "Altman"],
    });
  });

  it("refuses an alias bomb as data that cannot be read", async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const result = await parsed("bomb.yaml", `${levels.join("\n")}\n`);
    expect(isProblem(result) && result.message).toMatch(/^cannot be read as data: Excessive alias/);
  });

  it("names the line of a broken file, as `yaml` reads it", async () => {
    const result = await parsed("broken.yaml", "topic:\n  id: x\nfacts:\n  - id: [unclosed\n");
    expect(isProblem(result)).toBe(true);
    if (isProblem(result)) {
      expect(result.file).toBe("broken.yaml");
      // The unclosed list runs to the end of the file, where `yaml` notices it.
      expect(result.line).toBe(5);
      expect(result.message).toMatch(/^is not valid YAML: /);
    }
  });

  it("finds the line of a value in a file read on the fast path, and of a missing one's record", async () => {
    const result = await parsed(
      "lines.yaml",
      "topic:\n  id: money\nfacts:\n  - id: first\n    text: One.\n  - id: second\n",
    );
    if (isProblem(result)) throw new Error(result.message);
    expect(result.lineOf(["facts", 0, "text"])).toBe(5);
    expect(result.lineOf(["facts", 1, "text"])).toBe(6);
    expect(result.lineOf(["topic", "id"])).toBe(2);
  });

  it("reads an empty file as no data, for the loader to call its fields missing", async () => {
    expect(await data("empty.yaml", "")).toBeNull();
  });
});
