import type { StoreCommand } from "./definition.ts";

/** `subscribe [day] [time] [timezone]`: the weekly briefing in this channel. */
export const subscribeCommand: StoreCommand = {
  name: "subscribe",
  summary: "Post the weekly briefing in this channel (admins; default Monday 09:00 UTC)",
  args: [
    { name: "day", kind: "day", description: "Weekday, e.g. mon", required: false },
    { name: "time", kind: "time", description: "Local time, 24-hour HH:MM", required: false },
    {
      name: "timezone",
      kind: "timezone",
      description: "IANA timezone, e.g. Europe/London",
      required: false,
    },
  ],
  examples: ["subscribe", "subscribe mon 09:00 UTC", "subscribe fri 16:30 America/New_York"],
  access: "admin",
  readOnly: false,
  answersFrom: "store",
  handle: (store, request, args) => store.subscribe(request, args),
};
