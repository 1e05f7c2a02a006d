/**
 * Discord's Ed25519 request signature (adapters/discord/signature.ts), against requests signed
 * with a real key pair as Discord signs them (tests/fakes/discord/sign.ts).
 */
import { describe, expect, it } from "vitest";
import {
  importDiscordPublicKey,
  SIGNATURE_WINDOW_S,
  verifyDiscordRequest,
} from "../../adapters/discord/signature.ts";
import { interactionSigner, nowSeconds } from "../fakes/discord/sign.ts";

const signer = interactionSigner();
const key = importDiscordPublicKey(signer.publicKey);
const body = JSON.stringify({ type: 1, id: "1", token: "t" });
const check = (headers: Record<string, string>, raw = body, nowMs = Date.now()) =>
  verifyDiscordRequest(key, headers, Buffer.from(raw, "utf8"), nowMs);

describe("Discord request signatures", () => {
  it("accepts a request signed with the application's key", () => {
    expect(check(signer.headers(body))).toEqual({ ok: true });
  });

  it("refuses a body changed after signing, even by one character", () => {
    expect(check(signer.headers(body), body.replace('"1"', '"2"'))).toEqual({
      ok: false,
      reason: "bad signature",
    });
  });

  it("refuses a request signed with another key", () => {
    expect(check(interactionSigner().headers(body))).toEqual({
      ok: false,
      reason: "bad signature",
    });
  });

  it("refuses a signature for another timestamp (the timestamp is part of what is signed)", () => {
    const headers = signer.headers(body);
    headers["x-signature-timestamp"] = String(Number(headers["x-signature-timestamp"]) - 1);
    expect(check(headers)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("refuses a request without either header", () => {
    const { "x-signature-ed25519": _s, ...noSignature } = signer.headers(body);
    const { "x-signature-timestamp": _t, ...noTimestamp } = signer.headers(body);
    expect(check(noSignature)).toEqual({ ok: false, reason: "missing headers" });
    expect(check(noTimestamp)).toEqual({ ok: false, reason: "missing headers" });
    expect(check({})).toEqual({ ok: false, reason: "missing headers" });
  });

  it("refuses a stale or future timestamp, validly signed, and accepts one inside the window", () => {
    const now = nowSeconds();
    const stale = signer.headers(body, now - SIGNATURE_WINDOW_S - 1);
    const future = signer.headers(body, now + SIGNATURE_WINDOW_S + 1);
    const edge = signer.headers(body, now - SIGNATURE_WINDOW_S + 5);
    expect(check(stale, body, now * 1000)).toEqual({ ok: false, reason: "stale timestamp" });
    expect(check(future, body, now * 1000)).toEqual({ ok: false, reason: "stale timestamp" });
    expect(check(edge, body, now * 1000)).toEqual({ ok: true });
  });

  it("refuses an odd timestamp or a signature that is not hex", () => {
    for (const odd of ["", "12.5", "-1", "1e9", "soon"]) {
      expect(check(signer.headers(body, odd)).ok).toBe(false);
    }
    const headers = signer.headers(body);
    expect(check({ ...headers, "x-signature-ed25519": "zz".repeat(64) })).toEqual({
      ok: false,
      reason: "bad signature",
    });
    expect(check({ ...headers, "x-signature-ed25519": "ab" })).toEqual({
      ok: false,
      reason: "bad signature",
    });
  });

  it("imports only a 64-hex-character key", () => {
    expect(() => importDiscordPublicKey("abc")).toThrow(/64 hexadecimal/);
    expect(() => importDiscordPublicKey(`${signer.publicKey}00`)).toThrow(/64 hexadecimal/);
    expect(importDiscordPublicKey(signer.publicKey.toUpperCase()).asymmetricKeyType).toBe(
      "ed25519",
    );
  });
});
