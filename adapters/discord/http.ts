/**
 * Discord interactions over HTTP: `POST /discord/interactions`, the Interactions Endpoint URL of
 * the application. Each request is checked against `DISCORD_PUBLIC_KEY` (401 otherwise, which
 * Discord itself probes for), a PING is answered with a PONG, and every other interaction goes to
 * the same handler as the gateway's. The first answer is this request's response; edits and
 * follow-ups go over REST. Nothing is kept between requests, so any replica can take any
 * interaction, and no server is tied to one gateway connection.
 *
 * The route mounts on Slack's HTTP server when Slack runs over HTTP, else on a server of its own
 * on `PORT` (`listen`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  Routes,
} from "discord.js";
import type { Briefing, Logger } from "../../src/index.ts";
import { BriefingError } from "../../src/index.ts";
import type { HttpRoute } from "../health/index.ts";
import { serveHealth } from "../health/index.ts";
import type { DiscordConfig } from "./config.ts";
import { createInteractionHandler, errorInfo } from "./handler.ts";
import { createDiscordRest } from "./rest.ts";
import { importDiscordPublicKey, verifyDiscordRequest } from "./signature.ts";

export const INTERACTIONS_PATH = "/discord/interactions";

/**
 * The largest body read. An interaction on a message at Discord's limits (6,000 characters of
 * embeds, five rows of components) is a few tens of KB; this bounds what one request can make us
 * hold, at the price of refusing (413) anything bigger.
 */
const BODY_LIMIT_BYTES = 256 * 1024;

export interface DiscordHttpOptions {
  config: DiscordConfig & { publicKey: string };
  briefing: Briefing;
  logger: Logger;
  /** See `HandlerOptions.deferAfterMs`; default 1500 ms (Discord allows 3 s). */
  deferAfterMs?: number;
  now?: () => Date;
  publicUrl?: string;
}

export interface DiscordHttp {
  /** `POST /discord/interactions`, to mount on Slack's HTTP server. */
  route: HttpRoute;
  /**
   * Checks the bot token (digests and command registration need it), then serves the route on a
   * server of its own when `port` is given. Resolves with the port listened on.
   */
  start(options?: { port?: number }): Promise<{ port?: number }>;
  /** Refuses new interactions (503), lets answers in progress finish, closes its own server. */
  stop(): Promise<void>;
  health(): { ok: boolean; reason?: string };
}

/** A body Bolt's request guard already buffered (Slack's server), else the stream, bounded. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const buffered: unknown = Reflect.get(req, "rawBody");
  if (Buffer.isBuffer(buffered))
    return Promise.resolve(buffered.length > BODY_LIMIT_BYTES ? undefined : buffered);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client gets its 413 rather than a reset.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > BODY_LIMIT_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const isInteraction = (value: unknown): value is APIInteraction =>
  typeof value === "object" &&
  value !== null &&
  typeof Reflect.get(value, "type") === "number" &&
  typeof Reflect.get(value, "id") === "string" &&
  typeof Reflect.get(value, "token") === "string" &&
  typeof Reflect.get(value, "application_id") === "string";

function parse(body: Buffer): APIInteraction | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return isInteraction(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body?: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.writableEnded || res.destroyed) {
      reject(new Error("the interaction's HTTP request is already closed"));
      return;
    }
    res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body), () => resolve());
  });
}

export function createDiscordHttp(options: DiscordHttpOptions): DiscordHttp {
  const { config } = options;
  const logger = options.logger.child({ adapter: "discord", transport: "http" });
  const key = importDiscordPublicKey(config.publicKey);
  const rest = createDiscordRest(config);
  const handle = createInteractionHandler({
    briefing: options.briefing,
    logger,
    rest,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  let ownServer: { stop(): Promise<void> } | undefined;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (stopped) return send(res, 503);
    const body = await readBody(req);
    if (!body) return send(res, 413);
    const verdict = verifyDiscordRequest(key, req.headers, body);
    if (!verdict.ok) {
      logger.info({ reason: verdict.reason }, "refused a Discord request: signature check failed");
      return send(res, 401);
    }
    const interaction = parse(body);
    if (!interaction) return send(res, 400);
    if (interaction.type === InteractionType.Ping) {
      return send(res, 200, { type: InteractionResponseType.Pong });
    }
    const acknowledge = (response: APIInteractionResponse) => send(res, 200, response);
    const task = handle(interaction, acknowledge)
      .then(async () => {
        if (res.headersSent) return;
        // The handler chose not to answer (a component we did not write): acknowledge a
        // component without changing its message, refuse anything else.
        const component = interaction.type === InteractionType.MessageComponent;
        await send(
          res,
          component ? 200 : 400,
          component ? { type: InteractionResponseType.DeferredMessageUpdate } : undefined,
        );
      })
      .catch((error: unknown) =>
        logger.warn({ err: errorInfo(error) }, "discord interaction over HTTP ended badly"),
      )
      .finally(() => inflight.delete(task));
    inflight.add(task);
  }

  const route: HttpRoute = {
    path: INTERACTIONS_PATH,
    method: "POST",
    handler: (req, res) => {
      serve(req, res).catch(() => {
        if (!res.headersSent) send(res, 400).catch(() => undefined);
      });
    },
  };

  return {
    route,
    async start({ port } = {}) {
      try {
        await rest.get(Routes.user());
      } catch (error) {
        const info = errorInfo(error);
        const where = config.apiUrl ? ` at DISCORD_API_URL (${config.apiUrl})` : "";
        throw new BriefingError(
          "CONFIG_INVALID",
          info.status === 401
            ? `Discord refused the bot token${where}: check DISCORD_TOKEN (the bot token from the Discord developer portal)`
            : `could not reach Discord${where}: ${String(info.message).split(config.token).join("[redacted]")}`,
          { cause: error },
        );
      }
      if (port === undefined) {
        logger.info({ path: INTERACTIONS_PATH }, "discord interactions over HTTP, on Slack's port");
        return {};
      }
      const server = await serveHealth(port, [route]).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        throw new BriefingError("CONFIG_INVALID", `PORT ${port}: ${message}`, { cause: error });
      });
      ownServer = server;
      logger.info({ port: server.port, path: INTERACTIONS_PATH }, "discord interactions over HTTP");
      return { port: server.port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Let answers in progress finish (Discord keeps their tokens valid for 15 minutes anyway).
      await Promise.race([
        Promise.allSettled([...inflight]),
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
      await ownServer?.stop();
      logger.info("discord interactions over HTTP stopped");
    },
    health: () => (stopped ? { ok: false, reason: "stopped" } : { ok: true }),
  };
}
