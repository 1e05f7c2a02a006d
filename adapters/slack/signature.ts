/**
 * Slack's request signature: `v0=` and the hex HMAC-SHA256, under the app's signing secret, of
 * `v0:{X-Slack-Request-Timestamp}:{raw body}`, sent in `X-Slack-Signature`
 * (docs.slack.dev/authentication/verifying-requests-from-slack).
 *
 * The request guard checks it once, in front of Bolt, and Bolt's own check is switched off:
 * Bolt's compares through `tsscmp`, which draws 32 random bytes and computes two more HMACs per
 * request, and checking twice doubled that on every command.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's replay window, both ways: a request more than this far from our clock is refused. */
export const TIMESTAMP_WINDOW_S = 5 * 60;

const VERSION = "v0";
/** `v0=` and 64 hex digits: anything else cannot match, and is refused before hashing. */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export type SlackSignatureVerdict =
  | { ok: true }
  | { ok: false; reason: "missing headers" | "stale timestamp" | "bad signature" };

type Headers = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;

/** The signature Slack sends for `body` at `timestamp` (seconds). */
export function slackSignatureOf(signingSecret: string, timestamp: string, body: string): string {
  const mac = createHmac("sha256", signingSecret).update(`${VERSION}:${timestamp}:${body}`);
  return `${VERSION}=${mac.digest("hex")}`;
}

/** Whether `body` (the raw text received) was signed with `signingSecret`, recently. */
export function verifySlackSignature(
  signingSecret: string,
  headers: Headers,
  body: string,
  nowMs: number = Date.now(),
): SlackSignatureVerdict {
  const signature = one(headers["x-slack-signature"]);
  const timestamp = one(headers["x-slack-request-timestamp"]);
  if (!signature || !timestamp || !TIMESTAMP.test(timestamp)) {
    return { ok: false, reason: "missing headers" };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_S) {
    return { ok: false, reason: "stale timestamp" };
  }
  if (!SIGNATURE.test(signature)) return { ok: false, reason: "bad signature" };
  const expected = slackSignatureOf(signingSecret, timestamp, body);
  // Both are `v0=` and 64 hex digits here, so equal in length, as timingSafeEqual needs.
  const same = timingSafeEqual(Buffer.from(signature, "latin1"), Buffer.from(expected, "latin1"));
  return same ? { ok: true } : { ok: false, reason: "bad signature" };
}
