/**
 * The web briefing's pages, through the real Hono app without a socket (`app.request`), over the
 * shipped fact base: what each page shows, that it escapes what it shows, the headers, and 404s.
 */
import { describe, expect, it } from "vitest";
import { createWebApp } from "../../adapters/web/app.ts";
import { parseWebConfig } from "../../adapters/web/config.ts";
import { escapeHtml, html, raw } from "../../adapters/web/html.ts";
import { timelineEvents, timelineSvg } from "../../adapters/web/timeline-svg.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { counterpartsOf } from "../../src/index.ts";
import { LiveKnowledge } from "../../src/knowledge/live.ts";
import { createLogger } from "../../src/log.ts";
import { knowledgeCopy, shippedBriefing, shippedKnowledge } from "../helpers/knowledge.ts";

const app = createWebApp({ briefing: await shippedBriefing() });
const kb = await shippedKnowledge();

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, body: await res.text() };
}

/** The text of an HTML fragment, tags removed and the five entities undone (for `toContain`). */
const text = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("escaping", () => {
  it("escapeHtml escapes the five characters that can start markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("html escapes interpolated text and lists, and keeps markup it built itself", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(
      html`<p>${"<script>"}${inner}${["<", raw("<br>")]}${false}${undefined}${3}</p>`.value,
    ).toBe("<p>&lt;script&gt;<b>&lt;i&gt;</b>&lt;<br>3</p>");
  });
});

describe("every page", () => {
  const pages = [
    "/",
    "/topics/stargate",
    "/facts/stargate-500-billion",
    "/articles/drift-apart",
    "/timeline",
    "/search?q=stargate",
    "/search",
    "/nowhere",
  ];

  it.each(pages)("%s sends a strict CSP, nosniff, a referrer policy and HTML", async (path) => {
    const { res, body } = await get(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/);
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // No script of any kind, and no inline style the CSP would block.
    expect(body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it("serves the stylesheet the pages link to", async () => {
    const { res, body } = await get("/style.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    expect(body).toContain(".sides");
  });

  it("is read-only: POST, PUT and DELETE get 405 with Allow, HEAD gets the headers only", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const { res, body } = await get("/", { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(text(body)).toContain(`${method} is not allowed`);
    }
    const head = await get("/topics/stargate", { method: "HEAD" });
    expect(head.res.status).toBe(200);
    expect(head.body).toBe("");
  });
});

describe("home", () => {
  it("shows the state of play and all 16 topics, one line each, linking to their pages", async () => {
    const { res, body } = await get("/");
    expect(res.status).toBe(200);
    expect(text(body)).toContain("State of play");
    const glance = [...kb.topics.values()][0];
    expect(text(body)).toContain(glance?.overview ?? "missing");
    const topics = body.match(/<ul class="plain topics">[\s\S]*?<\/ul>/)?.[0] ?? "";
    expect(topics.match(/<li>/g)).toHaveLength(16);
    for (const t of kb.topics.values()) expect(topics).toContain(`href="/topics/${t.id}"`);
  });
});

describe("topic pages", () => {
  it("show the $500 billion fact with links to its articles and its permalink", async () => {
    const { res, body } = await get("/topics/stargate");
    expect(res.status).toBe(200);
    const card =
      body.match(
        /<article class="fact current" id="stargate-500-billion">[\s\S]*?<\/article>/,
      )?.[0] ?? "";
    expect(text(card)).toContain("$500 billion");
    for (const s of kb.facts.get("stargate-500-billion")?.sources ?? [])
      expect(card).toContain(`href="/articles/${s}"`);
    expect(card).toContain('href="/facts/stargate-500-billion"');
  });

  it("put every side of a dispute in one group, each side once, with how they differ", async () => {
    const { body } = await get("/topics/stargate");
    const group = body.match(/<section class="sides">[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(text(group)).toContain("The articles disagree");
    for (const id of [
      "stargate-altman-unveiled",
      "stargate-trump-announced",
      "stargate-white-house-podium",
    ]) {
      expect(group).toContain(`id="${id}"`);
      expect(body.split(`id="${id}"`)).toHaveLength(2);
    }
    expect(text(group)).toContain("How they differ:");
  });

  it("mark a superseded fact as no longer so, beside the later state", async () => {
    const { body } = await get("/topics/ceo-relationship");
    const group =
      body.match(/<section class="sides superseded-pair">[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(group).toContain('<article class="fact superseded" id="ceos-texted-daily">');
    expect(text(group)).toContain("no longer so");
    expect(group).toContain('id="ceos-weekly-call"');
  });

  it("answer an unknown topic with a 404 page that says so, escaping the id", async () => {
    const { res, body } = await get("/topics/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(res.status).toBe(404);
    expect(body).toContain("There is no topic “&lt;script&gt;alert(1)&lt;/script&gt;”.");
  });
});

describe("fact pages", () => {
  it("show the text, when, each article linked, and the other side of a dispute", async () => {
    const { res, body } = await get("/facts/stargate-altman-unveiled");
    expect(res.status).toBe(200);
    const t = text(body);
    expect(t).toContain(kb.facts.get("stargate-altman-unveiled")?.text ?? "missing");
    expect(t).toContain("Jan 2025");
    expect(body).toContain('href="/articles/drift-apart"');
    expect(t).toContain("The other side");
    expect(body).toContain('href="/facts/stargate-trump-announced"');
  });

  it("quote each article's own words under it, as the article prints them, escaped", async () => {
    const fact = kb.facts.get("stargate-500-billion");
    const quotes = Object.entries(fact?.quotes ?? {});
    expect(quotes.length).toBe(fact?.sources.length);
    const { body } = await get("/facts/stargate-500-billion");
    for (const [, quote] of quotes) {
      expect(body).toContain(`<blockquote>${escapeHtml(quote)}</blockquote>`);
    }
  });

  it("say when the articles give no date, rather than inventing one", async () => {
    const { body } = await get("/facts/stargate-500-billion");
    expect(text(body)).toContain("The articles give no date");
  });

  it("answer an unknown fact with a 404 page", async () => {
    const { res, body } = await get("/facts/no-such-fact");
    expect(res.status).toBe(404);
    expect(text(body)).toContain("There is no fact “no-such-fact”.");
  });
});

describe("article pages", () => {
  it("show the title, author and date where known, and the facts it supports by topic", async () => {
    const { res, body } = await get("/articles/partners-or-rivals");
    expect(res.status).toBe(200);
    const t = text(body);
    expect(t).toContain("Microsoft and OpenAI: Still Partners or Quiet Rivals");
    expect(t).toContain("Alison Perry");
    expect(t).toContain("14 Jan 2026");
    const supported = kb.factsBySource.get("partners-or-rivals") ?? [];
    expect(t).toContain(`What it supports (${supported.length} facts)`);
    for (const f of supported) expect(body).toContain(`href="/facts/${f.id}"`);
  });

  it("say an article prints no date, then what its text tells of when it was written", async () => {
    const t = text((await get("/articles/drift-apart")).body);
    const dating = kb.sources.get("drift-apart")?.dating ?? "";
    expect(dating).not.toBe("");
    expect(t).toContain("No date printed");
    expect(t.indexOf(dating)).toBeGreaterThan(t.indexOf("No date printed"));
  });

  it("answer an unknown article with a 404 page", async () => {
    const { res, body } = await get("/articles/nope");
    expect(res.status).toBe(404);
    expect(text(body)).toContain("There is no article “nope”.");
  });
});

describe("the timeline", () => {
  it("draws an SVG mark per dated event linking to its fact, with a text list of the same", async () => {
    const { body } = await get("/timeline");
    const dated = [...kb.facts.values()].filter((f) => f.whenParsed.precision !== "unknown");
    const wide = body.match(/<svg class="tl-wide"[\s\S]*?<\/svg>/)?.[0] ?? "";
    expect(wide.match(/<g class="tl-event/g)).toHaveLength(dated.length);
    for (const f of dated) expect(wide).toContain(`href="/facts/${f.id}"`);
    expect(body.match(/<li id="event-\d+">/g)).toHaveLength(dated.length);
    expect(wide).toContain('<g class="tl-event disputed">');
  });

  it("shows each event's other side beside it, dated or not, with how they differ, as the chat timeline does", async () => {
    const { body } = await get("/timeline");
    const items = body.split('<li id="event-').slice(1);
    let withSides = 0;
    for (const event of timelineEvents(kb.facts.values())) {
      const item = items[event.n - 1] ?? "";
      const others = counterpartsOf(kb, event.fact);
      if (others.length > 0) withSides++;
      for (const o of others) {
        expect(item, event.fact.id).toContain(`href="/facts/${o.fact.id}"`);
        expect(text(item), event.fact.id).toContain(o.fact.text);
        if (o.note) expect(text(item), event.fact.id).toContain(`How they differ: ${o.note}`);
      }
    }
    expect(withSides).toBeGreaterThan(0);
    // The reviewer's case: the undated other side of the late-2023 board seat.
    const seat = items.find((i) =>
      text(i).includes("When Altman was fired in late 2023, Microsoft had no seat"),
    );
    expect(text(seat ?? "")).toContain("Microsoft holds a non-voting seat on OpenAI's board.");
  });

  it("labels events as precisely as the articles date them, never with an invented day", async () => {
    const t = text((await get("/timeline")).body);
    expect(t).toContain("2019:");
    expect(t).toContain("late 2023:");
    expect(t).toContain("Jan 2025:");
    expect(t).not.toMatch(/\b\d{1,2} (Jan|Jun) 20\d\d/);
  });

  it("draws a year-dated event longer than a month-dated one (the mark is the date's span)", () => {
    const year = kb.facts.get("first-billion-2019");
    const month = kb.facts.get("stargate-announced-jan-2025");
    if (!year || !month) throw new Error("the shipped base lost its dated facts");
    const svg = timelineSvg(timelineEvents([year, month])).value;
    const wide = svg.match(/<svg class="tl-wide"[\s\S]*?<\/svg>/)?.[0] ?? "";
    const widths = [...wide.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeGreaterThan((widths[1] ?? 0) * 3);
  });

  it("escapes a fact's text inside the drawing", () => {
    const fact = kb.facts.get("first-billion-2019");
    if (!fact) throw new Error("missing fact");
    const svg = timelineSvg(
      timelineEvents([{ ...fact, text: `</title><script>x("1")</script>` }]),
    ).value;
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;/title&gt;&lt;script&gt;x(&quot;1&quot;)&lt;/script&gt;");
  });
});

describe("search", () => {
  it("answers like the chat: an alias finds Altman", async () => {
    const t = text((await get("/search?q=ultraman")).body);
    expect(t).toContain("Sam Altman");
  });

  it("answers like the chat: a misspelling finds Stargate, facts linked to their pages", async () => {
    const { body } = await get("/search?q=stargte");
    expect(text(body)).toContain("Stargate");
    expect(body).toContain('href="/facts/stargate-announced-jan-2025"');
  });

  it("turns the reply's command hints into search links", async () => {
    const { body } = await get("/search?q=timelin");
    expect(text(body)).toContain("Nothing in the briefing matches that");
    expect(body).toContain('<p class="hints">Try: <a href="/search?q=timeline">timeline</a>');
    // Each topic line of the list leads to that topic's answer.
    expect(body).toContain('<a href="/search?q=stargate">');
  });

  it("shows a script in the query as text, in the heading and the search box", async () => {
    const { res, body } = await get(`/search?q=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(res.status).toBe(200);
    expect(body).not.toContain("<script>");
    expect(body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).toContain("Results for “&lt;script&gt;alert(1)&lt;/script&gt;”");
  });

  it("shows a search form with examples when q is empty", async () => {
    const { res, body } = await get("/search?q=%20");
    expect(res.status).toBe(200);
    expect(text(body)).toContain("Search the briefing");
    expect(body).toContain('href="/search?q=ultraman"');
  });

  it("refuses a huge query politely without echoing it, and a long one with the chat's reply", async () => {
    const huge = await get(`/search?q=${"a".repeat(30_000)}`);
    expect(huge.res.status).toBe(200);
    expect(text(huge.body)).toContain("That is too long to search");
    expect(huge.body).not.toContain("a".repeat(600));
    const long = await get(`/search?q=${"b ".repeat(400)}`);
    expect(text(long.body)).toContain("That is too long to search");
    expect(long.body).not.toContain("b ".repeat(300));
  });

  it("keeps subscriptions to the chat: subscribe is refused, nothing changes", async () => {
    const t = text((await get("/search?q=subscribe%20monday")).body);
    expect(t).toMatch(/Only admins|Slack and Discord/);
  });
});

describe("breadcrumbs", () => {
  it("put the timeline and article pages under the briefing, not under Topics", async () => {
    for (const path of ["/timeline", "/articles/partners-or-rivals"]) {
      const { body } = await get(path);
      const crumb = body.match(/<p class="meta">[\s\S]*?<\/p>/)?.[0] ?? "";
      expect(crumb, path).toContain('<a href="/">Partnership briefing</a> ›');
      expect(crumb, path).not.toContain("Topics");
    }
    const { body } = await get("/topics/stargate");
    expect(body).toContain('<p class="meta"><a href="/">Topics</a> ›</p>');
  });
});

describe("unknown pages", () => {
  it("get a 404 HTML page", async () => {
    const { res, body } = await get("/no/such/page");
    expect(res.status).toBe(404);
    expect(text(body)).toContain("Not found");
    expect(text(body)).toContain("There is no page at /no/such/page.");
  });
});

describe("hot reload", () => {
  it("GIVEN a running site WHEN the knowledge folder changes and reloads THEN pages show the new base", async () => {
    const copy = await knowledgeCopy();
    try {
      const live = await LiveKnowledge.open(copy.dir, createLogger({ level: "silent" }));
      if ("problems" in live) throw new Error(live.problems.join("\n"));
      const site = createWebApp({ briefing: createBriefing({ knowledge: live }) });
      const before = await (await site.request("/topics/stargate")).text();
      expect(before).toContain("<h1>Stargate</h1>");
      await copy.edit("topics/stargate.yaml", (t) =>
        t.replace("title: Stargate", "title: Stargate, the data-centre venture"),
      );
      const reloaded = await live.reload();
      expect(reloaded.ok).toBe(true);
      const after = await (await site.request("/topics/stargate")).text();
      expect(after).toContain("<h1>Stargate, the data-centre venture</h1>");
      expect(await (await site.request("/")).text()).toContain("Stargate, the data-centre venture");
    } finally {
      await copy.dispose();
    }
  });
});

describe("WEB_PORT", () => {
  it("defaults to 8080, takes a port, 0 (any free port) or off, and refuses anything else", () => {
    expect(parseWebConfig({})).toEqual({ ok: true, port: 8080 });
    expect(parseWebConfig({ WEB_PORT: " " })).toEqual({ ok: true, port: 8080 });
    expect(parseWebConfig({ WEB_PORT: "9090" })).toEqual({ ok: true, port: 9090 });
    expect(parseWebConfig({ WEB_PORT: "0" })).toEqual({ ok: true, port: 0 });
    expect(parseWebConfig({ WEB_PORT: "OFF" })).toEqual({ ok: true, port: "off" });
    for (const bad of ["http", "70000", "-1", "80.5"]) {
      const parsed = parseWebConfig({ WEB_PORT: bad });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain("WEB_PORT must be a port number");
    }
  });
});
