/**
 * Install to any workspace, in process: the installation store Bolt's installer uses (sealed in
 * our store, refusing org-wide installs), a mention answered with its workspace's token by the
 * real Bolt app over signed HTTP, and digests posted with the token of the channel's workspace.
 * The install flow itself, through `npm start`, is tests/entry/slack-oauth.e2e.test.ts.
 */
import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_INSTALLED } from "../../adapters/slack/delivery.ts";
import { type SlackHandle, startSlack } from "../../adapters/slack/index.ts";
import { slackInstallationStore, tokenCipher } from "../../adapters/slack/oauth.ts";
import { deliveriesFromConfig } from "../../bin/cli/digest.ts";
import { parseSettings } from "../../bin/settings.ts";
import type { Reply } from "../../src/index.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { eventCallbackBody, JSON_TYPE, post, signedHeaders } from "../fakes/slack/sign.ts";
import { silentLogger } from "../schedule/support.ts";
import { realBriefing, SECRET } from "./harness.ts";

const KEY = randomBytes(32).toString("hex");
const TOKEN_A = "xoxb-team-a-token-1234";
const TOKEN_B = "xoxb-team-b-token-5678";

function installation(team: string, token: string): Installation<"v2", false> {
  return {
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    user: { id: "UINSTALLER", token: undefined, scopes: undefined },
    bot: { token, id: `B${team}`, userId: `UBOT${team}`, scopes: ["commands", "chat:write"] },
    appId: "A0FAKE",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

const reply: Reply = {
  kind: "digest",
  title: "Partnership briefing",
  sections: [],
  citations: [],
  shareable: false,
  visibility: "channel",
};

describe("the installation store behind Bolt's installer", () => {
  it("keeps each workspace's installation sealed, gives it back to authorize, and removes it", async () => {
    const store = openSqliteStore(":memory:");
    const installs = slackInstallationStore(store, tokenCipher(KEY));
    await installs.storeInstallation(installation("TA", TOKEN_A));
    await installs.storeInstallation(installation("TB", TOKEN_B));
    const row = await store.findInstallation({ platform: "slack", workspaceId: "TA" });
    expect(row?.installedBy).toBe("UINSTALLER");
    expect(row?.sealed).not.toContain(TOKEN_A);
    const back = await installs.fetchInstallation({
      teamId: "TA",
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(back.bot).toEqual({
      token: TOKEN_A,
      id: "BTA",
      userId: "UBOTTA",
      scopes: ["commands", "chat:write"],
    });
    await installs.deleteInstallation?.({
      teamId: "TA",
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    await expect(
      installs.fetchInstallation({
        teamId: "TA",
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      }),
    ).rejects.toThrow(/not installed in workspace TA/);
    expect(
      (
        await installs.fetchInstallation({
          teamId: "TB",
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        })
      ).bot?.token,
    ).toBe(TOKEN_B);
    store.close();
  });

  it("refuses an org-wide (Enterprise Grid) install instead of storing it half", async () => {
    const store = openSqliteStore(":memory:");
    const installs = slackInstallationStore(store, tokenCipher(KEY));
    const org: Installation<"v2", true> = {
      team: undefined,
      enterprise: { id: "E1", name: "Org" },
      user: { id: "U1", token: undefined, scopes: undefined },
      bot: { token: TOKEN_A, id: "B1", userId: "UB1", scopes: ["commands"] },
      isEnterpriseInstall: true,
      authVersion: "v2",
    };
    await expect(installs.storeInstallation(org)).rejects.toThrow(/Enterprise Grid/);
    expect(await store.findInstallation({ platform: "slack", workspaceId: "E1" })).toBeUndefined();
    store.close();
  });
});

describe("GIVEN the app installed in two workspaces", () => {
  let fake: FakeSlack;
  let slack: SlackHandle;
  const store = openSqliteStore(":memory:");

  beforeAll(async () => {
    fake = await startFakeSlack();
    const installs = slackInstallationStore(store, tokenCipher(KEY));
    await installs.storeInstallation(installation("TA", TOKEN_A));
    await installs.storeInstallation(installation("TB", TOKEN_B));
    slack = await startSlack({
      config: {
        signingSecret: SECRET,
        port: 0,
        apiUrl: fake.apiUrl,
        oauth: {
          clientId: "1.2",
          clientSecret: "client-secret",
          stateSecret: "state-secret-0123456789",
          tokenKey: KEY,
        },
      },
      briefing: await realBriefing(),
      logger: silentLogger,
      store,
    });
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    store.close();
  });

  it("WHEN someone in workspace B mentions the bot, THEN the answer is posted with B's token", async () => {
    const body = eventCallbackBody(
      { type: "app_mention", user: "U0ANN", channel: "CB", text: "<@UBOTTB> stargate", ts: "1.1" },
      { teamId: "TB", eventId: "EvB1" },
    );
    const res = await post(
      `http://127.0.0.1:${slack.port}/slack/events`,
      body,
      signedHeaders(SECRET, body, { contentType: JSON_TYPE }),
    );
    expect(res.status).toBe(200);
    const call = await fake.waitFor("chat.postMessage", (c) => c.body.channel === "CB");
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN_B}`);
    expect(call.body.thread_ts).toBe("1.1");
  });

  it("WHEN digests go out, THEN each is posted with its workspace's token, and a workspace without the app is refused for good", async () => {
    const settings = parseSettings({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret-0123456789",
      TOKEN_ENCRYPTION_KEY: KEY,
      SLACK_API_URL: fake.apiUrl,
    });
    if (!settings.ok) throw new Error(settings.errors.join("\n"));
    const [slackDelivery] = await deliveriesFromConfig(settings.config, silentLogger, store);
    if (!slackDelivery) throw new Error("no Slack delivery");
    const key = { week: "2026-W03", subscriptionId: 1, title: "Briefing", slotAt: new Date() };
    const target = (workspaceId: string, channelId: string) => ({
      platform: "slack",
      workspaceId,
      channelId,
    });
    expect(await slackDelivery.deliver(target("TA", "CA"), reply, key)).toMatchObject({ ok: true });
    expect(await slackDelivery.deliver(target("TB", "CB2"), reply, key)).toMatchObject({
      ok: true,
    });
    const auth = (channel: string) =>
      fake.callsTo("chat.postMessage").find((c) => c.body.channel === channel)?.headers
        .authorization;
    expect(auth("CA")).toBe(`Bearer ${TOKEN_A}`);
    expect(auth("CB2")).toBe(`Bearer ${TOKEN_B}`);
    expect(await slackDelivery.deliver(target("TGONE", "CG"), reply, key)).toEqual({
      ok: false,
      failure: "permanent",
      reason: NOT_INSTALLED,
    });
    expect(auth("CG")).toBeUndefined();
  });

  it("WHEN workspace A revokes the bot token, THEN its installation goes and its channels pause, and workspace B keeps its own", async () => {
    const channel = { platform: "slack", workspaceId: "TA", channelId: "CA" };
    await store.subscribe(
      channel,
      { day: 1, hour: 9, minute: 0, timezone: "UTC" },
      "U",
      new Date(),
    );
    const revoke = async (tokens: Record<string, string[]>, eventId: string) => {
      const body = eventCallbackBody({ type: "tokens_revoked", tokens }, { teamId: "TA", eventId });
      const res = await post(
        `http://127.0.0.1:${slack.port}/slack/events`,
        body,
        signedHeaders(SECRET, body, { contentType: JSON_TYPE }),
      );
      expect(res.status).toBe(200);
    };
    const installedA = () => store.findInstallation({ platform: "slack", workspaceId: "TA" });

    await revoke({ bot: ["UBOTTA"] }, "EvR2");
    // Events are acknowledged before they are handled: wait for the store to show it.
    for (let i = 0; i < 200 && (await installedA()); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await installedA()).toBeUndefined();
    expect((await store.find(channel))?.paused?.reason).toMatch(/token was revoked/);
    expect(await store.findInstallation({ platform: "slack", workspaceId: "TB" })).toBeDefined();
  });
});
