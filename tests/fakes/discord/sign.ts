/**
 * Signing interactions as Discord does for an Interactions Endpoint URL: Ed25519 over
 * `timestamp + raw body` with the application's key, hex in `X-Signature-Ed25519`, the timestamp
 * (Unix seconds) in `X-Signature-Timestamp`. A fresh key pair per signer; `publicKey` is the
 * 64-hex-character form the developer portal shows (DISCORD_PUBLIC_KEY).
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export interface InteractionSigner {
  /** The public key as the developer portal shows it: 64 hex characters. */
  publicKey: string;
  /** The headers Discord sends with `body`, signed at `timestamp` (default now). */
  headers(body: string, timestamp?: number | string): Record<string, string>;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function interactionSigner(): InteractionSigner {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: rawHex(publicKey), headers: (body, ts) => signed(privateKey, body, ts) };
}

function rawHex(key: KeyObject): string {
  const jwk = key.export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url").toString("hex");
}

function signed(
  privateKey: KeyObject,
  body: string,
  timestamp: number | string = nowSeconds(),
): Record<string, string> {
  const stamp = String(timestamp);
  const signature = sign(null, Buffer.from(stamp + body, "utf8"), privateKey).toString("hex");
  return {
    "content-type": "application/json",
    "x-signature-ed25519": signature,
    "x-signature-timestamp": stamp,
  };
}
