import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEncryptionKey, TokenCipher } from "../../adapters/slack/token-cipher.ts";

const key = randomBytes(32);
const token = "xoxb-1111-2222-secretsecret";

describe("the token cipher (AES-256-GCM under TOKEN_ENCRYPTION_KEY)", () => {
  it("opens what it sealed, and the sealed text does not contain the token", () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal(token, "slack:T1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("secretsecret");
    expect(cipher.open(sealed, "slack:T1")).toBe(token);
  });

  it("uses a fresh IV each time: the same token seals differently", () => {
    const cipher = new TokenCipher(key);
    expect(cipher.seal(token, "slack:T1")).not.toBe(cipher.seal(token, "slack:T1"));
  });

  it("refuses another key, another workspace's row and an altered value, without showing the token", () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal(token, "slack:T1");
    const other = new TokenCipher(randomBytes(32));
    expect(() => other.open(sealed, "slack:T1")).toThrow(
      /cannot be decrypted.*TOKEN_ENCRYPTION_KEY/,
    );
    expect(() => cipher.open(sealed, "slack:T2")).toThrow(/cannot be decrypted/);
    const [v, iv, tag, data = ""] = sealed.split(".");
    const flipped = `${data.slice(0, -2)}${data.at(-2) === "A" ? "B" : "A"}${data.at(-1)}`;
    expect(() => cipher.open([v, iv, tag, flipped].join("."), "slack:T1")).toThrow(
      /cannot be decrypted/,
    );
    expect(() => cipher.open("xoxb-plain", "slack:T1")).toThrow(/not a sealed value/);
    const error = (() => {
      try {
        other.open(sealed, "slack:T1");
      } catch (e) {
        return String(e);
      }
    })();
    expect(error).not.toContain("secretsecret");
  });
});

describe("TOKEN_ENCRYPTION_KEY", () => {
  it("takes 32 bytes as 64 hex digits or as base64 (standard or URL-safe)", () => {
    for (const text of [key.toString("hex"), key.toString("base64"), key.toString("base64url")]) {
      const parsed = parseEncryptionKey(text);
      expect(parsed.ok && parsed.key.equals(key)).toBe(true);
    }
  });

  it("refuses a missing, short, long or non-encoded key, naming the variable but never the value", () => {
    const bad = [
      undefined,
      "  ",
      randomBytes(16).toString("base64"),
      randomBytes(33).toString("hex"),
      "correct horse battery staple, but not a key!",
    ];
    for (const text of bad) {
      const parsed = parseEncryptionKey(text);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error).toMatch(/^TOKEN_ENCRYPTION_KEY .*openssl rand -base64 32$/);
      expect(parsed.error).not.toContain("\n");
      if (text?.trim()) expect(parsed.error).not.toContain(text.trim());
    }
  });
});
