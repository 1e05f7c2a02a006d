/** The 404 page: what was not found, and where to go instead. */
import { type Html, html } from "../html.ts";
import { page } from "../layout.ts";

export function notFoundPage(what: string): Html {
  return page({
    title: "Not found",
    body: html`<h1>Not found</h1>
<p>${what}</p>
<p><a href="/">All topics</a> · <a href="/timeline">Timeline</a> · or search above.</p>`,
  });
}
