import { describe, expect, it } from "vitest";
import { renderPlainText } from "../../src/render/plain-text.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";

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

  it('shows each article\'s quote under the fact for "sources <fact id>", and only there', async () => {
    const briefing = await shippedBriefing();
    const kb = await shippedKnowledge();
    const fact = kb.facts.get("board-seat-non-voting");
    if (!fact?.quotes) throw new Error("the shipped fact has no quotes");
    const text = renderPlainText(await briefing.handle(request("sources board-seat-non-voting")));
    for (const id of fact.sources) {
      const label = kb.sources.get(id)?.label;
      expect(text).toContain(`\n        ${label}: “${fact.quotes[id]}”\n`);
    }
    // The other side of the dispute comes with its evidence too.
    const other = kb.facts.get("board-seat-none-at-ouster");
    expect(text).toContain(`“${other?.quotes?.["partners-or-rivals"]}”`);
    // A topic answer stays as short as before: sources named, no quotes.
    const topic = renderPlainText(await briefing.handle(request("board seat")));
    expect(topic).toContain("Sources: Drift Apart");
    expect(topic).not.toContain("“Microsoft holds a non-voting board seat");
  });

  it("names each fact's sources and lists the cited articles with their titles", async () => {
    const reply = await (await shippedBriefing()).handle(request("stargate"));
    const text = renderPlainText(reply);
    expect(text).toMatch(/• .+\n {6}Sources: /);
    expect(text).toContain(
      "Articles cited:\n  Drift Apart: Microsoft and OpenAI Drift Apart | Satya Nadella–Altman Alliance Faces Strain",
    );
  });

  it("marks every side of a dispute, and dates an other side as it dates a fact", () => {
    const text = renderPlainText({
      kind: "answer",
      title: "Board seat",
      shareable: true,
      visibility: "channel",
      citations: [],
      sections: [
        {
          lines: [
            { text: "One side.", role: "fact", status: "disputed", when: "2023", sources: [] },
            {
              text: "Other side.",
              role: "counterpoint",
              relation: "Other side",
              status: "disputed",
              when: "Jan 2025",
              sources: [],
            },
          ],
        },
      ],
    });
    expect(text).toContain(
      "  • 2023: One side. [disputed]\n    ↔ Other side: Jan 2025: Other side. [disputed]",
    );
  });
});
