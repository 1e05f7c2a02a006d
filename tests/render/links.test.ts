/**
 * Links from chat: with `PUBLIC_URL`, Slack and Discord replies link each fact and the topic to
 * its page on the web briefing, and a digest to the full briefing; without it, no links at all.
 * Rendered from the real core's replies.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { parseConfig } from "../../src/config.ts";
import type { Briefing } from "../../src/core/briefing.ts";
import { composeDigest } from "../../src/digest/compose.ts";
import { pageLinks } from "../../src/render/links.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { discordLimitViolations } from "../discord/limits-check.ts";
import { request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
import { limitViolations, unsafeStrings } from "../slack/check-message.ts";

const BASE = "https://briefing.example.org";
const ask = async (core: Briefing, text: string): Promise<Reply> => core.handle(request(text));

describe("pageLinks and PUBLIC_URL", () => {
  it("builds the web briefing's addresses, ids encoded, with or without a trailing slash", () => {
    const links = pageLinks(`${BASE}/`);
    expect(links.home).toBe(`${BASE}/`);
    expect(links.topic("stargate")).toBe(`${BASE}/topics/stargate`);
    expect(links.fact("a b/c")).toBe(`${BASE}/facts/a%20b%2Fc`);
    expect(links.article("drift-apart")).toBe(`${BASE}/articles/drift-apart`);
  });

  it("parses PUBLIC_URL once, without its trailing slash, and refuses what is not a web address", () => {
    const set = parseConfig({ PUBLIC_URL: `${BASE}/` });
    expect(set.ok && set.config.publicUrl).toBe(BASE);
    const unset = parseConfig({});
    expect(unset.ok && unset.config.publicUrl).toBeUndefined();
    const bad = parseConfig({ PUBLIC_URL: "javascript:alert(1)" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.join("\n")).toContain("PUBLIC_URL");
  });

  it("refuses a PUBLIC_URL with a user name or password, without repeating it", () => {
    for (const url of [
      "https://user:hunter2@briefing.example.org",
      "https://hunter2@briefing.example.org",
    ]) {
      const result = parseConfig({ PUBLIC_URL: url });
      expect(result.ok).toBe(false);
      const message = !result.ok ? result.errors.join("\n") : "";
      expect(message).toMatch(/PUBLIC_URL must not contain a user name or password/);
      expect(message).not.toContain("hunter2");
    }
  });
});

describe("GIVEN the real core's answers", () => {
  let core: Briefing;
  let stargate: Reply;
  beforeAll(async () => {
    core = await shippedBriefing();
    stargate = await ask(core, "stargate");
  });

  it("a topic answer carries its topic id for the renderers", () => {
    expect(stargate.topicId).toBe("stargate");
  });

  it("WHEN PUBLIC_URL is set THEN Slack links each fact and the topic, within Block Kit's limits", () => {
    const message = renderSlack(stargate, { publicUrl: BASE });
    const json = JSON.stringify(message.blocks);
    const factIds = stargate.sections.flatMap((s) => s.lines.flatMap((l) => l.factId ?? []));
    expect(factIds.length).toBeGreaterThan(0);
    for (const id of factIds) expect(json).toContain(`<${BASE}/facts/${id}|Open in browser>`);
    expect(json).toContain(`<${BASE}/topics/stargate|Open this topic in your browser>`);
    expect(limitViolations(message)).toEqual([]);
    // The links are the only markup: everything else is escaped as before.
    const withoutLinks = JSON.parse(
      json.replace(/<https:\/\/briefing\.example\.org\/[^|<>]*\|[^<>]*>/g, ""),
    );
    expect(unsafeStrings(withoutLinks)).toEqual([]);
  });

  it("WHEN PUBLIC_URL is set THEN Discord links the title to the topic and each fact to its page", () => {
    const message = renderDiscord(stargate, { publicUrl: BASE });
    expect(message.embeds[0]?.url).toBe(`${BASE}/topics/stargate`);
    const description = message.embeds.map((e) => e.description ?? "").join("\n");
    const factIds = stargate.sections.flatMap((s) => s.lines.flatMap((l) => l.factId ?? []));
    for (const id of factIds) expect(description).toContain(`[Open](${BASE}/facts/${id})`);
    expect(discordLimitViolations(message)).toEqual([]);
  });

  it("WHEN PUBLIC_URL is not set THEN no reply carries a link", async () => {
    for (const text of ["stargate", "timeline stargate", "sources stargate", "topics"]) {
      const reply = await ask(core, text);
      expect(JSON.stringify(renderSlack(reply)), text).not.toContain("http");
      expect(JSON.stringify(renderDiscord(reply)), text).not.toContain("http");
    }
  });

  it("WHEN the weekly digest is rendered with PUBLIC_URL THEN it links to the full briefing", async () => {
    const kb = await shippedKnowledge();
    const digest = composeDigest({
      knowledge: kb,
      week: "2026-W03",
      asOf: new Date("2026-01-12T09:00:00Z"),
      context: {},
    }).reply;
    expect(JSON.stringify(renderSlack(digest, { publicUrl: BASE }).blocks)).toContain(
      `<${BASE}/|Read the full briefing in your browser>`,
    );
    expect(renderDiscord(digest, { publicUrl: BASE }).embeds[0]?.url).toBe(`${BASE}/`);
    expect(JSON.stringify(renderSlack(digest))).not.toContain("http");
    expect(JSON.stringify(renderDiscord(digest))).not.toContain("http");
  });
});
