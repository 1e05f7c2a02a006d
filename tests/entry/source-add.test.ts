/**
 * `source add` and `coverage` on a temp copy of the shipped knowledge folder: the happy path
 * through the CLI's subcommands, and each refusal, which must leave the folder exactly as it was.
 * They run in this process: tests/entry/cli.test.ts proves the entry point dispatches.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCheckCli } from "../../bin/cli/check.ts";
import { runCoverageCli } from "../../bin/cli/coverage.ts";
import { runSourceCli } from "../../bin/cli/source-add.ts";
import { inProcess } from "../helpers/in-process.ts";
import { knowledgeCopy } from "../helpers/knowledge.ts";

const ARTICLE = [
  "Microsoft and OpenAI Sign a New Compute Deal",
  "",
  "Advertisement",
  "",
  "The companies said on Tuesday that they had signed a new agreement on computing power. Mr. Nadella called it “a new chapter” for both.",
  "",
  "The U.S. deal is worth $1.5 billion, according to people familiar with the matter.",
  "",
  "Share",
  "",
].join("\n");

let copy: Awaited<ReturnType<typeof knowledgeCopy>>;
let scratch: string;

/** Every file under a folder with its bytes, to compare before and after. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out.set(path, (await readFile(path)).toString("base64"));
    }
  }
  return out;
}

beforeAll(async () => {
  copy = await knowledgeCopy();
  scratch = await mkdtemp(join(tmpdir(), "source-add-input-"));
  await writeFile(join(scratch, "new.txt"), ARTICLE);
});
afterAll(async () => {
  await copy.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe("source add, then check and coverage", () => {
  it("GIVEN a new plain-text article THEN keeps it, appends its source, and the base is valid with every sentence uncited", async () => {
    const sourcesBefore = await readFile(join(copy.dir, "sources.yaml"), "utf8");
    const add = await inProcess(() =>
      runSourceCli([
        "add",
        join(scratch, "new.txt"),
        "--id",
        "compute-deal",
        "--title",
        "Microsoft and OpenAI Sign a New Compute Deal",
        "--published",
        "2026-02-03",
        "--knowledge",
        copy.dir,
      ]),
    );
    expect(add.stderr).toBe("");
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added source "compute-deal"');
    expect(await readFile(join(copy.dir, "articles", "compute-deal.txt"), "utf8")).toBe(ARTICLE);
    const sourcesAfter = await readFile(join(copy.dir, "sources.yaml"), "utf8");
    // Everything that was there is there byte for byte, comments included; the entry comes last.
    expect(sourcesAfter.startsWith(sourcesBefore)).toBe(true);
    expect(sourcesAfter.slice(sourcesBefore.length)).toBe(
      "\n  - id: compute-deal\n    title: Microsoft and OpenAI Sign a New Compute Deal\n    label: Microsoft and OpenAI Sign a New Compute…\n    published: 2026-02-03\n",
    );

    const check = await inProcess(() => runCheckCli(["--json", "--knowledge", copy.dir]));
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ sources: 6, articles: 6 });

    const coverage = await inProcess(() =>
      runCoverageCli(["--source", "compute-deal", "--json", "--knowledge", copy.dir]),
    );
    expect(coverage.code).toBe(0);
    expect(JSON.parse(coverage.stdout)).toEqual({
      sources: [
        {
          id: "compute-deal",
          sentences: 3,
          cited: 0,
          uncited: [
            "The companies said on Tuesday that they had signed a new agreement on computing power.",
            'Mr. Nadella called it "a new chapter" for both.',
            "The U.S. deal is worth $1.5 billion, according to people familiar with the matter.",
          ],
        },
      ],
    });
  });

  it("GIVEN the same file again THEN the CLI refuses it, exit 1, and nothing changes", async () => {
    const before = await snapshot(copy.dir);
    const again = await inProcess(() =>
      runSourceCli([
        "add",
        join(scratch, "new.txt"),
        "--id",
        "compute-deal-again",
        "--title",
        "Again",
        "--knowledge",
        copy.dir,
      ]),
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'this text is already kept, as articles/compute-deal.txt (source "compute-deal")',
    );
    expect(await snapshot(copy.dir)).toEqual(before);
  });
});

// These run after the happy path above, in the same copy: the "same text" case needs its article.
describe("source add refuses, writing nothing", () => {
  const cases: {
    name: string;
    file: string;
    bytes?: Buffer | string;
    args: string[];
    says: RegExp;
  }[] = [
    {
      name: "an id already present",
      file: "a.txt",
      bytes: "A fresh text.\n",
      args: ["--id", "drift-apart"],
      says: /a source with the id "drift-apart" exists/,
    },
    {
      name: "the same text with other whitespace and quotes",
      file: "b.txt",
      bytes: ARTICLE.replace(/\n/g, "\n\n").replace(/[“”]/g, '"'),
      args: ["--id", "b"],
      says: /already kept, as articles\/compute-deal\.txt/,
    },
    {
      name: "an empty file",
      file: "c.txt",
      bytes: " \n\n",
      args: ["--id", "c"],
      says: /c\.txt is empty/,
    },
    {
      name: "a binary file",
      file: "d.txt",
      bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      args: ["--id", "d"],
      says: /d\.txt is binary/,
    },
    {
      name: "invalid UTF-8",
      file: "e.txt",
      bytes: Buffer.from([0x48, 0x69, 0xff, 0xfe]),
      args: ["--id", "e"],
      says: /e\.txt is not UTF-8 text/,
    },
    {
      name: "an unreadable (missing) file",
      file: "missing.txt",
      args: ["--id", "f"],
      says: /missing\.txt cannot be read \(ENOENT\)/,
    },
    {
      name: "a bad id",
      file: "g.txt",
      bytes: "Text g.\n",
      args: ["--id", "Not_Kebab"],
      says: /--id must be lower-case words joined by hyphens/,
    },
    {
      name: "an impossible date",
      file: "h.txt",
      bytes: "Text h.\n",
      args: ["--id", "h", "--published", "2026-02-30"],
      says: /--published is not a real date/,
    },
    {
      name: "a date in another format",
      file: "i.txt",
      bytes: "Text i.\n",
      args: ["--id", "i", "--published", "3 Feb 2026"],
      says: /--published must be a date written YYYY-MM-DD\./,
    },
    {
      name: "a blank title (the label left to default from it)",
      file: "k.txt",
      bytes: "Text k.\n",
      args: ["--id", "k", "--title", "   "],
      // Only the option the user got wrong, named once; not the label they never passed.
      says: /^source add: --title must not be empty\. Nothing was written\.\n$/,
    },
    {
      name: "a blank title and a blank label, both given",
      file: "l.txt",
      bytes: "Text l.\n",
      args: ["--id", "l", "--title", "   ", "--label", " "],
      says: /^source add: --title must not be empty; --label must not be empty\. Nothing/,
    },
    {
      name: "a URL that is not http(s)",
      file: "j.txt",
      bytes: "Text j.\n",
      args: ["--id", "j", "--url", "javascript:alert(1)"],
      says: /--url must be an http\(s\) address/,
    },
  ];

  for (const c of cases) {
    it(`GIVEN ${c.name} THEN exit 1 with a clear message`, async () => {
      const path = join(scratch, c.file);
      if (c.bytes !== undefined) await writeFile(path, c.bytes);
      const before = await snapshot(copy.dir);
      const errors: string[] = [];
      const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
        errors.push(String(chunk));
        return true;
      });
      try {
        const code = await runSourceCli([
          "add",
          path,
          "--title",
          "A title",
          ...c.args,
          "--knowledge",
          copy.dir,
        ]);
        expect(code).toBe(1);
      } finally {
        spy.mockRestore();
      }
      expect(errors.join("")).toMatch(c.says);
      expect(errors.join("")).toContain("Nothing was written.");
      expect(await snapshot(copy.dir)).toEqual(before);
    });
  }
});
