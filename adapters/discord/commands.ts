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
import { parseCommand } from "../../src/commands/parse.ts";
import {
  type ArgKind,
  type ArgSpec,
  COMMANDS,
  type CommandSpec,
  commandSpec,
  findCommand,
} from "../../src/commands/registry.ts";
import { parseDay } from "../../src/subscriptions/schedule-args.ts";
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
 * Manage Server. A default only: each call's member permissions are read again, and the core
 * decides who may change subscriptions.
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

// ---- hints: the core's grammar written as Discord commands -------------------------------------

/**
 * One piece of a command written in the core's grammar: a word, a `<placeholder>` the reader fills
 * in, or an `[optional]` one. `end` is where it ends in the text it was read from.
 */
interface HintToken {
  kind: "word" | "required" | "optional";
  text: string;
  end: number;
}

/**
 * A word of a hint inside prose. It ends at a space and at punctuation that ends a phrase (`.`,
 * `,`, `;`, `?`, `!`, `·`, brackets, quotes); a colon ends it too unless a digit follows (`16:30`
 * is one word, `help: how…` is not). It never starts with `/` (that is the next command).
 */
const WORD = /(?!\/)(?:[^\s·.,;:?!<>[\]()"“”`]|:(?=\d))+/y;
/** `<topic>`, `<fact id>`, `[day]`, `[HH:MM]`. */
const PLACEHOLDER = /<[^<>\n]{1,40}>|\[[^[\]\n]{1,40}\]/y;
const GAP = / +/y;
const TIME = /^\d{1,2}:\d{2}$/;
/** An IANA zone's shape (`Europe/London`, `America/Argentina/Salta`) or UTC. */
const ZONE = /^(?:UTC|[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+)$/i;
/** More words than any hint needs: reading stops here in very long prose. */
const MAX_TOKENS = 40;

function sticky(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** The tokens that follow `from` in `text`, each after a space, up to the first that is not one. */
function tokensAfter(text: string, from: number): HintToken[] {
  const tokens: HintToken[] = [];
  let at = from;
  while (tokens.length < MAX_TOKENS) {
    const gap = sticky(GAP, text, at);
    if (!gap) break;
    const start = at + gap.length;
    const placeholder = sticky(PLACEHOLDER, text, start);
    const word = placeholder ? undefined : sticky(WORD, text, start);
    const token = placeholder ?? word;
    if (!token) break;
    const kind = placeholder ? (placeholder.startsWith("<") ? "required" : "optional") : "word";
    at = start + token.length;
    tokens.push({ kind, text: token, end: at });
  }
  return tokens;
}

/**
 * The value a Discord user types for `arg` when the core's grammar has `word` there, or
 * `undefined` when `word` cannot be that argument (`in` is no day, `tomorrow` no time).
 */
function optionValue(command: CommandSpec, arg: ArgSpec, word: string): string | undefined {
  switch (arg.kind) {
    case "day": {
      const day = parseDay(word);
      return day === undefined ? undefined : DAY_CHOICES[day - 1]?.value;
    }
    case "time":
      return TIME.test(word) ? word : undefined;
    case "timezone":
      return ZONE.test(word) ? word : undefined;
    case "text":
      // `help [command]` is a choice of command names.
      return command.name === "help" ? findCommand(word)?.name : word;
    case "topic":
    case "source-or-topic":
      return word;
  }
}

/**
 * Fills `command`'s options from `tokens`, in the order given: each word goes to the first option
 * still open that can take it (so `subscribe 16:30 fri` works as the core's does), a placeholder
 * to the option of its name or the next one open; an option that takes the rest of the line takes
 * every word after it. Stops at the first token no option takes, unless `lenient`, when it goes
 * to the next option open. Returns the options as typed on Discord, in registry order, and how
 * many tokens they used.
 */
function fillOptions(
  command: CommandSpec,
  tokens: readonly HintToken[],
  lenient: boolean,
): { options: string[]; used: number } {
  const given = new Map<string, string>();
  let used = 0;
  while (used < tokens.length) {
    const token = tokens[used] as HintToken;
    const open = command.args.filter((a) => !given.has(a.name));
    const first = open[0];
    if (!first) break;
    if (token.kind !== "word") {
      const name = token.text.slice(1, -1).trim().toLowerCase();
      const arg = open.find((a) => a.name === name) ?? first;
      // `[day]` is an option one may leave out; `<topic>` one whose value the reader supplies.
      given.set(
        arg.name,
        token.kind === "optional" ? `[${arg.name}]` : `${arg.name}:${token.text}`,
      );
      used++;
      if (arg.rest) break;
      continue;
    }
    let arg: ArgSpec | undefined;
    let value: string | undefined;
    for (const candidate of open) {
      value = optionValue(command, candidate, token.text);
      if (value !== undefined) {
        arg = candidate;
        break;
      }
    }
    if (!arg && lenient) {
      arg = first;
      value = token.text;
    }
    if (!arg || value === undefined) break;
    used++;
    if (arg.rest) {
      const words = [value];
      while (tokens[used]?.kind === "word") words.push((tokens[used++] as HintToken).text);
      given.set(arg.name, `${arg.name}:${words.join(" ")}`);
      break;
    }
    given.set(arg.name, `${arg.name}:${value}`);
  }
  return { options: command.args.flatMap((a) => given.get(a.name) ?? []), used };
}

const ASK = commandSpec("ask");

function written(command: CommandSpec, options: readonly string[]): string {
  return [`/${commandNameOf(command.discordGroup)}`, command.name, ...options].join(" ");
}

/**
 * How a whole command in the core's grammar (`sources drift-apart`, `stargate`) is typed on
 * Discord (`/partnership sources target:drift-apart`, `/partnership ask query:stargate`). The
 * command is read by the core's own parser; its words become named options.
 */
export function discordCommandHint(text: string): string {
  const parsed = parseCommand(text.replace(/\s+/g, " "));
  if (!parsed.ok) return written(ASK, []);
  const tokens = parsed.args.map((word): HintToken => ({ kind: "word", text: word, end: 0 }));
  return written(parsed.command, fillOptions(parsed.command, tokens, true).options);
}

/**
 * The Discord form of a `/partnership …` hint written in prose, read from just after
 * `/partnership` at `from`: `timeline <topic>`, `subscribe [day] [HH:MM] [timezone]`,
 * `subscribe fri 16:30 Europe/London`, `stargate`. `end` is where the hint stops in `text` (the
 * prose after it is left alone); `undefined` when nothing after `/partnership` is a command.
 */
export function discordHintAt(
  text: string,
  from: number,
): { hint: string; end: number } | undefined {
  const tokens = tokensAfter(text, from);
  const head = tokens[0];
  if (!head) return undefined;
  const named = head.kind === "word" ? findCommand(head.text) : undefined;
  const command = named ?? ASK;
  const args = named ? tokens.slice(1) : tokens;
  const { options, used } = fillOptions(command, args, false);
  if (!named && used === 0) return undefined;
  const end = used > 0 ? (args[used - 1] as HintToken).end : head.end;
  return { hint: written(command, options), end };
}
