/**
 * `/search?q=`: the chat's answer to the same text, through the core exactly as the console asks
 * it, so misspellings, aliases and commands (`timeline stargate`) work here too.
 */
import type { Briefing, BriefingRequest } from "../../../src/index.ts";
import { type Html, html } from "../html.ts";
import { page } from "../layout.ts";
import { renderReply } from "../render-reply.ts";

/** Longer text is not sent to the core nor echoed back: no question is this long. */
export const MAX_QUERY_CHARS = 2000;
/** The search box shows back at most what the core would search. */
const MAX_ECHO_CHARS = 500;

/** The web is anonymous and read-only: nobody here is an admin. */
export function webRequest(text: string, at: Date): BriefingRequest {
  return {
    platform: { name: "web" },
    text,
    user: { id: "web", isPlatformAdmin: () => false },
    conversation: { id: "web", isDirect: true },
    at,
  };
}

export async function searchPage(briefing: Briefing, q: string, at: Date): Promise<Html> {
  const text = q.trim();
  if (!text) {
    return page({
      title: "Search",
      body: html`<h1>Search the briefing</h1>
<p>Ask about a topic, a person or a claim, as you would ask the chat bot: misspellings and other names work.</p>
<form class="search" action="/search" method="get" role="search"><input type="search" name="q" aria-label="Search the briefing" placeholder="who announced stargate" maxlength="500"><button type="submit">Search</button></form>
<p class="muted">For example: <a href="/search?q=stargate">stargate</a> · <a href="/search?q=ultraman">ultraman</a> · <a href="/search?q=board%20seat">board seat</a> · <a href="/search?q=timeline%20stargate">timeline stargate</a></p>`,
    });
  }
  const length = [...text].length;
  if (length > MAX_QUERY_CHARS) {
    return page({
      title: "Search",
      body: html`<h1>That is too long to search</h1>
<p>The search has ${length.toLocaleString("en")} characters. Ask in a few words, for example <a href="/search?q=board%20seat">board seat</a>.</p>`,
    });
  }
  const reply = await briefing.handle(webRequest(text, at));
  const echo = length <= MAX_ECHO_CHARS ? text : "";
  return page({
    title: echo ? `“${echo.slice(0, 60)}”` : "Search",
    query: echo,
    body: html`<h1 class="search-heading">Results for “${echo || "(too long to show)"}”</h1>
${renderReply(reply)}`,
  });
}
