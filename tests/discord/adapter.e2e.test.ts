/**
 * End to end: the real discord.js Client, logged in over the gateway to the fake Discord, answers
 * interactions through the real core over the real fact base. Assertions are on the wire: the
 * interaction callback bodies, webhook edits and what reached the core. Fact wording is not
 * asserted (the fact base changes); structure is.
 */

import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notAllowedReply } from "../../src/core/briefing.ts";
import { factsOf, type Reply } from "../../src/reply/reply.ts";
import {
  type InteractionHandle,
  type Json,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
} from "../fakes/discord/index.ts";
import { replay } from "../helpers/recording.ts";
import { type Harness, startHarness, TOKEN } from "./harness.ts";
import { discordLimitViolations } from "./limits-check.ts";

const EPHEMERAL = 64;
const alice = { id: "200000000000000002", username: "alice", global_name: "Alice" };
const bob = { id: "200000000000000009", username: "bob", global_name: "Bob" };
/** Listed in BRIEFING_ADMINS, without Manage Server. */
const carol = { id: "200000000000000011", username: "carol", global_name: "Carol" };

type Data = {
  content?: string;
  flags?: number;
  embeds?: APIEmbed[];
  components?: {
    type: number;
    components: { type: number; custom_id?: string; label?: string }[];
  }[];
  allowed_mentions?: { parse?: unknown[] };
  choices?: { name: string; value: string }[];
};

const dataOf = (body: { data?: Json }) => (body.data ?? {}) as Data;

/** Embed text as shown, with Discord's escapes taken out. */
function shown(embeds: APIEmbed[] | undefined): string {
  return (embeds ?? [])
    .flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? "",
    ])
    .join("\n")
    .replace(/\\(.)/g, "$1")
    .replace(/\u200b/g, "");
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ admins: new Set([carol.id]) });
});

afterAll(async () => {
  await h?.close();
  // Nothing logged the token or any part of it, at any level, in the whole file.
  const all = h.logs.join("\n");
  expect(h.logs.length).toBeGreaterThan(0);
  for (const part of [TOKEN, ...TOKEN.split(".")]) expect(all).not.toContain(part);
  // And no message sent in the whole file could ping anyone.
  for (const payload of h.fake.messagePayloads())
    expect(payload.allowed_mentions).toEqual({ parse: [] });
});

/** What the core answers to the last request with this text the adapter passed on (asked again; read-only commands only). */
async function coreReplyFor(text: string): Promise<Reply> {
  const request = h.briefing.requests.findLast((r) => r.text === text);
  if (!request) throw new Error(`no request with text ${JSON.stringify(text)} reached the core`);
  return h.briefing.handle(replay(request));
}

async function ask(
  query: string,
  options = {},
): Promise<{ handle: InteractionHandle; data: Data }> {
  const handle = h.fake.slash(
    { command: "partnership", subcommand: "ask", options: { query } },
    options,
  );
  const body = await handle.response();
  expect(body.type).toBe(4);
  return { handle, data: dataOf(body) };
}

describe("Discord adapter, end to end over the gateway", () => {
  it("GIVEN /partnership ask query:stargate THEN it answers ephemerally with embeds carrying the Stargate facts, each naming its sources", async () => {
    const { data } = await ask("stargate");
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(discordLimitViolations(data)).toEqual([]);

    // The same text Slack's `/partnership stargate` sends reaches the core (`ask` is explicit).
    const request = h.briefing.requests.at(-1);
    expect(request).toMatchObject({
      platform: { name: "discord" },
      text: "ask stargate",
      user: { id: alice.id, askedAdmin: false, name: "Alice" },
      conversation: { id: h.fake.channelId, workspaceId: h.fake.guildId, isDirect: false },
    });

    const reply = await coreReplyFor("ask stargate");
    expect(reply.kind).toBe("answer");
    const facts = factsOf(reply);
    expect(facts.length).toBeGreaterThan(0);
    const text = shown(data.embeds);
    expect(data.embeds?.[0]?.title).toMatch(/stargate/i);
    for (const fact of facts) {
      // A fact line ("• …") or a counterpoint attached under one ("↔ Other side: …").
      const line = text.split("\n").find((l) => /^(• |\s*↔ )/.test(l) && l.includes(fact.text));
      expect(line, `fact ${fact.id} is shown`).toBeDefined();
      const labels = reply.sections
        .flatMap((s) => s.lines)
        .find((l) => l.factId === fact.id)
        ?.sources.map((s) => s.label);
      // Each fact line names every source that backs it.
      for (const label of labels ?? []) expect(line).toContain(label);
    }
    // The cited articles are listed.
    const sourcesField = data.embeds?.at(-1)?.fields?.find((f) => f.name === "Sources");
    expect(sourcesField?.value).toBeTruthy();
    for (const source of reply.citations)
      expect(shown([{ description: sourcesField?.value ?? "" }])).toContain(source.label);
    // A counterpoint, where the answer has one, is shown attached.
    if (reply.sections.some((s) => s.lines.some((l) => l.role === "counterpoint")))
      expect(text).toContain("↔");
    // The Share button carries the command.
    expect(data.components?.[0]?.components[0]).toMatchObject({
      type: 2,
      custom_id: "share:ask stargate",
    });
  });

  it("GIVEN a click on Share THEN the answer is posted visibly in the channel, crediting who shared it, without a ping", async () => {
    const { handle } = await ask("stargate");
    const click = h.fake.click(handle, "share:ask stargate", { user: bob });
    const body = await click.response();
    const data = dataOf(body);
    expect(body.type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    expect(data.content).toBe(`Shared by <@${bob.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // No Share button on what is already shared; the Evidence menu stays, for anyone to pick.
    expect((data.components ?? []).map((r) => r.components.map((c) => c.custom_id))).toEqual([
      ["evidence"],
    ]);
    expect(shown(data.embeds)).toMatch(/stargate/i);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "ask stargate",
      user: { id: bob.id },
    });
  });

  it("GIVEN a Share click carrying a command that changes something THEN the core refuses it and only the clicker sees that", async () => {
    const { handle } = await ask("stargate");
    const click = h.fake.click(handle, "share:unsubscribe", { user: bob });
    const data = dataOf(await click.response());
    expect(data.flags).toBe(64);
    expect(data.embeds?.[0]?.title).toBe("This answer cannot be shared");
    expect(data.content ?? "").not.toContain("Shared by");
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "unsubscribe",
      share: true,
      user: { id: bob.id, askedAdmin: false },
    });
  });

  it("GIVEN a question too long for the Share button's id THEN Share re-posts the embeds it sits under", async () => {
    const query = `stargate ${"and what it means for the partnership ".repeat(3)}`.trim();
    const { handle, data } = await ask(query);
    expect(data.components?.[0]?.components[0]?.custom_id).toBe("share:");
    const click = h.fake.click(handle, "share:", { user: bob });
    const shared = dataOf(await click.response());
    expect(shared.flags ?? 0).toBe(0);
    expect(shared.content).toBe(`Shared by <@${bob.id}>`);
    expect(shared.allowed_mentions).toEqual({ parse: [] });
    expect(shared.embeds).toEqual(data.embeds);
  });

  it("GIVEN autocomplete on ask's query THEN it responds (type 8) with topic choices from the core", async () => {
    const handle = h.fake.autocomplete({
      command: "partnership",
      subcommand: "ask",
      options: { query: "starg" },
      focused: "query",
    });
    const body = await handle.response();
    expect(body.type).toBe(8);
    const choices = dataOf(body).choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain("stargate");
  });

  it("GIVEN autocomplete on sources' target THEN choices include sources as well as topics", async () => {
    const handle = h.fake.autocomplete({
      command: "partnership",
      subcommand: "sources",
      options: { target: "" },
      focused: "target",
    });
    const choices = dataOf(await handle.response()).choices ?? [];
    // A topic and an article of the shipped fact base, named so the user can tell them apart.
    expect(choices).toContainEqual({ name: "Stargate", value: "stargate" });
    expect(choices).toContainEqual({ name: "Source: Drift Apart", value: "drift-apart" });
    // The adapter passes on the core's choices as they are, in its order.
    const expected = h.briefing.complete("source-or-topic", "", 25).map((c) => c.value);
    expect(choices.map((c) => c.value)).toEqual(expected);
  });

  it("translates each native subcommand into the core's grammar: timeline, sources, topics, help", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["timeline", { topic: "stargate" }, "timeline stargate"],
      ["timeline", {}, "timeline"],
      ["sources", { target: "stargate" }, "sources stargate"],
      ["topics", {}, "topics"],
      ["help", { command: "subscribe" }, "help subscribe"],
    ];
    for (const [subcommand, options, text] of cases) {
      const handle = h.fake.slash({ command: "partnership", subcommand, options });
      const data = dataOf(await handle.response());
      expect(h.briefing.requests.at(-1)?.text).toBe(text);
      const reply = await coreReplyFor(text);
      // The core's title, its `/partnership …` hints written as Discord commands.
      expect(data.embeds?.[0]?.title).toBe(reply.title);
      expect(data.flags).toBe(EPHEMERAL);
      expect(discordLimitViolations(data)).toEqual([]);
    }
  });

  it("GIVEN mention syntax in the input THEN nothing can ping: allowed_mentions.parse is empty and the text is neutralised", async () => {
    for (const query of ["@everyone stargate", "<@123> stargate", "@here <@&456> stargate"]) {
      const { data } = await ask(query);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      const raw = JSON.stringify(data.embeds);
      expect(raw).not.toContain("@everyone");
      expect(raw).not.toContain("@here");
      expect(raw).not.toMatch(/(^|[^\\])<@/);
      expect(data.content ?? "").not.toMatch(/@everyone|@here/);
    }
  });

  it("GIVEN /partnership digest THEN the preview comes back privately, within limits, without a Share button", async () => {
    const data = dataOf(
      await h.fake.slash({ command: "partnership", subcommand: "digest" }).response(),
    );
    expect(h.briefing.requests.at(-1)?.text).toBe("digest");
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds?.length).toBeGreaterThan(0);
    expect(data.components ?? []).toEqual([]);
    expect(discordLimitViolations(data)).toEqual([]);
  });

  it("answers in a direct message with the bot, as a direct conversation", async () => {
    await ask("stargate", { guildId: null, user: alice });
    expect(h.briefing.requests.at(-1)?.conversation).toEqual({
      id: `dm-${alice.id}`,
      isDirect: true,
    });
  });
});

describe("admin commands", () => {
  it("GIVEN a member with Manage Server THEN subscribe reaches the core as the same grammar and is confirmed", async () => {
    const handle = h.fake.slash(
      {
        command: "partnership-admin",
        subcommand: "subscribe",
        options: { day: "mon", time: "09:00", timezone: "UTC" },
      },
      { user: bob, permissions: MANAGER_PERMISSIONS },
    );
    const data = dataOf(await handle.response());
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "subscribe mon 09:00 UTC",
      user: { id: bob.id, isPlatformAdmin: true },
    });
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // (Not asked again: subscribe changes state.)
    expect(data.embeds?.[0]?.title).toMatch(/Mondays at 09:00/);
  });

  it("GIVEN a member without Manage Server THEN unsubscribe is refused with the core's own reply, and nothing changes", async () => {
    // A channel of this test's own, subscribed by a manager first.
    const channelId = "600000000000000007";
    const subscribed = dataOf(
      await h.fake
        .slash(
          {
            command: "partnership-admin",
            subcommand: "subscribe",
            options: { day: "wed", time: "10:30", timezone: "UTC" },
          },
          { user: bob, permissions: MANAGER_PERMISSIONS, channelId },
        )
        .response(),
    );
    expect(subscribed.embeds?.[0]?.title).toMatch(/Wednesdays at 10:30/);

    const handle = h.fake.slash(
      { command: "partnership-admin", subcommand: "unsubscribe" },
      { user: alice, permissions: MEMBER_PERMISSIONS, channelId },
    );
    const data = dataOf(await handle.response());
    expect(data.flags).toBe(EPHEMERAL);
    // One wording on every platform: the core's refusal, not one of the adapter's own.
    const refusal = notAllowedReply("unsubscribe");
    expect(data.embeds?.[0]?.title).toBe(refusal.title);
    expect(shown(data.embeds)).toContain(refusal.intro);
    expect(shown(data.embeds)).toContain("/partnership-admin status");
    expect(data.components ?? []).toEqual([]);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "unsubscribe",
      user: { id: alice.id, isPlatformAdmin: false },
    });

    // The subscription is still there.
    const status = h.fake.slash(
      { command: "partnership-admin", subcommand: "status" },
      { user: alice, channelId },
    );
    const statusData = dataOf(await status.response());
    const reply = await coreReplyFor("status");
    expect(statusData.embeds?.[0]?.title).toBe(reply.title);
    expect(reply.title).toMatch(/Wednesdays at 10:30/);
  });

  it("reads the permissions from each interaction: the same user is refused once Manage Server is gone", async () => {
    const run = (permissions: string) =>
      h.fake
        .slash(
          { command: "partnership-admin", subcommand: "subscribe", options: { day: "fri" } },
          { user: bob, permissions },
        )
        .response();
    await run(MANAGER_PERMISSIONS);
    expect(h.briefing.requests.at(-1)?.text).toBe("subscribe fri");
    const refused = dataOf(await run(MEMBER_PERMISSIONS));
    expect(refused.embeds?.[0]?.title).toBe(notAllowedReply("subscribe").title);
    expect(h.briefing.requests.at(-1)?.user).toMatchObject({
      id: bob.id,
      isPlatformAdmin: false,
    });
  });

  it("GIVEN a member listed in BRIEFING_ADMINS, without Manage Server, THEN the core lets them subscribe", async () => {
    const data = dataOf(
      await h.fake
        .slash(
          {
            command: "partnership-admin",
            subcommand: "subscribe",
            options: { day: "tue", time: "08:00" },
          },
          { user: carol, permissions: MEMBER_PERMISSIONS, channelId: "600000000000000006" },
        )
        .response(),
    );
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: "subscribe tue 08:00",
      // BRIEFING_ADMINS settles it: Discord is not even asked.
      user: { id: carol.id, askedAdmin: false },
    });
    expect(data.embeds?.[0]?.title).toMatch(/Tuesdays at 08:00/);
  });

  it("ignores an admin subcommand sent under the main command (it is not registered there)", async () => {
    const before = h.briefing.requests.length;
    const data = dataOf(
      await h.fake
        .slash(
          { command: "partnership", subcommand: "subscribe" },
          { user: bob, permissions: MANAGER_PERMISSIONS },
        )
        .response(),
    );
    expect(data.embeds?.[0]?.title).toBe("Unknown command");
    expect(h.briefing.requests.length).toBe(before);
  });
});

describe("client wiring", () => {
  it("creates the Client with mentions off and listens to its error event", () => {
    const client = h.adapter.client;
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    expect(client.listenerCount("error")).toBeGreaterThan(0);
    // The gateway session identified with only the Guilds intent.
    expect(h.fake.sessions.find((s) => s.ready)?.identify).toMatchObject({ intents: 1 });
  });

  it("sets allowed_mentions.parse to [] on each kind of message it sends: an answer, a share, a refused share, the core's refusal, an unknown command", async () => {
    const before = new Set(h.fake.messagePayloads());
    const { handle } = await ask("stargate");
    await h.fake.click(handle, "share:ask stargate", { user: bob }).response();
    await h.fake.click(handle, "share:unsubscribe", { user: bob }).response();
    await h.fake
      .slash(
        { command: "partnership-admin", subcommand: "unsubscribe" },
        { user: alice, permissions: MEMBER_PERMISSIONS },
      )
      .response();
    await h.fake.slash({ command: "partnership", subcommand: "subscribe" }).response();

    // Exactly the five messages this test caused, in order, none of them able to ping.
    const mine = h.fake
      .messagePayloads()
      .filter((p) => !before.has(p))
      .map((p) => dataOf({ data: p }));
    expect(mine.map((p) => [p.content ?? "", p.embeds?.[0]?.title])).toEqual([
      ["", expect.stringMatching(/stargate/i)],
      [`Shared by <@${bob.id}>`, expect.stringMatching(/stargate/i)],
      ["", "This answer cannot be shared"],
      ["", notAllowedReply("unsubscribe").title],
      ["", "Unknown command"],
    ]);
    for (const payload of mine) expect(payload.allowed_mentions).toEqual({ parse: [] });
  });
});
