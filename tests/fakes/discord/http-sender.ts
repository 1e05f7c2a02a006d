/**
 * Discord's side of interactions over HTTP: an interaction (payloads.ts) POSTed to the bot's
 * Interactions Endpoint URL, signed with the application's key (sign.ts), as Discord sends it.
 * The fake tracks the interaction first, so the HTTP response counts as its callback and the
 * bot's webhook edits and follow-ups are answered and kept (`fake.webhookCalls`, `handle.edit()`).
 */
import type { FakeDiscord, InteractionHandle } from "./fake-discord.ts";
import {
  buttonInteraction,
  type CommandInvocation,
  chatInputInteraction,
  type InteractionContext,
  type Json,
  selectInteraction,
  snowflake,
} from "./payloads.ts";
import type { InteractionSigner } from "./sign.ts";

export interface HttpAnswer {
  status: number;
  /** The JSON response, if any: the interaction's first answer ({ type, data }). */
  body: { type?: number; data?: Json } | undefined;
  handle: InteractionHandle;
}

export interface HttpInteractions {
  /** POSTs `payload` signed (or with `headers`/`rawBody` instead, to forge or tamper). */
  send(
    payload: Json,
    forged?: { headers?: Record<string, string>; rawBody?: string },
  ): Promise<HttpAnswer>;
  /** A slash command, e.g. `/partnership ask query:stargate`. */
  slash(invocation: CommandInvocation): Promise<HttpAnswer>;
  /** A click on the button `customId` of the message `on` answered with. */
  click(on: InteractionHandle, customId: string): Promise<HttpAnswer>;
  /** A pick of `values` in the select menu `customId` of the message `on` answered with. */
  select(on: InteractionHandle, customId: string, values: readonly string[]): Promise<HttpAnswer>;
  /** PING, as Discord sends it to check the endpoint. */
  ping(forged?: { headers?: Record<string, string> }): Promise<HttpAnswer>;
}

export function httpInteractions(
  fake: FakeDiscord,
  url: string,
  signer: InteractionSigner,
): HttpInteractions {
  const context: InteractionContext = {
    applicationId: fake.applicationId,
    user: { id: "200000000000000002", username: "alice", global_name: "Alice" },
    guildId: fake.guildId,
    channelId: fake.channelId,
  };
  const send: HttpInteractions["send"] = async (payload, forged = {}) => {
    const handle = fake.track(payload);
    const raw = JSON.stringify(payload);
    const rawBody = forged.rawBody ?? raw;
    const res = await fetch(url, {
      method: "POST",
      headers: forged.headers ?? signer.headers(rawBody),
      body: rawBody,
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as HttpAnswer["body"]) : undefined;
    if (res.status === 200 && typeof body?.type === "number" && body.type !== 1) {
      fake.acknowledge(handle.id, handle.token, {
        type: body.type,
        ...(body.data ? { data: body.data } : {}),
      });
    }
    return { status: res.status, body, handle };
  };
  const messageOf = (on: InteractionHandle) => {
    const message = on.original();
    if (!message) throw new Error(`interaction ${on.id} has no message to act on`);
    return message;
  };
  return {
    send,
    slash: (invocation) => send(chatInputInteraction(context, invocation)),
    click: (on, customId) => send(buttonInteraction(context, customId, messageOf(on))),
    select: (on, customId, values) =>
      send(selectInteraction(context, customId, values, messageOf(on))),
    ping: (forged) => {
      const id = snowflake();
      return send(
        {
          id,
          application_id: fake.applicationId,
          type: 1,
          token: `fake-ping-token-${id}`,
          version: 1,
        },
        forged,
      );
    },
  };
}
