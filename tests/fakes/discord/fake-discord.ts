/**
 * A fake Discord on loopback: REST (node:http) and the gateway (a `ws` WebSocket server) on one
 * port of 127.0.0.1, enough for the real discord.js 14 Client and @discordjs/rest to log in,
 * receive interactions and answer them, and for delivery code to post channel messages.
 *
 * ## Use
 *
 * ```ts
 * const fake = await startFakeDiscord();            // options: FakeDiscordOptions
 * // point the code under test at it: DISCORD_API_URL / DiscordConfig.apiUrl = fake.apiUrl,
 * // DISCORD_TOKEN = fake.token, DISCORD_APPLICATION_ID = fake.applicationId
 * await fake.waitForSession();                      // a client identified and got READY
 * const ask = fake.slash({ command: "partnership", subcommand: "ask", options: { query: "stargate" } });
 * const callback = await ask.response();            // the POST …/callback body: { type, data }
 * const edit = await ask.edit();                    // a PATCH of @original (after a deferral)
 * fake.failNext("POST /channels/:channelId/messages", [{ status: 429, retryAfter: 0.05 }, { status: 503 }]);
 * await fake.close();
 * ```
 *
 * ## REST (base `fake.apiUrl` = `http://127.0.0.1:<port>/api`; clients add `/v10`)
 *
 * - `GET /gateway/bot`: `{ url: fake.gatewayUrl, shards, session_start_limit }`, `shards` from the
 *   option (default 1), and as many may identify at once (`max_concurrency`).
 * - `GET /users/@me`: the bot user.
 * - `PUT|GET /applications/:app/commands` and `/applications/:app/guilds/:guild/commands`: bulk
 *   overwrite and list; every PUT is kept in `registrations` (scope, guild, body).
 * - `POST /interactions/:id/:token/callback`: kept in `callbacks`; 204, or the callback response
 *   with `?with_response=true`. Unknown interaction: 404 code 10062; a second acknowledgement:
 *   400 code 40060, as Discord answers.
 * - `GET|PATCH|DELETE /webhooks/:app/:token/messages/:message` (`@original` included) and
 *   `POST /webhooks/:app/:token`: edits and follow-ups, kept in `webhookCalls`.
 * - `POST /channels/:channel/messages`: kept in `channelMessages` (one entry per message created)
 *   and returns the message with its id. With `nonce` and `enforce_nonce: true`, a nonce seen in
 *   that channel within `nonceWindowMs` (default 5 min) returns the same message again instead of
 *   posting twice. `GET /channels/:channel/messages?limit=n`: the latest messages, newest first,
 *   without their nonces (Discord returns a nonce only in the create response); with
 *   `after=<id>`, the oldest `limit` messages after that id, still newest first.
 * - Every other route: 404 code 0. Routes other than interaction callbacks and webhooks need
 *   `Authorization: Bot <token>`, else 401.
 *
 * Every request is kept in `requests` (method, path, route template, params, query, body, status).
 *
 * ## Failures and rate limits
 *
 * - `failNext(route, failures)`: the next requests matching `route` (a template such as
 *   `"POST /channels/:channelId/messages"`, or a concrete `"POST /channels/42/messages"`) answer
 *   the given failures in order: `{ status: 429, retryAfter?: seconds, global? }` (Retry-After header,
 *   fractional seconds allowed here, and JSON `retry_after`), `{ status: 503 }` (or any 5xx),
 *   `{ status: 403 }` (code 50001 Missing Access), `{ status: 404 }` (code 10003 Unknown Channel),
 *   each with optional `code`/`message`. `commit: true` makes the request take effect before the
 *   failure is answered: a message is posted but the client sees an error, as after a lost response.
 * - `channelRateLimit: { messages, perMs }` (option, or `setChannelRateLimit`): at most that many
 *   messages per channel in any `perMs` window; beyond it, 429 with Retry-After and `retry_after`.
 *   Successful posts carry X-RateLimit-* headers (bucket, limit, remaining, reset-after) like
 *   Discord's unless `rateLimitHeaders: false`, so a well-behaved client waits instead of hitting 429.
 *
 * ## Gateway (`fake.gatewayUrl`, the `url` of GET /gateway/bot)
 *
 * Sends HELLO (op 10) on connect, acknowledges heartbeats (op 1 -> op 11), answers IDENTIFY (op 2)
 * with READY (user, guilds [], session_id, resume_gateway_url, application {id, flags}) when the
 * token matches (else closes with 4004), answers RESUME (op 6) with RESUMED. JSON only, no
 * compression. `dispatch(t, d)` sends an event to every ready session; `slash`, `autocomplete` and
 * `click` build an INTERACTION_CREATE (payloads.ts), dispatch it, and return handles that wait
 * for the answer.
 *
 * ## Interactions over HTTP
 *
 * `track(payload)` knows an interaction without dispatching it; `acknowledge(id, token, body)`
 * takes a body as its callback (the HTTP response, for interactions POSTed to the bot), so its
 * webhook edits and follow-ups work as above. `http-sender.ts` signs and POSTs them (`sign.ts`).
 *
 * This file is over 400 lines because it is one fake server: REST routes, the gateway and the
 * interaction bookkeeping they share; payloads, signing and the HTTP sender live beside it.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import {
  autocompleteInteraction,
  buttonInteraction,
  type CommandInvocation,
  chatInputInteraction,
  type FakeUser,
  type InteractionContext,
  type Json,
  messagePayload,
  selectInteraction,
  snowflake,
  userPayload,
} from "./payloads.ts";

export type FakeFailure = (
  | { status: 429; retryAfter?: number; global?: boolean }
  | { status: 403 | 404 | 400 | 401 | 500 | 502 | 503 | 504 }
) & {
  code?: number;
  message?: string;
  /** Apply the request (post the message) before answering with the failure. */
  commit?: boolean;
};

export interface FakeDiscordOptions {
  /** The bot token clients must present (`Authorization: Bot <token>`, IDENTIFY `token`). */
  token?: string;
  applicationId?: string;
  botUser?: Partial<FakeUser>;
  /** HELLO's heartbeat_interval in ms (Discord: 41250). */
  heartbeatIntervalMs?: number;
  channelRateLimit?: { messages: number; perMs: number };
  rateLimitHeaders?: boolean;
  nonceWindowMs?: number;
  /** The clock for nonce windows and rate limits; default `Date.now`. */
  now?: () => number;
  /** The shard count GET /gateway/bot recommends (default 1); as many may identify at once. */
  shards?: number;
}

export interface CapturedRequest {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/42/messages`. */
  path: string;
  /** The matched route template, e.g. `POST /channels/:channelId/messages`; `""` if none. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  authorized: boolean;
  status: number;
  at: number;
}

export interface CallbackRecord {
  interactionId: string;
  token: string;
  body: { type: number; data?: Json };
}

export interface WebhookCall {
  method: string;
  token: string;
  /** `@original`, a message id, or undefined for a follow-up POST. */
  messageId?: string;
  body: Json;
}

export interface Registration {
  scope: "global" | "guild";
  guildId?: string;
  body: Json[];
}

export interface PostedMessage {
  channelId: string;
  body: Json;
  message: Json;
  at: number;
}

export interface GatewaySession {
  id: string;
  identify?: Json;
  ready: boolean;
  heartbeats: number;
  socket: WebSocket;
  seq: number;
}

interface InteractionState {
  payload: Json;
  token: string;
  acknowledged: boolean;
  channelId: string;
  original?: Json;
}

/** A dispatched interaction: its payload and waits for what the client answers. */
export interface InteractionHandle {
  id: string;
  token: string;
  payload: Json;
  /** The interaction callback (POST …/callback) body. */
  response(timeoutMs?: number): Promise<CallbackRecord["body"]>;
  /** The first edit of @original (PATCH), e.g. after a deferral. */
  edit(timeoutMs?: number): Promise<Json>;
  /** The message @original now holds (after the response and any edits). */
  original(): Json | undefined;
}

export interface InteractionOptions {
  user?: FakeUser;
  /** Default the fake's guild; `null` for a direct message with the bot. */
  guildId?: string | null;
  channelId?: string;
  /** The member's permissions (guild only): see MEMBER_PERMISSIONS / MANAGER_PERMISSIONS. */
  permissions?: string;
}

type Handler = (req: RouteRequest) => RouteResult | Promise<RouteResult>;

interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  /** For routes where a failure has `commit: true`: run the effect, then answer the failure. */
  committing: boolean;
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  segments: string[];
  auth: boolean;
  handler: Handler;
}

export const DEFAULT_GUILD_ID = "300000000000000003";
export const DEFAULT_CHANNEL_ID = "400000000000000004";
export const DEFAULT_USER: FakeUser = {
  id: "200000000000000002",
  username: "alice",
  global_name: "Alice",
};

const FAILURE_BODIES: Record<number, { code: number; message: string }> = {
  400: { code: 50035, message: "Invalid Form Body" },
  401: { code: 0, message: "401: Unauthorized" },
  403: { code: 50001, message: "Missing Access" },
  404: { code: 10003, message: "Unknown Channel" },
  429: { code: 0, message: "You are being rate limited." },
};

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guildId = DEFAULT_GUILD_ID;
  readonly channelId = DEFAULT_CHANNEL_ID;

  /** Every REST request, in arrival order. */
  readonly requests: CapturedRequest[] = [];
  readonly callbacks: CallbackRecord[] = [];
  readonly webhookCalls: WebhookCall[] = [];
  readonly registrations: Registration[] = [];
  /** Messages created in channels (a repeated nonce adds nothing). */
  readonly channelMessages: PostedMessage[] = [];
  readonly sessions: GatewaySession[] = [];

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly routes: Route[] = [];
  private readonly failures = new Map<string, FakeFailure[]>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, string>();
  // Indexes for the waits of InteractionHandle (the arrays above are for tests to read).
  private readonly callbackById = new Map<string, CallbackRecord>();
  private readonly editByToken = new Map<string, Json>();
  private readonly commands = new Map<string, Json[]>();
  private readonly nonces = new Map<string, { message: Json; at: number }>();
  private readonly recentPosts = new Map<string, number[]>();
  private readonly waiters = new Set<() => void>();
  private readonly options: FakeDiscordOptions;
  private readonly now: () => number;
  private rateLimit: { messages: number; perMs: number } | undefined;
  private port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.options = options;
    this.token = options.token ?? "fake.bot-token.0123456789abcdef";
    this.applicationId = options.applicationId ?? "100000000000000001";
    this.botUser = {
      id: options.botUser?.id ?? this.applicationId,
      username: options.botUser?.username ?? "partnership-bot",
      global_name: options.botUser?.global_name ?? null,
      bot: true,
    };
    this.now = options.now ?? Date.now;
    this.rateLimit = options.channelRateLimit;
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (req, socket, head) => {
      if (!(req.url ?? "").startsWith("/gateway")) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    this.defineRoutes();
  }

  async listen(): Promise<this> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** REST base to give clients (DISCORD_API_URL); they append `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The next requests on `route` answer these failures, in order. */
  failNext(route: string, failures: readonly FakeFailure[]): void {
    const queue = this.failures.get(route) ?? [];
    queue.push(...failures);
    this.failures.set(route, queue);
  }

  setChannelRateLimit(limit: { messages: number; perMs: number } | undefined): void {
    this.rateLimit = limit;
  }

  /** Commands registered now, globally or in one guild. */
  commandsFor(guildId?: string): Json[] {
    return this.commands.get(guildId ?? "global") ?? [];
  }

  /**
   * Stores `count` plain messages from the bot in the channel, each with its own id as that many
   * `POST /channels/:channelId/messages` would get, without the HTTP round trips (not recorded in
   * `requests`): for a test that needs a busy channel.
   */
  chatter(channelId: string, count: number): void {
    for (let i = 0; i < count; i++) {
      const body = { content: `chatter ${i}`, allowed_mentions: { parse: [] } };
      const message = this.message(channelId, body);
      this.channelMessages.push({ channelId, body, message, at: this.now() });
    }
  }

  /**
   * Every body that carries message content: interaction responses of type 4 and 7, webhook edits
   * and follow-ups, channel messages. Each must set `allowed_mentions`.
   */
  messagePayloads(): Json[] {
    const out: Json[] = [];
    for (const c of this.callbacks)
      if ((c.body.type === 4 || c.body.type === 7) && c.body.data) out.push(c.body.data);
    for (const w of this.webhookCalls)
      if (w.method === "PATCH" || w.method === "POST") out.push(w.body);
    for (const m of this.channelMessages) out.push(m.body);
    return out;
  }

  /** Resolves with `check()`'s first defined value, re-checked after every request and gateway message. */
  async waitFor<T>(check: () => T | undefined, timeoutMs = 10_000, what = "condition"): Promise<T> {
    const first = check();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves once a client has identified and received READY. */
  waitForSession(timeoutMs = 15_000): Promise<GatewaySession> {
    return this.waitFor(() => this.sessions.find((s) => s.ready), timeoutMs, "a READY session");
  }

  /** Sends a dispatch event to every ready session; returns how many received it. */
  dispatch(t: string, d: unknown): number {
    let sent = 0;
    for (const session of this.sessions) {
      if (!session.ready || session.socket.readyState !== session.socket.OPEN) continue;
      session.seq++;
      session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
      sent++;
    }
    return sent;
  }

  /** Dispatches an INTERACTION_CREATE built elsewhere (payloads.ts) and tracks its answers. */
  sendInteraction(payload: Json): InteractionHandle {
    const handle = this.track(payload);
    if (this.dispatch("INTERACTION_CREATE", payload) === 0) {
      throw new Error("fake Discord: no ready gateway session to dispatch the interaction to");
    }
    return handle;
  }

  /**
   * Knows an interaction without dispatching it (one sent over HTTP, see http-sender.ts): its
   * callback, webhook edits and follow-ups are then answered and kept as for a dispatched one.
   */
  track(payload: Json): InteractionHandle {
    const id = String(payload.id);
    const token = String(payload.token);
    this.interactions.set(id, {
      payload,
      token,
      acknowledged: false,
      channelId: String(payload.channel_id ?? DEFAULT_CHANNEL_ID),
    });
    this.byToken.set(token, id);
    return {
      id,
      token,
      payload,
      response: (timeoutMs = 10_000) =>
        this.waitFor(
          () => this.callbackById.get(id)?.body,
          timeoutMs,
          `the callback of interaction ${id}`,
        ),
      edit: (timeoutMs = 10_000) =>
        this.waitFor(
          () => this.editByToken.get(token),
          timeoutMs,
          `an edit of interaction ${id}'s reply`,
        ),
      original: () => this.interactions.get(id)?.original,
    };
  }

  private context(options: InteractionOptions): InteractionContext {
    const guildId = options.guildId === null ? undefined : (options.guildId ?? this.guildId);
    const user = options.user ?? DEFAULT_USER;
    return {
      applicationId: this.applicationId,
      user,
      channelId: options.channelId ?? (guildId ? this.channelId : `dm-${user.id}`),
      ...(guildId ? { guildId } : {}),
      ...(options.permissions ? { permissions: options.permissions } : {}),
    };
  }

  private commandIdOf(name: string, guildId: string | undefined): string | undefined {
    const all = [...this.commandsFor(guildId), ...this.commandsFor()];
    return all.find((c) => c.name === name)?.id as string | undefined;
  }

  /** A slash command, dispatched. */
  slash(invocation: CommandInvocation, options: InteractionOptions = {}): InteractionHandle {
    const ctx = this.context(options);
    const commandId = invocation.commandId ?? this.commandIdOf(invocation.command, ctx.guildId);
    return this.sendInteraction(
      chatInputInteraction(ctx, { ...invocation, ...(commandId ? { commandId } : {}) }),
    );
  }

  /** An autocomplete request for `invocation.focused`, dispatched. */
  autocomplete(invocation: CommandInvocation, options: InteractionOptions = {}): InteractionHandle {
    return this.sendInteraction(autocompleteInteraction(this.context(options), invocation));
  }

  /** A click on the button `customId` of the message that answered `on`, dispatched. */
  click(
    on: InteractionHandle,
    customId: string,
    options: InteractionOptions = {},
  ): InteractionHandle {
    const message = on.original();
    if (!message) throw new Error(`fake Discord: interaction ${on.id} has no message to click on`);
    return this.sendInteraction(buttonInteraction(this.context(options), customId, message));
  }

  /** A pick of `values` in the select menu `customId` of the message that answered `on`, dispatched. */
  select(
    on: InteractionHandle,
    customId: string,
    values: readonly string[],
    options: InteractionOptions = {},
  ): InteractionHandle {
    const message = on.original();
    if (!message) throw new Error(`fake Discord: interaction ${on.id} has no message to pick in`);
    return this.sendInteraction(
      selectInteraction(this.context(options), customId, values, message),
    );
  }

  /**
   * Takes `body` as the interaction's callback (POST …/callback, or the HTTP response to an
   * interaction sent over HTTP): kept in `callbacks`, and the reply message it makes. A refusal
   * is returned as Discord answers it.
   */
  acknowledge(
    interactionId: string,
    token: string,
    body: CallbackRecord["body"],
  ): RouteResult | undefined {
    const state = this.interactions.get(interactionId);
    if (!state || state.token !== token) {
      return { status: 404, body: { message: "Unknown interaction", code: 10062 } };
    }
    if (state.acknowledged) {
      return {
        status: 400,
        body: { message: "Interaction has already been acknowledged.", code: 40060 },
      };
    }
    state.acknowledged = true;
    const record = { interactionId, token, body };
    this.callbacks.push(record);
    this.callbackById.set(interactionId, record);
    const data = body.data ?? {};
    if (body.type === 4) {
      state.original = this.message(state.channelId, data, { type: 20 });
    } else if (body.type === 5) {
      // "The application is thinking…": a loading message (flag 128) until edited.
      const flags = (typeof data.flags === "number" ? data.flags : 0) | 128;
      state.original = this.message(state.channelId, { flags }, { type: 20 });
    }
    this.notify();
    return undefined;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- REST ----------------------------------------------------------------------------------

  private route(method: string, template: string, handler: Handler, auth = true): void {
    this.routes.push({ method, template, segments: template.split("/").slice(1), auth, handler });
  }

  private match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | undefined {
    const parts = path.split("/").slice(1);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((seg, i) => {
        const part = decodeURIComponent(parts[i] as string);
        if (seg.startsWith(":")) {
          params[seg.slice(1)] = part;
          return true;
        }
        return seg === part;
      });
      if (ok) return { route, params };
    }
    return undefined;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const versioned = /^\/api\/v\d+(\/.*)$/.exec(url.pathname);
    const path = versioned?.[1] ?? url.pathname;
    const found = versioned ? this.match(method, path) : undefined;
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    const record: CapturedRequest = {
      method,
      path,
      route: found ? `${method} ${found.route.template}` : "",
      params: found?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      body,
      authorized,
      status: 0,
      at: this.now(),
    };

    let result: RouteResult;
    try {
      if (!found) {
        result = { status: 404, body: { message: "404: Not Found", code: 0 } };
      } else if (found.route.auth && !authorized) {
        result = { status: 401, body: FAILURE_BODIES[401] };
      } else {
        const failure = this.takeFailure(record.route, `${method} ${path}`);
        const request: RouteRequest = {
          params: found.params,
          query: url.searchParams,
          body: (body ?? {}) as Json,
          committing: failure?.commit === true,
        };
        if (failure && !failure.commit) {
          result = this.failureResult(failure);
        } else {
          result = await found.route.handler(request);
          if (failure) result = this.failureResult(failure);
        }
      }
    } catch (error) {
      result = { status: 500, body: { message: String(error), code: 0 } };
    }
    record.status = result.status;
    this.requests.push(record);
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers["content-type"] = "application/json";
    res.writeHead(result.status, headers);
    res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
    this.notify();
  }

  private takeFailure(route: string, concrete: string): FakeFailure | undefined {
    for (const key of [concrete, route]) {
      const queue = this.failures.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  private failureResult(failure: FakeFailure): RouteResult {
    const base = FAILURE_BODIES[failure.status] ?? { code: 0, message: "Service Unavailable" };
    const payload: Json = {
      message: failure.message ?? base.message,
      code: failure.code ?? base.code,
    };
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 0.05;
      payload.retry_after = retryAfter;
      payload.global = failure.global ?? false;
      return {
        status: 429,
        body: payload,
        headers: {
          "retry-after": String(retryAfter),
          "x-ratelimit-scope": failure.global ? "global" : "user",
          ...(failure.global ? { "x-ratelimit-global": "true" } : {}),
        },
      };
    }
    return { status: failure.status, body: payload };
  }

  private interactionByToken(token: string): InteractionState | undefined {
    const id = this.byToken.get(token);
    return id ? this.interactions.get(id) : undefined;
  }

  private message(
    channelId: string,
    body: Json,
    extra: Partial<Parameters<typeof messagePayload>[0]> = {},
  ): Json {
    return messagePayload({
      id: snowflake(this.now()),
      channelId,
      author: this.botUser,
      body,
      applicationId: this.applicationId,
      at: this.now(),
      ...extra,
    });
  }

  private defineRoutes(): void {
    this.route("GET", "/gateway/bot", () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: this.options.shards ?? 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: this.options.shards ?? 1,
        },
      },
    }));
    this.route("GET", "/gateway", () => ({ status: 200, body: { url: this.gatewayUrl } }), false);
    this.route("GET", "/users/@me", () => ({ status: 200, body: userPayload(this.botUser) }));

    const putCommands = (req: RouteRequest): RouteResult => {
      if (req.params.applicationId !== this.applicationId) {
        return { status: 403, body: { message: "Missing Access", code: 50001 } };
      }
      const body = Array.isArray(req.body) ? (req.body as Json[]) : [];
      const guildId = req.params.guildId;
      this.registrations.push({
        scope: guildId ? "guild" : "global",
        ...(guildId ? { guildId } : {}),
        body,
      });
      const stored = body.map((c) => ({
        ...c,
        id: snowflake(this.now()),
        application_id: this.applicationId,
        version: snowflake(this.now()),
        ...(guildId ? { guild_id: guildId } : {}),
      }));
      this.commands.set(guildId ?? "global", stored);
      return { status: 200, body: stored };
    };
    const getCommands = (req: RouteRequest): RouteResult => ({
      status: 200,
      body: this.commandsFor(req.params.guildId),
    });
    this.route("PUT", "/applications/:applicationId/commands", putCommands);
    this.route("GET", "/applications/:applicationId/commands", getCommands);
    this.route("PUT", "/applications/:applicationId/guilds/:guildId/commands", putCommands);
    this.route("GET", "/applications/:applicationId/guilds/:guildId/commands", getCommands);

    this.route(
      "POST",
      "/interactions/:interactionId/:token/callback",
      (req) => {
        const { interactionId, token } = req.params as { interactionId: string; token: string };
        const refused = this.acknowledge(interactionId, token, req.body as CallbackRecord["body"]);
        if (refused) return refused;
        const state = this.interactions.get(interactionId) as InteractionState;
        const body = req.body as CallbackRecord["body"];
        const data = body.data ?? {};
        if (req.query.get("with_response") === "true") {
          return {
            status: 200,
            body: {
              interaction: {
                id: interactionId,
                type: state.payload.type,
                activity_instance_id: null,
                response_message_id: state.original?.id ?? null,
                response_message_loading: body.type === 5,
                response_message_ephemeral: (((data.flags as number | undefined) ?? 0) & 64) !== 0,
              },
              resource: { type: body.type, ...(state.original ? { message: state.original } : {}) },
            },
          };
        }
        return { status: 204 };
      },
      false,
    );

    const webhookMessage =
      (method: string) =>
      (req: RouteRequest): RouteResult => {
        const { token, messageId } = req.params as { token: string; messageId: string };
        const state = this.interactionByToken(token);
        if (!state) return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
        if (method !== "GET") this.webhookCalls.push({ method, token, messageId, body: req.body });
        if (method === "PATCH" && !this.editByToken.has(token))
          this.editByToken.set(token, req.body);
        if (messageId !== "@original") {
          return { status: 404, body: { message: "Unknown Message", code: 10008 } };
        }
        if (!state.acknowledged || !state.original) {
          return { status: 404, body: { message: "Unknown Message", code: 10008 } };
        }
        if (method === "DELETE") {
          state.original = undefined;
          return { status: 204 };
        }
        if (method === "PATCH") {
          const previous = state.original;
          const merged: Json = { ...previous, flags: (previous.flags as number) & ~128 };
          for (const key of ["content", "embeds", "components"]) {
            if (key in req.body) merged[key] = req.body[key];
          }
          merged.edited_timestamp = new Date(this.now()).toISOString();
          state.original = merged;
        }
        return { status: 200, body: state.original };
      };
    this.route(
      "GET",
      "/webhooks/:applicationId/:token/messages/:messageId",
      webhookMessage("GET"),
      false,
    );
    this.route(
      "PATCH",
      "/webhooks/:applicationId/:token/messages/:messageId",
      webhookMessage("PATCH"),
      false,
    );
    this.route(
      "DELETE",
      "/webhooks/:applicationId/:token/messages/:messageId",
      webhookMessage("DELETE"),
      false,
    );
    this.route(
      "POST",
      "/webhooks/:applicationId/:token",
      (req) => {
        const state = this.interactionByToken(req.params.token as string);
        if (!state) return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
        this.webhookCalls.push({
          method: "POST",
          token: req.params.token as string,
          body: req.body,
        });
        const message = this.message(state.channelId, req.body, { type: 20 });
        return { status: 200, body: message };
      },
      false,
    );

    this.route("POST", "/channels/:channelId/messages", (req) => this.postMessage(req));
    this.route("GET", "/channels/:channelId/messages", (req) => {
      const limit = Math.min(100, Number(req.query.get("limit") ?? 50) || 50);
      const after = req.query.get("after");
      let inChannel = this.channelMessages.filter((m) => m.channelId === req.params.channelId);
      // Like Discord: with `after`, the oldest `limit` messages after that id; else the latest.
      if (after !== null) {
        inChannel = inChannel
          .filter((m) => BigInt(m.message.id as string) > BigInt(after))
          .slice(0, limit);
      }
      const messages = inChannel
        // Like Discord, a listed message does not carry its nonce (only the create response does).
        .map(({ message: { nonce: _nonce, ...rest } }) => rest)
        .reverse()
        .slice(0, limit);
      return { status: 200, body: messages };
    });
  }

  private postMessage(req: RouteRequest): RouteResult {
    const channelId = req.params.channelId as string;
    const now = this.now();
    const headers: Record<string, string> = {};
    const limit = this.rateLimit;
    if (limit && !req.committing) {
      const recent = (this.recentPosts.get(channelId) ?? []).filter((t) => now - t < limit.perMs);
      this.recentPosts.set(channelId, recent);
      if (recent.length >= limit.messages) {
        const retryAfter = Math.max(0.001, (limit.perMs - (now - (recent[0] as number))) / 1000);
        return {
          status: 429,
          body: {
            message: "You are being rate limited.",
            retry_after: retryAfter,
            global: false,
            code: 20028,
          },
          headers: {
            "retry-after": retryAfter.toFixed(3),
            "x-ratelimit-scope": "user",
            "x-ratelimit-limit": String(limit.messages),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset-after": retryAfter.toFixed(3),
            "x-ratelimit-bucket": "fake-channel-messages",
          },
        };
      }
    }
    const body = req.body;
    const nonce = body.nonce;
    const window = this.options.nonceWindowMs ?? 5 * 60 * 1000;
    if (body.enforce_nonce === true && (typeof nonce === "string" || typeof nonce === "number")) {
      const key = `${channelId}:${nonce}`;
      const seen = this.nonces.get(key);
      if (seen && now - seen.at < window) return { status: 200, body: seen.message };
    }
    const message = this.message(channelId, body);
    this.channelMessages.push({ channelId, body, message, at: now });
    if (body.enforce_nonce === true && (typeof nonce === "string" || typeof nonce === "number")) {
      this.nonces.set(`${channelId}:${nonce}`, { message, at: now });
    }
    if (limit) {
      const recent = this.recentPosts.get(channelId) ?? [];
      recent.push(now);
      this.recentPosts.set(channelId, recent);
      if (this.options.rateLimitHeaders !== false) {
        const remaining = Math.max(0, limit.messages - recent.length);
        const resetAfter = (limit.perMs - (now - (recent[0] as number))) / 1000;
        Object.assign(headers, {
          "x-ratelimit-limit": String(limit.messages),
          "x-ratelimit-remaining": String(remaining),
          "x-ratelimit-reset-after": resetAfter.toFixed(3),
          "x-ratelimit-reset": ((now + resetAfter * 1000) / 1000).toFixed(3),
          "x-ratelimit-bucket": "fake-channel-messages",
        });
      }
    }
    return { status: 200, body: message, headers };
  }

  // ---- Gateway -------------------------------------------------------------------------------

  private onSocket(socket: WebSocket): void {
    const session: GatewaySession = {
      id: snowflake(this.now()),
      ready: false,
      heartbeats: 0,
      socket,
      seq: 0,
    };
    this.sessions.push(session);
    const send = (payload: Json) => socket.send(JSON.stringify(payload));
    send({
      op: 10,
      d: {
        heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250,
        _trace: ["fake-gateway"],
      },
      s: null,
      t: null,
    });
    socket.on("message", (data) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(String(data));
      } catch {
        socket.close(4002, "Error while decoding payload.");
        return;
      }
      switch (payload.op) {
        case 1:
          session.heartbeats++;
          send({ op: 11 });
          break;
        case 2: {
          const identify = (payload.d ?? {}) as Json;
          session.identify = { ...identify, token: "[redacted]" };
          if (identify.token !== this.token) {
            socket.close(4004, "Authentication failed.");
            break;
          }
          session.seq++;
          send({
            op: 0,
            t: "READY",
            s: session.seq,
            d: {
              v: 10,
              user: userPayload(this.botUser),
              guilds: [],
              session_id: session.id,
              resume_gateway_url: this.gatewayUrl,
              shard: identify.shard ?? [0, 1],
              application: { id: this.applicationId, flags: 0 },
              private_channels: [],
              presences: [],
              relationships: [],
              user_settings: {},
              geo_ordered_rtc_regions: [],
              guild_join_requests: [],
              _trace: ["fake-gateway"],
            },
          });
          session.ready = true;
          break;
        }
        case 6: {
          const resume = (payload.d ?? {}) as Json;
          const previous = this.sessions.find((s) => s.id === resume.session_id);
          if (resume.token !== this.token || !previous) {
            send({ op: 9, d: false });
            break;
          }
          session.id = previous.id;
          session.seq = previous.seq;
          session.ready = true;
          session.seq++;
          send({ op: 0, t: "RESUMED", s: session.seq, d: { _trace: ["fake-gateway"] } });
          break;
        }
        default:
          break;
      }
      this.notify();
    });
    socket.on("close", () => {
      session.ready = false;
      this.notify();
    });
  }
}

/** Starts a fake Discord on 127.0.0.1 with a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}
