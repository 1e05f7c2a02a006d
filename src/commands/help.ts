import { reply } from "../reply/present.ts";
import type { Reply, ReplyLine } from "../reply/reply.ts";
import { COMMANDS, type CommandSpec, findCommand, usageOf } from "./registry.ts";

const info = (text: string): ReplyLine => ({ text, sources: [], role: "info" });
const typed = (s: string) => `/partnership ${s}`.trim();

function commandLine(spec: CommandSpec): ReplyLine {
  const example = spec.examples[0] ?? spec.name;
  return info(`${typed(usageOf(spec))}: ${spec.summary}. Example: ${typed(example)}`);
}

/** `help` and `help <command>`, generated from the registry. */
export function helpReply(arg: string): Reply {
  const wanted = arg.trim().replace(/^\/?partnership\s+/i, "");
  if (wanted) {
    const spec =
      findCommand(wanted.split(/\s+/)[0] ?? "") ??
      (wanted === "ask" ? findCommand("ask") : undefined);
    if (!spec) {
      return reply({
        kind: "usage",
        title: "No such command",
        intro: `There is no command by that name. These are the commands:`,
        sections: [{ lines: COMMANDS.map((c) => info(typed(usageOf(c)))) }],
        footer: "Try /partnership help",
      });
    }
    const lines = [
      info(spec.summary),
      ...spec.args.map((a) =>
        info(`${a.name}${a.required ? "" : " (optional)"}: ${a.description}`),
      ),
      ...spec.examples.map((e) => info(`Example: ${typed(e)}`)),
    ];
    if (spec.requiresAdmin)
      lines.push(info("Only workspace/server admins and BRIEFING_ADMINS may run it."));
    return reply({ kind: "list", title: typed(usageOf(spec)), sections: [{ lines }] });
  }
  return reply({
    kind: "list",
    title: "Partnership briefing: commands",
    intro:
      "Key facts on the Microsoft–OpenAI partnership, each with the articles that report it. " +
      "Ask about a topic, a person or a plain question.",
    sections: [{ lines: COMMANDS.map(commandLine) }],
    footer: "Details of one command: /partnership help <command>",
  });
}

/** What an empty `/partnership` gets: a nudge, not an error. */
export function emptyReply(): Reply {
  return reply({
    kind: "usage",
    title: "What would you like to know?",
    intro: "Ask about a topic, a person or a question about the Microsoft–OpenAI partnership.",
    sections: [
      {
        lines: [
          info("/partnership stargate"),
          info("/partnership how much has microsoft invested"),
          info("/partnership topics"),
          info("/partnership help"),
        ],
      },
    ],
  });
}

export function tooLongReply(length: number): Reply {
  return reply({
    kind: "usage",
    title: "That is too long to search",
    intro: `Your message has ${length.toLocaleString("en")} characters. Ask in a few words, for example: /partnership board seat`,
    sections: [],
    footer: "See /partnership topics for what the briefing covers.",
  });
}
