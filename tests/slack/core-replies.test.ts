import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeText } from "../../adapters/slack/mrkdwn.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { commandText } from "../../adapters/slack/request.ts";
import { COMMANDS } from "../../src/commands/registry.ts";
import type { Briefing } from "../../src/core/briefing.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { binaryString } from "../helpers/arbitraries.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { knowledge, realBriefing } from "./harness.ts";

const PREFIX = /^(?:• (?:\*[^*\n]*\* — )?|↔ \*[^*\n]*:\*(?: \([^)\n]*\))? )/;

describe("every reply the core gives renders within Slack's limits", () => {
  let core: Briefing;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    core = await realBriefing();
    kb = await knowledge();
  });

  const inputs = () => {
    const vocabulary = [
      ...COMMANDS.map((c) => c.name),
      ...[...kb.topics.values()].flatMap((t) => [t.id, t.title, ...(t.aliases ?? [])]),
      ...kb.sources.keys(),
      ...[...kb.facts.keys()].slice(0, 80),
      ...[...kb.entities.values()].flatMap((e) => [e.id, ...(e.aliases ?? [])]),
      "mon",
      "09:00",
      "UTC",
      "Europe/London",
      "<!channel>",
      "<@U123>",
      "@here",
      "&lt;!here&gt;",
      "who",
      "when",
      "how much",
    ];
    const phrase = fc
      .array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 6 })
      .map((words) => words.join(" "));
    return fc.oneof(
      { weight: 5, arbitrary: phrase },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: binaryString({ maxLength: 120 }) },
      {
        weight: 1,
        arbitrary: fc.string({ minLength: 1, maxLength: 5 }).map((s) => s.repeat(1500)),
      },
    );
  };

  it("for random input: within every limit, nothing that pings, each fact naming its sources", async () => {
    let checkedLines = 0;
    await fc.assert(
      fc.asyncProperty(inputs(), fc.boolean(), async (typed, admin) => {
        const text = commandText(typed);
        const reply = await core.handle({
          platform: { name: "slack", deliversDigests: true },
          text,
          user: { id: "U0PROP", isPlatformAdmin: () => admin },
          conversation: { id: "C0PROP", workspaceId: "T0001", isDirect: false },
          at: new Date("2026-11-23T10:00:00Z"),
        });
        const message = renderSlack(reply, { shareCommand: text });
        expect(limitViolations(message)).toEqual([]);
        expect(unsafeStrings(message)).toEqual([]);
        // Each section that states a fact is followed by the context naming its sources.
        const lines = reply.sections.flatMap((s) => s.lines).filter((l) => l.sources.length > 0);
        message.blocks.forEach((block, i) => {
          if (block.type !== "section" || !/^(• |↔ )/.test(block.text.text)) return;
          // The line's own text starts right after our prefix (bullet, date or relation).
          const own = block.text.text.replace(PREFIX, "");
          const line = lines.find((l) => own.startsWith(escapeText(l.text).slice(0, 40)));
          if (!line) return;
          checkedLines++;
          const next = message.blocks[i + 1];
          expect(next?.type).toBe("context");
          const named = next?.type === "context" ? next.elements[0]?.text : "";
          for (const source of line.sources) expect(named).toContain(escapeText(source.label));
        });
      }),
      { numRuns: 250 },
    );
    // The inputs do reach facts, so the sources check above ran.
    expect(checkedLines).toBeGreaterThan(50);
  });
});
