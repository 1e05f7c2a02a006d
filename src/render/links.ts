/**
 * Addresses of the web briefing's pages, for chat replies that link to them ("open in browser").
 * Built only when `PUBLIC_URL` is set; without it, renderers send no links at all.
 */

/** The pages of the web briefing a reply can link to. */
export interface PageLinks {
  /** The home page: the state of play (the full briefing a digest points at). */
  home: string;
  topic(topicId: string): string;
  fact(factId: string): string;
  article(sourceId: string): string;
}

/** Links under `publicUrl` (with or without a trailing slash); ids are path-encoded. */
export function pageLinks(publicUrl: string): PageLinks {
  const base = publicUrl.replace(/\/+$/, "");
  const page = (kind: string) => (id: string) => `${base}/${kind}/${encodeURIComponent(id)}`;
  return {
    home: `${base}/`,
    topic: page("topics"),
    fact: page("facts"),
    article: page("articles"),
  };
}
