/**
 * Digest delivery to Slack end to end: the real scheduler, the real SQLite file, the real Slack
 * delivery (@slack/web-api's WebClient) against the loopback fake of Slack's Web API.
 */

import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSlackDelivery,
  DIGEST_EVENT_TYPE,
  slackOldest,
} from "../../adapters/slack/delivery.ts";
import { runDigestCli } from "../../bin/cli/digest.ts";
import type { DigestDelivery } from "../../src/delivery/port.ts";
import { createDigestScheduler } from "../../src/schedule/scheduler.ts";
import type { ChannelKey, SubscriptionStore } from "../../src/store/port.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { fixtureCommand } from "../helpers/fixtures.ts";
import { KNOWLEDGE_DIR, shippedKnowledge } from "../helpers/knowledge.ts";
import { digestReply } from "../helpers/replies.ts";
import { channelRequest, recordingSleep, silentLogger, tempDir } from "../schedule/support.ts";

const TOKEN = "xoxb-digest-test-token-123456";
const MIN = 60_000;
const SLOT = new Date("2026-01-12T09:00:00Z");
const at = (ms: number) => new Date(SLOT.getTime() + ms);
const C1: ChannelKey = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the fixture in its own Node process; resolves with its exit code and output. */
function digestProcess(args: string[], env: Record<string, string>, go?: Promise<void>) {
  let ready!: () => void;
  const loaded = new Promise<void>((r) => (ready = r));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = spawn(...fixtureCommand("digest-process", args), {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env, ...(go ? { WAIT_FOR_GO: "1" } : {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.includes("ready\n")) ready();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (go) void go.then(() => child.stdin.write("go\n"));
    else child.stdin.end();
  });
  return Object.assign(done, { loaded });
}

describe("digest delivery to Slack", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let dbPath: string;
  let fake: FakeSlack;
  let stores: SubscriptionStore[];
  let sleeps: ReturnType<typeof recordingSleep>;

  const openStore = () => {
    const s = openSqliteStore(dbPath);
    stores.push(s);
    return s;
  };
  const delivery = () => createSlackDelivery({ token: TOKEN, apiUrl: fake.apiUrl });
  const scheduler = async (
    store: SubscriptionStore,
    deliveries: DigestDelivery[] = [delivery()],
    clock?: () => Date,
  ) => {
    const kb = await shippedKnowledge();
    return createDigestScheduler({
      store,
      deliveries,
      knowledge: { current: () => kb },
      logger: silentLogger,
      sleep: sleeps.sleep,
      ...(clock ? { clock } : {}),
    });
  };
  const subscribe = (store: SubscriptionStore, channel = C1) =>
    store.subscribe(channel, monday9, "UADMIN", new Date("2026-01-07T12:00:00Z"));
  const env = () => ({
    DATABASE_PATH: dbPath,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: "digest-test-signing-secret",
    SLACK_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR,
  });

  beforeEach(async () => {
    tmp = await tempDir("slack-digest-");
    dbPath = join(tmp.dir, "briefing.db");
    fake = await startFakeSlack({ botToken: TOKEN });
    stores = [];
    sleeps = recordingSleep();
  });
  afterEach(async () => {
    for (const s of stores) s.close();
    await fake.close();
    await tmp.dispose();
  });

  it("posts with chat.postMessage: blocks, fallback text, the week in metadata, no link_names or parse", async () => {
    const store = openStore();
    await subscribe(store);
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", week: "2026-W03" }]);
    const [call, ...more] = fake.callsTo("chat.postMessage");
    expect(more).toHaveLength(0);
    expect(call?.body).toMatchObject({
      channel: "C1",
      metadata: {
        event_type: DIGEST_EVENT_TYPE,
        event_payload: { week: "2026-W03", subscription: "1" },
      },
    });
    expect(call?.body.text).toMatch(/^Partnership briefing, week of 12 Jan 2026/);
    expect(Array.isArray(call?.body.blocks)).toBe(true);
    expect(call?.body).not.toHaveProperty("link_names");
    expect(call?.body).not.toHaveProperty("parse");
    const [message] = fake.messages("C1");
    expect((await store.history(1))[0]).toMatchObject({ state: "posted", messageId: message?.ts });
  });

  it("finds its own post by the week in the metadata, and nothing for another week", async () => {
    const d = delivery();
    const key = { week: "2026-W03", subscriptionId: 7, title: "t", slotAt: SLOT };
    const target = { platform: "slack" as const, channelId: "C1" };
    expect(await d.findExisting(target, key)).toEqual({ found: false });
    const posted = await d.deliver(target, digestReply(), key);
    if (!posted.ok) throw new Error(posted.reason);
    expect(await d.findExisting(target, key)).toEqual({ found: true, messageId: posted.messageId });
    expect(await d.findExisting(target, { ...key, week: "2026-W04" })).toEqual({ found: false });
    const lookup = fake.callsTo("conversations.history").at(-1);
    expect(lookup?.body).toMatchObject({ channel: "C1", include_all_metadata: "true" });
  });

  it("looks back to the slot only: a channel busy before the slot does not make the lookup unsure", async () => {
    let now = SLOT.getTime() - 60 * MIN;
    const busy = await startFakeSlack({ botToken: TOKEN, now: () => now });
    try {
      // 1001 messages in the hour before the slot: more than the lookup's five pages of 200.
      busy.chatter("C1", 1001);
      now = SLOT.getTime() + MIN;
      const d = createSlackDelivery({ token: TOKEN, apiUrl: busy.apiUrl });
      const key = { week: "2026-W03", subscriptionId: 7, title: "t", slotAt: SLOT };
      const target = { platform: "slack" as const, channelId: "C1" };
      expect(await d.findExisting(target, key)).toEqual({ found: false });
      expect(busy.callsTo("conversations.history")).toHaveLength(1);
      expect(busy.callsTo("conversations.history")[0]?.body).toMatchObject({
        oldest: slackOldest(SLOT),
      });
      expect(slackOldest(SLOT)).toBe(String(SLOT.getTime() / 1000));

      const posted = await d.deliver(target, digestReply(), key);
      if (!posted.ok) throw new Error(posted.reason);
      expect(await d.findExisting(target, key)).toEqual({
        found: true,
        messageId: posted.messageId,
      });
    } finally {
      await busy.close();
    }
  });

  it("GIVEN a 429 with Retry-After WHEN it posts THEN it waits as told and posts once", async () => {
    const store = openStore();
    await subscribe(store);
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 2 });
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 2 }]);
    expect(sleeps.waits).toEqual([2000]);
    expect(fake.messages("C1")).toHaveLength(1);
  });

  it("GIVEN two 503s WHEN it posts THEN it backs off, looks in the history before resending, and posts once", async () => {
    const store = openStore();
    await subscribe(store);
    fake.failNext("chat.postMessage", { status: 503 }, { status: 503 });
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 3 }]);
    expect(sleeps.waits).toEqual([1000, 2000]);
    expect(fake.callsTo("conversations.history")).toHaveLength(2);
    expect(fake.messages("C1")).toHaveLength(1);
  });

  it.each([
    ["not_in_channel", { member: false }],
    ["channel_not_found", { exists: false }],
    ["is_archived", { archived: true }],
  ] as const)(
    "GIVEN %s THEN it pauses the subscription with the reason shown in status",
    async (error, state) => {
      const store = openStore();
      await subscribe(store);
      fake.setChannel("C1", state);
      const s = await scheduler(store);
      expect((await s.runOnce(at(0))).results).toMatchObject([
        { outcome: "paused", reason: expect.stringContaining(error) },
      ]);
      expect((await s.runOnce(at(7 * 24 * 60 * MIN))).results).toEqual([]);
      expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
      const kb = await shippedKnowledge();
      const status = await createSubscriptionCommands({
        store,
        knowledge: { current: () => kb },
      }).status(
        channelRequest("status", { conversation: { id: "C1", workspaceId: "T1" }, at: at(MIN) }),
      );
      expect(status.sections[0]?.lines[0]?.text).toMatch(
        new RegExp(`^Paused since .*Slack: ${error}`),
      );
    },
  );

  it("GIVEN the scheduler was down across the slot THEN one catch-up post goes out when it is back", async () => {
    const store = openStore();
    await subscribe(store);
    const s = await scheduler(store);
    expect((await s.runOnce(at(-MIN))).results).toEqual([]);
    expect((await s.runOnce(at(2 * 24 * 60 * MIN))).results).toMatchObject([{ outcome: "posted" }]);
    expect((await s.runOnce(at(2 * 24 * 60 * MIN + MIN))).results).toEqual([]);
    expect(fake.messages("C1")).toHaveLength(1);
  });

  it("GIVEN a scheduler process killed between the post and its record WHEN a new scheduler starts THEN it finds the post and sends no second", {
    timeout: 60_000,
  }, async () => {
    const store = openStore();
    await subscribe(store);
    store.close();
    const crashed = await digestProcess(["crash-after-post", at(0).toISOString()], env());
    expect(crashed.signal).toBe("SIGKILL");
    expect(fake.messages("C1")).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);

    // The dead process's claim stays in the file, stamped with the real time it was taken; a
    // restarted scheduler leaves it alone while its lease runs, then looks in the channel before
    // doing anything. Its clock runs ahead of the real one by the minutes the test pretends passed.
    let ahead = 5 * MIN;
    const restarted = await scheduler(
      openStore(),
      [delivery()],
      () => new Date(Date.now() + ahead),
    );
    expect((await restarted.runOnce(at(5 * MIN))).results).toEqual([]);
    ahead = 11 * MIN;
    const late = await restarted.runOnce(at(11 * MIN));
    expect(late.results).toMatchObject([
      { outcome: "reconciled", messageId: fake.messages("C1")[0]?.ts },
    ]);
    expect(fake.messages("C1")).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("GIVEN two scheduler processes on one database file, started together THEN each channel gets one post", {
    timeout: 60_000,
  }, async () => {
    const store = openStore();
    const channels = Array.from({ length: 20 }, (_, i) => `C${100 + i}`);
    for (const c of channels) await subscribe(store, { ...C1, channelId: c });
    store.close();
    // Slow posts keep both passes running at once.
    fake.failNext("chat.postMessage", ...channels.map(() => ({ delayMs: 50 })));
    let go!: () => void;
    const start = new Promise<void>((r) => (go = r));
    const a = digestProcess(["run", at(MIN).toISOString()], env(), start);
    const b = digestProcess(["run", at(MIN).toISOString()], env(), start);
    await Promise.all([a.loaded, b.loaded]);
    go();
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    for (const c of channels) expect(fake.messages(c)).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(channels.length);
    const outcomes = [...JSON.parse(ra.stdout).results, ...JSON.parse(rb.stdout).results].map(
      (r: { outcome: string }) => r.outcome,
    );
    expect(outcomes.filter((o) => o === "posted")).toHaveLength(channels.length);
  });

  it("digest run --at twice, then a week later: one post per week, printed as a report", async () => {
    const store = openStore();
    await subscribe(store);
    const out: string[] = [];
    const run = (iso: string) =>
      runDigestCli(["run", "--at", iso], {
        env: env(),
        store,
        logger: silentLogger,
        stdout: (t) => out.push(t),
      });
    expect(await run("2026-01-12T09:05:00Z")).toBe(0);
    expect(await run("2026-01-12T09:06:00Z")).toBe(0);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await run("2026-01-19T09:05:00Z")).toBe(0);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
    expect(out[0]).toMatch(/posted slack:T1:C1 2026-W03 message \d+\.\d+/);
    expect(out[1]).toMatch(/nothing due/);
  });
});
