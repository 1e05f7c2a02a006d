/**
 * A small knowledge folder written from scratch into a temp dir: two sources with their articles,
 * one topic, and the facts a test gives. For tests of the loader's article and quote checks that
 * must not depend on the shipped base's wording.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The articles, with the traps quotes meet: curly quotes, dashes, a line break, furniture. */
export const ARTICLES: Record<string, string> = {
  "first-report": [
    "Partners Sign a Deal",
    "",
    "Advertisement",
    "",
    "The two firms signed a deal worth $1.5 billion on Tuesday. Mr. Smith called it “a new",
    "chapter” for both—and for the U.S. market. Analysts were surprised.",
    "",
    "Share",
    "",
  ].join("\n"),
  "second-report": "Regulators said they would look at the deal. Nobody else commented.\n",
};

export interface SmallFolder {
  dir: string;
  /** Every file under the folder with its content: to show that a refusal wrote nothing. */
  snapshot(): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

const SOURCES = `# Two test sources.
sources:
  - id: first-report
    title: Partners Sign a Deal
    label: First Report

  - id: second-report
    title: "[Regulators look at the deal]"
    label: Second Report
`;

/** Writes the folder; `facts` is the YAML of the facts list, indented as under `facts:`. */
export async function smallKnowledge(facts: string): Promise<SmallFolder> {
  const dir = await mkdtemp(join(tmpdir(), "small-knowledge-"));
  await mkdir(join(dir, "topics"));
  await mkdir(join(dir, "articles"));
  await writeFile(join(dir, "sources.yaml"), SOURCES);
  await writeFile(
    join(dir, "entities.yaml"),
    "entities:\n  - id: smith\n    name: Mr. Smith\n    kind: person\n",
  );
  await writeFile(
    join(dir, "topics", "deal.yaml"),
    `topic:\n  id: deal\n  title: The deal\n  overview: What the two reports say about the deal.\n\nfacts:\n${facts}`,
  );
  for (const [id, text] of Object.entries(ARTICLES))
    await writeFile(join(dir, "articles", `${id}.txt`), text);
  return {
    dir,
    async snapshot() {
      const out: Record<string, string> = {};
      const walk = async (sub: string) => {
        for (const e of await readdir(join(dir, sub), { withFileTypes: true })) {
          const rel = sub ? `${sub}/${e.name}` : e.name;
          if (e.isDirectory()) await walk(rel);
          else out[rel] = await readFile(join(dir, rel), "utf8");
        }
      };
      await walk("");
      return out;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One fact citing `first-report` (and optionally more), in the long form. */
export function factCiting(id: string, citations: { id: string; quote?: string }[]): string {
  const sources = citations
    .map((c) =>
      c.quote === undefined
        ? `      - ${c.id}\n`
        : `      - id: ${c.id}\n        quote: ${JSON.stringify(c.quote)}\n`,
    )
    .join("");
  return `  - id: ${id}
    text: The two firms signed a deal.
    sources:
${sources}    when: unknown
    added: 2026-11-22
    status: current
    kind: event
`;
}
