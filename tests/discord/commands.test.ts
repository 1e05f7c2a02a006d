import { describe, expect, it } from "vitest";
import {
  ADMIN_COMMAND,
  buildCommandDefinitions,
  commandTextOf,
  discordCommand,
  groupOf,
  MAIN_COMMAND,
  specOf,
} from "../../adapters/discord/commands.ts";
import { COMMAND_LIMITS } from "../../adapters/discord/limits.ts";
import { COMMANDS, findCommand } from "../../src/commands/registry.ts";

const commandSpec = (name: string) => {
  const spec = findCommand(name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
};

type Option = {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  options?: Option[];
};

const definitions = buildCommandDefinitions() as unknown as (Option & {
  default_member_permissions?: string | null;
  contexts?: number[];
})[];
const byName = (name: string) => definitions.find((d) => d.name === name);

describe("buildCommandDefinitions", () => {
  it("GIVEN the registry THEN /partnership holds every main command and /partnership-admin every admin one", () => {
    const main = byName(MAIN_COMMAND)?.options?.map((o) => o.name);
    const admin = byName(ADMIN_COMMAND)?.options?.map((o) => o.name);
    expect(main).toEqual(COMMANDS.filter((c) => groupOf(c) === "main").map((c) => c.name));
    expect(admin).toEqual(COMMANDS.filter((c) => groupOf(c) === "admin").map((c) => c.name));
    // Every command that needs admin rights is under the admin command, and status beside them.
    expect(admin).toEqual(["subscribe", "unsubscribe", "status"]);
    expect(definitions.map((d) => d.name)).toEqual([MAIN_COMMAND, ADMIN_COMMAND]);
  });

  it("gives the admin command Manage Server as its default permission, and only in servers", () => {
    expect(byName(ADMIN_COMMAND)?.default_member_permissions).toBe("32");
    expect(byName(ADMIN_COMMAND)?.contexts).toEqual([0]);
    expect(byName(MAIN_COMMAND)?.default_member_permissions).toBeUndefined();
  });

  it("maps each registry argument to a string option: autocomplete for topics and sources, choices for days", () => {
    for (const spec of COMMANDS) {
      const sub = definitions
        .flatMap((d) => d.options ?? [])
        .find((o) => o.name === spec.name && o.type === 1);
      expect(sub?.description).toBe(spec.summary.slice(0, 100));
      for (const arg of spec.args) {
        const option = sub?.options?.find((o) => o.name === arg.name);
        expect(option?.type).toBe(3);
        expect(option?.required).toBe(arg.required);
        if (arg.kind === "topic" || arg.kind === "source-or-topic")
          expect(option?.autocomplete).toBe(true);
        if (arg.kind === "day") expect(option?.choices?.map((c) => c.value)).toContain("mon");
      }
    }
    const ask = byName(MAIN_COMMAND)?.options?.find((o) => o.name === "ask");
    expect(ask?.options?.[0]).toMatchObject({ name: "query", required: true, autocomplete: true });
    const help = byName(MAIN_COMMAND)?.options?.find((o) => o.name === "help");
    expect(help?.options?.[0]?.choices?.map((c) => c.value)).toEqual(COMMANDS.map((c) => c.name));
  });

  it("stays within Discord's limits for names, descriptions, options and choices", () => {
    const walk = (option: Option, depth: number) => {
      expect(option.name).toMatch(COMMAND_LIMITS.namePattern);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      expect((option.options ?? []).length).toBeLessThanOrEqual(COMMAND_LIMITS.optionsPerCommand);
      expect((option.choices ?? []).length).toBeLessThanOrEqual(COMMAND_LIMITS.choices);
      if (option.choices && option.autocomplete)
        throw new Error("choices and autocomplete together");
      // Required options must come first.
      const required = (option.options ?? []).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const child of option.options ?? []) walk(child, depth + 1);
    };
    for (const d of definitions) walk(d, 0);
  });
});

describe("commandTextOf / specOf", () => {
  it("builds the same text the core parses, in registry order", () => {
    const subscribe = commandSpec("subscribe");
    const values: Record<string, string> = { timezone: "Europe/London", day: "fri", time: "16:30" };
    expect(commandTextOf(subscribe, (n) => values[n])).toBe("subscribe fri 16:30 Europe/London");
    expect(commandTextOf(commandSpec("timeline"), () => null)).toBe("timeline");
    expect(commandTextOf(commandSpec("ask"), () => "  how much\n has  microsoft invested ")).toBe(
      "ask how much has microsoft invested",
    );
  });

  it("finds a subcommand only under the command its registry group belongs to", () => {
    expect(specOf(MAIN_COMMAND, "ask")?.name).toBe("ask");
    expect(specOf(ADMIN_COMMAND, "subscribe")?.name).toBe("subscribe");
    expect(specOf(MAIN_COMMAND, "subscribe")).toBeUndefined();
    expect(specOf(ADMIN_COMMAND, "ask")).toBeUndefined();
    expect(specOf(MAIN_COMMAND, "nope")).toBeUndefined();
    expect(specOf(MAIN_COMMAND, null)).toBeUndefined();
  });
});

describe("discordCommand: a command the core suggests, in Discord's grammar", () => {
  it("names each value's option, and puts a question under ask", () => {
    expect(discordCommand({ command: "ask", args: { query: "stargate" } })).toBe(
      "/partnership ask query:stargate",
    );
    expect(
      discordCommand({ command: "ask", args: { query: "how much has microsoft invested" } }),
    ).toBe("/partnership ask query:how much has microsoft invested");
    expect(discordCommand({ command: "timeline", args: { topic: "stargate" } })).toBe(
      "/partnership timeline topic:stargate",
    );
    expect(discordCommand({ command: "sources", args: { target: "board seat" } })).toBe(
      "/partnership sources target:board seat",
    );
    expect(discordCommand({ command: "topics" })).toBe("/partnership topics");
    expect(discordCommand({ command: "help", args: { command: "subscribe" } })).toBe(
      "/partnership help command:subscribe",
    );
  });

  it("puts admin commands and status under the admin command", () => {
    expect(
      discordCommand({
        command: "subscribe",
        args: { day: "mon", time: "09:00", timezone: "UTC" },
      }),
    ).toBe("/partnership-admin subscribe day:mon time:09:00 timezone:UTC");
    expect(discordCommand({ command: "status" })).toBe("/partnership-admin status");
  });

  it("writes a value to fill in as the option with a placeholder, an optional one in brackets", () => {
    expect(discordCommand({ command: "timeline", args: { topic: { placeholder: "topic" } } })).toBe(
      "/partnership timeline topic:<topic>",
    );
    expect(
      discordCommand({
        command: "subscribe",
        args: {
          day: { placeholder: "day", optional: true },
          time: { placeholder: "HH:MM", optional: true },
          timezone: { placeholder: "timezone", optional: true },
        },
      }),
    ).toBe("/partnership-admin subscribe [day] [time] [timezone]");
  });
});
