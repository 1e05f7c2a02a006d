/** The Discord settings from the environment (adapters/discord/config.ts), DISCORD_PUBLIC_KEY included. */
import { describe, expect, it } from "vitest";
import { discordConfigFromEnv } from "../../adapters/discord/config.ts";

const KEY = "8a".repeat(32);
const BASE = { DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "100" };

describe("Discord settings", () => {
  it("with no Discord variable, no Discord config", () => {
    expect(discordConfigFromEnv({})).toEqual({ ok: true });
  });

  it("GIVEN DISCORD_PUBLIC_KEY THEN the config carries it (interactions over HTTP), trimmed", () => {
    expect(discordConfigFromEnv({ ...BASE, DISCORD_PUBLIC_KEY: ` ${KEY}\n` })).toEqual({
      ok: true,
      config: { token: "token", applicationId: "100", publicKey: KEY },
    });
  });

  it("GIVEN a malformed DISCORD_PUBLIC_KEY THEN start-up is refused with a message saying where to find the key", () => {
    for (const bad of [
      "not-a-key",
      KEY.slice(2),
      `${KEY}ff`,
      `0x${KEY.slice(2)}`,
      "g".repeat(64),
    ]) {
      const result = discordConfigFromEnv({ ...BASE, DISCORD_PUBLIC_KEY: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY must be/)]);
        expect(result.errors[0]).toMatch(/Public Key.*developer portal.*64 hexadecimal/);
      }
    }
  });

  it("GIVEN a DISCORD_API_URL with a user name or password THEN start-up is refused without repeating them", () => {
    const result = discordConfigFromEnv({
      ...BASE,
      DISCORD_API_URL: "http://proxy:hunter2@127.0.0.1:8080/api",
    });
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^DISCORD_API_URL must not contain a user name or password/)],
    });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(
      discordConfigFromEnv({ ...BASE, DISCORD_API_URL: "http://127.0.0.1:8080/api" }),
    ).toMatchObject({
      ok: true,
      config: { apiUrl: "http://127.0.0.1:8080/api" },
    });
  });

  it("GIVEN only DISCORD_PUBLIC_KEY THEN it asks for the token and application id as well", () => {
    const result = discordConfigFromEnv({ DISCORD_PUBLIC_KEY: KEY });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.join("\n")).toContain("DISCORD_TOKEN");
      expect(result.errors.join("\n")).toContain("DISCORD_APPLICATION_ID");
    }
  });
});
