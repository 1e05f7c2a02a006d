/**
 * The Slack settings, defined and checked here, in the adapter, with one schema: from the
 * environment at start-up (`slackConfigFromEnv`), and again for a config handed to `startSlack`
 * directly. Missing variables, blank values and tokens of the wrong kind are refused, naming the
 * variable to fix, before anything connects.
 */
import { z } from "zod";
import { BriefingError } from "../../src/index.ts";

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; otherwise HTTP on `port` at `/slack/events`. */
  appToken?: string;
  port: number;
  /** Web API base, e.g. `https://slack.com/api/`; Slack's own when unset. */
  apiUrl?: string;
  /**
   * `SLACK_MAX_IN_FLIGHT`: at most this many slash commands admitted and not yet acknowledged;
   * more are answered "busy, try again" (see `OverloadLimits.maxInFlight`). `off` sheds nothing,
   * however late: every command is served, past Slack's deadline if need be. HTTP mode only.
   */
  maxInFlight?: number | "off";
}

const text = (variable: string, what: string) =>
  z
    .string({ error: `${variable} is not set: ${what}` })
    .trim()
    .min(1, { error: `${variable} is empty: ${what}`, abort: true });

const IN_FLIGHT = { error: "SLACK_MAX_IN_FLIGHT must be a whole number from 1 to 100000, or off" };

const SlackConfigSchema = z.object({
  botToken: text(
    "SLACK_BOT_TOKEN",
    "set it to the bot token (xoxb-…) from the app's OAuth page",
  ).refine((t) => t.startsWith("xoxb-"), {
    error: "SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page)",
  }),
  signingSecret: text(
    "SLACK_SIGNING_SECRET",
    "set it to the signing secret from the app's Basic Information page",
  ),
  appToken: text("SLACK_APP_TOKEN", "set it to an app-level token (xapp-…) or leave it unset")
    .refine((t) => t.startsWith("xapp-"), {
      error:
        "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)",
    })
    .optional(),
  port: z
    .number({ error: "PORT must be a port number" })
    .int({ error: "PORT must be a whole number" })
    .min(0, { error: "PORT must be between 0 and 65535" })
    .max(65535, { error: "PORT must be between 0 and 65535" }),
  apiUrl: z.url({ error: "SLACK_API_URL must be a URL such as https://slack.com/api/" }).optional(),
  maxInFlight: z
    .union(
      [
        z.literal("off"),
        z.number(IN_FLIGHT).int(IN_FLIGHT).min(1, IN_FLIGHT).max(100_000, IN_FLIGHT),
      ],
      IN_FLIGHT,
    )
    .optional(),
});

type Checked = { ok: true; config: SlackConfig } | { ok: false; errors: string[] };

function check(config: unknown): Checked {
  const parsed = SlackConfigSchema.safeParse(config);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
}

/** Returns the settings checked, or throws a `CONFIG_INVALID` error listing every problem. */
export function checkSlackConfig(config: SlackConfig): SlackConfig {
  const checked = check(config);
  if (checked.ok) return checked.config;
  throw new BriefingError(
    "CONFIG_INVALID",
    `Slack is misconfigured:\n- ${checked.errors.join("\n- ")}`,
  );
}

const blank = (v: string | undefined) => (v?.trim() ? v : undefined);

/**
 * The Slack settings in the environment: none when no Slack variable is set; otherwise all of
 * them checked, or every problem. `port` is the process's `PORT`.
 */
export function slackConfigFromEnv(
  env: Record<string, string | undefined>,
  port: number,
): { ok: true; config?: SlackConfig } | { ok: false; errors: string[] } {
  const botToken = blank(env.SLACK_BOT_TOKEN);
  const signingSecret = blank(env.SLACK_SIGNING_SECRET);
  const appToken = blank(env.SLACK_APP_TOKEN);
  const apiUrl = blank(env.SLACK_API_URL);
  const maxInFlight = blank(env.SLACK_MAX_IN_FLIGHT)?.trim().toLowerCase();
  if (!botToken && !signingSecret && !appToken) return { ok: true };
  return check({
    botToken,
    signingSecret,
    port,
    ...(appToken ? { appToken } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(maxInFlight ? { maxInFlight: maxInFlight === "off" ? "off" : Number(maxInFlight) } : {}),
  });
}
