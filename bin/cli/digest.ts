/**
 * `npm run --silent cli -- digest preview | run [--at <ISO time>]`, dispatched here by bin/cli.ts.
 *
 *   digest preview [--channel <platform>:[<workspace>:]<channel>] [--at <ISO>] [--json]
 *       print the next digest: that channel's, or without --channel the first digest a new
 *       channel would get. Without a workspace, the channel's subscription is found in any
 *       workspace; none or several is said, not guessed.
 *   digest run [--at <ISO>] [--json]
 *       one scheduler pass as if at that instant (which week is due, and the digest's "as of";
 *       claims and records are stamped with the real time): posts what is due, never twice;
 *       exit 1 if a delivery failed (it is retried by a later pass)
 *
 * Everything it needs can be passed in `deps` (tests, or an entry point that already has it);
 * what is missing is built from `env` the same way `npm start` builds it.
 */
import { parseArgs } from "node:util";
import type {
  ChannelKey,
  DigestDelivery,
  KnowledgeSource,
  Platform,
  SubscriptionStore,
} from "../../src/index.ts";
import {
  createDigestScheduler,
  createLogger,
  createSubscriptionCommands,
  factsOf,
  formatProblem,
  type Logger,
  loadKnowledge,
  openStore,
  type PassReport,
  renderPlainText,
} from "../../src/index.ts";
import { parseSettings, type Settings } from "../settings.ts";

export interface DigestCliDeps {
  /** Environment to read settings from when `config` is not given; default `process.env`. */
  env?: Record<string, string | undefined>;
  config?: Settings;
  knowledge?: KnowledgeSource;
  logger?: Logger;
  /** Deliveries to use instead of those built from the Slack/Discord settings. */
  deliveries?: readonly DigestDelivery[];
  /** An open store to use instead of opening `DATABASE_PATH` (left open on return). */
  store?: SubscriptionStore;
  clock?: () => Date;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

const USAGE = `Usage:
  digest preview [--channel <platform>:[<workspace>:]<channel>] [--at <ISO time>] [--json]
  digest run [--at <ISO time>] [--json]
Options: --knowledge <dir> (default: KNOWLEDGE_DIR or knowledge/)`;

/** Platforms whose channels get digests, as `--channel` names them. */
const PLATFORMS: readonly Platform[] = [
  { name: "slack", deliversDigests: true },
  { name: "discord", deliversDigests: true },
];

/**
 * Builds the Slack and Discord deliveries the settings configure. With Slack installed to any
 * workspace, each digest is posted with its workspace's token, looked up in `store`.
 */
export async function deliveriesFromConfig(
  config: Settings,
  logger: Logger,
  store: SubscriptionStore,
): Promise<DigestDelivery[]> {
  const out: DigestDelivery[] = [];
  if (config.slack) {
    const { createSlackDelivery } = await import("../../adapters/slack/delivery.ts");
    const { oauth, botToken } = config.slack;
    let token: string | ((workspaceId: string) => Promise<string | undefined>);
    if (oauth) {
      const { slackTokenLookup } = await import("../../adapters/slack/oauth.ts");
      token = slackTokenLookup(store, oauth.tokenKey);
    } else {
      token = botToken;
    }
    out.push(
      createSlackDelivery({
        token,
        apiUrl: config.slack.apiUrl,
        logger,
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      }),
    );
  }
  if (config.discord) {
    const { createDiscordDelivery } = await import("../../adapters/discord/delivery.ts");
    out.push(
      createDiscordDelivery({
        token: config.discord.token,
        apiUrl: config.discord.apiUrl,
        // For bot applications the bot user's id is the application id.
        botUserId: config.discord.applicationId,
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      }),
    );
  }
  return out;
}

/** `slack:T1:C123`, as `--channel` takes it. */
function channelLabel(channel: ChannelKey): string {
  return [channel.platform, channel.workspaceId, channel.channelId].filter(Boolean).join(":");
}

function formatReport(report: PassReport): string {
  const lines = [`digest pass at ${report.at.toISOString()}: ${report.considered} subscription(s)`];
  if (report.unconfigured > 0) {
    lines.push(
      `  ${report.unconfigured} skipped: their platform is not configured (set its token)`,
    );
  }
  if (report.results.length === 0) lines.push("  nothing due");
  for (const r of report.results) {
    const where = channelLabel(r.channel);
    const detail = `${r.messageId ? ` message ${r.messageId}` : ""}${r.reason ? `: ${r.reason}` : ""}`;
    lines.push(`  ${r.outcome} ${where} ${r.week}${detail}`);
  }
  return lines.join("\n");
}

export async function runDigestCli(args: string[], deps: DigestCliDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  const usage = (message: string) => {
    err(`${message}\n\n${USAGE}\n`);
    return 2;
  };

  let parsed: {
    values: { at?: string; channel?: string; json?: boolean; knowledge?: string };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args,
      options: {
        at: { type: "string" },
        channel: { type: "string" },
        json: { type: "boolean" },
        knowledge: { type: "string" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [action, ...extra] = parsed.positionals;
  if (action !== "preview" && action !== "run") return usage("Say digest preview or digest run.");
  if (extra.length > 0) return usage(`Unexpected: ${extra.join(" ")}`);
  if (action === "run" && parsed.values.channel) return usage("--channel is for digest preview.");

  let at: Date | undefined;
  if (parsed.values.at !== undefined) {
    at = new Date(parsed.values.at);
    if (Number.isNaN(at.getTime())) {
      return usage(
        `--at ${parsed.values.at} is not a time: use ISO 8601, e.g. 2026-01-12T09:05:00Z`,
      );
    }
  }

  let config = deps.config;
  if (!config) {
    // bin/ is an entry point: reading the process's own environment here is allowed.
    const result = parseSettings(deps.env ?? process.env);
    if (!result.ok) {
      err(`Settings are incomplete:\n${result.errors.map((e) => `  ${e}`).join("\n")}\n`);
      return 2;
    }
    config = result.config;
  }
  const logger =
    deps.logger ??
    createLogger({
      level: config.logLevel,
      secrets: [
        config.slack?.botToken,
        config.slack?.signingSecret,
        config.slack?.oauth?.clientSecret,
        config.slack?.oauth?.tokenKey,
        config.discord?.token,
      ],
    });

  let knowledge = deps.knowledge;
  if (!knowledge || parsed.values.knowledge) {
    const dir = parsed.values.knowledge ?? config.knowledgeDir;
    const loaded = await loadKnowledge(dir);
    if (!loaded.ok) {
      err(
        `The knowledge folder ${dir} is invalid:\n${loaded.problems.map(formatProblem).join("\n")}\n`,
      );
      return 1;
    }
    knowledge = { current: () => loaded.knowledge };
  }
  const clock = deps.clock ?? (() => new Date());
  const when = at ?? clock();
  let store: SubscriptionStore;
  try {
    store = deps.store ?? (await openStore(config, { logger }));
  } catch (error) {
    // A bad DATABASE_PATH or DATABASE_URL is a setting to fix, said in one line, not a stack trace.
    err(`Cannot open the database: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    if (action === "preview") {
      let platform: Platform = { name: "cli" };
      let conversation: { id: string; workspaceId?: string; isDirect: boolean } = {
        id: "cli",
        isDirect: false,
      };
      if (parsed.values.channel) {
        const parts = parsed.values.channel.split(":");
        const named = PLATFORMS.find((x) => x.name === parts[0]);
        if (!named || parts.length < 2 || parts.length > 3 || parts.some((x) => !x)) {
          return usage(
            `--channel ${parsed.values.channel}: use slack:C123, slack:T1:C123 or discord:<guild>:<channel>`,
          );
        }
        const p = named.name;
        const workspaceId = parts.length === 3 ? parts[1] : undefined;
        const channelId = parts.at(-1) as string;
        // Without a workspace, the channel id is looked up in every workspace (Slack
        // subscriptions always carry one, so an exact lookup would never match).
        const matches = (await store.listActive()).filter(
          (sub) =>
            sub.platform === p &&
            sub.channelId === channelId &&
            (workspaceId === undefined || (sub.workspaceId ?? "") === workspaceId),
        );
        const match = matches[0];
        if (!match) {
          err(
            `No ${p} channel ${workspaceId ? `${channelId} in workspace ${workspaceId}` : `${channelId} in any workspace`} has a weekly briefing subscription. Without --channel, digest preview shows the digest a new channel would get.\n`,
          );
          return 1;
        }
        if (matches.length > 1) {
          err(
            `${p} channel ${channelId} is subscribed in ${matches.length} workspaces; say which: ${matches.map((m) => `--channel ${channelLabel(m)}`).join(", ")}\n`,
          );
          return 2;
        }
        platform = named;
        conversation = {
          id: match.channelId,
          ...(match.workspaceId ? { workspaceId: match.workspaceId } : {}),
          isDirect: false,
        };
      }
      const commands = createSubscriptionCommands({ store, knowledge });
      const reply = await commands.previewDigest({
        platform,
        text: "digest",
        user: { id: "cli", isPlatformAdmin: () => false },
        conversation,
        at: when,
      });
      const text = renderPlainText(reply);
      out(
        parsed.values.json
          ? `${JSON.stringify({ ...reply, text, facts: factsOf(reply) }, null, 2)}\n`
          : `${text}\n`,
      );
      return 0;
    }

    const deliveries = deps.deliveries ?? (await deliveriesFromConfig(config, logger, store));
    const scheduler = createDigestScheduler({ store, deliveries, knowledge, logger, clock });
    const report = await scheduler.runOnce(when);
    await scheduler.stop();
    if (deliveries.length === 0 && report.considered > 0) {
      err(
        "No platform is configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN and DISCORD_APPLICATION_ID): nothing was posted.\n",
      );
    }
    out(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    const lost = report.results.filter((r) => r.outcome === "posted-but-claim-lost");
    if (lost.length > 0) {
      err(
        `Warning: ${lost.length} digest(s) were posted after another scheduler had taken their week over; that scheduler looks for the post before sending, but check those channels for a second copy.\n`,
      );
    }
    return report.results.some((r) => r.outcome === "failed") ? 1 : 0;
  } finally {
    if (!deps.store) await store.close();
  }
}
