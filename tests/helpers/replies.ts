/** Small builders for hand-made replies in renderer tests. */
import fc from "fast-check";
import { exampleRef } from "../../src/commands/help.ts";
import { COMMANDS, findCommand } from "../../src/commands/registry.ts";
import type { CommandRef, Reply, ReplyLine, SourceRef } from "../../src/reply/reply.ts";

export const src = (id: string, label = id): SourceRef => ({ id, title: `Title of ${id}`, label });

export const fact = (
  text: string,
  sources: SourceRef[],
  extra: Partial<ReplyLine> = {},
): ReplyLine => ({
  text,
  sources,
  role: "fact",
  ...extra,
});

export const reply = (parts: Partial<Reply>): Reply => ({
  shareable: true,
  visibility: "channel",
  kind: "answer",
  title: "Stargate",
  sections: [],
  citations: [],
  ...parts,
});

/** The smallest digest reply: what delivery and schedule tests post and record. */
export const digestReply = (): Reply => reply({ kind: "digest", title: "t", shareable: false });

/** A command as typed (`timeline stargate`, `stargate`) as the data the core hands over. */
export function cmd(typed: string): CommandRef {
  const [first = ""] = typed.trim().split(/\s+/);
  const spec = findCommand(first) ?? findCommand("ask");
  if (!spec) throw new Error("no ask command");
  return exampleRef(spec, typed);
}

/** Any command the registry knows, with values or placeholders, for property tests. */
export const commandArb = (value: fc.Arbitrary<string>): fc.Arbitrary<CommandRef> =>
  fc.record({
    command: fc.constantFrom(...COMMANDS.map((c) => c.name)),
    args: fc.dictionary(
      fc.constantFrom("query", "topic", "target", "day", "time", "timezone", "command"),
      fc.oneof(
        value,
        fc.record(
          { placeholder: value, optional: fc.boolean() },
          { requiredKeys: ["placeholder"] },
        ),
      ),
      { maxKeys: 3 },
    ),
  });
