/**
 * What `npm run discord:register` does, as a function of its environment: registers
 * /partnership and /partnership-admin from the command registry, per guild when DISCORD_GUILD_ID
 * is set (instant), else globally. Returns the exit code; messages go to `out`.
 */
import { registerCommands } from "../adapters/discord/register.ts";
import { parseSettings } from "./settings.ts";

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export async function registerDiscordCommands(
  env: Record<string, string | undefined>,
  out: Output,
): Promise<number> {
  const parsed = parseSettings(env);
  if (!parsed.ok) {
    out.error(
      `Cannot register the Discord commands:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`,
    );
    return 1;
  }
  const discord = parsed.config.discord;
  if (!discord) {
    out.error(
      "Cannot register the Discord commands: DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set.\n" +
        "  Set DISCORD_TOKEN to the bot token and DISCORD_APPLICATION_ID to the application id,\n" +
        "  both from https://discord.com/developers/applications (optional: DISCORD_GUILD_ID).",
    );
    return 1;
  }
  try {
    const result = await registerCommands(discord);
    const where = result.scope === "guild" ? `in guild ${result.guildId}` : "globally";
    out.log(`Registered ${result.commands.map((c) => `/${c}`).join(" and ")} ${where}.`);
    return 0;
  } catch (error) {
    const hint = hintFor(statusOf(error));
    const message = error instanceof Error ? error.message : String(error);
    out.error(`Registering the Discord commands failed: ${message}${hint ? `\n  ${hint}` : ""}`);
    return 1;
  }
}

/** The HTTP status of a Discord REST error, when there is one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  return typeof error.status === "number" ? error.status : undefined;
}

function hintFor(status: number | undefined): string {
  if (status === 401) return "Discord refused DISCORD_TOKEN: check the bot token.";
  if (status === 403 || status === 404)
    return "Check DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID: the bot must be in that server with the applications.commands scope).";
  return "";
}
