/**
 * Every `/partnership …` hint a Discord user reads must be something they can type: a command we
 * register (`buildCommandDefinitions()`), one of its subcommands, and its options by name. The
 * core hands its suggestions over as data and `discordCommand` writes them; these tests render
 * the core's real replies (help above all) and read the result back, end to end. (Reading the
 * rendered text is the test's job here; the adapter itself never parses what the core wrote.)
 */
import type { APIEmbed } from "discord.js";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCommandDefinitions } from "../../adapters/discord/commands.ts";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { emptyReply, tooLongReply } from "../../src/commands/help.ts";
import { COMMANDS } from "../../src/commands/registry.ts";
import { type Briefing, notAllowedReply } from "../../src/core/briefing.ts";
import type { Reply } from "../../src/reply/reply.ts";
import type { BriefingRequest } from "../../src/reply/request.ts";
import { realBriefing } from "./harness.ts";

interface Option {
  name: string;
  required?: boolean;
  choices?: { value: string }[];
  min_length?: number;
  max_length?: number;
  options?: Option[];
}

/** command -> subcommand -> its options, as registered. */
const REGISTERED = new Map(
  (buildCommandDefinitions() as unknown as Option[]).map((command) => [
    command.name,
    new Map((command.options ?? []).map((sub) => [sub.name, sub.options ?? []])),
  ]),
);

const HINT = /\/(partnership(?:-admin)?)(?![\w-])/g;
const SUBCOMMAND = / ([a-z-]+)(?![\w-])/y;
const OPTION = / (?:\[([\w-]+)\]|([\w-]+):(<[^<>]+>|\S+))/y;

/**
 * What is wrong with the hints in `text` (Discord's markdown escapes already taken out): each
 * `/partnership…` must name a registered command and subcommand; what follows it is read as
 * `[option]` (an optional option) or `option:value` (`value` may be a `<placeholder>`), each a real
 * option of that subcommand, once, with a value it accepts; required options must be there, and
 * no `<…>` or `[…]` may be left right after the hint.
 */
function hintProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(HINT)) {
    const command = match[1] as string;
    const where = `${JSON.stringify(text.slice(match.index, match.index + 80))}`;
    SUBCOMMAND.lastIndex = match.index + match[0].length;
    const sub = SUBCOMMAND.exec(text)?.[1];
    const options = sub ? REGISTERED.get(command)?.get(sub) : undefined;
    if (!sub || !options) {
      problems.push(`${where}: /${command} has no subcommand ${JSON.stringify(sub ?? "")}`);
      continue;
    }
    let at = SUBCOMMAND.lastIndex;
    const seen = new Set<string>();
    for (;;) {
      OPTION.lastIndex = at;
      const token = OPTION.exec(text);
      if (!token) break;
      at = OPTION.lastIndex;
      const name = (token[1] ?? token[2]) as string;
      const option = options.find((o) => o.name === name);
      if (!option) {
        problems.push(`${where}: /${command} ${sub} has no option ${name}`);
        continue;
      }
      if (seen.has(name)) problems.push(`${where}: option ${name} given twice`);
      seen.add(name);
      if (token[1] !== undefined) {
        if (option.required) problems.push(`${where}: ${name} is required, not [${name}]`);
        continue;
      }
      const value = token[3] as string;
      if (/^<[^<>]+>$/.test(value)) continue;
      if (/^[[<]/.test(value)) problems.push(`${where}: ${name} has the value ${value}`);
      else if (option.choices && !option.choices.some((c) => c.value === value))
        problems.push(`${where}: ${name}:${value} is not one of its choices`);
      else if (
        value.length < (option.min_length ?? 0) ||
        value.length > (option.max_length ?? Number.POSITIVE_INFINITY)
      )
        problems.push(`${where}: ${name}:${value} has the wrong length`);
    }
    for (const option of options) {
      if (option.required && !seen.has(option.name))
        problems.push(`${where}: the required option ${option.name} is missing`);
    }
    if (/^ ?[[<]/.test(text.slice(at))) problems.push(`${where}: a placeholder is left over`);
  }
  return problems;
}

/** Everything a rendered message shows, with Discord's markdown escapes taken out. */
function shownText(embeds: APIEmbed[]): string {
  return embeds
    .flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? "",
    ])
    .join("\n")
    .replace(/\\(.)/g, "$1")
    .replace(/`/g, "");
}

const rendered = (reply: Reply) => shownText(renderDiscord(reply).embeds);

describe("the hint check itself", () => {
  it("accepts Discord commands and catches the Slack grammar and garbled options", () => {
    expect(
      hintProblems("Try /partnership timeline topic:stargate or /partnership topics."),
    ).toEqual([]);
    expect(
      hintProblems("/partnership-admin subscribe [day] [time] [timezone] (default: Monday)"),
    ).toEqual([]);
    for (const wrong of [
      "/partnership subscribe",
      "/partnership status",
      "/partnership stargate",
      "/partnership",
      "/partnership timeline <topic>",
      "/partnership ask",
      "/partnership-admin subscribe day:[day] time:[HH:MM] [timezone]",
      "/partnership-admin subscribe day:friday",
      "/partnership-admin subscribe when:fri",
    ]) {
      expect(hintProblems(wrong), wrong).not.toEqual([]);
    }
  });
});

describe("GIVEN the core's help replies rendered for Discord", () => {
  let core: Briefing;
  const helpReply = (arg: string) =>
    core.handle({
      platform: { name: "discord", deliversDigests: true },
      text: `help ${arg}`,
      user: { id: "3", isPlatformAdmin: () => false },
      conversation: { id: "4", isDirect: false },
      at: new Date("2026-01-12T09:05:00Z"),
    });
  beforeAll(async () => {
    core = await realBriefing();
  });

  it("THEN every /partnership… hint is a registered command, subcommand and options", async () => {
    const replies: [string, Reply][] = [
      ["help", await helpReply("")],
      ["help nope", await helpReply("nope")],
      ["empty", emptyReply()],
      ["too long", tooLongReply(20_000)],
      ["not allowed", notAllowedReply("subscribe")],
    ];
    for (const c of COMMANDS) replies.push([`help ${c.name}`, await helpReply(c.name)]);
    for (const [name, reply] of replies) expect(hintProblems(rendered(reply)), name).toEqual([]);
  });

  it("THEN help lists every registered subcommand under the command it lives in", async () => {
    const text = rendered(await helpReply(""));
    for (const [command, subs] of REGISTERED) {
      for (const sub of subs.keys()) expect(text).toContain(`/${command} ${sub}`);
    }
    expect(text).toContain(
      "• /partnership-admin subscribe [day] [time] [timezone]: Post the weekly briefing",
    );
    expect(text).toContain("• /partnership-admin status: This channel's briefing schedule");
    expect(text).toContain("Example: /partnership-admin subscribe\n");
    expect(text).toContain("• /partnership ask query:<query>: Key facts");
    expect(text).toContain("Example: /partnership timeline\n");
    expect(text).not.toMatch(/\/partnership (subscribe|unsubscribe|status)\b/);
  });

  it("THEN help for one command shows its usage and examples as Discord commands", async () => {
    const text = rendered(await helpReply("subscribe"));
    expect(text.split("\n")[0]).toBe("Help: subscribe");
    expect(text).toContain("• /partnership-admin subscribe [day] [time] [timezone]: Post the");
    expect(text).toContain(
      "Example: /partnership-admin subscribe day:fri time:16:30 timezone:America/New_York",
    );
    expect(text).toContain("Example: /partnership-admin subscribe day:mon time:09:00 timezone:UTC");
  });
});

describe("GIVEN the real core's subscription replies rendered for Discord", () => {
  let core: Briefing;
  beforeAll(async () => {
    core = await realBriefing();
  });

  const ask = (
    text: string,
    extra: { admin?: boolean; direct?: boolean; channel?: string } = {},
  ) => {
    const request: BriefingRequest = {
      platform: { name: "discord", deliversDigests: true },
      text,
      user: { id: "300000000000000003", isPlatformAdmin: () => extra.admin ?? false },
      conversation: {
        id: extra.channel ?? "400000000000000004",
        ...(extra.direct ? {} : { workspaceId: "500000000000000005" }),
        isDirect: extra.direct ?? false,
      },
      at: new Date("2026-01-12T09:05:00Z"),
    };
    return core.handle(request);
  };

  it("THEN their hints are Discord commands, with every named value kept as an option", async () => {
    const usage = rendered(await ask("subscribe 25:00", { admin: true }));
    expect(usage).toContain(
      "Usage: /partnership-admin subscribe [day] [time] [timezone] (default: Monday 09:00 UTC)",
    );
    const defaults = rendered(await ask("subscribe fri", { admin: true, channel: "4001" }));
    expect(defaults).toContain(
      "Another slot: /partnership-admin subscribe day:fri time:16:30 timezone:Europe/London",
    );
    const elsewhere = rendered(await ask("subscribe", { admin: true, direct: true }));
    expect(elsewhere).toContain(
      "In the channel: /partnership-admin subscribe · Preview here: /partnership digest",
    );
    const stopped = rendered(await ask("unsubscribe", { admin: true, channel: "4001" }));
    expect(stopped).toContain(
      "Start it again: /partnership-admin subscribe [day] [time] [timezone]",
    );

    const texts = [usage, defaults, elsewhere, stopped];
    for (const text of [
      "status",
      "topics",
      "timeline",
      "sources",
      "stargate",
      "timelin stargate",
    ]) {
      texts.push(rendered(await ask(text, { channel: "4002" })));
    }
    texts.push(rendered(await ask("subscribe mon 09:00 UTC")));
    for (const text of texts) expect(hintProblems(text), text.slice(0, 200)).toEqual([]);
  });
});
