/**
 * Discord's side of the one command registry (src/commands/registry.ts): the slash-command
 * definitions we register, the way an interaction's subcommand and options become the same
 * command text the core parses, and how a command in the core's grammar is written on Discord.
 * Nothing here lists commands by hand; everything is generated from `COMMANDS`.
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
  COMMANDS,
  type CommandSpec,
  findCommand,
} from "../../src/commands/registry.ts";
import { COMMAND_LIMITS, PERMISSIONS } from "./limits.ts";
import { clip } from "./text.ts";

/** The command everyone sees. */
export const MAIN_COMMAND = "partnership";
/** The command holding `discordGroup: "admin"` subcommands; hidden by default from non-managers. */
export const ADMIN_COMMAND = "partnership-admin";

const COMMAND_DESCRIPTIONS: Record<CommandSpec["discordGroup"], string> = {
  main: "Microsoft–OpenAI partnership briefing: key facts, each with the articles that report it",
  admin: "This channel's weekly partnership briefing (needs Manage Server)",
};

/** The top-level command a registry group lives under. */
export function commandNameOf(group: CommandSpec["discordGroup"]): string {
  return group === "admin" ? ADMIN_COMMAND : MAIN_COMMAND;
}

/** Argument kinds Discord completes by asking the core (`Briefing.complete`). */
export const AUTOCOMPLETED_KINDS: ReadonlySet<ArgKind> = new Set<ArgKind>([
  "topic",
  "source-or-topic",
  "timezone",
]);

const DAY_CHOICES = [
  ["Monday", "mon"],
  ["Tuesday", "tue"],
  ["Wednesday", "wed"],
  ["Thursday", "thu"],
  ["Friday", "fri"],
  ["Saturday", "sat"],
  ["Sunday", "sun"],
].map(([name, value]) => ({ name: name as string, value: value as string }));

/** Free-text options: long enough for any real question, short enough to keep replies small. */
const TEXT_MAX_LENGTH = 200;

function optionOf(command: CommandSpec, arg: ArgSpec): APIApplicationCommandBasicOption {
  const base = {
    type: ApplicationCommandOptionType.String as const,
    name: arg.name,
    description: clip(arg.description, COMMAND_LIMITS.description),
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
    case "text":
      // `help [command]` names a command: offer the registry's names as fixed choices.
      if (command.name === "help") {
        return {
          ...base,
          choices: COMMANDS.slice(0, COMMAND_LIMITS.choices).map((c) => ({
            name: c.name,
            value: c.name,
          })),
        };
      }
      return { ...base, max_length: TEXT_MAX_LENGTH };
  }
}

function subcommandOf(command: CommandSpec): APIApplicationCommandSubcommandOption {
  // Discord wants required options before optional ones; the text we build follows the registry order.
  const args = [...command.args].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: clip(command.summary, COMMAND_LIMITS.description),
    options: args.map((arg) => optionOf(command, arg)),
  };
}

/**
 * The definitions `npm run discord:register` sends (a bulk overwrite): `/partnership` with the
 * `main` subcommands, and `/partnership-admin` with the `admin` ones, whose default permission is
 * Manage Server (the adapter checks the member's permissions again on every call).
 */
export function buildCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const group = (g: CommandSpec["discordGroup"]) => COMMANDS.filter((c) => c.discordGroup === g);
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
  const spec = findCommand(subcommand);
  if (!spec || spec.name !== subcommand) return undefined;
  return commandNameOf(spec.discordGroup) === commandName ? spec : undefined;
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
 * How a command in the core's grammar (`sources drift-apart`, `stargate`) is typed on Discord
 * (`/partnership sources target:drift-apart`, `/partnership ask query:stargate`).
 */
export function discordCommandHint(text: string): string {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const spec = words[0] ? findCommand(words[0]) : undefined;
  const command = spec ?? findCommand("ask");
  if (!command) return `/${MAIN_COMMAND} ${text}`;
  const rest = spec ? words.slice(1) : words;
  const parts = [`/${commandNameOf(command.discordGroup)}`, command.name];
  for (const arg of command.args) {
    if (rest.length === 0) break;
    const value = arg.rest ? rest.splice(0).join(" ") : rest.shift();
    parts.push(`${arg.name}:${value}`);
  }
  return parts.join(" ");
}
