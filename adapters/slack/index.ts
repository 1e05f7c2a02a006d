/**
 * The Slack adapter: a Bolt app that answers `/partnership`, the "Share in channel" button and
 * mentions with the core's replies rendered as Block Kit.
 *
 * HTTP on `config.port` at `/slack/events` (Bolt's HTTPReceiver, behind our request guard, which
 * checks every request's signature and 5-minute window before Bolt sees it), or Socket Mode when
 * `config.appToken` is set. `config.apiUrl` points the Web API client somewhere else (a proxy,
 * or the loopback fake in tests).
 *
 * One workspace with `config.botToken`; or, with `config.oauth`, any workspace that installs the
 * app: Bolt's installer serves `/slack/install` and `/slack/oauth_redirect` on the same port, saves
 * each installation in the store (sealed, `oauth.ts`), and authorizes every request with the
 * token of the workspace it comes from.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type AppOptions, webApi } from "@slack/bolt";
import type {
  Briefing,
  BriefingMetrics,
  Logger,
  LoopLag,
  OverloadLimits,
  SubscriptionStore,
} from "../../src/index.ts";
import { BriefingError, createLoadGate, trackForDrain } from "../../src/index.ts";
import { AdminLookup } from "./admins.ts";
import { boltLogger } from "./bolt-logger.ts";
import type { SlackConfig } from "./config.ts";
import { checkSlackConfig } from "./config.ts";
import { SLACK_ACK_DEADLINE_MS } from "./limits.ts";
import { registerListeners } from "./listeners.ts";
import { slackInstallationStore, tokenCipher } from "./oauth.ts";
import { createReceiver, EVENTS_PATH } from "./receiver.ts";
import { guardSlackRequests } from "./request-guard.ts";
import { BOT_SCOPES } from "./scopes.ts";
import { registerUninstallListeners } from "./uninstall.ts";

export { type RenderOptions, renderSlack, type SlackBlock, type SlackMessage } from "./render.ts";

export interface StartSlackOptions {
  config: SlackConfig;
  briefing: Briefing;
  logger: Logger;
  /**
   * Where installations live (needed with `config.oauth`); with it, `app_uninstalled` and
   * `tokens_revoked` pause the workspace's subscriptions in either mode.
   */
  store?: SubscriptionStore;
  /**
   * See `ListenerDeps.ackBudgetMs`. Default 2000 ms; it must stay under Slack's 3-second deadline
   * (`SLACK_ACK_DEADLINE_MS`), else start-up stops.
   */
  ackBudgetMs?: number;
  /** How long a `users.info` admin answer is remembered. Default 60 s. */
  adminCacheMs?: number;
  /** `PUBLIC_URL`: replies link facts and topics to the web briefing. */
  publicUrl?: string;
  /**
   * The overload gate's limits (`config.maxInFlight` overrides `maxInFlight`), and for tests its
   * clock (monotonic ms) and loop-lag reading. HTTP mode only: over Socket Mode, Bolt acks on
   * the socket and there is no arrival to stamp.
   */
  overload?: { limits?: Partial<OverloadLimits>; now?: () => number; lag?: LoopLag };
  /** Where shed commands are counted (`/metrics`). */
  metrics?: Pick<BriefingMetrics, "commandShed">;
  /** Extra routes on Slack's HTTP port (health, Discord interactions); ignored in Socket Mode. */
  routes?: readonly {
    path: string;
    method: "GET" | "POST";
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  }[];
}

export interface SlackHandle {
  /** Stops receiving (closes the HTTP server or the socket). */
  stop(): Promise<void>;
  /** The HTTP port actually listened on (useful with port 0); absent in Socket Mode. */
  port?: number;
  /** The bot user's id and workspace, from `auth.test` at start; absent when installed to any workspace. */
  botUserId?: string;
  teamId?: string;
  /** Readiness: listening (HTTP) or started and not stopped (Socket Mode). */
  health(): { ok: boolean; reason?: string };
}

/**
 * How long a slash command's answer may take before we ack empty and answer on `response_url`:
 * a second's margin under Slack's deadline for the ack's own round trip.
 */
const DEFAULT_ACK_BUDGET_MS = SLACK_ACK_DEADLINE_MS - 1000;

/**
 * Connections the kernel may hold for us before we accept them (Node's default is 511). Past it, a
 * burst's extra connections are dropped and their senders retry a second or three later, which
 * alone costs them Slack's deadline. The kernel caps it at `net.core.somaxconn`.
 */
const LISTEN_BACKLOG = 4096;

/** Errors that mean the token itself is wrong, as opposed to Slack being unreachable. */
const TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

/**
 * Asks `auth.test` once, before the app starts, so Bolt gets the bot's ids up front and never
 * asks per request.
 */
async function whoAmI(
  client: InstanceType<typeof webApi.WebClient>,
  config: SlackConfig,
): Promise<{ botUserId: string; botId: string; teamId?: string }> {
  try {
    const auth = await client.auth.test();
    if (!auth.user_id || !auth.bot_id) {
      throw new BriefingError(
        "CONFIG_INVALID",
        "SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot id. Use the Bot User OAuth Token (xoxb-…).",
      );
    }
    return {
      botUserId: auth.user_id,
      botId: auth.bot_id,
      ...(auth.team_id ? { teamId: auth.team_id } : {}),
    };
  } catch (error) {
    if (error instanceof BriefingError) throw error;
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_ERRORS.has(code)) {
      throw new BriefingError(
        "CONFIG_INVALID",
        `SLACK_BOT_TOKEN was refused by Slack (${code}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page.`,
        { cause: error },
      );
    }
    const where = config.apiUrl ? `SLACK_API_URL (${config.apiUrl})` : "Slack's Web API";
    throw new BriefingError(
      "CONFIG_INVALID",
      `Could not check SLACK_BOT_TOKEN with auth.test at ${where}: ${code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}

/** Starts the Slack adapter; resolves once it is listening (HTTP) or connected (Socket Mode). */
export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const config = checkSlackConfig(options.config);
  const ackBudgetMs = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS;
  if (!(ackBudgetMs >= 0 && ackBudgetMs < SLACK_ACK_DEADLINE_MS)) {
    throw new BriefingError(
      "CONFIG_INVALID",
      `ackBudgetMs must be at least 0 and under Slack's ${SLACK_ACK_DEADLINE_MS} ms acknowledgement deadline (got ${ackBudgetMs})`,
    );
  }
  const logger = options.logger.child({ adapter: "slack" });
  const bolt = boltLogger(logger.child({ component: "bolt" }));
  // For calls someone is waiting on (auth.test at start, users.info before an answer): few retries
  // and a timeout. Bolt's own client keeps the Web API client's default of retrying for up to half
  // an hour, right for posts but not for a start-up with a wrong SLACK_API_URL.
  const quick = new webApi.WebClient(config.botToken, {
    logger: bolt,
    retryConfig: { retries: 2, factor: 1, minTimeout: 200, maxTimeout: 1000 },
    timeout: 5000,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  });

  const socketMode = config.appToken !== undefined;
  const common: AppOptions = {
    logger: bolt,
    // Bolt's default conversation store keeps per-channel state we never use, and costs every
    // request a thrown-and-caught "Conversation not found" error.
    convoStore: false,
    ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl } } : {}),
  };
  /** Bolt's HTTP receiver, with the settings `receiver.ts` owns; OAuth adds the installer. */
  const receiverFor = (oauth?: SlackConfig["oauth"], store?: SubscriptionStore) =>
    createReceiver({
      signingSecret: config.signingSecret,
      logger: bolt,
      ...(options.routes ? { customRoutes: [...options.routes] } : {}),
      ...(oauth && store
        ? {
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            stateSecret: oauth.stateSecret,
            scopes: [...BOT_SCOPES],
            installationStore: slackInstallationStore(store, tokenCipher(oauth.tokenKey)),
            installerOptions: {
              // GET /slack/install redirects to Slack's authorize page, not a page of its own.
              directInstall: true,
              ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl } } : {}),
            },
          }
        : {}),
    });
  let app: App;
  let ids: { botUserId?: string; botId?: string; teamId?: string } = {};
  if (config.oauth) {
    if (!options.store) {
      throw new BriefingError(
        "CONFIG_INVALID",
        "installing to any workspace needs the store for installations",
      );
    }
    app = new App({ ...common, receiver: receiverFor(config.oauth, options.store) });
  } else {
    const known = await whoAmI(quick, config);
    ids = known;
    const socket: AppOptions = { socketMode: true, appToken: config.appToken };
    app = new App({
      ...common,
      token: config.botToken,
      botId: known.botId,
      botUserId: known.botUserId,
      ...(socketMode ? socket : { receiver: receiverFor() }),
    });
  }
  const overload = options.overload;
  // The clock arrivals are stamped and ack budgets counted on: the gate's (tests may set it).
  const gated = config.maxInFlight !== "off";
  const clock = (gated && overload?.now) || (() => performance.now());
  registerListeners(app, {
    briefing: options.briefing,
    logger,
    admins: new AdminLookup(logger, options.adminCacheMs),
    lookupClient: quick,
    ackBudgetMs,
    clock,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  if (options.store) registerUninstallListeners(app, { store: options.store, logger });

  // A listener goes on after its ack: a command answered late on response_url, a share, a
  // mention's reply. Stopping waits for that work too, not only for the HTTP responses, or a
  // shutdown would drop answers already promised (the shutdown grace bounds the wait).
  const working = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    working.add(work);
    try {
      await work;
    } finally {
      working.delete(work);
    }
  });
  let stopped = false;
  const stop = async () => {
    stopped = true;
    await app.stop();
    if (working.size > 0) {
      logger.info({ answers: working.size }, "waiting for answers still being worked on");
      await Promise.allSettled([...working]);
    }
  };
  if (socketMode) {
    await app.start();
    logger.info({ botUserId: ids.botUserId }, "Slack connected over Socket Mode");
    // Bolt reconnects the socket by itself and does not expose its state; started-and-not-stopped
    // is what we can say.
    const health = () => (stopped ? { ok: false, reason: "stopped" } : { ok: true });
    return { stop, health, ...ids };
  }
  const server = (await app.start({ port: config.port, backlog: LISTEN_BACKLOG })) as Server;
  const gate =
    config.maxInFlight === "off"
      ? undefined
      : createLoadGate({
          limits: {
            ...overload?.limits,
            ...(config.maxInFlight ? { maxInFlight: config.maxInFlight } : {}),
          },
          now: clock,
          ...(overload?.lag ? { lag: overload.lag } : {}),
        });
  // Installed before this turn of the event loop ends, so before the server can take a request:
  // with Bolt's own signature check off, no request may reach Bolt around the guard.
  guardSlackRequests(server, {
    signingSecret: config.signingSecret,
    endpoint: EVENTS_PATH,
    logger,
    clock,
    ...(gate ? { gate } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const drain = trackForDrain(server);
  const health = () =>
    server.listening ? { ok: true } : { ok: false, reason: "the HTTP server is not listening" };
  const { port } = server.address() as AddressInfo;
  logger.info(
    {
      port,
      path: EVENTS_PATH,
      ...(config.oauth
        ? { install: "/slack/install", redirect: "/slack/oauth_redirect" }
        : { botUserId: ids.botUserId }),
    },
    config.oauth
      ? "Slack listening over HTTP, installable to any workspace"
      : "Slack listening over HTTP",
  );
  const drainThenStop = () => {
    drain.begin();
    gate?.stop();
    return stop();
  };
  return { stop: drainThenStop, health, port, ...ids };
}
