/**
 * The Slack settings as `startSlack` needs them. `parseConfig` (src/config.ts) already refuses a
 * missing variable; this also refuses values that cannot work (blank, or a token of the wrong
 * kind), naming the variable to fix, before anything connects.
 */
import { z } from "zod";
import type { SlackConfig } from "../../src/config.ts";
import { BriefingError } from "../../src/errors.ts";

const text = (variable: string, what: string) =>
  z
    .string({ error: `${variable} is not set: ${what}` })
    .trim()
    .min(1, { error: `${variable} is empty: ${what}`, abort: true });

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
});

/** Returns the settings checked, or throws a `CONFIG_INVALID` error listing every problem. */
export function checkSlackConfig(config: SlackConfig): SlackConfig {
  const parsed = SlackConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => i.message);
  throw new BriefingError("CONFIG_INVALID", `Slack is misconfigured:\n- ${problems.join("\n- ")}`);
}
