/**
 * Sending requests to the adapter exactly as Slack does: form-encoded slash commands and
 * interactivity payloads, JSON event callbacks, each signed with
 * `v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + rawBody)` in `x-slack-signature`, with the
 * timestamp (seconds) in `x-slack-request-timestamp`.
 */
import { createHmac } from "node:crypto";
import { type Agent, type OutgoingHttpHeaders, request } from "node:http";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export function slackSignature(
  secret: string,
  timestamp: number | string,
  rawBody: string,
): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function signedHeaders(
  secret: string,
  rawBody: string,
  options: { timestamp?: number; contentType?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  return {
    "content-type": options.contentType ?? FORM,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, rawBody),
  };
}

/** Form encoding as Slack sends it (`/` as `%2F`, spaces as `+`). */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface SlashCommandFields {
  text: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  response_url: string;
  command?: string;
}

/** A slash command body with every field Slack sends, in Slack's order. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return formBody({
    token: "legacy-verification-token",
    team_id: fields.team_id ?? "T0001",
    team_domain: "fake-team",
    channel_id: fields.channel_id ?? "C0001",
    channel_name: fields.channel_name ?? "partnership",
    user_id: fields.user_id ?? "U0001",
    user_name: fields.user_name ?? "ann",
    command: fields.command ?? "/partnership",
    text: fields.text,
    api_app_id: "A0FAKE",
    is_enterprise_install: "false",
    response_url: fields.response_url,
    trigger_id: "1.2.3",
  });
}

/** An interactivity request: one form field, `payload`, holding JSON. */
export function interactivityBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}

/** A block_actions payload for a button click on a message. */
export function buttonClickPayload(options: {
  actionId: string;
  value: string;
  responseUrl?: string;
  user?: { id: string; name?: string; username?: string };
  channelId?: string;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = options.teamId ?? "T0001";
  const user = options.user ?? { id: "U0001", name: "ann", username: "ann" };
  return {
    type: "block_actions",
    token: "legacy-verification-token",
    api_app_id: "A0FAKE",
    trigger_id: "1.2.3",
    team: { id: teamId, domain: "fake-team" },
    user: { team_id: teamId, ...user },
    container: { type: "message", message_ts: "1700000000.000100", is_ephemeral: true },
    channel: { id: options.channelId ?? "C0001", name: "partnership" },
    ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
    actions: [
      {
        type: "button",
        action_id: options.actionId,
        block_id: "partnership_share_actions",
        value: options.value,
        text: { type: "plain_text", text: "Share in channel" },
        action_ts: "1700000001.000200",
      },
    ],
  };
}

/** An Events API `event_callback` envelope around `event`. */
export function eventCallbackBody(
  event: Record<string, unknown>,
  options: { teamId?: string; eventId?: string } = {},
): string {
  const teamId = options.teamId ?? "T0001";
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0FAKE",
    event,
    type: "event_callback",
    event_id: options.eventId ?? "Ev0001",
    event_time: nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: "UBOT",
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
  });
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/** A plain node:http POST (so benchmarks can pass a keep-alive agent). */
export function post(
  url: string,
  body: string,
  headers: OutgoingHttpHeaders,
  agent?: Agent,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs and posts in one go. */
export function postSigned(
  url: string,
  secret: string,
  body: string,
  options: { contentType?: string; timestamp?: number; agent?: Agent } = {},
): Promise<HttpResult> {
  return post(url, body, signedHeaders(secret, body, options), options.agent);
}
