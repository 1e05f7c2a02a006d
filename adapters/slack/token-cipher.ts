/**
 * Bot tokens at rest: AES-256-GCM (node:crypto) under `TOKEN_ENCRYPTION_KEY`, 32 random bytes
 * written as 64 hex digits or as base64 (`openssl rand -base64 32`). A sealed value reads
 * `v1.<iv>.<tag>.<ciphertext>` (base64url, a fresh 12-byte IV each time) and is authenticated
 * together with the row it belongs to (e.g. `slack:T123`), so a value copied onto another
 * workspace's row does not open. Nothing here ever puts the key or a plaintext in an error.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { BriefingError } from "../../src/index.ts";

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";

const HOW = "generate one with: openssl rand -base64 32";

/** Reads the key setting; the error names the variable and the format, never the value. */
export function parseEncryptionKey(
  value: string | undefined,
): { ok: true; key: Buffer; text: string } | { ok: false; error: string } {
  const text = value?.trim();
  if (!text) {
    return {
      ok: false,
      error: `TOKEN_ENCRYPTION_KEY is not set: installing to any workspace stores bot tokens encrypted with it; ${HOW}`,
    };
  }
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) key = Buffer.from(text, "base64");
  if (!key || key.length !== KEY_BYTES) {
    return {
      ok: false,
      error: `TOKEN_ENCRYPTION_KEY must be ${KEY_BYTES} random bytes, as 64 hex digits or base64 (44 characters); ${HOW}`,
    };
  }
  return { ok: true, key, text };
}

const b64 = (b: Buffer) => b.toString("base64url");

export class TokenCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new BriefingError("CONFIG_INVALID", `the token key must be ${KEY_BYTES} bytes`);
    }
    this.#key = Buffer.from(key);
  }

  /** Encrypts `plaintext` for the row named `context`. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(".");
  }

  /**
   * Decrypts a value `seal` wrote for `context`. Throws (`CONFIG_INVALID`) when it was written
   * under another key, for another row, or altered.
   */
  open(sealed: string, context: string): string {
    const [version, iv, tag, data, ...rest] = sealed.split(".");
    const unreadable = (why: string, cause?: unknown) =>
      new BriefingError(
        "CONFIG_INVALID",
        `a stored installation for ${context} cannot be decrypted (${why}): was TOKEN_ENCRYPTION_KEY changed? Install the app to that workspace again`,
        cause === undefined ? undefined : { cause },
      );
    if (version !== VERSION || !iv || !tag || data === undefined || rest.length > 0) {
      throw unreadable("not a sealed value of this program");
    }
    const ivBytes = Buffer.from(iv, "base64url");
    const tagBytes = Buffer.from(tag, "base64url");
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw unreadable("malformed");
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, ivBytes);
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([
        decipher.update(Buffer.from(data, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch (error) {
      throw unreadable("wrong key, wrong workspace or altered", error);
    }
  }
}
