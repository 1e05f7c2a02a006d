/**
 * The whole path on Slack: an admin's signed `/partnership subscribe` through the real Bolt
 * adapter and the real core, then `digest run --at` against the same fake Web API: exactly one
 * `chat.postMessage` per week, also with a 429 on the first attempt; a non-admin is refused.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { nextSlot } from "../../src/schedule/due.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import { KNOWLEDGE_DIR, shippedKnowledge } from "../helpers/knowledge.ts";
import { silentLogger, tempDir } from "../schedule/support.ts";
import { BOT_TOKEN, type Harness, SECRET, startHarness } from "../slack/harness.ts";

describe("GIVEN the Slack adapter and the digest CLI on one stand-in Web API", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let store: ReturnType<typeof openSqliteStore>;
  let h: Harness;

  beforeEach(async () => {
    tmp = await tempDir("slack-e2e-");
    store = openSqliteStore(join(tmp.dir, "briefing.db"));
    const kb = await shippedKnowledge();
    const knowledge = { current: () => kb };
    h = await startHarness({
      fake: { users: { UADMIN: { is_admin: true }, UPLAIN: {} } },
      wrap: () =>
        createBriefing({
          knowledge,
          subscriptions: createSubscriptionCommands({ store, knowledge }),
          admins: new Set(),
        }),
    });
  });
  afterEach(async () => {
    await h.close();
    store.close();
    await tmp.dispose();
  });

  const digestRun = (at: Date) =>
    runDigestCli(["run", "--at", at.toISOString()], {
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: h.fake.apiUrl,
        KNOWLEDGE_DIR,
      },
      store,
      logger: silentLogger,
      stdout: () => {},
    });
  const postsTo = (channel: string) =>
    h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

  it("WHEN an admin subscribes and digest run passes the slot twice, then a week later THEN one post per week, even with a 429 first", async () => {
    const { res } = await h.command("subscribe mon 09:00 UTC", {
      userId: "UADMIN",
      channelId: "CDIGEST",
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json())).toContain("Weekly briefing: Mondays at 09:00 (UTC)");
    const sub = await store.find({ platform: "slack", workspaceId: "T0001", channelId: "CDIGEST" });
    expect(sub).toBeDefined();

    const slot = nextSlot({ day: 1, hour: 9, minute: 0, timezone: "UTC" }, new Date()).at;
    const afterSlot = (minutes: number) => new Date(slot.getTime() + minutes * 60_000);
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    expect(await digestRun(afterSlot(5))).toBe(0);
    expect(await digestRun(afterSlot(6))).toBe(0);
    const first = postsTo("CDIGEST");
    expect(first.map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.messages("CDIGEST")).toHaveLength(1);

    expect(await digestRun(afterSlot(7 * 24 * 60 + 5))).toBe(0);
    expect(await digestRun(afterSlot(7 * 24 * 60 + 6))).toBe(0);
    expect(h.fake.messages("CDIGEST")).toHaveLength(2);
    expect(postsTo("CDIGEST").filter((c) => c.status === 200)).toHaveLength(2);
  });

  it("WHEN a non-admin subscribes THEN they are refused and nothing is scheduled", async () => {
    const { res } = await h.command("subscribe mon 09:00 UTC", {
      userId: "UPLAIN",
      channelId: "CDIGEST",
    });
    expect(JSON.stringify(res.json())).toContain(
      "Only admins can change the briefing subscription",
    );
    expect(await store.listActive()).toEqual([]);
    const slot = nextSlot({ day: 1, hour: 9, minute: 0, timezone: "UTC" }, new Date()).at;
    expect(await digestRun(new Date(slot.getTime() + 5 * 60_000))).toBe(0);
    expect(postsTo("CDIGEST")).toHaveLength(0);
  });
});
