/**
 * Links from chat: with `PUBLIC_URL`, Slack and Discord replies link each fact and the topic to
 * its page on the web briefing, and a digest to the full briefing; without it, no links at all.
 * Rendered from the real core's replies. A source read at a known address links to it, written
 * safely for each platform.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { renderReply } from "../../adapters/web/render-reply.ts";
import { parseConfig } from "../../src/config.ts";
import { type Briefing, createBriefing } from "../../src/core/briefing.ts";
import { composeDigest } from "../../src/digest/compose.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { pageLinks } from "../../src/render/links.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { discordLimitViolations } from "../discord/limits-check.ts";
import { knowledgeCopy, request, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";
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

describe("GIVEN sources with the address they were read at", () => {
  const LINKED = "https://news.example.com/a/b?x=1&y=(2)";
  const PIPED = "https://news.example.com/c|d";
  let copy: Awaited<ReturnType<typeof knowledgeCopy>>;
  let core: Briefing;
  beforeAll(async () => {
    copy = await knowledgeCopy();
    await copy.edit("sources.yaml", (t) =>
      [
        t.trimEnd(),
        "  - id: linked",
        "    title: A Linked Article",
        "    label: Linked",
        `    url: "${LINKED}"`,
        "  - id: piped",
        "    title: A Piped Article",
        "    label: Piped",
        `    url: "${PIPED}"`,
        "",
      ].join("\n"),
    );
    await copy.write("articles/linked.txt", "A text kept only for this test.\n");
    await copy.write("articles/piped.txt", "Another text kept only for this test.\n");
    const loaded = await loadKnowledge(copy.dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const kb = loaded.knowledge;
    core = createBriefing({ knowledge: { current: () => kb } });
  });
  afterAll(() => copy.dispose());

  it("the list says links are given where known, and the plain text shows each address", async () => {
    const list = await ask(core, "sources");
    expect(list.intro).toContain("Each links to where it was read, where that is known.");
    expect(list.intro).not.toContain("No links are given");
    const text = renderPlainText(list);
    expect(text).toContain(`· ${LINKED}`);
    expect(text).toContain(`· ${PIPED}`);
    const one = renderPlainText(await ask(core, "sources linked"));
    expect(one).toContain(`Where it was read · ${LINKED}`);
  });

  it("the shipped sources, which have no address, keep saying so", async () => {
    const reply = await ask(await shippedBriefing(), "sources");
    expect(reply.intro).toContain("No links are given: none is known.");
    expect(reply.sections.flatMap((s) => s.lines).some((l) => l.link)).toBe(false);
  });

  it("Slack writes a link with the host as its text, escaped, and an address with | as text", async () => {
    for (const text of ["sources", "sources linked", "sources piped"]) {
      const message = renderSlack(await ask(core, text));
      const json = JSON.stringify(message.blocks);
      if (text !== "sources piped")
        expect(json, text).toContain(
          `<https://news.example.com/a/b?x=1&amp;y=(2)|news.example.com>`,
        );
      if (text !== "sources linked") expect(json, text).toContain("https://news.example.com/c|d");
      expect(json, text).not.toContain("<https://news.example.com/c|d");
      expect(limitViolations(message), text).toEqual([]);
      const withoutLinks = JSON.parse(
        json.replace(
          /<https:\/\/news\.example\.com\/a\/b\?x=1&amp;y=\(2\)\|news\.example\.com>/g,
          "",
        ),
      );
      expect(unsafeStrings(withoutLinks), text).toEqual([]);
    }
  });

  it("Discord writes a masked link with the parentheses encoded, within its limits", async () => {
    for (const text of ["sources", "sources linked"]) {
      const message = renderDiscord(await ask(core, text));
      const description = message.embeds.map((e) => e.description ?? "").join("\n");
      expect(description, text).toContain(
        "[news.example.com](https://news.example.com/a/b?x=1&y=%282%29)",
      );
      expect(discordLimitViolations(message), text).toEqual([]);
    }
  });

  it("the web page links out with the address escaped and tells the site nothing", async () => {
    const page = renderReply(await ask(core, "sources linked")).value;
    expect(page).toContain(
      `<a href="https://news.example.com/a/b?x=1&amp;y=(2)" rel="noopener noreferrer nofollow">news.example.com</a>`,
    );
  });
});
