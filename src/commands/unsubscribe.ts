import type { StoreCommand } from "./definition.ts";

/** `unsubscribe`: no more weekly briefings in this channel. */
export const unsubscribeCommand: StoreCommand = {
  name: "unsubscribe",
  summary: "Stop the weekly briefing in this channel (admins)",
  args: [],
  examples: ["unsubscribe"],
  access: "admin",
  readOnly: false,
  answersFrom: "store",
  handle: (store, request) => store.unsubscribe(request),
};
