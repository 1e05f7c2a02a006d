/** The loopback fake of Discord (REST + gateway): see fake-discord.ts for its API. */
export * from "./fake-discord.ts";
export * from "./payloads.ts";
