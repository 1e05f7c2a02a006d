/**
 * The blind evaluation set (`blind-questions.yaml`) and its scoring rule, shared by the test and
 * by `score-blind.ts`, which prints the scores per question shape.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import type { Reply } from "../../src/reply/reply.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";

export interface BlindQuestion {
  q: string;
  shape: string;
  answerable: boolean;
  facts?: string[];
  broad?: boolean;
  says?: string[];
}

export interface Scored {
  question: BlindQuestion;
  right: boolean;
  /** The fact lines shown first (each with its counterpoints), or the reply's title. */
  got: string;
}

export async function blindQuestions(): Promise<BlindQuestion[]> {
  const text = await readFile(new URL("./blind-questions.yaml", import.meta.url), "utf8");
  const parsed: unknown = parse(text);
  if (!Array.isArray(parsed)) throw new Error("blind-questions.yaml must be a list");
  return parsed.map((entry: unknown, i): BlindQuestion => {
    if (typeof entry !== "object" || entry === null) throw new Error(`entry ${i} is not a map`);
    const e = Object.fromEntries(Object.entries(entry));
    const strings = (v: unknown): string[] | undefined =>
      Array.isArray(v) ? v.map(String) : undefined;
    return {
      q: String(e.q),
      shape: String(e.shape),
      answerable: e.answerable === true,
      facts: strings(e.facts),
      broad: e.broad === true,
      says: strings(e.says),
    };
  });
}

/** A reply's fact lines in groups: each main fact line with the counterpoints shown beside it. */
function factGroups(reply: Reply): string[][] {
  const groups: string[][] = [];
  for (const section of reply.sections) {
    for (const line of section.lines) {
      if (!line.factId) continue;
      const last = groups.at(-1);
      if (line.role === "counterpoint" && last) last.push(line.factId);
      else groups.push([line.factId]);
    }
  }
  return groups;
}

/** Whether the reply says plainly that the briefing does not give what was asked. */
export function saysNothing(reply: Reply): boolean {
  return reply.kind === "no-match" || /^Nothing in the briefing says/.test(reply.intro ?? "");
}

/**
 * The scoring rule. Answerable: the first fact line (with its counterpoints) states one of the
 * expected facts, or one of the first three for a broad question; a question about an article
 * itself is right when the reply's title and intro contain every expected pattern; and the reply
 * must not say the briefing does not give it. Unanswerable: the reply says so.
 */
export function score(question: BlindQuestion, reply: Reply): Scored {
  const groups = factGroups(reply);
  const got = groups.length
    ? groups
        .slice(0, 3)
        .map((g) => g.join("+"))
        .join(", ")
    : reply.title;
  if (!question.answerable) return { question, right: saysNothing(reply), got };
  // An answerable question answered "the articles do not say" is wrong, whatever facts follow.
  if (saysNothing(reply)) return { question, right: false, got: `${reply.intro ?? ""} / ${got}` };
  if (question.says) {
    const text = `${reply.title}\n${reply.intro ?? ""}`;
    return { question, right: question.says.every((p) => new RegExp(p).test(text)), got: text };
  }
  const wanted = new Set(question.facts ?? []);
  const shown = groups.slice(0, question.broad ? 3 : 1).flat();
  return { question, right: shown.some((id) => wanted.has(id)), got };
}

export async function scoreAll(): Promise<Scored[]> {
  const briefing = await shippedBriefing();
  const out: Scored[] = [];
  for (const question of await blindQuestions()) {
    out.push(score(question, await briefing.handle(request(question.q))));
  }
  return out;
}

/** Right answers per shape, answerable and unanswerable apart. */
export function byShape(results: readonly Scored[]): Map<string, { right: number; of: number }> {
  const shapes = new Map<string, { right: number; of: number }>();
  for (const r of results) {
    const s = shapes.get(r.question.shape) ?? { right: 0, of: 0 };
    s.of++;
    if (r.right) s.right++;
    shapes.set(r.question.shape, s);
  }
  return shapes;
}
