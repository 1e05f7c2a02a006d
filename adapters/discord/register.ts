/**
 * Registers the slash commands (a bulk overwrite): in one guild when `guildId` is set, where
 * changes show at once (for development), else globally.
 */
import { type APIApplicationCommand, type REST, Routes } from "discord.js";
import { buildCommandDefinitions } from "./commands.ts";
import type { DiscordConfig } from "./config.ts";
import { createDiscordRest } from "./rest.ts";

export interface RegistrationResult {
  scope: "guild" | "global";
  guildId?: string;
  /** The command names Discord now holds for this application in that scope. */
  commands: string[];
}

export async function registerCommands(
  config: DiscordConfig,
  rest: REST = createDiscordRest(config),
): Promise<RegistrationResult> {
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const saved = (await rest.put(route, {
    body: buildCommandDefinitions(),
  })) as APIApplicationCommand[];
  return {
    scope: config.guildId ? "guild" : "global",
    ...(config.guildId ? { guildId: config.guildId } : {}),
    commands: saved.map((c) => c.name),
  };
}
