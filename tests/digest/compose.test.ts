import { describe, expect, it } from "vitest";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import {
  type ComposedDigest,
  composeDigest,
  digestTitle,
  MAX_DIGEST_FACT_LINES,
  memoizedComposer,
  nextFocusTopic,
} from "../../src/digest/compose.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import type { Reply } from "../../src/reply/reply.ts";
import type { DigestContext, DigestRecord } from "../../src/store/port.ts";
import { formatDate, mondayOfWeek, weekKeyOf } from "../../src/time/week.ts";
import { shippedKnowledge } from "../helpers/knowledge.ts";
import { baseWithDispute } from "../schedule/support.ts";

const factLines = (reply: Reply) => reply.sections.flatMap((s) => s.lines.filter((l) => l.factId));

/** The history row a posted digest would leave, for composing the next one. */
function posted(digest: ComposedDigest, week: string, asOf: Date): DigestContext {
  const record: DigestRecord = {
    id: 1,
    subscriptionId: 1,
    week,
    slotAt: asOf,
    state: "posted",
    claimedBy: "t",
    claimedAt: asOf,
    updatedAt: asOf,
    failures: 0,
    postedAt: asOf,
    messageId: "m",
    asOf,
    reported: digest.reported,
    reply: digest.reply,
    ...(digest.focusTopic ? { focusTopic: digest.focusTopic } : {}),
  };
  return {
    lastPosted: record,
    ...(digest.focusTopic ? { lastFocusTopic: digest.focusTopic } : {}),
  };
}

function expectWellFormed(reply: Reply) {
  expect(reply.kind).toBe("digest");
  expect(factLines(reply).length).toBeLessThanOrEqual(MAX_DIGEST_FACT_LINES);
  for (const line of factLines(reply)) expect(line.sources.length).toBeGreaterThan(0);
  // Every source cited once, in order of first use.
  const cited = reply.citations.map((c) => c.id);
  expect(new Set(cited).size).toBe(cited.length);
  for (const line of factLines(reply)) for (const s of line.sources) expect(cited).toContain(s.id);
  // Digests stay short: the evidence is one command away, never inline.
  for (const line of factLines(reply))
    for (const s of line.sources) expect(s.quote).toBeUndefined();
  // A disputed fact never appears without its other side right after it.
  reply.sections.forEach((section) => {
    section.lines.forEach((line, i) => {
      if (line.role === "fact" && line.status === "disputed") {
        expect(section.lines[i + 1]?.role).toBe("counterpoint");
      }
    });
  });
}

describe("week keys", () => {
  it("uses ISO weeks, including week 53 of 2026 and weeks that start in the previous year", () => {
    expect(weekKeyOf({ year: 2025, month: 12, day: 29 })).toBe("2026-W01");
    expect(weekKeyOf({ year: 2026, month: 12, day: 31 })).toBe("2026-W53");
    expect(mondayOfWeek("2026-W53")).toEqual({ year: 2026, month: 12, day: 28 });
    expect(mondayOfWeek("2025-W53")).toBeUndefined();
    expect(mondayOfWeek("not a week")).toBeUndefined();
    expect(formatDate({ year: 2026, month: 1, day: 12 })).toBe("12 Jan 2026");
    expect(digestTitle("2026-W03")).toBe("Partnership briefing, week of 12 Jan 2026");
  });
});

describe("composing the digest", () => {
  const kb = baseWithDispute();

  it("GIVEN a channel's first digest THEN it gives the state of play: key facts per topic, with both sides of a dispute", () => {
    const d = composeDigest({
      knowledge: kb,
      week: "2026-W03",
      asOf: new Date("2026-01-12T09:00:00Z"),
      context: {},
    });
    expect(d.mode).toBe("first");
    expect(d.reply.title).toBe("Partnership briefing, week of 12 Jan 2026");
    expect(d.reply.sections.map((s) => s.heading)).toEqual([
      "Money",
      "Board",
      "Compute",
      "Stargate",
    ]);
    const board = d.reply.sections[1]?.lines ?? [];
    expect(board.map((l) => [l.factId, l.role])).toEqual([
      ["board-seat", "fact"],
      ["board-none", "counterpoint"],
    ]);
    expect(board[1]?.note).toBe("They may describe different moments.");
    expect(d.reply.footer).toContainEqual({
      command: "ask",
      args: { query: { placeholder: "topic" } },
    });
    expectWellFormed(d.reply);
  });

  it("GIVEN facts added since the last digest THEN it reports those, newest first, and not the old ones", () => {
    const first = composeDigest({
      knowledge: kb,
      week: "2026-W03",
      asOf: new Date("2026-01-12T09:00:00Z"),
      context: {},
    });
    const grown = baseWithDispute([
      { id: "money-3", text: "A new round was reported.", added: "2026-01-14" },
      { id: "money-4", text: "Another change was reported.", added: "2026-01-16" },
    ]);
    const d = composeDigest({
      knowledge: grown,
      week: "2026-W04",
      asOf: new Date("2026-01-19T09:00:00Z"),
      context: posted(first, "2026-W03", new Date("2026-01-12T09:00:00Z")),
    });
    expect(d.mode).toBe("changes");
    expect(d.reply.sections[0]?.heading).toBe("New since 12 Jan 2026");
    expect(d.reply.sections[0]?.lines.map((l) => l.factId)).toEqual(["money-4", "money-3"]);
    expect(d.reply.intro).toMatch(/^2 facts added or updated/);
    // Open disputes come along with both sides.
    expect(d.reply.sections[1]?.heading).toBe("Open disputes");
    expectWellFormed(d.reply);
  });

  it("reports a fact again when it is updated, and a fact added later on the day of the last digest", () => {
    const asOf = new Date("2026-01-12T09:00:00Z");
    const first = composeDigest({ knowledge: kb, week: "2026-W03", asOf, context: {} });
    const later = baseWithDispute([
      { id: "money-same-day", text: "Added after the digest, same day.", added: "2026-01-12" },
    ]);
    const edited = new Map(later.facts);
    const money1 = edited.get("money-1");
    if (!money1) throw new Error("fixture");
    edited.set("money-1", { ...money1, updated: "2026-01-15" });
    const d = composeDigest({
      knowledge: { ...later, facts: edited },
      week: "2026-W04",
      asOf: new Date("2026-01-19T09:00:00Z"),
      context: posted(first, "2026-W03", asOf),
    });
    expect(factLines(d.reply).map((l) => l.factId)).toEqual(
      expect.arrayContaining(["money-1", "money-same-day"]),
    );
  });

  it("GIVEN a quiet week THEN it says so in one line and puts one topic in focus, a different one each quiet week", () => {
    let context: DigestContext = {};
    const first = composeDigest({
      knowledge: kb,
      week: "2026-W03",
      asOf: new Date("2026-01-12T09:00:00Z"),
      context,
    });
    context = posted(first, "2026-W03", new Date("2026-01-12T09:00:00Z"));
    const focus: string[] = [];
    for (let w = 4; w < 4 + kb.topics.size * 2; w++) {
      const week = `2026-W${String(w).padStart(2, "0")}`;
      const monday = mondayOfWeek(week);
      if (!monday) throw new Error(week);
      const asOf = new Date(Date.UTC(monday.year, monday.month - 1, monday.day, 9));
      const d = composeDigest({ knowledge: kb, week, asOf, context });
      expect(d.mode).toBe("quiet");
      expect(d.reply.intro).toMatch(
        /^A quiet week: nothing added or updated since the last briefing on/,
      );
      expect(d.reply.sections[0]?.heading).toBe(
        `In focus: ${kb.topics.get(d.focusTopic ?? "")?.title}`,
      );
      expectWellFormed(d.reply);
      focus.push(d.focusTopic ?? "");
      context = posted(d, week, asOf);
    }
    // Every topic comes round, in order, and again.
    expect(focus).toEqual([...kb.topics.keys(), ...kb.topics.keys()]);
  });

  it("composes once per distinct history when memoized, and again when the base or history differs", () => {
    const compose = memoizedComposer();
    const input = {
      knowledge: kb,
      week: "2026-W03",
      asOf: new Date("2026-01-12T09:00:00Z"),
      context: {},
    };
    const first = compose(input);
    expect(compose({ ...input, asOf: new Date("2026-01-12T09:30:00Z") })).toBe(first);
    expect(compose({ ...input, knowledge: baseWithDispute() })).not.toBe(first);
    const later = compose({
      ...input,
      context: posted(first, "2026-W02", new Date("2026-01-05T09:00:00Z")),
    });
    expect(later).not.toBe(first);
    expect(later).toEqual(
      composeDigest({
        ...input,
        context: posted(first, "2026-W02", new Date("2026-01-05T09:00:00Z")),
      }),
    );
  });

  it("rotates the focus past topics without facts and wraps around", () => {
    expect(nextFocusTopic(kb, undefined)).toBe("money");
    expect(nextFocusTopic(kb, "stargate")).toBe("money");
    expect(nextFocusTopic(kb, "gone-topic")).toBe("money");
  });
});

describe("digests of the shipped fact base", () => {
  let shipped: KnowledgeBase;
  const compose = (context: DigestContext, week = "2026-W48") =>
    composeDigest({ knowledge: shipped, week, asOf: new Date("2026-11-23T09:00:00Z"), context });

  it("fit in twelve fact lines, cite every source they use, and say how many topics were left out", async () => {
    shipped = await shippedKnowledge();
    const d = compose({});
    expectWellFormed(d.reply);
    expect(d.reply.sections.length).toBeGreaterThan(5);
    if (shipped.topics.size > d.reply.sections.length)
      expect(d.reply.footer?.[0]).toMatch(/more topics?: $/);
    expect(d.reply.footer?.[1]).toEqual({ command: "topics" });
  });

  it("render within Slack's and Discord's limits without being cut", async () => {
    shipped = await shippedKnowledge();
    const first = compose({});
    const quiet = compose(posted(first, "2026-W48", new Date("2026-11-23T09:00:00Z")), "2026-W49");
    for (const d of [first, quiet]) {
      // Each command is named once: a command in the footer is not suggested again.
      const named = (d.reply.footer ?? []).filter((p) => typeof p !== "string");
      for (const s of d.reply.suggestions ?? []) expect(named).not.toContainEqual(s);
      const slack = renderSlack(d.reply);
      expect(slack.blocks.length).toBeLessThanOrEqual(50);
      // Both renderers say "… n more lines not shown" when they have to cut.
      expect(JSON.stringify(slack)).not.toMatch(/not shown/);
      const tail = JSON.stringify(slack.blocks.at(-1));
      for (const c of ["topics", "timeline"])
        expect(tail.split(`/partnership ${c}\``).length - 1, c).toBeLessThanOrEqual(1);
      const discord = renderDiscord(d.reply);
      const total = discord.embeds.reduce(
        (n, e) =>
          n +
          (e.title?.length ?? 0) +
          (e.description?.length ?? 0) +
          (e.footer?.text.length ?? 0) +
          (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
        0,
      );
      expect(total).toBeLessThanOrEqual(6000);
      expect(JSON.stringify(discord)).not.toMatch(/not shown/);
      const last = discord.embeds.at(-1);
      const hints = [last?.footer?.text ?? "", ...(last?.fields ?? []).map((f) => f.value)].join(
        "\n",
      );
      expect(hints.split("/partnership topics").length - 1).toBeLessThanOrEqual(1);
      expect(discord.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
