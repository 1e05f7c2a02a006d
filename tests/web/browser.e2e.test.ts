/**
 * The web briefing in a real browser: Debian's Chromium driven by playwright-core, against the
 * real adapter on loopback serving the shipped base. One browser and one server for the file.
 * With SCREENSHOTS=1 it also saves screenshots to test-output/screenshots/ (git-ignored) for people
 * to look at; they are off by default because they take most of the file's time.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page, type Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWeb, startWeb } from "../../adapters/web/index.ts";
import { createLogger } from "../../src/log.ts";
import { shippedBriefing } from "../helpers/knowledge.ts";
import { ROOT } from "../helpers/run.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(ROOT, "test-output", "screenshots");
const SCREENSHOTS = process.env.SCREENSHOTS === "1";

let browser: Browser | undefined;
let web: RunningWeb | undefined;
let base = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the web tests drive Debian's Chromium. Install it with: apt-get install -y chromium`,
    );
  }
  if (SCREENSHOTS) mkdirSync(SHOTS, { recursive: true });
  web = await startWeb({
    port: 0,
    hostname: "127.0.0.1",
    briefing: await shippedBriefing(),
    logger: createLogger({ level: "silent" }),
  });
  base = `http://127.0.0.1:${web.port}`;
  // launch() gives the browser a fresh temporary profile of its own and deletes it on close.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

let page: Page;
/** What went wrong in the page during the current test: a dialog (a script that ran) or a CSP violation. */
const problems: string[] = [];

/**
 * One page for the whole file: every new page (or context) costs Chromium a renderer process of
 * its own, about a second and a half of CPU each. Each test sets the viewport and colour scheme it
 * needs and starts with no problems recorded; the page keeps no state between tests that matters
 * here (the site sets no cookies and keeps nothing in storage).
 */
async function open(
  width = 1280,
  height = 900,
  colorScheme: "light" | "dark" = "light",
): Promise<{ page: Page; problems: string[] }> {
  problems.length = 0;
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  return { page, problems };
}

/** Saves a screenshot of the whole page, or of one element, when SCREENSHOTS=1. */
async function shot(target: Page | Locator, name: string, fullPage = true): Promise<void> {
  if (!SCREENSHOTS) return;
  const path = join(SHOTS, `${name}.png`);
  if ("goto" in target) await target.screenshot({ path, fullPage });
  else await target.screenshot({ path });
}

describe("the web briefing in Chromium", () => {
  it("follows home → a topic → a fact → an article, with the CSP on every page", async () => {
    const { page, problems } = await open();
    // Every page the browser loads on the way, with the headers it got.
    const pages: { path: string; status: number; headers: Record<string, string> }[] = [];
    const onResponse = (response: Response) => {
      if (response.request().resourceType() !== "document") return;
      const { pathname } = new URL(response.url());
      pages.push({ path: pathname, status: response.status(), headers: response.headers() });
    };
    page.on("response", onResponse);
    const home = await page.goto(`${base}/`);
    expect(home?.status()).toBe(200);
    expect(await page.locator("ul.topics > li").count()).toBe(16);
    await shot(page, "home-laptop");

    await page.getByRole("link", { name: "Stargate", exact: true }).click();
    await page.waitForURL(`${base}/topics/stargate`);
    expect(await page.locator("h1").textContent()).toBe("Stargate");
    const fiveHundred = page.locator("article.fact", { hasText: "$500 billion" }).first();
    expect(await fiveHundred.locator(".sources a[href^='/articles/']").count()).toBeGreaterThan(0);
    // A dispute shows its sides next to each other on a wide screen.
    const sides = page.locator(".sides .cols").first();
    const cards = sides.locator(":scope > article.fact");
    const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x).toBe(true);
    await shot(page, "topic-stargate-laptop");
    const disputedHref = await cards.nth(0).locator("a.permalink").getAttribute("href");

    await fiveHundred.getByRole("link", { name: "Permalink to this fact" }).click();
    await page.waitForURL(/\/facts\/[a-z0-9-]+$/);
    expect(await page.locator("h1").textContent()).toContain("$500 billion");
    await shot(page, "fact-laptop");

    await page.locator("li.citation a").first().click();
    await page.waitForURL(/\/articles\/[a-z0-9-]+$/);
    expect(await page.locator("h2").first().textContent()).toMatch(
      /What it supports \(\d+ facts\)/,
    );
    await shot(page, "article-laptop");

    // A disputed fact's permalink shows the other side.
    await page.goto(`${base}${disputedHref}`);
    expect(await page.locator("h2", { hasText: "The other side" }).count()).toBe(1);
    expect(await page.locator("article.fact.disputed").count()).toBeGreaterThan(0);
    await shot(page, "fact-disputed-laptop");
    page.off("response", onResponse);
    expect(problems).toEqual([]);

    // Home, the topic, the fact, the article and the disputed fact: each served with the CSP.
    expect(pages.map((p) => p.path)).toEqual([
      "/",
      "/topics/stargate",
      expect.stringMatching(/^\/facts\//),
      expect.stringMatching(/^\/articles\//),
      disputedHref,
    ]);
    for (const { path, status, headers } of pages) {
      expect(status, path).toBe(200);
      expect(headers["content-security-policy"], path).toContain("default-src 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
    }
  });

  // The alias and misspelling answers themselves are tests/web/pages.test.ts's; here, the form.
  it("searches a misspelling from the search box", async () => {
    const { page, problems } = await open();
    await page.goto(`${base}/`);
    await page.getByRole("searchbox", { name: "Search the briefing" }).first().fill("stargte");
    await page.getByRole("button", { name: "Search" }).first().click();
    await page.waitForURL(`${base}/search?q=stargte`);
    expect(await page.locator(".reply h2").textContent()).toMatch(/stargate/i);
    await shot(page, "search-stargte-laptop");
    expect(problems).toEqual([]);
  });

  it("draws the timeline as an SVG whose marks link to their facts", async () => {
    const { page, problems } = await open();
    await page.goto(`${base}/timeline`);
    const marks = page.locator("figure svg.tl-wide g.tl-event a");
    expect(await marks.count()).toBeGreaterThan(5);
    expect(await page.locator("figure svg.tl-wide g.tl-event.disputed").count()).toBeGreaterThan(0);
    expect(await page.locator("ol.events > li").count()).toBe(await marks.count());
    expect(await page.locator("ol.events").textContent()).toContain("Jan 2025");
    await shot(page, "timeline-laptop");
    await shot(page.locator("figure"), "timeline-drawing-laptop");
    await marks.first().click();
    await page.waitForURL(/\/facts\/[a-z0-9-]+$/);
    expect(problems).toEqual([]);
  });

  it("shows a script in the query as text, and no script runs", async () => {
    const { page, problems } = await open();
    const res = await page.goto(
      `${base}/search?q=${encodeURIComponent("<script>alert(1)</script>")}`,
    );
    expect(res?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toContain("<script>alert(1)</script>");
    expect(await page.locator("main script").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("stays readable on a 390-pixel phone: no sideways scrolling, dispute sides stacked", async () => {
    const { page, problems } = await open(390, 844);
    for (const [path, name] of [
      ["/", "home-phone"],
      ["/topics/stargate", "topic-stargate-phone"],
      ["/timeline", "timeline-phone"],
      ["/search?q=who%20announced%20stargate", "search-phone"],
    ] as const) {
      await page.goto(`${base}${path}`);
      // A string, run in the page: the test's own types know nothing of the DOM.
      const overflow = Number(
        await page.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        ),
      );
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await shot(page, name);
      await shot(page, `${name}-first-screen`, false);
    }
    await page.goto(`${base}/timeline`);
    await shot(page.locator("figure"), "timeline-drawing-phone");
    await page.goto(`${base}/topics/stargate`);
    const cards = page.locator(".sides .cols").first().locator(":scope > article.fact");
    const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(a && b && b.y > a.y + a.height - 1).toBe(true);
    expect(problems).toEqual([]);
  });

  it("follows the reader's dark colour scheme", async () => {
    const { page, problems } = await open(1280, 900, "dark");
    await page.goto(`${base}/topics/stargate`);
    const background = await page
      .locator("body")
      .evaluate("getComputedStyle(document.body).backgroundColor");
    expect(background).toBe("rgb(13, 17, 23)");
    await shot(page, "topic-stargate-dark");
    await page.goto(`${base}/timeline`);
    await shot(page.locator("figure"), "timeline-drawing-dark");
    expect(problems).toEqual([]);
  });
});
