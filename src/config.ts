/**
 * Settings, parsed once from the environment with zod. Only entry points (`bin/`) call
 * `parseConfig(process.env)`; everything else receives the typed result.
 */
import { z } from "zod";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(
  blankToUndefined,
  z.url({ error: "must be a URL such as http://127.0.0.1:8080/api/" }).optional(),
);

const EnvSchema = z.object({
  KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().default("knowledge")),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default("data/briefing.db")),
  BRIEFING_ADMINS: z.preprocess(blankToUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 65535" })
      .max(65535, { error: "must be between 0 and 65535" })
      .default(3000),
  ),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalUrl,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: optionalUrl,
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; otherwise HTTP on `port` at `/slack/events`. */
  appToken?: string;
  port: number;
  /** Web API base, e.g. `https://slack.com/api/`; Slack's own when unset. */
  apiUrl?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands in this guild only (instant), instead of globally. */
  guildId?: string;
  /** REST base, e.g. `https://discord.com/api`; Discord's own when unset. */
  apiUrl?: string;
}

export interface Config {
  knowledgeDir: string;
  databasePath: string;
  /** Platform user ids allowed to change subscriptions, besides platform admins. */
  admins: ReadonlySet<string>;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * Parses settings. A platform is configured when any of its variables is set; then its required
 * ones must all be set, or start-up stops with a message naming each missing variable.
 */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`),
    };
  }
  const e = parsed.data;
  const errors: string[] = [];
  const missing = (name: string, why: string) => errors.push(`${name} is not set: ${why}`);

  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN)
      missing(
        "SLACK_BOT_TOKEN",
        "set it to the bot token (xoxb-…) from the Slack app's OAuth page",
      );
    if (!e.SLACK_SIGNING_SECRET)
      missing(
        "SLACK_SIGNING_SECRET",
        "set it to the signing secret from the Slack app's Basic Information page",
      );
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        port: e.PORT,
        ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      };
    }
  }

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN || e.DISCORD_APPLICATION_ID || e.DISCORD_GUILD_ID) {
    if (!e.DISCORD_TOKEN)
      missing("DISCORD_TOKEN", "set it to the bot token from the Discord developer portal");
    if (!e.DISCORD_APPLICATION_ID)
      missing(
        "DISCORD_APPLICATION_ID",
        "set it to the application id from the Discord developer portal",
      );
    if (e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) {
      discord = {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID,
        ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
        ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
      };
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const admins = new Set(
    (e.BRIEFING_ADMINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return {
    ok: true,
    config: {
      knowledgeDir: e.KNOWLEDGE_DIR,
      databasePath: e.DATABASE_PATH,
      admins,
      logLevel: e.LOG_LEVEL,
      ...(slack ? { slack } : {}),
      ...(discord ? { discord } : {}),
    },
  };
}
