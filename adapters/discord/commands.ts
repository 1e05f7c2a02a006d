/**
 * Discord's side of the one command registry: the slash-command definitions we register, the way
 * an interaction's subcommand and options become the command text the core parses, and how a
 * command the core suggests (`CommandRef`, data) is written on Discord. Nothing here lists
 * commands by hand; everything is generated from `COMMAND_SPECS`, grouped here.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import {
  type ArgKind,
  type ArgSpec,
  COMMAND_SPECS,
  type CommandRef,
  type CommandSpec,
} from "../../src/index.ts";
import { COMMAND_LIMITS, PERMISSIONS } from "./limits.ts";
import { clipWords } from "./text.ts";

/** The command everyone sees. */
export const MAIN_COMMAND = "partnership";
/** The command holding the subscription subcommands; hidden by default from non-managers. */
export const ADMIN_COMMAND = "partnership-admin";

/** `main` under `/partnership`, `admin` under `/partnership-admin` (default permission Manage Server). */
export type DiscordGroup = "main" | "admin";

/**
 * Where each command sits on Discord: commands that need admin rights, and `status` beside them
 * (a channel's subscription is managed in one place), under the admin command; the rest under
 * the main one.
 */
export function groupOf(spec: Pick<CommandSpec, "name" | "access">): DiscordGroup {
  return spec.access === "admin" || spec.name === "status" ? "admin" : "main";
}

const COMMAND_DESCRIPTIONS: Record<DiscordGroup, string> = {
  main: "Microsoft–OpenAI partnership briefing: key facts, each with the articles that report it",
  admin: "This channel's weekly partnership briefing (needs Manage Server)",
};

/** The top-level command a group lives under. */
export function commandNameOf(group: DiscordGroup): string {
  return group === "admin" ? ADMIN_COMMAND : MAIN_COMMAND;
}

const findSpec = (name: string) => COMMAND_SPECS.find((c) => c.name === name);

/** Argument kinds Discord completes by asking the core (`Briefing.complete`). */
export const AUTOCOMPLETED_KINDS: ReadonlySet<ArgKind> = new Set<ArgKind>([
  "topic",
  "source-or-topic",
  "timezone",
]);

const DAY_CHOICES: { name: string; value: string }[] = [
  { name: "Monday", value: "mon" },
  { name: "Tuesday", value: "tue" },
  { name: "Wednesday", value: "wed" },
  { name: "Thursday", value: "thu" },
  { name: "Friday", value: "fri" },
  { name: "Saturday", value: "sat" },
  { name: "Sunday", value: "sun" },
];

/** Free-text options: long enough for any real question, short enough to keep replies small. */
const TEXT_MAX_LENGTH = 200;

function optionOf(arg: ArgSpec): APIApplicationCommandBasicOption {
  const base = {
    type: ApplicationCommandOptionType.String as const,
    name: arg.name,
    description: clipWords(arg.description, COMMAND_LIMITS.description),
    required: arg.required,
  };
  switch (arg.kind) {
    case "day":
      return { ...base, choices: DAY_CHOICES };
    case "time":
      return { ...base, min_length: 4, max_length: 5 };
    case "timezone":
      return { ...base, autocomplete: true, max_length: 64 };
    case "topic":
    case "source-or-topic":
      return { ...base, autocomplete: true, max_length: TEXT_MAX_LENGTH };
    case "command":
      // `help [command]` names a command: offer the registry's names as fixed choices.
      return {
        ...base,
        choices: COMMAND_SPECS.slice(0, COMMAND_LIMITS.choices).map((c) => ({
          name: c.name,
          value: c.name,
        })),
      };
    case "text":
      return { ...base, max_length: TEXT_MAX_LENGTH };
  }
}

function subcommandOf(command: CommandSpec): APIApplicationCommandSubcommandOption {
  // Discord wants required options before optional ones; the text we build follows the registry order.
  const args = [...command.args].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: clipWords(command.summary, COMMAND_LIMITS.description),
    options: args.map(optionOf),
  };
}

/**
 * The definitions `npm run discord:register` sends (a bulk overwrite): `/partnership` with the
 * `main` subcommands, and `/partnership-admin` with the `admin` ones, whose default permission is
 * Manage Server. A default only: each call's member permissions are read again, and the core
 * decides who may change subscriptions.
 */
export function buildCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const group = (g: DiscordGroup) => COMMAND_SPECS.filter((c) => groupOf(c) === g);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: MAIN_COMMAND,
      description: COMMAND_DESCRIPTIONS.main,
      options: group("main").map(subcommandOf),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: ADMIN_COMMAND,
      description: COMMAND_DESCRIPTIONS.admin,
      options: group("admin").map(subcommandOf),
      default_member_permissions: PERMISSIONS.manageGuild.toString(),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      // Subscriptions belong to server channels.
      contexts: [InteractionContextType.Guild],
    },
  ];
}

/** The registry entry for a subcommand of one of our commands, or undefined if it is not ours. */
export function specOf(commandName: string, subcommand: string | null): CommandSpec | undefined {
  if (!subcommand) return undefined;
  const spec = findSpec(subcommand);
  if (!spec) return undefined;
  return commandNameOf(groupOf(spec)) === commandName ? spec : undefined;
}

/**
 * The command text the core parses, from a subcommand and its option values: `timeline stargate`,
 * `subscribe mon 09:00 UTC`, `ask how much has microsoft invested`. Values are taken in registry
 * order; whitespace is collapsed so a value cannot smuggle in a second line.
 */
export function commandTextOf(
  spec: CommandSpec,
  value: (name: string) => string | null | undefined,
): string {
  const words: string[] = [spec.name];
  for (const arg of spec.args) {
    const v = value(arg.name)?.replace(/\s+/g, " ").trim();
    if (v) words.push(v);
  }
  return words.join(" ");
}

/**
 * How a command the core suggests is typed on Discord: the command its group lives under, the
 * subcommand, and named options (`/partnership timeline topic:stargate`,
 * `/partnership ask query:<topic>`, `/partnership-admin subscribe [day] [time] [timezone]`).
 * An optional placeholder is shown as the option's name in brackets: the reader may leave it out.
 */
export function discordCommand(ref: CommandRef): string {
  const spec = findSpec(ref.command);
  const group = spec ? groupOf(spec) : "main";
  const options = Object.entries(ref.args ?? {}).map(([name, value]) => {
    if (typeof value === "string") return `${name}:${value}`;
    return value.optional ? `[${name}]` : `${name}:<${value.placeholder}>`;
  });
  return [`/${commandNameOf(group)}`, ref.command, ...options].join(" ");
}
