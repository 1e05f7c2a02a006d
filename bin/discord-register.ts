/**
 * `npm run discord:register`: registers /partnership and /partnership-admin from the command
 * registry. Per guild when DISCORD_GUILD_ID is set (instant), else globally.
 */
import { registerCommands } from "../adapters/discord/register.ts";
import { parseSettings } from "./settings.ts";

const parsed = parseSettings(process.env);
if (!parsed.ok) {
  console.error(
    `Cannot register the Discord commands:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`,
  );
  process.exit(1);
}
const discord = parsed.config.discord;
if (!discord) {
  console.error(
    "Cannot register the Discord commands: DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set.\n" +
      "  Set DISCORD_TOKEN to the bot token and DISCORD_APPLICATION_ID to the application id,\n" +
      "  both from https://discord.com/developers/applications (optional: DISCORD_GUILD_ID).",
  );
  process.exit(1);
}

try {
  const result = await registerCommands(discord);
  const where = result.scope === "guild" ? `in guild ${result.guildId}` : "globally";
  console.log(`Registered ${result.commands.map((c) => `/${c}`).join(" and ")} ${where}.`);
} catch (error) {
  const e = error as { status?: number; message?: string };
  const hint =
    e.status === 401
      ? "Discord refused DISCORD_TOKEN: check the bot token."
      : e.status === 403 || e.status === 404
        ? "Check DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID: the bot must be in that server with the applications.commands scope)."
        : "";
  console.error(
    `Registering the Discord commands failed: ${e.message ?? String(error)}${hint ? `\n  ${hint}` : ""}`,
  );
  process.exit(1);
}
