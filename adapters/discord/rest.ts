/**
 * The REST base for discord.js and @discordjs/rest. `DISCORD_API_URL` is the base without the
 * version (`https://discord.com/api`): the libraries append `/v10` themselves, so a trailing
 * slash or version is removed here rather than doubled.
 */
import { REST } from "discord.js";
import type { DiscordConfig } from "./config.ts";

/** `http://127.0.0.1:8080/api/v10/` -> `http://127.0.0.1:8080/api`; undefined keeps Discord's own. */
export function restBase(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.replace(/\/+$/, "").replace(/\/v\d+$/, "");
}

/** A REST client for the configured base, with the bot token set: for registration and delivery. */
export function createDiscordRest(config: Pick<DiscordConfig, "token" | "apiUrl">): REST {
  const api = restBase(config.apiUrl);
  return new REST(api ? { api } : {}).setToken(config.token);
}
