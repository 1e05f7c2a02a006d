/**
 * Reading an interaction's JSON (adapters/discord/payload.ts), the one reader the gateway and
 * HTTP paths share: the subcommand and its options, the focused option, components, and who may
 * manage the server, as discord.js read them before.
 */
import { describe, expect, it } from "vitest";
import { readInteraction } from "../../adapters/discord/payload.ts";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type InteractionContext,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  PERMISSION_BITS,
  selectInteraction,
} from "../fakes/discord/payloads.ts";

const user = { id: "42", username: "alice", global_name: "Alice" };
const inGuild: InteractionContext = { applicationId: "1", user, guildId: "7", channelId: "9" };
const inDm: InteractionContext = { applicationId: "1", user, channelId: "dm-42" };
// As it arrives on the wire: the fakes' JSON, parsed.
const read = (payload: Record<string, unknown>) =>
  readInteraction(JSON.parse(JSON.stringify(payload)));

describe("reading an interaction", () => {
  it("a slash command: its name, subcommand and string options, who and where", () => {
    const i = read(
      chatInputInteraction(inGuild, {
        command: "partnership",
        subcommand: "timeline",
        options: { topic: "stargate" },
      }),
    );
    expect(i).toMatchObject({
      kind: "command",
      commandName: "partnership",
      subcommand: "timeline",
      user: { id: "42", name: "Alice" },
      guildId: "7",
      channelId: "9",
    });
    expect(i.option("topic")).toBe("stargate");
    expect(i.option("missing")).toBeNull();
  });

  it("autocomplete: the focused option and what was typed", () => {
    const i = read(
      autocompleteInteraction(inGuild, {
        command: "partnership",
        subcommand: "ask",
        options: { query: "starg" },
        focused: "query",
      }),
    );
    expect(i.kind).toBe("autocomplete");
    expect(i.focused).toEqual({ name: "query", value: "starg" });
  });

  it("a button and a select menu: the custom id, the picked values, the message's embeds", () => {
    const message = { embeds: [{ title: "Stargate" }] };
    const button = read(buttonInteraction(inGuild, "share:ask stargate", message));
    expect(button).toMatchObject({ kind: "button", customId: "share:ask stargate" });
    expect(button.messageEmbeds).toEqual([{ title: "Stargate" }]);
    const select = read(selectInteraction(inGuild, "evidence", ["f1"], message));
    expect(select).toMatchObject({ kind: "select", customId: "evidence", values: ["f1"] });
  });

  it("Manage Server, or Administrator, makes a platform admin; an ordinary member or a DM does not", () => {
    const as = (permissions: string) =>
      read(
        chatInputInteraction(
          { ...inGuild, permissions },
          { command: "partnership-admin", subcommand: "status" },
        ),
      );
    expect(as(MANAGER_PERMISSIONS).canManageGuild()).toBe(true);
    expect(as(PERMISSION_BITS.administrator.toString()).canManageGuild()).toBe(true);
    expect(as(MEMBER_PERMISSIONS).canManageGuild()).toBe(false);
    const dm = read(chatInputInteraction(inDm, { command: "partnership", subcommand: "topics" }));
    expect(dm.canManageGuild()).toBe(false);
    expect(dm.guildId).toBeUndefined();
    expect(dm.user).toEqual({ id: "42", name: "Alice" });
  });
});
