/**
 * The one command registry: the list of command modules. The core's parser, the help reply and
 * Discord's slash-command definitions are all derived from it, so a command is added by writing
 * its module and listing it here.
 */
import SearchableMap from "minisearch/SearchableMap";
import { askCommand } from "./ask.ts";
import type { CommandDefinition, CommandLookup, CommandSpec } from "./definition.ts";
import { digestCommand } from "./digest.ts";
import { helpCommand } from "./help.ts";
import { sourcesCommand } from "./sources.ts";
import { statusCommand } from "./status.ts";
import { subscribeCommand } from "./subscribe.ts";
import { timelineCommand } from "./timeline.ts";
import { topicsCommand } from "./topics.ts";
import { unsubscribeCommand } from "./unsubscribe.ts";

/** In the order help lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  askCommand,
  topicsCommand,
  timelineCommand,
  sourcesCommand,
  digestCommand,
  subscribeCommand,
  unsubscribeCommand,
  statusCommand,
  helpCommand,
];

const BY_NAME = new Map<string, CommandDefinition>(COMMANDS.map((c) => [c.name, c]));

/** Looks a command word up, case-insensitively; `undefined` when it names no command. */
export function findCommand(word: string): CommandDefinition | undefined {
  return BY_NAME.get(word.toLowerCase());
}

const COMMAND_NAMES = SearchableMap.from<CommandDefinition>(COMMANDS.map((c) => [c.name, c]));

/**
 * The command a mistyped word most likely meant ("timline", "topic", "subscibe"): one edit away
 * for words of up to six letters, two for longer ones; undefined when none is that close.
 */
export function closestCommand(word: string): CommandDefinition | undefined {
  const w = word.toLowerCase();
  if (w.length < 4 || findCommand(w)) return undefined;
  let best: { spec: CommandDefinition; distance: number } | undefined;
  for (const [, [spec, distance]] of COMMAND_NAMES.fuzzyGet(w, w.length > 6 ? 2 : 1)) {
    if (!best || distance < best.distance) best = { spec, distance };
  }
  return best?.spec;
}

/** The registry as commands that talk about commands see it. */
export const COMMAND_LOOKUP: CommandLookup = {
  all: COMMANDS,
  find: findCommand,
  closest: closestCommand,
};

/** The data half of every command, for adapters (help text, platform command definitions). */
export const COMMAND_SPECS: readonly CommandSpec[] = COMMANDS;
