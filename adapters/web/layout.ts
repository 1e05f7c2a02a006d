/** The page shell every page shares: head, header with the search form, footer. */
import { type Html, html, type Part } from "./html.ts";

export const SITE_NAME = "Partnership briefing";

export interface PageParts {
  title: string;
  body: Part;
  /** What the search box shows (on the search page, what was searched). */
  query?: string;
}

export function page({ title, body, query }: PageParts): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · ${SITE_NAME}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="site"><div class="wrap">
<a class="brand" href="/">${SITE_NAME}</a>
<nav class="main" aria-label="Main"><a href="/">Topics</a><a href="/timeline">Timeline</a></nav>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="${query ?? ""}" placeholder="stargate, ultraman…" aria-label="Search the briefing" maxlength="500">
<button type="submit">Search</button>
</form>
</div></header>
<main class="wrap">
${body}
</main>
<footer class="site"><div class="wrap">
Every fact here is our own wording of what the cited articles say; where articles disagree, both sides are shown. Read-only.
</div></footer>
</body>
</html>
`;
}
