/**
 * The web briefing's routes, on Hono. Read-only: GET and HEAD only. Every page is read from the
 * base being served at the moment of the request, so a hot reload shows at once. Every response
 * carries a strict Content-Security-Policy: no scripts at all, styles from `/style.css` only.
 */
import { Hono } from "hono";
import type { Briefing, Logger } from "../../src/index.ts";
import type { Html } from "./html.ts";
import { articlePage } from "./pages/article.ts";
import { factPage } from "./pages/fact.ts";
import { homePage } from "./pages/home.ts";
import { notFoundPage } from "./pages/not-found.ts";
import { searchPage } from "./pages/search.ts";
import { timelinePage } from "./pages/timeline.ts";
import { topicPage } from "./pages/topic.ts";
import { STYLESHEET } from "./style.ts";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export interface WebAppOptions {
  briefing: Briefing;
  logger?: Logger;
  now?: () => Date;
}

export function createWebApp(options: WebAppOptions): Hono {
  const { briefing } = options;
  const now = options.now ?? (() => new Date());
  const kb = () => briefing.knowledge();
  const app = new Hono({ strict: false });
  const secure = (res: Response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
  };
  const send = (page: Html, status: 200 | 404 | 405 | 500 = 200) =>
    new Response(page.value, {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
    });

  app.use("*", async (c, next) => {
    // Hono answers HEAD with the GET route, without the body.
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const res = send(
        notFoundPage(`This site is read-only: ${c.req.method} is not allowed here.`),
        405,
      );
      res.headers.set("Allow", "GET, HEAD");
      secure(res);
      return res;
    }
    await next();
    secure(c.res);
  });

  app.get(
    "/style.css",
    () =>
      new Response(STYLESHEET, {
        headers: {
          "Content-Type": "text/css; charset=utf-8",
          "Cache-Control": "public, max-age=300",
        },
      }),
  );
  app.get("/", () => send(homePage(kb())));
  app.get("/timeline", () => send(timelinePage(kb())));
  app.get("/search", async (c) => send(await searchPage(briefing, c.req.query("q") ?? "", now())));
  app.get("/topics/:id", (c) => {
    const id = c.req.param("id");
    const topic = kb().topics.get(id);
    return topic
      ? send(topicPage(kb(), topic))
      : send(notFoundPage(`There is no topic “${id}”.`), 404);
  });
  app.get("/facts/:id", (c) => {
    const id = c.req.param("id");
    const fact = kb().facts.get(id);
    return fact ? send(factPage(kb(), fact)) : send(notFoundPage(`There is no fact “${id}”.`), 404);
  });
  app.get("/articles/:id", (c) => {
    const id = c.req.param("id");
    const source = kb().sources.get(id);
    return source
      ? send(articlePage(kb(), source))
      : send(notFoundPage(`There is no article “${id}”.`), 404);
  });

  app.notFound((c) => send(notFoundPage(`There is no page at ${c.req.path}.`), 404));
  app.onError((error, c) => {
    options.logger?.error({ err: error, path: c.req.path }, "web page failed");
    const res = send(notFoundPage("Something went wrong on our side showing this page."), 500);
    secure(res);
    return res;
  });
  return app;
}
