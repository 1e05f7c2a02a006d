import { deepFreeze } from "../reply/freeze.ts";
import { command, placeholder, reply } from "../reply/present.ts";
import type { CommandRef, ReplyLine } from "../reply/reply.ts";
import { normalize, quoteSafely, STOPWORDS } from "../search/normalize.ts";
import type {
  CommandLookup,
  CommandSpec,
  KnowledgeCommand,
  KnowledgeContext,
} from "./definition.ts";

const info = (text: string, more: Partial<ReplyLine> = {}): ReplyLine => ({
  text,
  sources: [],
  role: "info",
  ...more,
});

/** `timeline [topic]`, `subscribe [day] [time] [timezone]`: a command with its arguments to fill in. */
export function usageRef(spec: CommandSpec): CommandRef {
  if (spec.args.length === 0) return command(spec.name);
  return command(
    spec.name,
    Object.fromEntries(spec.args.map((a) => [a.name, placeholder(a.name, !a.required)])),
  );
}

/**
 * An example as typed (`timeline stargate`, `subscribe fri 16:30 America/New_York`) as a command:
 * its words go to the arguments in order, and an argument that takes the rest of the line takes it.
 */
export function exampleRef(spec: CommandSpec, example: string): CommandRef {
  const words = example.trim().split(/\s+/).filter(Boolean);
  if (spec.name !== "ask" && words[0]?.toLowerCase() === spec.name) words.shift();
  const args: Record<string, string> = {};
  for (const arg of spec.args) {
    if (words.length === 0) break;
    args[arg.name] = arg.rest ? words.splice(0).join(" ") : (words.shift() ?? "");
  }
  return Object.keys(args).length > 0 ? command(spec.name, args) : command(spec.name);
}

/** Each command's help line, built once and frozen: every help reply shares it. */
const commandLines = new WeakMap<CommandSpec, ReplyLine>();

function commandLine(spec: CommandSpec): ReplyLine {
  let line = commandLines.get(spec);
  if (!line) {
    const example = spec.examples[0];
    line = deepFreeze(
      info(`${spec.summary}.`, {
        command: usageRef(spec),
        ...(example ? { example: exampleRef(spec, example) } : {}),
      }),
    );
    commandLines.set(spec, line);
  }
  return line;
}

/**
 * The command a word names: its name, or what the help list shows for it. The list shows `ask`
 * by its argument alone (`<query>`), so `help <query>` and `help query` find it as well.
 */
function namedCommand(commands: CommandLookup, word: string): CommandSpec | undefined {
  const bare = word.replace(/^[<[]+|[>\]]+$/g, "");
  return (
    commands.find(bare) ??
    commands.all.find((c) => c.name === "ask" && c.args.some((a) => a.name === bare.toLowerCase()))
  );
}

/** Words that ask for something, as opposed to "please" or "me". */
const asksSomething = (text: string) =>
  normalize(text)
    .split(" ")
    .some((w) => w && !STOPWORDS.has(w));

/** `help` and `help <command>`, generated from the registry. */
function help({ rest, commands }: KnowledgeContext) {
  const wanted = rest.trim().replace(/^\/?partnership\s+/i, "");
  // "help please" asks for the whole help.
  if (asksSomething(wanted)) {
    const [word = "", ...more] = wanted.split(/\s+/);
    const spec = namedCommand(commands, word);
    if (!spec) {
      const named = quoteSafely(word, 40);
      return reply({
        kind: "usage",
        title: "No such command",
        intro: `${named ? `There is no command called “${named}”.` : "There is no command by that name."} These are the commands:`,
        sections: [{ lines: commands.all.map((c) => info("", { command: usageRef(c) })) }],
        footer: ["Details of one command: ", command("help", { command: placeholder("command") })],
      });
    }
    // Help explains one command: words after its name are left out, and the reply says so.
    const extra = more.join(" ");
    const ignored = asksSomething(extra)
      ? { intro: `Help explains one command at a time; “${quoteSafely(extra, 40)}” was ignored.` }
      : {};
    const lines = [
      info(`${spec.summary}.`, { command: usageRef(spec) }),
      ...spec.args.map((a) =>
        info(`${a.name}${a.required ? "" : " (optional)"}: ${a.description}`),
      ),
      ...spec.examples.map((e) => info("", { example: exampleRef(spec, e) })),
    ];
    if (spec.access === "admin")
      lines.push(info("Only workspace/server admins and BRIEFING_ADMINS may run it."));
    return reply({ kind: "list", title: `Help: ${spec.name}`, ...ignored, sections: [{ lines }] });
  }
  return reply({
    kind: "list",
    title: "Partnership briefing: commands",
    intro:
      "Key facts on the Microsoft–OpenAI partnership, each with the articles that report it. " +
      "Ask about a topic, a person or a plain question.",
    sections: [{ lines: commands.all.map(commandLine) }],
    footer: ["Details of one command: ", command("help", { command: placeholder("command") })],
  });
}

export const helpCommand: KnowledgeCommand = {
  name: "help",
  summary: "How to use the briefing, with an example for each command",
  args: [
    { name: "command", kind: "command", description: "One command to explain", required: false },
  ],
  examples: ["help", "help subscribe"],
  access: "everyone",
  readOnly: true,
  answersFrom: "knowledge",
  handle: help,
};

/** What an empty `/partnership` gets: a nudge, not an error. */
export function emptyReply() {
  return reply({
    kind: "usage",
    title: "What would you like to know?",
    intro: "Ask about a topic, a person or a question about the Microsoft–OpenAI partnership.",
    sections: [
      {
        lines: [
          info("", { command: command("ask", { query: "stargate" }) }),
          info("", { command: command("ask", { query: "how much has microsoft invested" }) }),
          info("", { command: command("topics") }),
          info("", { command: command("help") }),
        ],
      },
    ],
  });
}

export function tooLongReply(length: number) {
  return reply({
    kind: "usage",
    title: "That is too long to search",
    intro: `Your message has ${length.toLocaleString("en")} characters. Ask in a few words.`,
    sections: [],
    footer: [
      "For example: ",
      command("ask", { query: "board seat" }),
      ". What the briefing covers: ",
      command("topics"),
    ],
  });
}
