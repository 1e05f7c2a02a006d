/**
 * The lines one knowledge base shares between its answers (`src/reply/present.ts`), and what the
 * renderers remember of them (`src/render/line-memo.ts`): shared and remembered output must be
 * exactly what building and rendering afresh gives, for every kind of reply the core gives.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { parseCommand } from "../../src/commands/parse.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { composeDigest } from "../../src/digest/compose.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { factLines } from "../../src/reply/present.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { request, shippedKnowledge } from "../helpers/knowledge.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** Every kind of reply: lists, answers, timelines, sources with and without quotes, misses. */
async function replies(): Promise<[string, Reply][]> {
  const briefing = createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 });
  const texts = ["help", "help timeline", "topics", "sources", "money", "nothing-like-this", "ask"];
  for (const t of kb.topics.values()) texts.push(t.id, `timeline ${t.id}`, `sources ${t.id}`);
  for (const s of kb.sources.values()) texts.push(`sources ${s.id}`);
  for (const f of [...kb.facts.values()].filter((f) => f.disputes || f.supersedes).slice(0, 10))
    texts.push(`sources ${f.id}`);
  const out: [string, Reply][] = [];
  for (const text of texts) out.push([text, await briefing.handle(request(text))]);
  const digest = composeDigest({ knowledge: kb, week: "2026-W03", asOf: new Date(), context: {} });
  out.push(["digest", digest.reply]);
  return out;
}

describe("lines shared per knowledge base", () => {
  it("equal the lines built afresh, and are the same frozen objects every time", () => {
    for (const fact of kb.facts.values()) {
      const shared = factLines(kb, [fact]);
      // A copy of the fact is not the base's own: its lines are built afresh.
      const fresh = factLines(kb, [{ ...fact }]);
      expect(shared).toEqual(fresh);
      expect(Object.isFrozen(fresh[0])).toBe(false);
      for (const [i, line] of shared.entries()) {
        expect(Object.isFrozen(line) && Object.isFrozen(line.sources)).toBe(true);
        expect(factLines(kb, [fact])[i]).toBe(line);
      }
    }
  });

  it("render exactly as unshared copies do, on Slack and Discord, the first time and after", async () => {
    const all = await replies();
    expect(all.some(([, r]) => r.sections.some((s) => s.lines.some(Object.isFrozen)))).toBe(true);
    for (const [text, reply] of all) {
      // structuredClone gives unfrozen copies: nothing remembered applies to them.
      const copy = structuredClone(reply);
      for (const links of [{}, { publicUrl: "https://briefing.example/" }]) {
        const slack = JSON.stringify(renderSlack(copy, { shareCommand: text, ...links }));
        const discord = JSON.stringify(renderDiscord(copy, { shareCustomId: "s", ...links }));
        for (let pass = 0; pass < 2; pass++) {
          expect(JSON.stringify(renderSlack(reply, { shareCommand: text, ...links }))).toBe(slack);
          expect(JSON.stringify(renderDiscord(reply, { shareCustomId: "s", ...links }))).toBe(
            discord,
          );
        }
      }
    }
  });
});

describe("parseCommand counts characters as people do", () => {
  it("counts a surrogate pair as one character and a lone surrogate as one", () => {
    const emoji = "😀";
    expect(parseCommand(emoji.repeat(500)).ok).toBe(true);
    expect(parseCommand(emoji.repeat(501))).toEqual({
      ok: false,
      problem: "too-long",
      length: 501,
    });
    expect(parseCommand(`${"\ud83d".repeat(300)}${"a".repeat(201)}`)).toEqual({
      ok: false,
      problem: "too-long",
      length: 501,
    });
  });
});
