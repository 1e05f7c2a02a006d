/**
 * Discord's request signature for interactions over HTTP: Ed25519 over `timestamp + raw body`,
 * sent as hex in `X-Signature-Ed25519` with the timestamp (Unix seconds) in
 * `X-Signature-Timestamp`, checked against the application's public key (hex, 32 bytes).
 * Verified with node:crypto; Discord probes the endpoint with bad signatures and expects 401.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/**
 * How far a request's timestamp may be from our clock, either way. Discord does not ask for a
 * window; it narrows replays of a captured request, at the cost of refusing requests while our
 * clock is more than this far off. Slack's five minutes, for the same trade.
 */
export const SIGNATURE_WINDOW_S = 5 * 60;

const HEX_KEY = /^[0-9a-f]{64}$/i;
const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;

/** The public key from the developer portal (64 hex characters) as a key object; throws if malformed. */
export function importDiscordPublicKey(hex: string): KeyObject {
  if (!HEX_KEY.test(hex)) throw new Error("a Discord public key is 64 hexadecimal characters");
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

export type SignatureVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: "missing headers" | "bad timestamp" | "stale timestamp" | "bad signature";
    };

type Headers = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;

/** Whether `body` (the raw bytes received) was signed by the holder of `key`, recently. */
export function verifyDiscordRequest(
  key: KeyObject,
  headers: Headers,
  body: Buffer,
  nowMs: number = Date.now(),
): SignatureVerdict {
  const signature = one(headers["x-signature-ed25519"]);
  const timestamp = one(headers["x-signature-timestamp"]);
  if (!signature || !timestamp) return { ok: false, reason: "missing headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad timestamp" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_S)
    return { ok: false, reason: "stale timestamp" };
  if (!HEX_SIGNATURE.test(signature)) return { ok: false, reason: "bad signature" };
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  const valid = verify(null, signed, key, Buffer.from(signature, "hex"));
  return valid ? { ok: true } : { ok: false, reason: "bad signature" };
}
