/**
 * The Slack settings, defined and checked here, in the adapter, with one schema: from the
 * environment at start-up (`slackConfigFromEnv`), and again for a config handed to `startSlack`
 * directly. Missing variables, blank values and tokens of the wrong kind are refused, naming the
 * variable to fix, before anything connects.
 */
import * as z from "zod";
import { BriefingError, hasCredentials } from "../../src/index.ts";
import { parseEncryptionKey } from "./token-cipher.ts";

/** Install to any workspace: Bolt's installer on `/slack/install` and `/slack/oauth_redirect`. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the install flow's `state` (Bolt's state store). */
  stateSecret: string;
  /** `TOKEN_ENCRYPTION_KEY` as written: checked to be 32 bytes in hex or base64. */
  tokenKey: string;
}

interface SlackCommon {
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

/**
 * One workspace with `botToken` (`SLACK_BOT_TOKEN`), or any workspace that installs the app
 * (`oauth`): each workspace's token then comes from its stored installation.
 */
export type SlackConfig = SlackCommon &
  ({ botToken: string; oauth?: undefined } | { botToken?: undefined; oauth: SlackOAuthConfig });

const text = (variable: string, what: string) =>
  z
    .string({ error: `${variable} is not set: ${what}` })
    .trim()
    .min(1, { error: `${variable} is empty: ${what}`, abort: true });

const IN_FLIGHT = { error: "SLACK_MAX_IN_FLIGHT must be a whole number from 1 to 100000, or off" };

const OAuthSchema = z.object({
  clientId: text(
    "SLACK_CLIENT_ID",
    "set it to the Client ID from the app's Basic Information page",
  ),
  clientSecret: text(
    "SLACK_CLIENT_SECRET",
    "set it to the Client Secret from the app's Basic Information page",
  ),
  stateSecret: text(
    "SLACK_STATE_SECRET",
    "set it to a long random string (openssl rand -hex 32); it signs the install flow's state",
  ).min(16, {
    error:
      "SLACK_STATE_SECRET is too short: use at least 16 random characters (openssl rand -hex 32)",
  }),
  tokenKey: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseEncryptionKey(value);
      if (parsed.ok) return parsed.text;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
});

const SlackConfigSchema = z.object({
  botToken: text("SLACK_BOT_TOKEN", "set it to the bot token (xoxb-…) from the app's OAuth page")
    .refine((t) => t.startsWith("xoxb-"), {
      error: "SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page)",
    })
    .optional(),
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
  apiUrl: z
    .url({ error: "SLACK_API_URL must be a URL such as https://slack.com/api/" })
    .refine((url) => !hasCredentials(url), {
      error:
        "SLACK_API_URL must not contain a user name or password (the Web API never sends them)",
    })
    .optional(),
  oauth: OAuthSchema.optional(),
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

const NO_TOKEN =
  "SLACK_BOT_TOKEN is not set: set it to the bot token (xoxb-…) from the app's OAuth page, or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install to any workspace";

function check(config: unknown): Checked {
  const parsed = SlackConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const { botToken, oauth, ...common } = parsed.data;
  const errors: string[] = [];
  if (oauth && botToken) {
    errors.push(
      "Set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (install to any workspace), not both",
    );
  }
  if (oauth && common.appToken) {
    errors.push(
      "Install to any workspace serves /slack/install and /slack/oauth_redirect over HTTP: unset SLACK_APP_TOKEN (Socket Mode)",
    );
  }
  if (!oauth && !botToken) errors.push(NO_TOKEN);
  if (errors.length > 0) return { ok: false, errors };
  if (oauth) return { ok: true, config: { ...common, oauth } };
  if (botToken) return { ok: true, config: { ...common, botToken } };
  return { ok: false, errors: [NO_TOKEN] };
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
 * them checked, or every problem. `port` is the process's `PORT`. Any of `SLACK_CLIENT_ID`,
 * `SLACK_CLIENT_SECRET` or `SLACK_STATE_SECRET` selects install to any workspace, which then
 * needs all three and `TOKEN_ENCRYPTION_KEY`.
 */
export function slackConfigFromEnv(
  env: Record<string, string | undefined>,
  port: number,
): { ok: true; config?: SlackConfig } | { ok: false; errors: string[] } {
  const botToken = blank(env.SLACK_BOT_TOKEN);
  const signingSecret = blank(env.SLACK_SIGNING_SECRET);
  const appToken = blank(env.SLACK_APP_TOKEN);
  const apiUrl = blank(env.SLACK_API_URL);
  const clientId = blank(env.SLACK_CLIENT_ID);
  const clientSecret = blank(env.SLACK_CLIENT_SECRET);
  const stateSecret = blank(env.SLACK_STATE_SECRET);
  const oauth = clientId || clientSecret || stateSecret;
  const maxInFlight = blank(env.SLACK_MAX_IN_FLIGHT)?.trim().toLowerCase();
  if (!botToken && !signingSecret && !appToken && !oauth) return { ok: true };
  return check({
    botToken,
    signingSecret,
    port,
    ...(appToken ? { appToken } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(oauth
      ? {
          oauth: { clientId, clientSecret, stateSecret, tokenKey: blank(env.TOKEN_ENCRYPTION_KEY) },
        }
      : {}),
    ...(maxInFlight ? { maxInFlight: maxInFlight === "off" ? "off" : Number(maxInFlight) } : {}),
  });
}
