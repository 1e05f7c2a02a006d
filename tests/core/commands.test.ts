import { describe, expect, it } from "vitest";
import type { SubscriptionCommands } from "../../src/commands/definition.ts";
import { COMMANDS, findCommand } from "../../src/commands/registry.ts";
import { type SourcePart, sourceDescription } from "../../src/commands/source-description.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import type { Source } from "../../src/knowledge/schema.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import { type CommandRef, factsOf, type Reply } from "../../src/reply/reply.ts";
import { knowledgeCopy, request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";

const ask = async (text: string, overrides = {}) =>
  (await shippedBriefing()).handle(request(text, overrides));
const allText = (reply: Reply) => JSON.stringify(reply);

describe("topics", () => {
  it("lists every topic with one line each and says how to ask about one", async () => {
    const kb = await shippedKnowledge();
    const reply = await ask("topics");
    expect(reply.kind).toBe("list");
    expect(reply.sections[0]?.lines).toHaveLength(kb.topics.size);
    expect(reply.sections[0]?.lines.map((l) => l.more)).toEqual(
      [...kb.topics.keys()].map((id) => ({ command: "ask", args: { query: id } })),
    );
    expect(reply.footer).toContainEqual({
      command: "ask",
      args: { query: { placeholder: "topic" } },
    });
  });

  it("accepts the leading /partnership and any letter case", async () => {
    expect((await ask("/partnership TOPICS")).kind).toBe("list");
  });
});

describe("timeline", () => {
  it("puts the dated events in order, each with its date as precise as the articles are", async () => {
    const reply = await ask("timeline");
    const main = reply.sections[0]?.lines.filter((l) => l.role === "fact") ?? [];
    expect(main.length).toBeGreaterThanOrEqual(5);
    const kb = await shippedKnowledge();
    const keys = main.map((l) => kb.facts.get(l.factId ?? "")?.whenParsed.sortKey ?? 0);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(main.map((l) => l.when)).toEqual(
      expect.arrayContaining(["2019", "late 2023", "Jan 2025"]),
    );
  });

  it("narrows to one topic named by an alias or a misspelling", async () => {
    for (const text of ["timeline stargate", "timeline star gate", "timeline stargat"]) {
      const reply = await ask(text);
      expect(reply.title, text).toBe("Timeline: Stargate");
      expect(
        reply.sections[0]?.lines
          .filter((l) => l.role === "fact")
          .every((l) => l.when?.includes("2025")),
        text,
      ).toBe(true);
    }
  });

  it("gives a person's or a company's dated facts across topics", async () => {
    const reply = await ask("timeline nadella");
    expect(reply.title).toBe("Timeline: Satya Nadella");
    const kb = await shippedKnowledge();
    for (const line of reply.sections[0]?.lines.filter((l) => l.role === "fact") ?? []) {
      expect(kb.facts.get(line.factId ?? "")?.entities).toContain("nadella");
    }
    expect((await ask("nadella")).footer).toContainEqual({
      command: "timeline",
      args: { topic: "satya nadella" },
    });
  });

  it("says plainly when a topic has no dated facts", async () => {
    const reply = await ask("timeline competition");
    expect(reply.intro).toMatch(/no dates/);
    expect(reply.footer).toContainEqual({ command: "ask", args: { query: "competition" } });
  });

  it("answers an unknown topic with suggestions, not with unrelated facts", async () => {
    const reply = await ask("timeline zzzzqqq");
    expect(reply.kind).toBe("no-match");
    expect(factsOf(reply)).toEqual([]);
  });
});

describe("sources", () => {
  it("lists the five articles with how many facts each backs, and invents no links", async () => {
    const reply = await ask("sources");
    expect(reply.sections[0]?.lines).toHaveLength(5);
    expect(reply.sections[0]?.lines[0]?.text).toMatch(/backs \d+ facts/);
    expect(allText(reply)).not.toMatch(/https?:/);
  });

  it("shows what one article supports, by id or by its short name", async () => {
    for (const text of ["sources drift-apart", "sources Drift Apart"]) {
      const reply = await ask(text);
      expect(reply.title).toBe("Drift Apart: what it supports");
      const facts = factsOf(reply);
      expect(facts.length).toBeGreaterThan(0);
    }
  });

  it("describes an article in sentences, each part once: retells, then what the text tells of its date", async () => {
    expect((await ask("sources drift-apart")).intro).toBe(
      "Microsoft and OpenAI Drift Apart | Satya Nadella–Altman Alliance Faces Strain. " +
        "It retells The Wall Street Journal. " +
        "It prints no date. It treats January 2025 as past, so it was written in 2025 or later.",
    );
    expect((await ask("sources partners-or-rivals")).intro).toBe(
      "Microsoft and OpenAI: Still Partners or Quiet Rivals. Written by Alison Perry. Published on 14 Jan 2026.",
    );
  });

  it("GIVEN a question about an article THEN the answer is not repeated by the description", async () => {
    const author = await ask("who wrote the partners or rivals article");
    expect(author.intro).toBe(
      "Partners or Rivals is by Alison Perry. Microsoft and OpenAI: Still Partners or Quiet Rivals. Published on 14 Jan 2026.",
    );
    const retells = await ask("what does tense investment talks retell");
    expect(retells.intro?.match(/The Wall Street Journal/g)).toHaveLength(1);
  });

  it("GIVEN a source no fact cites yet THEN says so plainly, with where facts are added", async () => {
    const copy = await knowledgeCopy();
    try {
      await copy.edit(
        "sources.yaml",
        (t) =>
          `${t.trimEnd()}\n  - id: uncited\n    title: A New Compute Deal\n    label: Uncited\n    published: 2026-02-03\n`,
      );
      await copy.write("articles/uncited.txt", "A text no fact quotes.\n");
      const loaded = await loadKnowledge(copy.dir);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const kb = loaded.knowledge;
      const core = createBriefing({ knowledge: { current: () => kb } });
      const reply = await core.handle(request("sources uncited"));
      expect(reply.intro).toBe("A New Compute Deal. Published on 3 Feb 2026.");
      const text = renderPlainText(reply);
      expect(text).toContain("No fact cites it yet.");
      expect(text).toContain("knowledge/topics/");
      expect(text).not.toMatch(/\b0 facts\b/);
    } finally {
      await copy.dispose();
    }
  });

  it("names every article behind one fact, with the other side of a dispute", async () => {
    const reply = await ask("sources board-seat-non-voting");
    const lines = reply.sections[0]?.lines ?? [];
    expect(lines[0]).toMatchObject({
      factId: "board-seat-non-voting",
      status: "disputed",
      role: "fact",
    });
    expect(lines[1]).toMatchObject({
      factId: "board-seat-none-at-ouster",
      role: "counterpoint",
      relation: "Other side",
    });
    expect(lines[1]?.sources.map((s) => s.id)).toEqual(["partners-or-rivals"]);
    expect(lines[1]?.note).toMatch(/different moments/);
  });

  it("shows the evidence of a fact naming each article once per place, not again in the intro", async () => {
    const reply = await ask("sources stargate-500-billion");
    expect(reply.intro).toBe(
      "2 articles report it; the passage of each that backs it is quoted below.",
    );
    const [line] = reply.sections[0]?.lines ?? [];
    expect(line?.sources.map((s) => s.id)).toEqual([
      "marriage-in-jeopardy",
      "tense-investment-talks",
    ]);
  });

  it("shows which articles back a topic", async () => {
    const reply = await ask("sources stargate");
    expect(reply.title).toBe("Sources behind Stargate");
    const lines = reply.sections[0]?.lines ?? [];
    expect(lines.map((l) => l.text.split(":")[0])).toEqual(
      expect.arrayContaining(["Drift Apart", "Marriage in Jeopardy", "Tense Investment Talks"]),
    );
    // Each line is an article: it does not name itself again as its own source.
    expect(lines.every((l) => l.sources.length === 0)).toBe(true);
  });

  it("answers who wrote an article, and when, when asked in plain words", async () => {
    for (const text of [
      "who wrote the partners or rivals piece and when",
      "drift apart",
      "when was tense investment talks published",
    ]) {
      const reply = await ask(text);
      expect(reply.title, text).toMatch(/: what it supports$/);
    }
    expect((await ask("who wrote the partners or rivals piece")).intro).toContain(
      "by Alison Perry",
    );
    expect((await ask("what does partners or rivals say about the board seat")).title).not.toMatch(
      /what it supports/,
    );
  });

  it("looks up a claim written in words", async () => {
    const reply = await ask("sources microsoft paid 650 million for inflection");
    expect(factsOf(reply).map((f) => f.id)).toContain("inflection-650m");
  });
});

describe("answers show both sides", () => {
  it("every disputed or superseded fact a reply shows comes with its other side", async () => {
    const kb = await shippedKnowledge();
    const briefing = await shippedBriefing();
    for (const fact of kb.facts.values()) {
      if (fact.status === "current" && !fact.supersedes) continue;
      const reply = await briefing.handle(request(`sources ${fact.id}`));
      const others = [...(fact.disputes ?? []), fact.supersededBy, fact.supersedes].filter(Boolean);
      const counterpoints = reply.sections.flatMap((s) =>
        s.lines.filter((l) => l.role === "counterpoint"),
      );
      expect(counterpoints.map((l) => l.factId).sort(), fact.id).toEqual(others.sort());
    }
  });

  it("a fact in two disagreements shows each other side with the note of its own disagreement", async () => {
    const reply = await ask("sources stargate-white-house-podium");
    const counterpoints = reply.sections[0]?.lines.filter((l) => l.role === "counterpoint") ?? [];
    const former = counterpoints.find((l) => l.factId === "trump-called-former-president");
    expect(former?.note).toMatch(/"former" is that article's wording/);
    const announcers = counterpoints.filter((l) => l.factId !== "trump-called-former-president");
    expect(announcers.map((l) => l.factId).sort()).toEqual([
      "stargate-altman-unveiled",
      "stargate-trump-announced",
    ]);
    expect(announcers.filter((l) => l.note).map((l) => l.note)).toEqual([
      expect.stringMatching(/differ in who announced it/),
    ]);
  });

  it("the board-seat question shows both articles' versions", async () => {
    const reply = await ask("does microsoft have a board seat");
    const ids = factsOf(reply).map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(["board-seat-non-voting", "board-seat-none-at-ouster"]),
    );
    const text = renderPlainText(reply);
    expect(text).toContain("Drift Apart");
    expect(text).toContain("Partners or Rivals");
  });
});

describe("help", () => {
  it("lists every command of the registry with an example", async () => {
    const reply = await ask("help");
    const text = renderPlainText(reply);
    for (const cmd of [
      "topics",
      "timeline",
      "sources",
      "digest",
      "subscribe",
      "unsubscribe",
      "status",
      "help",
    ]) {
      expect(text).toContain(`- ${cmd === "ask" ? "<query>" : cmd}`);
    }
    expect(reply.sections[0]?.lines.every((l) => l.command && l.example)).toBe(true);
  });

  it("explains one command, and says so when there is no such command", async () => {
    const help = await ask("help subscribe");
    expect(help.title).toBe("Help: subscribe");
    expect(renderPlainText(help)).toContain("subscribe [day] [time] [timezone]: Post the weekly");
    expect((await ask("help frobnicate")).kind).toBe("usage");
  });

  it("finds the ask command by what the help list shows for it: <query>, query, or ask", async () => {
    for (const text of ["help <query>", "help query", "help ask", "help [query]"]) {
      const reply = await ask(text);
      expect(reply.title, text).toBe("Help: ask");
      expect(reply.kind, text).toBe("list");
    }
  });

  it("GIVEN an unknown command THEN names what it rejected, quoted safely, and lists the commands", async () => {
    const reply = await ask("help frobnicate");
    expect(reply.title).toBe("No such command");
    expect(reply.intro).toContain("“frobnicate”");
    const listed = reply.sections[0]?.lines.map((l) => l.command?.command);
    expect(listed).toEqual(COMMANDS.map((c) => c.name));
    // A mention or markup in the word is not echoed back.
    const sneaky = await ask("help <!channel>frob");
    expect(sneaky.title).toBe("No such command");
    expect(sneaky.intro).not.toMatch(/[<>]|!channel/);
  });

  it("GIVEN words after the command's name THEN shows that command's help and says they were ignored", async () => {
    const reply = await ask("help topics extra words");
    expect(reply.title).toBe("Help: topics");
    expect(reply.intro).toBe("Help explains one command at a time; “extra words” was ignored.");
    // Polite words are not worth a note.
    expect((await ask("help topics please")).intro).toBeUndefined();
  });
});

describe("bad input gets a short, clear reply", () => {
  it("empty or blank text gets a nudge with examples", async () => {
    for (const text of ["", "   ", "\t\n", "/partnership"]) {
      const reply = await ask(text);
      expect(reply.kind, JSON.stringify(text)).toBe("usage");
      expect(renderPlainText(reply)).toContain("- stargate");
    }
  });

  it("20,000 characters are refused without being searched or echoed", async () => {
    const reply = await ask("stargate ".repeat(2223));
    expect(reply.kind).toBe("usage");
    expect(reply.intro).toMatch(/20,006 characters/);
    expect(allText(reply).length).toBeLessThan(1000);
  });

  it("an unknown word gets no-match with the topics, and the typed text quoted safely", async () => {
    const reply = await ask("frobnicate");
    expect(reply.kind).toBe("no-match");
    expect(reply.intro).toContain("“frobnicate”");
    expect(reply.sections[0]?.lines.length).toBeGreaterThanOrEqual(12);
  });

  it("a misspelt topic gets did-you-mean suggestions", async () => {
    const reply = await ask("goverment bord");
    expect(
      reply.kind === "no-match" ? reply.suggestions : factsOf(reply).map((f) => f.id),
    ).toBeTruthy();
  });

  it("mentions typed by the user are never echoed back", async () => {
    for (const text of [
      "<!channel> frobnicate",
      "@everyone frobnicate",
      "@here xyzzy",
      "<@U123> <!subteam^S1> qqq",
      "seat B<@b",
      "@everyonex zz",
    ]) {
      const reply = await ask(text);
      const all = allText(reply);
      expect(all, text).not.toMatch(/<!|<@|@everyone|@here/);
    }
  });

  it("a mention beside a real question still gets the answer", async () => {
    const reply = await ask("<!channel> stargate");
    expect(reply.title).toBe("Stargate");
  });

  it("control characters, emoji and right-to-left text do not break anything", async () => {
    for (const text of [
      "\u0000\u0007stargate\u001b[31m",
      "🚀🚀🚀",
      "ما هو ستارغيت",
      "\u202estargate\u202c",
      "stargate 🚀",
    ]) {
      const reply = await ask(text);
      expect(["answer", "no-match", "usage"], text).toContain(reply.kind);
    }
    expect((await ask("\u0000\u0007stargate\u001b[31m")).title).toBe("Stargate");
  });

  it("a no-argument command followed by a question answers the question", async () => {
    const reply = await ask("status of the talks");
    expect(reply.kind).toBe("answer");
    expect(reply.title).toBe("Revenue-sharing and equity talks");
  });

  it("a mistyped command name gets 'did you mean' with the command", async () => {
    const reply = await ask("timline stargate");
    expect(reply.kind).toBe("no-match");
    expect(reply.intro).toMatch(/^Did you mean the timeline command\?/);
    expect(reply.suggestions?.[0]).toEqual({ command: "timeline", args: { topic: "stargate" } });
    expect((await ask("topic")).suggestions?.[0]).toEqual({ command: "topics" });
  });

  it("only a mention, punctuation or emoji gets the nudge, not an empty quote", async () => {
    for (const text of ["<!channel>", "🚀🚀", "??", "@here"]) {
      const reply = await ask(text);
      expect(reply.kind, text).toBe("usage");
      expect(allText(reply), text).not.toContain("“”");
    }
  });

  it("polite extra words after a command ask for nothing more", async () => {
    expect((await ask("help me")).title).toBe("Partnership briefing: commands");
    expect((await ask("topics please")).title).toMatch(/^Topics/);
  });

  it("a no-argument command followed by nonsense says how to type it", async () => {
    const reply = await ask("topics qqqzzz");
    expect(reply.kind).toBe("usage");
    expect(reply.footer).toContainEqual({ command: "topics" });
  });
});

describe("subscription commands go through the admin check first", () => {
  function recorder() {
    const calls: string[] = [];
    const answer = (name: string) => async () => {
      calls.push(name);
      return {
        kind: "notice" as const,
        title: name,
        sections: [],
        citations: [],
        shareable: false,
        visibility: "channel" as const,
      };
    };
    const subscriptions: SubscriptionCommands = {
      subscribe: answer("subscribe"),
      unsubscribe: answer("unsubscribe"),
      status: answer("status"),
      previewDigest: answer("digest"),
    };
    return { calls, subscriptions };
  }

  it("a non-admin's subscribe and unsubscribe are refused and never reach the store", async () => {
    const kb = await shippedKnowledge();
    const { calls, subscriptions } = recorder();
    const briefing = createBriefing({ knowledge: { current: () => kb }, subscriptions });
    for (const text of ["subscribe mon 09:00 UTC", "unsubscribe"]) {
      const reply = await briefing.handle(request(text));
      expect(reply.kind).toBe("error");
      expect(reply.intro).toMatch(/Nothing was changed/);
    }
    expect(calls).toEqual([]);
  });

  it("platform admins and BRIEFING_ADMINS ids pass; status and digest are for everyone", async () => {
    const kb = await shippedKnowledge();
    const { calls, subscriptions } = recorder();
    const briefing = createBriefing({
      knowledge: { current: () => kb },
      subscriptions,
      admins: new Set(["U9"]),
    });
    await briefing.handle(
      request("subscribe", { user: { id: "U2", isPlatformAdmin: () => true } }),
    );
    await briefing.handle(
      request("unsubscribe", { user: { id: "U9", isPlatformAdmin: () => false } }),
    );
    await briefing.handle(request("status"));
    await briefing.handle(request("digest"));
    await briefing.handle(request("status please"));
    expect(calls).toEqual(["subscribe", "unsubscribe", "status", "digest", "status"]);
  });

  it("without a store, those commands say they are unavailable", async () => {
    const reply = await ask("status");
    expect(reply).toMatchObject({ kind: "error", title: "Subscriptions are not available here" });
  });
});

describe("autocomplete", () => {
  it("offers topics by prefix of their name or alias, then by fuzzy match", async () => {
    const briefing = await shippedBriefing();
    expect(briefing.complete("topic", "star")[0]).toEqual({ name: "Stargate", value: "stargate" });
    expect(briefing.complete("topic", "sulei").map((c) => c.value)).toContain("inflection");
    expect(briefing.complete("topic", "").length).toBeGreaterThanOrEqual(12);
    expect(briefing.complete("topic", "", 3)).toHaveLength(3);
  });

  it("offers articles too where a source id is accepted", async () => {
    const briefing = await shippedBriefing();
    expect(briefing.complete("source-or-topic", "drift")).toContainEqual({
      name: "Source: Drift Apart",
      value: "drift-apart",
    });
    expect(briefing.complete("text", "mo")).toEqual([]);
  });

  it("offers weekdays and IANA timezones for subscribe's options", async () => {
    const briefing = await shippedBriefing();
    expect(briefing.complete("day", "mo")).toEqual([{ name: "Monday", value: "mon" }]);
    expect(briefing.complete("day", "")).toHaveLength(7);
    expect(briefing.complete("timezone", "london")).toEqual([
      { name: "Europe/London", value: "Europe/London" },
    ]);
    expect(briefing.complete("timezone", "new york")[0]?.value).toBe("America/New_York");
    expect(briefing.complete("timezone", "")[0]?.value).toBe("UTC");
    expect(briefing.complete("timezone", "", 25)).toHaveLength(25);
  });
});

describe("the core says whether a reply may be shared and who may see it", () => {
  it("offers answers and lists of read-only commands for sharing, to the channel", async () => {
    for (const text of ["stargate", "topics", "timeline stargate", "sources", "help"]) {
      const reply = await ask(text);
      expect(reply.shareable, text).toBe(true);
      expect(reply.visibility, text).toBe("channel");
    }
  });

  it("never offers usage hints, errors or misses, and keeps them for the asker", async () => {
    for (const text of ["", "qqqzzz xxyy", "topics qqqzzz", "x".repeat(600)]) {
      const reply = await ask(text);
      expect(reply.shareable, text).toBe(false);
      expect(reply.visibility, text).toBe("private");
    }
  });

  it("refuses a share of a command that changes anything, before checking admin rights", async () => {
    let asked = false;
    const reply = await (await shippedBriefing()).handle(
      request("subscribe mon 09:00 UTC", {
        share: true,
        user: {
          id: "U1",
          isPlatformAdmin: () => {
            asked = true;
            return true;
          },
        },
      }),
    );
    expect(reply.title).toBe("This answer cannot be shared");
    expect(asked).toBe(false);
  });

  it("asks the platform about admin rights only for a command that needs them", async () => {
    const calls: string[] = [];
    const briefing = await shippedBriefing();
    for (const text of ["stargate", "status", "unsubscribe"]) {
      await briefing.handle(
        request(text, {
          user: {
            id: "U1",
            isPlatformAdmin: () => {
              calls.push(text);
              return false;
            },
          },
        }),
      );
    }
    expect(calls).toEqual(["unsubscribe"]);
  });
});

describe("every command a reply suggests is data the registry knows", () => {
  /** Every CommandRef in a reply: suggestions, the footer's, and each line's. */
  const refsOf = (reply: Reply): CommandRef[] => [
    ...(reply.suggestions ?? []),
    ...(reply.footer ?? []).filter((p): p is CommandRef => typeof p !== "string"),
    ...reply.sections.flatMap((s) =>
      s.lines.flatMap((l) => [l.more, l.command, l.example].filter((r) => r !== undefined)),
    ),
  ];

  /** What is wrong with a suggested command: not in the registry, or an argument it does not take. */
  const refProblems = (ref: CommandRef): string[] => {
    const spec = findCommand(ref.command);
    if (!spec) return [`${ref.command} is no command`];
    return Object.keys(ref.args ?? {})
      .filter((arg) => !spec.args.some((a) => a.name === arg))
      .map((arg) => `${ref.command} takes no ${arg}`);
  };

  it("names a registered command, and only arguments that command takes", async () => {
    const problems: string[] = [];
    let seen = 0;
    for (const text of [
      "",
      "help",
      "help subscribe",
      "help nope",
      "topics",
      "topics qqqzzz",
      "timeline",
      "timeline stargate",
      "timeline nadella",
      "timeline qqqzzz",
      "sources",
      "sources drift-apart",
      "sources stargate",
      "sources qqqzzz",
      "stargate",
      "nadella",
      "timline stargate",
      "stargate page 2",
      "stargate page 99",
      "timeline stargate page 2",
      "sources drift-apart page 2",
      "who announced stargate page 2",
      "page 2",
      "qqqzzz",
      "subscribe",
      "x".repeat(600),
    ]) {
      for (const ref of refsOf(await ask(text))) {
        seen++;
        problems.push(...refProblems(ref).map((p) => `${text}: ${p}`));
      }
    }
    expect(seen).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  it("the check itself catches a command the registry does not have and a wrong argument", () => {
    expect(refProblems({ command: "timelines" })).toEqual(["timelines is no command"]);
    expect(refProblems({ command: "timeline", args: { target: "x" } })).toEqual([
      "timeline takes no target",
    ]);
    expect(refProblems({ command: "timeline", args: { topic: "x" } })).toEqual([]);
  });
});

describe("a source's description", () => {
  const AUTHOR = "Alison Perry";
  const DATE = "2026-01-14";
  /** How a reply shows DATE. */
  const SHOWN = "14 Jan 2026";
  /** Every combination of the parts a source may have, with titles that end in all the ways. */
  function* sources(): Generator<Source> {
    for (const title of ["Plain Headline", "A Question?", "[A described title]", "Ends. "])
      for (const author of [undefined, AUTHOR])
        for (const outlet of [undefined, "The Example Times"])
          for (const published of [undefined, DATE])
            for (const dating of [
              undefined,
              "nothing in the text fixes a year",
              "Written in 2025.",
            ])
              for (const retells of [[], ["The Wall Street Journal"], ["A", "B", "C"]])
                for (const notes of [undefined, "has no headline; the title here describes it"])
                  yield {
                    id: "s",
                    title,
                    label: "S",
                    ...(author ? { author } : {}),
                    ...(outlet ? { outlet } : {}),
                    ...(published ? { published } : {}),
                    ...(dating ? { dating } : {}),
                    ...(retells.length ? { retells } : {}),
                    ...(notes ? { notes } : {}),
                  };
  }
  const count = (text: string, part: string) => text.split(part).length - 1;
  /** Nothing left out, or what a question about the article has answered already. */
  const OMITS: SourcePart[][] = [[], ["author"], ["date"], ["retells"]];

  it("reads as sentences, each part said once, for every combination of parts", () => {
    let checked = 0;
    for (const s of sources()) {
      for (const omit of OMITS) {
        const text = sourceDescription(s, omit);
        const label = `${JSON.stringify(s)} omit ${omit.join()}: ${text}`;
        expect(text, label).not.toMatch(/\. \.|; \.|\.\.|\s{2}|^\s|\s$/);
        expect(text, label).toMatch(/[.?!]$/);
        const sentences = text.split(/(?<=[.?!]\]?)\s+/);
        expect(new Set(sentences).size, label).toBe(sentences.length);
        for (const sentence of sentences) expect(sentence, label).not.toMatch(/^[^\p{L}]*\p{Ll}/u);
        expect(count(text, AUTHOR), label).toBe(s.author && !omit.includes("author") ? 1 : 0);
        expect(count(text, SHOWN), label).toBe(s.published && !omit.includes("date") ? 1 : 0);
        expect(count(text, DATE), label).toBe(0);
        expect(count(text, s.title.trim()), label).toBe(1);
        if (s.retells && !omit.includes("retells"))
          expect(count(text, "It retells"), label).toBe(1);
        // "No date" is said once, before what the text tells about when it was written, unless
        // the answer to a date question has said it.
        expect(count(text, "prints no date"), label).toBe(
          !s.published && !omit.includes("date") ? 1 : 0,
        );
        checked++;
      }
    }
    expect(checked).toBe(4 * 2 * 2 * 2 * 3 * 3 * 2 * 4);
  });
});
