/**
 * The Discord settings, defined here in the adapter and read from the environment once, at
 * start-up: none when no Discord variable is set; otherwise the required ones must all be set.
 */
import * as z from "zod";
import { hasCredentials } from "../../src/index.ts";

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands in this guild only (instant), instead of globally. */
  guildId?: string;
  /** REST base, e.g. `https://discord.com/api`; Discord's own when unset. */
  apiUrl?: string;
  /**
   * `DISCORD_PUBLIC_KEY`, the application's public key (hex): interactions arrive over HTTP at
   * `POST /discord/interactions` on `PORT`, signed with it, instead of over the gateway.
   */
  publicKey?: string;
}

const text = (variable: string, what: string) =>
  z
    .string({ error: `${variable} is not set: ${what}` })
    .trim()
    .min(1, { error: `${variable} is not set: ${what}`, abort: true });

const DiscordConfigSchema = z.object({
  token: text("DISCORD_TOKEN", "set it to the bot token from the Discord developer portal"),
  applicationId: text(
    "DISCORD_APPLICATION_ID",
    "set it to the application id from the Discord developer portal",
  ),
  guildId: z.string().trim().min(1).optional(),
  apiUrl: z
    .url({ error: "DISCORD_API_URL must be a URL such as http://127.0.0.1:8080/api/" })
    .refine((url) => !hasCredentials(url), {
      error:
        "DISCORD_API_URL must not contain a user name or password (REST calls never send them)",
    })
    .optional(),
  publicKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, {
      error:
        "DISCORD_PUBLIC_KEY must be the application's Public Key from the Discord developer portal (General Information): 64 hexadecimal characters",
    })
    .optional(),
});

const blank = (v: string | undefined) => (v?.trim() ? v : undefined);

export function discordConfigFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; config?: DiscordConfig } | { ok: false; errors: string[] } {
  const token = blank(env.DISCORD_TOKEN);
  const applicationId = blank(env.DISCORD_APPLICATION_ID);
  const guildId = blank(env.DISCORD_GUILD_ID);
  const apiUrl = blank(env.DISCORD_API_URL);
  const publicKey = blank(env.DISCORD_PUBLIC_KEY)?.trim();
  if (!token && !applicationId && !guildId && !publicKey) return { ok: true };
  const parsed = DiscordConfigSchema.safeParse({
    token,
    applicationId,
    ...(guildId ? { guildId } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(publicKey ? { publicKey } : {}),
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
}
