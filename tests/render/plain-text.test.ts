import { describe, expect, it } from "vitest";
import { renderPlainText } from "../../src/render/plain-text.ts";
import { request, shippedBriefing } from "../helpers/knowledge.ts";

describe("the plain-text renderer", () => {
  it("wraps to a terminal's width, keeping bullets' indents, and loses no word", async () => {
    const briefing = await shippedBriefing();
    for (const text of ["board seat", "who announced stargate", "topics", "help", "sources"]) {
      const reply = await briefing.handle(request(text));
      const flat = renderPlainText(reply);
      const wrapped = renderPlainText(reply, { width: 60 });
      for (const line of wrapped.split("\n")) {
        const longestWord = Math.max(
          ...line
            .trim()
            .split(" ")
            .map((w) => [...w].length),
        );
        if (longestWord < 40) expect([...line].length, line).toBeLessThanOrEqual(60);
      }
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(words(wrapped)).toEqual(words(flat));
    }
  });

  it("leaves lines alone without a width", async () => {
    const reply = await (await shippedBriefing()).handle(request("stargate"));
    expect(
      renderPlainText(reply)
        .split("\n")
        .some((l) => l.length > 100),
    ).toBe(true);
  });

  it("names each fact's sources and lists the cited articles with their titles", async () => {
    const reply = await (await shippedBriefing()).handle(request("stargate"));
    const text = renderPlainText(reply);
    expect(text).toMatch(/• .+\n {6}Sources: /);
    expect(text).toContain(
      "Articles cited:\n  Drift Apart: Microsoft and OpenAI Drift Apart | Satya Nadella–Altman Alliance Faces Strain",
    );
  });
});
