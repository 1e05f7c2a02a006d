import type { StoreCommand } from "./definition.ts";

/** `digest`: a preview of this channel's next weekly briefing. */
export const digestCommand: StoreCommand = {
  name: "digest",
  summary: "Preview this channel's next weekly briefing (only you see it)",
  args: [],
  examples: ["digest"],
  access: "everyone",
  readOnly: true,
  // The channel gets the digest itself on schedule; a shared preview would read as a second copy.
  shareable: false,
  answersFrom: "store",
  handle: (store, request) => store.previewDigest(request),
};
