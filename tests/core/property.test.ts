import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/commands/parse.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { binaryString } from "../helpers/arbitraries.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";

const WORDS = [
  "stargate",
  "timeline",
  "sources",
  "topics",
  "help",
  "subscribe",
  "status",
  "digest",
  "board",
  "seat",
  "microsoft",
  "openai",
  "<!channel>",
  "@everyone",
  "<@U1>",
  "ultraman",
  "$13",
  "billion",
  "🚀",
  "\u202e",
  "\u0000",
  "-",
  "'",
];

/** Random input: arbitrary unicode, and sentences built from words the bot knows and hostile tokens. */
const input = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  binaryString({ maxLength: 300 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(" ")),
  fc.tuple(fc.constantFrom(...WORDS), fc.string({ maxLength: 40 })).map(([a, b]) => `${a} ${b}`),
);

/** Limits that keep any reply fit for chat before a platform renderer cuts it further. */
function expectChatSized(reply: Reply): void {
  expect(["answer", "list", "digest", "notice", "usage", "error", "no-match"]).toContain(
    reply.kind,
  );
  expect(reply.title.length).toBeLessThanOrEqual(150);
  expect(reply.intro?.length ?? 0).toBeLessThanOrEqual(1200);
  const lines = reply.sections.flatMap((s) => s.lines);
  expect(lines.length).toBeLessThanOrEqual(40);
  for (const line of lines) {
    expect(line.text.length).toBeLessThanOrEqual(600);
    if (line.factId) expect(line.sources.length).toBeGreaterThan(0);
  }
  expect(JSON.stringify(reply)).not.toMatch(/<!|<@|@everyone|@here/);
}

describe("any input", () => {
  it("parses without throwing", () => {
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parseCommand(text);
        expect(typeof parsed.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("gets a chat-sized reply that never throws and never carries a mention", async () => {
    const briefing = await shippedBriefing();
    await fc.assert(
      fc.asyncProperty(input, async (text) => {
        const reply = await briefing.handle(request(text));
        expectChatSized(reply);
        expect(renderPlainText(reply).length).toBeLessThan(12_000);
      }),
      { numRuns: 400 },
    );
  });
});
