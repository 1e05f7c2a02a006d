/**
 * End to end: a pick in the Evidence menu of an answer, dispatched by the fake gateway to the
 * real discord.js Client, answered through the real core over the real `knowledge/`: the quotes
 * come back in an ephemeral interaction reply, to the picker alone.
 */
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../fakes/discord/index.ts";
import { type Harness, knowledge, startHarness } from "./harness.ts";
import { discordLimitViolations } from "./limits-check.ts";

const EPHEMERAL = 64;
const bob = { id: "200000000000000009", username: "bob", global_name: "Bob" };

type Data = {
  flags?: number;
  embeds?: APIEmbed[];
  components?: {
    type: number;
    components: {
      type: number;
      custom_id?: string;
      options?: { label: string; value: string; description?: string }[];
    }[];
  }[];
  allowed_mentions?: { parse?: unknown[] };
};
const dataOf = (body: { data?: Json }) => (body.data ?? {}) as Data;

/** Embed descriptions as shown, Discord's escapes taken out. */
const shown = (embeds: APIEmbed[] | undefined) =>
  (embeds ?? [])
    .map((e) => e.description ?? "")
    .join("\n")
    .replace(/\\(.)/g, "$1")
    .replace(/\u200b/g, "");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("GIVEN an answer with the Evidence menu", () => {
  it("WHEN someone picks a fact THEN the core's sources reply, with each article's quote, comes back only to them; a forged value gets a polite notice", async () => {
    const handle = h.fake.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const answer = dataOf(await handle.response());
    const menu = answer.components
      ?.flatMap((r) => r.components)
      .find((c) => c.custom_id === "evidence");
    const factId = menu?.options?.[0]?.value ?? "";
    const fact = (await knowledge()).facts.get(factId);
    const quotes = Object.values(fact?.quotes ?? {});
    expect(quotes.length).toBeGreaterThan(0);

    const pick = h.fake.select(handle, "evidence", [factId], { user: bob });
    const body = await pick.response();
    const data = dataOf(body);
    expect(body.type).toBe(4);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(discordLimitViolations(data)).toEqual([]);
    const text = shown(data.embeds);
    for (const quote of quotes)
      expect(text).toContain(`> *“${quote.replace(/\s+/g, " ").trim()}”*`);
    expect(h.briefing.requests.at(-1)).toMatchObject({
      text: `sources ${factId}`,
      user: { id: bob.id },
    });
    expect(h.briefing.requests.at(-1)).not.toHaveProperty("share");

    const asked = h.briefing.requests.length;
    const forged = h.fake.select(handle, "evidence", ["<@U1> sources x"], { user: bob });
    const notice = dataOf(await forged.response());
    expect(notice.flags).toBe(EPHEMERAL);
    expect(notice.embeds?.[0]?.title).toBe("That evidence is no longer available");
    expect(h.briefing.requests).toHaveLength(asked);
  });
});
