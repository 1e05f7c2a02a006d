/**
 * The one command registry. The core's parser, the help reply, Slack's usage hints and Discord's
 * slash-command definitions are all generated from this table, so a command is added here once.
 */
import SearchableMap from "minisearch/SearchableMap";

/** What kind of value an argument takes; adapters use it for native option types and autocomplete. */
export type ArgKind =
  | "text" // free text (a question, a topic name)
  | "topic" // a topic id, name or alias (autocompleted)
  | "source-or-topic" // a topic, a source id or a fact id (autocompleted with topics and sources)
  | "day" // a weekday: mon … sun, or the full name
  | "time" // HH:MM, 24-hour
  | "timezone"; // an IANA zone such as Europe/London, or UTC

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  description: string;
  required: boolean;
  /** Takes the rest of the line (spaces included); only the last argument may. */
  rest?: boolean;
}

export type CommandName =
  | "ask"
  | "topics"
  | "timeline"
  | "sources"
  | "digest"
  | "subscribe"
  | "unsubscribe"
  | "status"
  | "help";

export interface CommandSpec {
  name: CommandName;
  /** One line for help and for Discord's description (≤ 100 characters). */
  summary: string;
  args: ArgSpec[];
  /** Full examples as typed after `/partnership`. */
  examples: string[];
  /** Changes subscriptions: only platform admins and `BRIEFING_ADMINS` may run it. */
  requiresAdmin: boolean;
  /**
   * Where Discord puts it: `main` under `/partnership`, `admin` under the admin command whose
   * default permission is Manage Server.
   */
  discordGroup: "main" | "admin";
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "ask",
    summary: "Key facts on a topic, person or question, each with the articles that report it",
    args: [
      {
        name: "query",
        kind: "topic",
        description: "A topic, name or question, e.g. stargate",
        required: true,
        rest: true,
      },
    ],
    examples: ["stargate", "how much has microsoft invested", "suleyman"],
    requiresAdmin: false,
    discordGroup: "main",
  },
  {
    name: "topics",
    summary: "All topics the briefing covers, one line each",
    args: [],
    examples: ["topics"],
    requiresAdmin: false,
    discordGroup: "main",
  },
  {
    name: "timeline",
    summary: "Dated events in order, for everything or for one topic",
    args: [
      {
        name: "topic",
        kind: "topic",
        description: "Limit to one topic, e.g. stargate",
        required: false,
        rest: true,
      },
    ],
    examples: ["timeline", "timeline stargate"],
    requiresAdmin: false,
    discordGroup: "main",
  },
  {
    name: "sources",
    summary: "The source articles, or which articles back a topic or a fact",
    args: [
      {
        name: "target",
        kind: "source-or-topic",
        description: "A topic, a source id or a fact id",
        required: false,
        rest: true,
      },
    ],
    examples: ["sources", "sources board seat", "sources drift-apart"],
    requiresAdmin: false,
    discordGroup: "main",
  },
  {
    name: "digest",
    summary: "Preview this channel's next weekly briefing (only you see it)",
    args: [],
    examples: ["digest"],
    requiresAdmin: false,
    discordGroup: "main",
  },
  {
    name: "subscribe",
    summary: "Post the weekly briefing in this channel (admins; default Monday 09:00 UTC)",
    args: [
      { name: "day", kind: "day", description: "Weekday, e.g. mon", required: false },
      { name: "time", kind: "time", description: "Local time, 24-hour HH:MM", required: false },
      {
        name: "timezone",
        kind: "timezone",
        description: "IANA timezone, e.g. Europe/London",
        required: false,
      },
    ],
    examples: ["subscribe", "subscribe mon 09:00 UTC", "subscribe fri 16:30 America/New_York"],
    requiresAdmin: true,
    discordGroup: "admin",
  },
  {
    name: "unsubscribe",
    summary: "Stop the weekly briefing in this channel (admins)",
    args: [],
    examples: ["unsubscribe"],
    requiresAdmin: true,
    discordGroup: "admin",
  },
  {
    name: "status",
    summary: "This channel's briefing schedule, next run and last delivery",
    args: [],
    examples: ["status"],
    requiresAdmin: false,
    discordGroup: "admin",
  },
  {
    name: "help",
    summary: "How to use the briefing, with an example for each command",
    args: [
      { name: "command", kind: "text", description: "One command to explain", required: false },
    ],
    examples: ["help", "help subscribe"],
    requiresAdmin: false,
    discordGroup: "main",
  },
];

const BY_NAME = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));

export function commandSpec(name: CommandName): CommandSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`unknown command in registry: ${name}`);
  return spec;
}

/** Looks a command word up, case-insensitively; `undefined` when it names no command. */
export function findCommand(word: string): CommandSpec | undefined {
  return BY_NAME.get(word.toLowerCase());
}

const COMMAND_NAMES = SearchableMap.from<CommandSpec>(COMMANDS.map((c) => [c.name, c]));

/**
 * The command a mistyped word most likely meant ("timline", "topic", "subscibe"): one edit away
 * for words of up to six letters, two for longer ones; undefined when none is that close.
 */
export function closestCommand(word: string): CommandSpec | undefined {
  const w = word.toLowerCase();
  if (w.length < 4 || findCommand(w)) return undefined;
  let best: { spec: CommandSpec; distance: number } | undefined;
  for (const [, [spec, distance]] of COMMAND_NAMES.fuzzyGet(w, w.length > 6 ? 2 : 1)) {
    if (!best || distance < best.distance) best = { spec, distance };
  }
  return best?.spec;
}

/** `timeline [topic]`, `subscribe [day] [time] [timezone]`: the usage line of a command. */
export function usageOf(spec: CommandSpec): string {
  const args = spec.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`));
  const head = spec.name === "ask" ? "" : spec.name;
  return [head, ...args].filter(Boolean).join(" ");
}
