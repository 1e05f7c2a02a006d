import type { StoreCommand } from "./definition.ts";

/** `status`: this channel's schedule, next run and last delivery. */
export const statusCommand: StoreCommand = {
  name: "status",
  summary: "This channel's briefing schedule, next run and last delivery",
  args: [],
  examples: ["status"],
  access: "everyone",
  readOnly: true,
  answersFrom: "store",
  handle: (store, request) => store.status(request),
};
