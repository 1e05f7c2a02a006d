/**
 * All settings of a run, from the environment: the core's (`parseConfig`) and each platform's,
 * which its adapter defines and checks. Every problem is listed at once.
 */
import { type DiscordConfig, discordConfigFromEnv } from "../adapters/discord/config.ts";
import { type SlackConfig, slackConfigFromEnv } from "../adapters/slack/config.ts";
import { type Config, parseConfig } from "../src/index.ts";

export interface Settings extends Config {
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

export function parseSettings(
  env: Record<string, string | undefined>,
): { ok: true; config: Settings } | { ok: false; errors: string[] } {
  const core = parseConfig(env);
  if (!core.ok) return core;
  const slack = slackConfigFromEnv(env, core.config.port);
  const discord = discordConfigFromEnv(env);
  const errors = [...(slack.ok ? [] : slack.errors), ...(discord.ok ? [] : discord.errors)];
  if (!slack.ok || !discord.ok) return { ok: false, errors };
  return {
    ok: true,
    config: {
      ...core.config,
      ...(slack.config ? { slack: slack.config } : {}),
      ...(discord.config ? { discord: discord.config } : {}),
    },
  };
}
