/**
 * A loopback fake of Slack's Web API, of slash-command/action `response_url`s and of Socket Mode,
 * for tests and benchmarks. Nothing here reaches Slack.
 *
 * ```ts
 * const fake = await startFakeSlack({ botToken: "xoxb-test", users: { UADMIN: { is_admin: true } } });
 * fake.apiUrl                 // "http://127.0.0.1:<port>/api/": SLACK_API_URL / clientOptions.slackApiUrl
 * fake.responseUrl("C1")      // a fresh response_url to put in a command or action payload
 * fake.calls                  // every request: { method, body, raw, headers, status, response, at }
 * fake.callsTo("chat.postMessage")
 * await fake.waitFor("chat.postMessage", (c) => c.body.channel === "C1")  // recorded or future
 * fake.messages("C1")         // what is visible in C1, oldest first: text, blocks, metadata, ts…
 * fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 }, { status: 503 },
 *   { error: "channel_not_found" }, { delayMs: 200 })  // one per call, in order, then normal
 * fake.setChannel("C1", { archived: true })  // or { member: false } / { exists: false }
 * fake.setUser("U1", { is_admin: true })
 * fake.reset(); await fake.close();
 * ```
 *
 * Methods answered (Slack-shaped JSON, HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`):
 * `auth.test`, `users.info`, `chat.postMessage` (returns `ts` and `channel`; stores text, blocks,
 * metadata, thread_ts), `chat.postEphemeral`, `conversations.history` (newest first; `metadata`
 * only with `include_all_metadata`), `apps.connections.open` (Socket Mode). Anything else:
 * `unknown_method`. With `botToken` set, other tokens get `invalid_auth`. Bodies are parsed from
 * form encoding (JSON-valued fields such as `blocks` and `metadata` decoded) or JSON.
 *
 * Install to any workspace (optional): with `oauth`, `oauth.v2.access` exchanges each install's
 * one-time code for its bot token (`fake-oauth.ts`); that token then works too, and `auth.test`
 * answers with its workspace's team and bot ids.
 *
 * Rate limit (optional): `rateLimit: { intervalMs: 1000 }` accepts one `chat.postMessage` per
 * channel per interval and answers the rest 429 with `Retry-After` (whole seconds: the remaining
 * wait rounded up, or `rateLimit.retryAfter`). Use small intervals and `retryAfter: 0` to keep
 * tests fast; the Web API client retries 429s by itself.
 *
 * Socket Mode: `apps.connections.open` (with an `xapp-` token) returns `ws://…/socket`; the fake
 * says hello on connect, `fake.socket.send(type, payload)` delivers an envelope and resolves with
 * the client's ack.
 */
import { EventEmitter } from "node:events";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { createFakeOAuth, type FakeOAuthOptions } from "./fake-oauth.ts";

/** One injected misbehaviour, used up by the next call to its method. */
export type Failure =
  /** HTTP 429 with `Retry-After` (seconds, default 1). */
  | { status: 429; retryAfter?: number }
  /** Any other HTTP status (e.g. 500, 503) with an optional body. */
  | { status: number; body?: string }
  /** HTTP 200 with `{ ok: false, error }`, e.g. channel_not_found, not_in_channel, is_archived. */
  | { error: string }
  /** Answer normally, after a pause. */
  | { delayMs: number }
  /** Answer normally once `until` settles: holds a call in flight for as long as a test needs. */
  | { until: Promise<unknown> };

export interface RecordedCall {
  /** The Web API method, or `response_url`, or `socket_ack`. */
  method: string;
  /** The parsed body: form fields (JSON-valued ones decoded) or JSON. */
  body: Record<string, unknown>;
  /** The body as sent. */
  raw: string;
  headers: IncomingHttpHeaders;
  /** The HTTP status, extra headers (e.g. `retry-after`) and JSON the fake answered with. */
  status: number;
  responseHeaders: Record<string, string>;
  response: unknown;
  /** The fake's clock when it arrived. */
  at: number;
  /** For `response_url` calls: the id in the path. */
  responseId?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
  thread_ts?: string;
  /** `chat.postMessage`, or `response_url` for a visible (in_channel) response. */
  via: "chat.postMessage" | "response_url";
  bot_id?: string;
  user?: string;
}

export interface FakeUser {
  name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface ChannelState {
  /** `false`: channel_not_found. */
  exists?: boolean;
  /** `false`: not_in_channel. */
  member?: boolean;
  archived?: boolean;
}

export interface FakeSlackOptions {
  /** When set, Web API calls with another token get `invalid_auth`. */
  botToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  users?: Record<string, FakeUser>;
  rateLimit?: { intervalMs?: number; retryAfter?: number };
  /** The fake's clock (ms), for message timestamps and the rate limit. */
  now?: () => number;
  /** Workspaces that can install the app through `oauth.v2.access`. */
  oauth?: FakeOAuthOptions;
}

export interface FakeSocket {
  /** Resolves once a Socket Mode client has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope (`slash_commands`, `interactive`, `events_api`); resolves with the client's ack. */
  send(
    type: string,
    payload: unknown,
    options?: { acceptsResponsePayload?: boolean; timeoutMs?: number },
  ): Promise<{ envelope_id: string; payload?: Record<string, unknown> }>;
}

export interface FakeSlack {
  /** Web API base, ending in `/`. */
  apiUrl: string;
  /** The server's origin, e.g. `http://127.0.0.1:1234`. */
  origin: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /**
   * How many calls to `method` have arrived, answered or not: a call held by a `delayMs` failure
   * counts from its arrival, where `calls` records it only once it is answered.
   */
  arrived(method: string): number;
  waitFor(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /** A fresh response_url; visible (in_channel) responses to it are stored as messages of `channel`. */
  responseUrl(channel?: string): string;
  messages(channel: string): StoredMessage[];
  /**
   * Stores `count` plain messages from the bot in `channel`, each with its own `ts` as that many
   * `chat.postMessage` calls would get, without the HTTP round trips (not recorded in `calls`):
   * for a test that needs a busy channel.
   */
  chatter(channel: string, count: number): void;
  ephemerals: { channel: string; user: string; text?: string; blocks?: unknown }[];
  failNext(method: string, ...failures: Failure[]): void;
  setChannel(id: string, state: ChannelState): void;
  setUser(id: string, user: FakeUser): void;
  socket: FakeSocket;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = /^\s*[[{]/;

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[key] = value;
  }
  return out;
}

const truthy = (v: unknown) => v === true || v === "true" || v === "1" || v === 1;

/** Enough of Slack's block validation to catch a renderer that breaks a limit. */
function blocksProblem(blocks: unknown): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return "blocks is not an array";
  if (blocks.length > 50) return "more than 50 blocks";
  for (const block of blocks as {
    type?: string;
    text?: { text?: string };
    elements?: unknown[];
  }[]) {
    const text = block.text?.text;
    if (block.type === "header" && (!text || text.length > 150)) return "header text length";
    if (block.type === "section" && (!text || text.length > 3000)) return "section text length";
    if (block.type === "context" && (!block.elements?.length || block.elements.length > 10))
      return "context elements";
  }
  return undefined;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const botUserId = options.botUserId ?? "UBOT";
  const botId = options.botId ?? "BBOT";
  const teamId = options.teamId ?? "T0001";
  const users = new Map<string, FakeUser>(Object.entries(options.users ?? {}));
  const channels = new Map<string, ChannelState>();
  const failures = new Map<string, Failure[]>();
  const messages = new Map<string, StoredMessage[]>();
  const responseChannels = new Map<string, string | undefined>();
  const lastPost = new Map<string, number>();
  const ephemerals: FakeSlack["ephemerals"] = [];
  const calls: RecordedCall[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let seq = 0;
  let responseSeq = 0;
  const oauth = createFakeOAuth(options.oauth);

  const nextTs = () => {
    seq += 1;
    return `${Math.floor(now() / 1000)}.${String(seq).padStart(6, "0")}`;
  };

  const arrivals = new Map<string, number>();
  const record = (call: RecordedCall) => {
    calls.push(call);
    events.emit("call", call);
  };

  const tokenOf = (headers: IncomingHttpHeaders, body: Record<string, unknown>) => {
    const auth = headers.authorization;
    if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length);
    return typeof body.token === "string" ? body.token : undefined;
  };

  const store = (message: StoredMessage) => {
    const list = messages.get(message.channel) ?? [];
    list.push(message);
    messages.set(message.channel, list);
  };

  const channelError = (channel: unknown): string | undefined => {
    if (typeof channel !== "string" || !channel) return "channel_not_found";
    const state = channels.get(channel);
    if (state?.exists === false) return "channel_not_found";
    if (state?.archived) return "is_archived";
    if (state?.member === false) return "not_in_channel";
    return undefined;
  };

  let origin = "";

  /** Answers one Web API method: [HTTP status, JSON body, extra headers]. */
  const answer = (
    method: string,
    body: Record<string, unknown>,
    headers: IncomingHttpHeaders,
  ): [number, unknown, Record<string, string>?] => {
    const token = tokenOf(headers, body);
    if (method === "apps.connections.open") {
      if (!token?.startsWith("xapp-")) return [200, { ok: false, error: "not_allowed_token_type" }];
      return [200, { ok: true, url: `${origin.replace(/^http/, "ws")}/socket` }];
    }
    if (method === "oauth.v2.access") return oauth.access(body);
    if (!token) return [200, { ok: false, error: "not_authed" }];
    const installed = oauth.workspaceOfToken(token);
    if (options.botToken !== undefined && token !== options.botToken && !installed) {
      return [200, { ok: false, error: "invalid_auth" }];
    }
    switch (method) {
      case "auth.test":
        return [
          200,
          {
            ok: true,
            url: "https://fake.slack.test/",
            team: "Fake Team",
            user: "briefing",
            team_id: installed?.teamId ?? teamId,
            user_id: installed?.botUserId ?? botUserId,
            bot_id: installed?.botId ?? botId,
            is_enterprise_install: false,
          },
        ];
      case "users.info": {
        const id = String(body.user ?? "");
        const user = users.get(id);
        if (!user) return [200, { ok: false, error: "user_not_found" }];
        return [
          200,
          {
            ok: true,
            user: {
              id,
              team_id: teamId,
              name: user.name ?? id.toLowerCase(),
              real_name: user.real_name ?? user.name ?? id,
              deleted: user.deleted ?? false,
              is_admin: user.is_admin ?? false,
              is_owner: user.is_owner ?? false,
              is_primary_owner: user.is_primary_owner ?? false,
              is_bot: user.is_bot ?? false,
            },
          },
        ];
      }
      case "chat.postMessage": {
        const channel = body.channel;
        const problem = channelError(channel);
        if (problem) return [200, { ok: false, error: problem }];
        if (!body.text && !body.blocks) return [200, { ok: false, error: "no_text" }];
        const invalid = blocksProblem(body.blocks);
        if (invalid) return [200, { ok: false, error: "invalid_blocks", detail: invalid }];
        const id = channel as string;
        if (options.rateLimit) {
          const interval = options.rateLimit.intervalMs ?? 1000;
          const last = lastPost.get(id);
          const wait = last === undefined ? 0 : last + interval - now();
          if (wait > 0) {
            const retryAfter = options.rateLimit.retryAfter ?? Math.ceil(wait / 1000);
            return [
              429,
              { ok: false, error: "ratelimited" },
              { "retry-after": String(retryAfter) },
            ];
          }
          lastPost.set(id, now());
        }
        const message: StoredMessage = {
          channel: id,
          ts: nextTs(),
          via: "chat.postMessage",
          bot_id: botId,
          user: botUserId,
          ...(typeof body.text === "string" ? { text: body.text } : {}),
          ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
          ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
          ...(typeof body.thread_ts === "string" ? { thread_ts: body.thread_ts } : {}),
        };
        store(message);
        const { via: _via, channel: _c, ...shown } = message;
        return [
          200,
          { ok: true, channel: id, ts: message.ts, message: { type: "message", ...shown } },
        ];
      }
      case "chat.postEphemeral": {
        const problem = channelError(body.channel);
        if (problem) return [200, { ok: false, error: problem }];
        if (!body.user) return [200, { ok: false, error: "user_not_found" }];
        ephemerals.push({
          channel: String(body.channel),
          user: String(body.user),
          ...(typeof body.text === "string" ? { text: body.text } : {}),
          ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
        });
        return [200, { ok: true, message_ts: nextTs() }];
      }
      case "conversations.history": {
        const channel = body.channel;
        const state = typeof channel === "string" ? channels.get(channel) : undefined;
        if (typeof channel !== "string" || state?.exists === false) {
          return [200, { ok: false, error: "channel_not_found" }];
        }
        const withMetadata = truthy(body.include_all_metadata);
        const oldest = body.oldest === undefined ? Number.NEGATIVE_INFINITY : Number(body.oldest);
        const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
        const limit = body.limit === undefined ? 100 : Number(body.limit);
        const inclusive = truthy(body.inclusive);
        const all = (messages.get(channel) ?? [])
          .filter((m) => {
            const ts = Number(m.ts);
            return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
          })
          .reverse();
        // The cursor is an opaque string to clients; here it is the offset of the next page.
        const start = body.cursor === undefined || body.cursor === "" ? 0 : Number(body.cursor);
        const page = all
          .slice(start, start + limit)
          .map(({ via: _via, channel: _c, metadata, ...m }) => ({
            type: "message",
            ...m,
            ...(withMetadata && metadata !== undefined ? { metadata } : {}),
          }));
        const hasMore = all.length > start + page.length;
        return [
          200,
          {
            ok: true,
            messages: page,
            has_more: hasMore,
            response_metadata: { next_cursor: hasMore ? String(start + page.length) : "" },
          },
        ];
      }
      default:
        return [200, { ok: false, error: "unknown_method" }];
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = parseBody(raw, req.headers["content-type"]);
        const path = new URL(req.url ?? "/", "http://fake").pathname;
        const response = path.match(/^\/response\/([^/]+)$/);
        const method = response ? "response_url" : path.replace(/^\/api\//, "");
        arrivals.set(method, (arrivals.get(method) ?? 0) + 1);
        const at = now();
        const send = (status: number, json: unknown, extra: Record<string, string> = {}) => {
          record({
            method,
            body,
            raw,
            headers: req.headers,
            status,
            responseHeaders: extra,
            response: json,
            at,
            ...(response?.[1] ? { responseId: response[1] } : {}),
          });
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...extra });
          res.end(typeof json === "string" ? json : JSON.stringify(json));
        };

        const failure = failures.get(method)?.shift();
        if (failure && "delayMs" in failure) {
          await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
        } else if (failure && "until" in failure) {
          await failure.until;
        } else if (failure && "error" in failure) {
          return send(200, { ok: false, error: failure.error });
        } else if (failure && failure.status === 429) {
          const retryAfter = "retryAfter" in failure ? (failure.retryAfter ?? 1) : 1;
          return send(
            429,
            { ok: false, error: "ratelimited" },
            { "retry-after": String(retryAfter) },
          );
        } else if (failure) {
          return send(failure.status, "body" in failure && failure.body ? failure.body : "");
        }

        if (response) {
          const id = response[1] as string;
          if (!responseChannels.has(id)) return send(404, { ok: false, error: "expired_url" });
          const channel = responseChannels.get(id);
          if (channel && body.response_type === "in_channel") {
            store({
              channel,
              ts: nextTs(),
              via: "response_url",
              ...(typeof body.text === "string" ? { text: body.text } : {}),
              ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
            });
          }
          return send(200, { ok: true });
        }
        if (req.method !== "POST" || !path.startsWith("/api/")) {
          return send(404, { ok: false, error: "not_found" });
        }
        const [status, json, extra] = answer(method, body, req.headers);
        return send(status, json, extra);
      })();
    });
  });

  // Socket Mode
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  let envelopeSeq = 0;
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://fake").pathname !== "/socket") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      ws.on("message", (data) => {
        try {
          const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (ack.envelope_id) events.emit(`ack:${ack.envelope_id}`, ack);
        } catch {
          // ignore what is not JSON
        }
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          connection_info: { app_id: "A0FAKE" },
          debug_info: { host: "fake", approximate_connection_time: 3600 },
        }),
      );
      events.emit("socket");
    });
  });

  const socket: FakeSocket = {
    connected: () =>
      sockets.size > 0
        ? Promise.resolve()
        : new Promise((resolve) => events.once("socket", () => resolve())),
    send(type, payload, opts = {}) {
      const ws = [...sockets].at(-1);
      if (!ws) return Promise.reject(new Error("no Socket Mode client is connected"));
      envelopeSeq += 1;
      const envelopeId = `env-${envelopeSeq}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ack for ${envelopeId} (${type})`)),
          opts.timeoutMs ?? 5000,
        );
        events.once(
          `ack:${envelopeId}`,
          (ack: { envelope_id: string; payload?: Record<string, unknown> }) => {
            clearTimeout(timer);
            record({
              method: "socket_ack",
              body: ack as unknown as Record<string, unknown>,
              raw: JSON.stringify(ack),
              headers: {},
              status: 200,
              responseHeaders: {},
              response: undefined,
              at: now(),
            });
            resolve(ack);
          },
        );
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: opts.acceptsResponsePayload ?? type !== "events_api",
            ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
          }),
        );
      });
    },
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    arrived: (method) => arrivals.get(method) ?? 0,
    waitFor(method, predicate = () => true, timeoutMs = 10_000) {
      const seen = calls.find((c) => c.method === method && predicate(c));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onCall = (call: RecordedCall) => {
          if (call.method !== method || !predicate(call)) return;
          clearTimeout(timer);
          events.off("call", onCall);
          resolve(call);
        };
        const timer = setTimeout(() => {
          events.off("call", onCall);
          reject(new Error(`the fake Slack saw no matching ${method} call within ${timeoutMs} ms`));
        }, timeoutMs);
        events.on("call", onCall);
      });
    },
    responseUrl(channel) {
      responseSeq += 1;
      const id = `R${responseSeq}`;
      responseChannels.set(id, channel);
      return `${origin}/response/${id}`;
    },
    messages: (channel) => [...(messages.get(channel) ?? [])],
    chatter(channel, count) {
      for (let i = 0; i < count; i++) {
        const text = `chatter ${i}`;
        store({
          channel,
          ts: nextTs(),
          via: "chat.postMessage",
          bot_id: botId,
          user: botUserId,
          text,
        });
      }
    },
    ephemerals,
    failNext(method, ...more) {
      failures.set(method, [...(failures.get(method) ?? []), ...more]);
    },
    setChannel(id, state) {
      channels.set(id, { ...channels.get(id), ...state });
    },
    setUser(id, user) {
      users.set(id, { ...users.get(id), ...user });
    },
    socket,
    reset() {
      calls.length = 0;
      arrivals.clear();
      ephemerals.length = 0;
      messages.clear();
      failures.clear();
      lastPost.clear();
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
