/**
 * Paging: every fact of a topic, a person or organisation, a timeline and an article's list is
 * reachable by following the commands the footers name, a page at a time. The walks start at the
 * reply a user gets first and then type only what the footers say (as the console writes it),
 * through the core's real entry; counts come from the loaded base, never from this file.
 */
import { describe, expect, it } from "vitest";
import { commandTextOf, discordCommand } from "../../adapters/discord/commands.ts";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { ANSWER_FACTS } from "../../src/commands/ask.ts";
import { splitPage } from "../../src/commands/page.ts";
import { findCommand } from "../../src/commands/registry.ts";
import { TIMELINE_LINES } from "../../src/commands/timeline.ts";
import type { Fact } from "../../src/knowledge/knowledge-base.ts";
import { plainCommand, proseText } from "../../src/render/plain-text.ts";
import { factLines } from "../../src/reply/present.ts";
import type { CommandRef, Reply } from "../../src/reply/reply.ts";
import { articleQuestion } from "../../src/search/article-question.ts";
import { searchIndexFor } from "../../src/search/search-index.ts";
import { discordLimitViolations } from "../discord/limits-check.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
import { limitViolations } from "../slack/check-message.ts";

const ask = async (text: string) => (await shippedBriefing()).handle(request(text));

const isRef = (part: string | CommandRef): part is CommandRef => typeof part !== "string";
const hasPlaceholder = (ref: CommandRef) =>
  Object.values(ref.args ?? {}).some((v) => typeof v !== "string");

/**
 * The command a footer offers for the next page: the command right after "Next page: " or
 * "… more without a date: ", read from the footer's prose.
 */
function nextPageRefs(reply: Reply): CommandRef[] {
  const footer = reply.footer ?? [];
  return footer.flatMap((part, i) => {
    const before = footer[i - 1];
    return isRef(part) && typeof before === "string" && /(Next page|without a date): $/.test(before)
      ? [part]
      : [];
  });
}

const mainIds = (reply: Reply) =>
  reply.sections.flatMap((s) => s.lines.filter((l) => l.role === "fact").map((l) => l.factId));
const shownIds = (reply: Reply) =>
  reply.sections.flatMap((s) => s.lines.flatMap((l) => (l.factId ? [l.factId] : [])));

interface Step {
  text: string;
  reply: Reply;
}

/** From `start`, types each next-page command the footers name, until a footer names none; `limit` pages at most. */
async function walk(start: string, limit: number): Promise<Step[]> {
  const steps: Step[] = [];
  const typed = new Set<string>();
  let text: string | undefined = start;
  while (text !== undefined) {
    if (typed.has(text) || steps.length > limit)
      throw new Error(`${start}: more pages than facts, or a loop, at ${text}`);
    typed.add(text);
    const reply = await ask(text);
    steps.push({ text, reply });
    const next = nextPageRefs(reply);
    expect(next.length, `${text}: one next page at most`).toBeLessThanOrEqual(1);
    text = next[0] ? plainCommand(next[0]) : undefined;
  }
  return steps;
}

/** "Showing 6–10 of 13 facts (page 2 of 3)", read from a footer. */
function status(reply: Reply) {
  const text = proseText(reply.footer ?? []);
  const m =
    /Showing (?:no\. )?(\d+|the last)(?:–(\d+))? of (\d+) [^(]*\(page (\d+) of (\d+)\)/.exec(text);
  if (!m) return undefined;
  const [, first, last, total, page, pages] = m.map(Number);
  // "Showing the last of 17 facts": one fact, the 17th.
  const from = m[1] === "the last" ? total : first;
  return { from, to: Number.isNaN(last) ? from : last, total, page, pages };
}

/**
 * What every walk must do: each page shows at least one fact and none that an earlier page
 * showed as a line; together they show every fact of `expected`, and only those as lines; the
 * footers count the pages and the facts truly.
 */
function checkWalk(name: string, steps: Step[], expected: ReadonlySet<string>) {
  const seenMain = new Set<string>();
  const reached = new Set<string>();
  steps.forEach(({ text, reply }, i) => {
    const mains = mainIds(reply);
    expect(mains.length, `${text}: a page with no fact`).toBeGreaterThan(0);
    expect(reply.kind, text).not.toBe("usage");
    for (const id of mains) {
      expect(seenMain.has(id ?? ""), `${text}: ${id} shown again`).toBe(false);
      expect(expected.has(id ?? ""), `${text}: ${id} is not one of ${name}'s facts`).toBe(true);
      seenMain.add(id ?? "");
    }
    for (const id of shownIds(reply)) reached.add(id);
    const s = status(reply);
    if (steps.length === 1) {
      expect(s, `${text}: one page, no page count`).toBeUndefined();
      return;
    }
    expect(s, `${text}: says which page it is`).toBeDefined();
    expect(s).toMatchObject({ page: i + 1, pages: steps.length, total: expected.size });
    const previous = steps[i - 1]?.reply;
    const before = previous ? (status(previous)?.to ?? -1) : 0;
    expect(s?.from, text).toBe(before + 1);
  });
  const missing = [...expected].filter((id) => !reached.has(id));
  expect(missing, `${name}: facts no page shows`).toEqual([]);
  const last = steps.at(-1)?.reply;
  if (steps.length > 1) expect(last && status(last)?.to, name).toBe(expected.size);
}

const ids = (facts: readonly Fact[] | undefined) => new Set((facts ?? []).map((f) => f.id));

/** The main facts `factLines` shows for `facts` in one go: the order the pages must keep. */
async function mainOrder(facts: readonly Fact[]) {
  const kb = await shippedKnowledge();
  return factLines(kb, facts)
    .filter((l) => l.role === "fact")
    .map((l) => l.factId);
}

describe("GIVEN the shipped base WHEN a user follows the footers' next-page commands", () => {
  it("THEN every topic's facts are all reached, page after page, in the first page's order", async () => {
    const kb = await shippedKnowledge();
    const index = searchIndexFor(kb);
    let paged = 0;
    for (const topic of kb.topics.values()) {
      const expected = ids(kb.factsByTopic.get(topic.id));
      const steps = await walk(topic.id, expected.size);
      checkWalk(topic.id, steps, expected);
      expect(
        steps.flatMap((s) => mainIds(s.reply)),
        topic.id,
      ).toEqual(await mainOrder(index.keyFactsOf(topic.id)));
      steps.slice(0, -1).forEach(({ text, reply }) => {
        expect(mainIds(reply).length, text).toBe(ANSWER_FACTS);
      });
      if (steps.length > 1) paged++;
    }
    expect(paged, "some topic has more than one page").toBeGreaterThan(0);
  });

  it("THEN every person's and organisation's facts are all reached, or those of the topic the name answers", async () => {
    const kb = await shippedKnowledge();
    const index = searchIndexFor(kb);
    let entities = 0;
    for (const entity of kb.entities.values()) {
      const name = entity.name.toLowerCase();
      const facts = kb.factsByEntity.get(entity.id) ?? [];
      if (facts.length === 0) continue;
      const first = await ask(name);
      // A name that is also a topic's ("Stargate", "Azure") is answered with the topic; an
      // outlet an article retells ("The Wall Street Journal"), with what that article supports.
      const topicId = first.topicId;
      const article = articleQuestion(kb, name);
      const expected = article
        ? ids(kb.factsBySource.get(article.source.id))
        : topicId
          ? ids(kb.factsByTopic.get(topicId))
          : ids(facts);
      const steps = await walk(name, expected.size);
      checkWalk(name, steps, expected);
      const outcome = index.search(name);
      if (outcome.kind === "entity" && !article) {
        entities++;
        expect(topicId, name).toBeUndefined();
        expect(
          steps.flatMap((s) => mainIds(s.reply)),
          name,
        ).toEqual(await mainOrder(outcome.ordered));
      }
    }
    expect(entities, "some names are answered as people or organisations").toBeGreaterThan(0);
  });

  it("THEN every topic's and name's timeline reaches all its facts, dated first, then those without a date", async () => {
    const kb = await shippedKnowledge();
    const subjects = [
      ...[...kb.topics.values()].map((t) => ({
        text: `timeline ${t.id}`,
        facts: kb.factsByTopic.get(t.id),
      })),
      ...[...kb.entities.values()]
        .filter((e) => (kb.factsByEntity.get(e.id)?.length ?? 0) > 0)
        .map((e) => ({
          text: `timeline ${e.name.toLowerCase()}`,
          facts: kb.factsByEntity.get(e.id),
        })),
    ];
    for (const { text, facts } of subjects) {
      const first = await ask(text);
      const expected = first.topicId ? ids(kb.factsByTopic.get(first.topicId)) : ids(facts);
      const steps = await walk(text, expected.size);
      checkWalk(text, steps, expected);
      let undatedSeen = false;
      for (const { text: page, reply } of steps) {
        for (const section of reply.sections) {
          const undated = section.heading === "Without a date";
          expect(!undated && undatedSeen, `${page}: a dated page after the undated ones`).toBe(
            false,
          );
          undatedSeen ||= undated;
          for (const line of section.lines.filter((l) => l.role === "fact")) {
            expect(line.when === undefined, `${page}: ${line.factId}`).toBe(undated);
          }
          expect(section.lines.filter((l) => l.role === "fact").length).toBeLessThanOrEqual(
            TIMELINE_LINES,
          );
        }
      }
    }
  });

  it("THEN the whole timeline reaches every dated event", async () => {
    const kb = await shippedKnowledge();
    const events = [...kb.facts.values()].filter(
      (f) => f.kind === "event" && f.whenParsed.precision !== "unknown",
    );
    const steps = await walk("timeline", events.length);
    checkWalk("timeline", steps, ids(events));
  });

  it("THEN every article's list of the facts it supports is reached in full", async () => {
    const kb = await shippedKnowledge();
    for (const source of kb.sources.values()) {
      const text = `sources ${source.id}`;
      const expected = ids(kb.factsBySource.get(source.id));
      checkWalk(text, await walk(text, expected.size), expected);
    }
  });
});

describe("GIVEN every page those walks reach WHEN rendered for Slack and Discord", () => {
  it("THEN each fits within the platform's limits whole, with nothing cut off", async () => {
    const kb = await shippedKnowledge();
    const names = [...kb.entities.values()].map((e) => e.name.toLowerCase());
    const starts = [
      "timeline",
      ...[...kb.topics.keys()].flatMap((t) => [t, `timeline ${t}`]),
      ...names.flatMap((n) => [n, `timeline ${n}`]),
      ...[...kb.sources.keys()].map((id) => `sources ${id}`),
    ];
    const problems: string[] = [];
    for (const start of starts) {
      for (const { text, reply } of await walk(start, kb.facts.size)) {
        const slack = renderSlack(reply);
        const discord = renderDiscord(reply);
        problems.push(
          ...limitViolations(slack).map((p) => `${text} on Slack: ${p}`),
          ...discordLimitViolations(discord).map((p) => `${text} on Discord: ${p}`),
        );
        if (/not shown|cut to fit/.test(JSON.stringify([slack, discord])))
          problems.push(`${text}: cut to fit`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("page 1 and the footers", () => {
  it("page 1 is the answer without a page, and `page N` after a name pages that name", async () => {
    expect(await ask("stargate page 1")).toEqual(await ask("stargate"));
    expect(await ask("timeline stargate page 1")).toEqual(await ask("timeline stargate"));
    expect(await ask("Stargate, Page 2.")).toEqual(await ask("stargate page 2"));
  });

  it("no footer claims all the facts while showing some, and a cut one names its next page", async () => {
    const kb = await shippedKnowledge();
    for (const text of [
      "satya nadella",
      "timeline satya nadella",
      "stargate",
      "timeline stargate",
    ]) {
      const reply = await ask(text);
      const footer = proseText(reply.footer ?? []);
      expect(footer, text).not.toMatch(/\bAll \d+ facts\b/);
      // Each of these is longer than a page in the shipped base.
      expect(footer, text).toMatch(/Showing .* \(page 1 of \d+\)/);
      expect(nextPageRefs(reply), text).toHaveLength(1);
    }
    // The timeline's facts without a date are on its own pages, not the topic's first page again.
    const timeline = await ask("timeline stargate");
    const undated = (kb.factsByTopic.get("stargate") ?? []).filter(
      (f) => f.whenParsed.precision === "unknown",
    );
    if (undated.length > 0) {
      const next = nextPageRefs(timeline)[0];
      expect(next?.command).toBe("timeline");
      expect(proseText(timeline.footer ?? [])).toContain(`${undated.length} more without a date`);
    }
  });

  it("Discord writes a next page as the same text in its own grammar, and reads it back", async () => {
    const next = nextPageRefs(await ask("stargate"))[0];
    expect(next).toEqual({ command: "ask", args: { query: "stargate page 2" } });
    if (!next) return;
    expect(discordCommand(next)).toBe("/partnership ask query:stargate page 2");
    const spec = findCommand("ask");
    if (!spec) throw new Error("no ask command");
    const typed = commandTextOf(spec, (name) => {
      const value = next.args?.[name];
      return typeof value === "string" ? value : undefined;
    });
    expect(await ask(typed)).toEqual(await ask("stargate page 2"));
    const slack = JSON.stringify(renderSlack(await ask("stargate")));
    expect(slack).toContain("/partnership stargate page 2");
  });
});

describe("pages that do not exist", () => {
  /** The page count a reply names: "… has 3 pages, 1 to 3." */
  const pagesNamed = (reply: Reply) => /has (\d+) pages, 1 to (\d+)\./.exec(reply.intro ?? "");

  it("past the end, 0, negative, not a number or absurdly large: a polite usage reply naming the range", async () => {
    const steps = await walk("stargate", 1000);
    const count = steps.length;
    expect(count).toBeGreaterThan(1);
    for (const page of ["0", "-1", "x", "2.5", `${count + 1}`, "99999999999", "9".repeat(400)]) {
      for (const text of [`stargate page ${page}`, `timeline satya nadella page ${page}`]) {
        const reply = await ask(text);
        expect(reply.kind, text).toBe("usage");
        expect(reply.visibility, text).toBe("private");
        expect(reply.title, text).toBe("No such page");
        expect(pagesNamed(reply), text).not.toBeNull();
        expect(reply.intro?.length ?? 0, text).toBeLessThan(200);
      }
    }
    const reply = await ask(`stargate page ${count + 1}`);
    expect(pagesNamed(reply)?.[2]).toBe(`${count}`);
    expect(reply.intro).toContain(`no page ${count + 1}`);
    // The footer names the first and the last page, and they are real pages.
    const refs = (reply.footer ?? []).filter(isRef).map(plainCommand);
    expect(refs).toEqual(["stargate", `stargate page ${count}`]);
    expect(mainIds(await ask(refs[1] ?? "")).length).toBeGreaterThan(0);
    expect((await ask("stargate page 0")).intro).toMatch(/numbered from 1/);
    expect((await ask("stargate page x")).intro).toMatch(/“x” is not a page number/);
  });

  it("an answer that is one page has no page 2, and says so", async () => {
    for (const text of ["sources page 2", "sources stargate page 2", "timeline page 99999999999"]) {
      const reply = await ask(text);
      expect(reply.kind, text).toBe("usage");
      expect(reply.intro, text).toMatch(/There is no page \d+ of .+: it has (one page|\d+ pages)/);
    }
  });

  it("a question about an article pages through what it supports, keeping the answer", async () => {
    const reply = await ask("who wrote drift apart page 2");
    expect(reply.title).toBe("Drift Apart: what it supports");
    expect(reply.intro).toMatch(/^Nothing in the briefing says who wrote Drift Apart/);
    expect(proseText(reply.footer ?? [])).toMatch(/\(page 2 of \d+\)/);
    expect((await ask("who wrote drift apart page 99")).title).toBe("No such page");
  });

  it("a question with a page number is told that only a topic or a name has pages", async () => {
    const reply = await ask("who announced stargate page 2");
    expect(reply.kind).toBe("usage");
    expect(reply.title).toBe("Only a topic or a name has pages");
    const refs = (reply.footer ?? []).filter(isRef);
    expect(refs.map(plainCommand)[0]).toBe("who announced stargate");
    for (const ref of refs) expect(hasPlaceholder(ref)).toBe(false);
    const answer = refs[0];
    expect(answer && (await ask(plainCommand(answer))).kind).toBe("answer");
    expect((await ask("page 2")).title).toBe("A page of what?");
    // A mistyped command keeps its page in the command it offers.
    expect((await ask("timline stargate page 2")).suggestions?.[0]).toEqual({
      command: "timeline",
      args: { topic: "stargate page 2" },
    });
  });

  it("a question too long to quote whole is not offered back cut short", async () => {
    const long = `who announced stargate and who stood next to them at the white house ${"that day ".repeat(4)}`;
    const reply = await ask(`${long} page 2`);
    expect(reply.title).toBe("Only a topic or a name has pages");
    expect(proseText(reply.footer ?? [])).toMatch(/^Ask it again without the page number\./);
    expect((reply.footer ?? []).filter(isRef).map(plainCommand)).not.toContain(
      expect.stringContaining("…"),
    );
  });

  it("a question that ends in “page” and a word is still a question", async () => {
    const asked = await ask("who announced stargate page one");
    expect(asked.kind).not.toBe("usage");
  });
});

describe("reading a trailing `page N`", () => {
  it("takes a whole number after the word page at the end, and nothing else", () => {
    expect(splitPage("stargate page 2")).toEqual({
      text: "stargate",
      page: { kind: "number", n: 2, typed: "2" },
      numeric: true,
    });
    expect(splitPage("page 02").page).toEqual({ kind: "number", n: 2, typed: "02" });
    expect(splitPage("page 3").text).toBe("");
    for (const text of ["stargate", "stargate page", "homepage 2", "page 2 of stargate"]) {
      expect(splitPage(text).page, text).toEqual({ kind: "first" });
    }
    for (const { text, numeric } of [
      { text: "stargate page 0", numeric: true },
      { text: "stargate page -1", numeric: true },
      { text: "stargate page 2.5", numeric: true },
      { text: "stargate page x", numeric: false },
      { text: "on its front page yesterday", numeric: false },
    ]) {
      expect(splitPage(text).page.kind, text).toBe("bad");
      expect(splitPage(text).numeric, text).toBe(numeric);
    }
  });
});
