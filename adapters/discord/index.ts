/**
 * The Discord adapter: a discord.js Client on the gateway, answering `/partnership` and
 * `/partnership-admin` interactions through the core. `startDiscord` logs in and resolves when
 * the client is ready; `stop` lets in-flight interactions finish, then disconnects.
 */
import {
  type APIInteraction,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Routes,
  Status,
} from "discord.js";
import type { Logger } from "pino";
import type { Briefing } from "../../src/index.ts";
import { BriefingError } from "../../src/index.ts";
import type { DiscordConfig } from "./config.ts";
import { createInteractionHandler, errorInfo } from "./handler.ts";
import { NO_MENTIONS } from "./render.ts";
import { restBase } from "./rest.ts";

export { buildCommandDefinitions } from "./commands.ts";
export { renderDiscord } from "./render.ts";
export { createDiscordRest } from "./rest.ts";

export interface StartDiscordOptions {
  config: DiscordConfig;
  briefing: Briefing;
  logger: Logger;
  /** Defer (then edit) when the core takes longer than this; default 1500 ms (Discord allows 3 s); 0 always defers. */
  deferAfterMs?: number;
  /** How long to wait for the gateway's READY; default 30 s. */
  readyTimeoutMs?: number;
  now?: () => Date;
  /** `PUBLIC_URL`: replies link facts and topics to the web briefing. */
  publicUrl?: string;
}

export interface DiscordAdapter {
  client: Client;
  stop(): Promise<void>;
  /** Readiness: every gateway shard is connected and ready. */
  health(): { ok: boolean; reason?: string };
}

/** Removes the token (and each of its dot-separated parts) from a message before it is logged. */
function scrubber(token: string): (text: string) => string {
  const secrets = [token, ...token.split(".")].filter((s) => s.length >= 6);
  return (text) =>
    secrets
      .reduce((t, s) => t.split(s).join("[redacted]"), text)
      .replace(/(\/(?:interactions\/\d+|webhooks\/\d+))\/[^/?\s]+/g, "$1/[redacted]");
}

export async function startDiscord(options: StartDiscordOptions): Promise<DiscordAdapter> {
  const { config, briefing } = options;
  const logger = options.logger.child({ adapter: "discord" });
  if (!config.token) {
    throw new BriefingError(
      "CONFIG_INVALID",
      "DISCORD_TOKEN is not set: set it to the bot token from the Discord developer portal",
    );
  }
  const scrub = scrubber(config.token);
  const api = restBase(config.apiUrl);
  const client = new Client({
    // Interactions arrive without privileged intents; Guilds keeps the gateway session minimal.
    intents: [GatewayIntentBits.Guilds],
    // As many gateway connections as GET /gateway/bot recommends (Discord requires several from 2,500 servers).
    shards: "auto",
    allowedMentions: NO_MENTIONS,
    ...(api ? { rest: { api } } : {}),
  });

  const handle = createInteractionHandler({
    briefing,
    logger,
    rest: client.rest,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const inflight = new Set<Promise<void>>();
  // The interaction's JSON as sent, read by the same handler as interactions over HTTP; the first
  // answer goes back over REST, as the gateway requires.
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    const acknowledge = async (body: unknown) => {
      await client.rest.post(Routes.interactionCallback(raw.id, raw.token), { body, auth: false });
    };
    const task = handle(raw, acknowledge).finally(() => inflight.delete(task));
    inflight.add(task);
  });
  // Without an 'error' listener an EventEmitter error would end the process.
  client.on(Events.Error, (error) =>
    logger.error({ err: errorInfo(error) }, "discord client error"),
  );
  client.on(Events.Warn, (message) => logger.warn(scrub(message)));
  if (logger.isLevelEnabled("trace"))
    client.on(Events.Debug, (message) => logger.trace(scrub(message)));
  client.on(Events.ShardError, (error, shardId) =>
    logger.warn({ err: errorInfo(error), shardId }, "discord gateway connection error"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, "discord gateway disconnected for good"),
  );
  let stopped = false;
  // discord.js reports "reconnecting" on every close, including the one `stop` asks for.
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopped) logger.info({ shardId }, "discord gateway reconnecting");
  });
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, "discord gateway resumed"));
  client.rest.on("rateLimited", (info) =>
    logger.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "discord rate limited",
    ),
  );

  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no READY from the Discord gateway within ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  ready.catch(() => undefined);
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    clearTimeout(timer);
    await client.destroy().catch(() => undefined);
    const info = errorInfo(error);
    const refused =
      /token/i.test(String(info.message)) || info.status === 401 || info.code === "TokenInvalid";
    const where = config.apiUrl ? ` at DISCORD_API_URL (${config.apiUrl})` : "";
    throw new BriefingError(
      "CONFIG_INVALID",
      refused
        ? `Discord refused the bot token${where}: check DISCORD_TOKEN (the bot token from the Discord developer portal)`
        : `could not connect to Discord${where}: ${scrub(String(info.message))}`,
      { cause: error },
    );
  }
  logger.info(
    { user: client.user?.tag, application: client.application?.id ?? config.applicationId },
    "discord connected",
  );

  return {
    client,
    health() {
      const shards = [...client.ws.shards.values()];
      const waiting = shards.filter((shard) => shard.status !== Status.Ready).length;
      if (stopped) return { ok: false, reason: "stopped" };
      if (shards.length === 0 || waiting > 0)
        return {
          ok: false,
          reason: `gateway not ready (${waiting} of ${shards.length} shard(s) connecting)`,
        };
      return { ok: true };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.ws.removeAllListeners(GatewayDispatchEvents.InteractionCreate);
      // Let answers in progress finish (Discord keeps their tokens valid for 15 minutes anyway).
      await Promise.race([
        Promise.allSettled([...inflight]),
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
      await client.destroy();
      logger.info("discord disconnected");
    },
  };
}
