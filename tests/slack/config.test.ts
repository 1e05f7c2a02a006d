import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackConfig, slackConfigFromEnv } from "../../adapters/slack/config.ts";
import { startSlack } from "../../adapters/slack/index.ts";
import { BriefingError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { eventCallbackBody, JSON_TYPE, post, signedHeaders } from "../fakes/slack/sign.ts";
import { APP_TOKEN, BOT_TOKEN, realBriefing, SECRET, startHarness } from "./harness.ts";

describe("GIVEN Slack settings in the environment", () => {
  it("WHEN the signing secret is missing, THEN parsing names SLACK_SIGNING_SECRET", () => {
    const result = slackConfigFromEnv({ SLACK_BOT_TOKEN: BOT_TOKEN }, 3000);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join("\n")).toContain("SLACK_SIGNING_SECRET");
  });

  it("WHEN the token is missing or blank, THEN parsing names SLACK_BOT_TOKEN", () => {
    for (const token of [undefined, "", "   "]) {
      const result = slackConfigFromEnv(
        { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: token },
        3000,
      );
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.join("\n")).toContain("SLACK_BOT_TOKEN");
    }
  });

  it("WHEN both are set, THEN Slack is configured, with Socket Mode only when SLACK_APP_TOKEN is set", () => {
    const http = slackConfigFromEnv(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET },
      0,
    );
    expect(http.ok && http.config).toMatchObject({ port: 0 });
    expect(http.ok && http.config?.appToken).toBeUndefined();
    const socket = slackConfigFromEnv(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: APP_TOKEN },
      3000,
    );
    expect(socket.ok && socket.config?.appToken).toBe(APP_TOKEN);
  });

  it("WHEN SLACK_MAX_IN_FLIGHT is a whole number or off, THEN it is kept; anything else is refused naming it", () => {
    const env = (value: string) =>
      slackConfigFromEnv(
        { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_MAX_IN_FLIGHT: value },
        0,
      );
    expect(env("50")).toMatchObject({ ok: true, config: { maxInFlight: 50 } });
    expect(env(" OFF ")).toMatchObject({ ok: true, config: { maxInFlight: "off" } });
    expect(env("")).toMatchObject({ ok: true });
    for (const bad of ["0", "-1", "1.5", "many"]) {
      const result = env(bad);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.join("\n")).toContain("SLACK_MAX_IN_FLIGHT");
    }
  });
});

describe("GIVEN a SLACK_API_URL", () => {
  const env = (url: string) =>
    slackConfigFromEnv(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: url },
      0,
    );

  it("WHEN it has a user name or password, THEN it is refused, naming the setting and not the secret", () => {
    for (const url of [
      "http://proxy:hunter2@127.0.0.1:9/api/",
      "https://hunter2@slack.example/api/",
    ]) {
      const result = env(url);
      expect(result.ok).toBe(false);
      const message = !result.ok ? result.errors.join("\n") : "";
      expect(message).toMatch(/SLACK_API_URL must not contain a user name or password/);
      expect(message).not.toContain("hunter2");
    }
  });

  it("WHEN it is a plain URL, THEN it is kept", () => {
    expect(env("http://127.0.0.1:9/api/")).toMatchObject({
      ok: true,
      config: { apiUrl: "http://127.0.0.1:9/api/" },
    });
  });
});

describe("GIVEN the settings to install to any workspace", () => {
  const oauth = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CLIENT_ID: "1111.2222",
    SLACK_CLIENT_SECRET: "client-secret-value",
    SLACK_STATE_SECRET: "state-secret-0123456789",
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("hex"),
  };
  const errors = (env: Record<string, string | undefined>) => {
    const result = slackConfigFromEnv(env, 0);
    return result.ok ? [] : result.errors;
  };

  it("WHEN all are set, THEN Slack is configured without a bot token", () => {
    const result = slackConfigFromEnv(oauth, 0);
    expect(result.ok && result.config?.oauth).toMatchObject({ clientId: "1111.2222" });
    expect(result.ok && result.config?.botToken).toBeUndefined();
  });

  it("WHEN the key is missing or unusable, THEN one line names TOKEN_ENCRYPTION_KEY, never its value", () => {
    expect(errors({ ...oauth, TOKEN_ENCRYPTION_KEY: undefined })).toEqual([
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is not set: .*openssl rand -base64 32$/),
    ]);
    const bad = errors({ ...oauth, TOKEN_ENCRYPTION_KEY: "hunter2hunter2" });
    expect(bad).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be 32 random bytes/)]);
    expect(bad.join("\n")).not.toContain("hunter2");
  });

  it("WHEN one of the three is missing, a bot token is set too, or Socket Mode is asked for, THEN each is named", () => {
    expect(errors({ ...oauth, SLACK_CLIENT_SECRET: "" }).join("\n")).toContain(
      "SLACK_CLIENT_SECRET is not set",
    );
    expect(errors({ ...oauth, SLACK_STATE_SECRET: "short" }).join("\n")).toContain(
      "SLACK_STATE_SECRET is too short",
    );
    expect(errors({ ...oauth, SLACK_BOT_TOKEN: BOT_TOKEN }).join("\n")).toMatch(
      /Set either SLACK_BOT_TOKEN .* not both/,
    );
    expect(errors({ ...oauth, SLACK_APP_TOKEN: APP_TOKEN }).join("\n")).toMatch(
      /unset SLACK_APP_TOKEN/,
    );
  });
});

describe("GIVEN startSlack with settings that cannot work", () => {
  let fake: FakeSlack;
  const base = (): Extract<SlackConfig, { botToken: string }> => ({
    botToken: BOT_TOKEN,
    signingSecret: SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
  });
  const start = async (config: SlackConfig) =>
    startSlack({
      config,
      briefing: await realBriefing(),
      logger: createLogger({ level: "silent" }),
    });
  const failure = async (config: SlackConfig): Promise<BriefingError> => {
    const error = await start(config).then(
      (handle) => handle.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe("CONFIG_INVALID");
    return error as BriefingError;
  };

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("WHEN the signing secret is blank, THEN start-up stops naming SLACK_SIGNING_SECRET, before calling Slack", async () => {
    const before = fake.calls.length;
    const error = await failure({ ...base(), signingSecret: "  " });
    expect(error.message).toContain("SLACK_SIGNING_SECRET");
    expect(fake.calls).toHaveLength(before);
  });

  it("WHEN the token is blank or not a bot token, THEN start-up stops naming SLACK_BOT_TOKEN", async () => {
    expect((await failure({ ...base(), botToken: "" })).message).toContain("SLACK_BOT_TOKEN");
    expect((await failure({ ...base(), botToken: "xoxp-user-token" })).message).toContain(
      "SLACK_BOT_TOKEN",
    );
  });

  it("WHEN Slack refuses the token, THEN start-up stops naming SLACK_BOT_TOKEN, without the token in the message", async () => {
    const wrong = "xoxb-9999-not-the-right-token";
    const error = await failure({ ...base(), botToken: wrong });
    expect(error.message).toContain("SLACK_BOT_TOKEN");
    expect(error.message).toContain("invalid_auth");
    expect(error.message).not.toContain(wrong);
  });

  it("WHEN the app token is of the wrong kind, THEN start-up stops naming SLACK_APP_TOKEN", async () => {
    expect((await failure({ ...base(), appToken: BOT_TOKEN })).message).toContain(
      "SLACK_APP_TOKEN",
    );
  });

  it("WHEN SLACK_API_URL points nowhere, THEN start-up stops naming it", async () => {
    const error = await failure({ ...base(), apiUrl: "http://127.0.0.1:9/api/" });
    expect(error.message).toContain("SLACK_API_URL");
  });

  it("WHEN the ack budget is not under Slack's 3-second ack deadline, THEN start-up stops, before calling Slack", async () => {
    const before = fake.calls.length;
    for (const ackBudgetMs of [3000, 10_000, -1, Number.NaN]) {
      const error = await startSlack({
        config: base(),
        briefing: await realBriefing(),
        logger: createLogger({ level: "silent" }),
        ackBudgetMs,
      }).then(
        (handle) => handle.stop().then(() => undefined),
        (e: unknown) => e,
      );
      expect(error, String(ackBudgetMs)).toBeInstanceOf(BriefingError);
      expect((error as BriefingError).message).toMatch(/ackBudgetMs .*3000 ms/);
    }
    expect(fake.calls).toHaveLength(before);
  });

  it("WHEN everything is right, THEN auth.test is asked exactly once, at start", async () => {
    const before = fake.callsTo("auth.test").length;
    const handle = await start(base());
    expect(handle.port).toBeGreaterThan(0);
    expect(handle.botUserId).toBe("UBOT");
    expect(fake.callsTo("auth.test")).toHaveLength(before + 1);
    // Only what callers use: digests are delivered with their own client (delivery.ts).
    expect(handle).not.toHaveProperty("client");
    await handle.stop();
  });
});

describe("GIVEN the adapter logging at the most verbose level", () => {
  it("WHEN it starts, answers commands and posts, THEN no token or secret reaches the log", async () => {
    const h = await startHarness({ logLevel: "trace" });
    try {
      await h.command("stargate");
      const body = eventCallbackBody({
        type: "app_mention",
        user: "U0ANN",
        channel: "C0LOG",
        text: "<@UBOT> topics",
        ts: "1700000000.000900",
      });
      await post(h.url, body, signedHeaders(SECRET, body, { contentType: JSON_TYPE }));
      await h.fake.waitFor("chat.postMessage", (c) => c.body.channel === "C0LOG");
      await h.command("subscribe", { userId: "U0NOBODY" });
      const log = h.logs.join("\n");
      // The log is not empty: Bolt and the Web API client did log their requests.
      expect(log).toContain("Slack listening over HTTP");
      expect(log).toContain("chat.postMessage");
      expect(log).not.toContain(BOT_TOKEN);
      expect(log).not.toContain(SECRET);
    } finally {
      await h.close();
    }
  });
});
