/**
 * Digest delivery to Discord end to end: the real scheduler, the real SQLite file, the real
 * Discord delivery (@discordjs/rest) against the loopback fake of Discord's REST API.
 */

import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createDiscordDelivery,
  digestNonce,
  snowflakeAt,
} from "../../adapters/discord/delivery.ts";
import type { DigestDelivery } from "../../src/delivery/port.ts";
import { createDigestScheduler } from "../../src/schedule/scheduler.ts";
import type { ChannelKey, SubscriptionStore } from "../../src/store/port.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/index.ts";
import { shippedKnowledge } from "../helpers/knowledge.ts";
import { digestReply } from "../helpers/replies.ts";
import { fakeClock, recordingSleep, silentLogger, tempDir } from "../schedule/support.ts";

const MIN = 60_000;
const SLOT = new Date("2026-01-12T09:00:00Z");
const at = (ms: number) => new Date(SLOT.getTime() + ms);
const ROUTE = "POST /channels/:channelId/messages";
const CHANNEL = "400000000000000004";
const C: ChannelKey = {
  platform: "discord",
  workspaceId: "300000000000000003",
  channelId: CHANNEL,
};
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };

describe("digest delivery to Discord", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let dbPath: string;
  let fake: FakeDiscord;
  let stores: SubscriptionStore[];
  let sleeps: ReturnType<typeof recordingSleep>;

  const openStore = () => {
    const s = openSqliteStore(dbPath);
    stores.push(s);
    return s;
  };
  const delivery = () =>
    createDiscordDelivery({
      token: fake.token,
      apiUrl: fake.apiUrl,
      botUserId: fake.applicationId,
    });
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
  const subscribe = (store: SubscriptionStore) =>
    store.subscribe(C, monday9, "UADMIN", new Date("2026-01-07T12:00:00Z"));
  const posts = () => fake.channelMessages.filter((m) => m.channelId === CHANNEL);
  const postRequests = () => fake.requests.filter((r) => r.route === ROUTE);

  beforeEach(async () => {
    tmp = await tempDir("discord-digest-");
    dbPath = join(tmp.dir, "briefing.db");
    fake = await startFakeDiscord();
    stores = [];
    sleeps = recordingSleep();
  });
  afterEach(async () => {
    for (const s of stores) s.close();
    await fake.close();
    await tmp.dispose();
  });

  it("posts embeds with mentions off and a stable nonce per channel and week, enforced", async () => {
    const store = openStore();
    await subscribe(store);
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", week: "2026-W03" }]);
    const [post] = posts();
    const body = post?.body as Record<string, unknown>;
    const nonce = digestNonce(CHANNEL, { week: "2026-W03", subscriptionId: 1 });
    expect(nonce).toHaveLength(25);
    expect(body).toMatchObject({ nonce, enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect((body.embeds as { title?: string }[])[0]?.title).toBe(
      "Partnership briefing, week of 12 Jan 2026",
    );
    expect(digestNonce(CHANNEL, { week: "2026-W04", subscriptionId: 1 })).not.toBe(nonce);
    const messageId = (post?.message as { id: string } | undefined)?.id;
    expect((await store.history(1))[0]).toMatchObject({ state: "posted", messageId });
  });

  it("gets the same message back when the same digest is sent twice (enforce_nonce)", async () => {
    const d = delivery();
    const key = { week: "2026-W03", subscriptionId: 1, title: "t", slotAt: SLOT };
    const target = { platform: "discord" as const, channelId: CHANNEL };
    const reply = {
      kind: "digest" as const,
      title: "t",
      sections: [],
      citations: [],
      shareable: false,
      visibility: "channel" as const,
    };
    const first = await d.deliver(target, reply, key);
    const second = await d.deliver(target, reply, key);
    expect(first).toEqual(second);
    expect(posts()).toHaveLength(1);
    expect(await d.findExisting(target, key)).toEqual({
      found: true,
      messageId: first.ok ? first.messageId : "",
    });
  });

  it("finds a digest by the bot's own message and the week's title when no nonce comes back (as Discord lists messages)", async () => {
    const title = "Partnership briefing, week of 12 Jan 2026";
    const res = await fetch(`${fake.apiUrl}/v10/channels/${CHANNEL}/messages`, {
      method: "POST",
      headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ embeds: [{ title }], allowed_mentions: { parse: [] } }),
    });
    const { id } = (await res.json()) as { id: string };
    const key = { week: "2026-W03", subscriptionId: 1, title, slotAt: SLOT };
    const target = { platform: "discord" as const, channelId: CHANNEL };
    expect(await delivery().findExisting(target, key)).toEqual({ found: true, messageId: id });
    expect(
      await delivery().findExisting(target, {
        ...key,
        title: "Partnership briefing, week of 19 Jan 2026",
      }),
    ).toEqual({
      found: false,
    });
  });

  /** Posts `count` plain messages to the channel, as members chatting would. */
  const chatter = (count: number) => fake.chatter(CHANNEL, count);
  const lookups = () =>
    fake.requests.filter((r) => r.route === "GET /channels/:channelId/messages");

  it("makes the snowflake of an instant from Discord's epoch", () => {
    expect(snowflakeAt(new Date(1_420_070_400_000))).toBe("0");
    expect(snowflakeAt(SLOT)).toBe(
      ((BigInt(SLOT.getTime()) - 1_420_070_400_000n) << 22n).toString(),
    );
  });

  it("looks from the slot on: finds its digest even with more than 100 messages after it", async () => {
    const d = delivery();
    const key = { week: "2026-W03", subscriptionId: 1, title: "t", slotAt: SLOT };
    const target = { platform: "discord" as const, channelId: CHANNEL };
    const posted = await d.deliver(target, digestReply(), key);
    if (!posted.ok) throw new Error(posted.reason);
    chatter(150);
    expect(await d.findExisting(target, key)).toEqual({
      found: true,
      messageId: posted.messageId,
    });
    expect(lookups()[0]?.query).toMatchObject({ after: snowflakeAt(SLOT), limit: "100" });
  });

  it("GIVEN more messages since the slot than it reads THEN it does not know, and the scheduler does not post", async () => {
    chatter(501);
    const d = delivery();
    const key = { week: "2026-W03", subscriptionId: 1, title: "t", slotAt: SLOT };
    const target = { platform: "discord" as const, channelId: CHANNEL };
    expect(await d.findExisting(target, key)).toMatchObject({
      found: "unknown",
      failure: "transient",
      reason: expect.stringMatching(/cannot rule out an earlier post/),
    });
    expect(lookups()).toHaveLength(5);
    // Each page starts after the newest message of the one before.
    const afters = lookups().map((r) => BigInt(r.query.after ?? "0"));
    for (let i = 1; i < afters.length; i++) {
      expect(afters[i]).toBeGreaterThan(afters[i - 1] ?? 0n);
    }

    // A take-over after a crash, in that channel: it does not post on a guess.
    const store = openStore();
    await subscribe(store);
    const clock = fakeClock(at(0));
    let called!: () => void;
    const delivering = new Promise<void>((r) => (called = r));
    const dying: DigestDelivery = {
      platform: "discord",
      findExisting: (t, k) => d.findExisting(t, k),
      deliver: () => {
        called();
        return new Promise(() => {});
      },
    };
    void (await scheduler(store, [dying], clock.now)).runOnce();
    await delivering;
    clock.set(at(11 * MIN));
    const report = await (await scheduler(store, [d], clock.now)).runOnce();
    expect(report.results).toMatchObject([
      { outcome: "failed", reason: expect.stringMatching(/could not check for an earlier post/) },
    ]);
    // No post: the chatter is stored without requests, so any post request would be the digest.
    expect(postRequests()).toHaveLength(0);
  });

  it("GIVEN a 429 with Retry-After THEN it waits as told and posts once", async () => {
    const store = openStore();
    await subscribe(store);
    fake.failNext(ROUTE, [{ status: 429, retryAfter: 0.2 }]);
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 2 }]);
    expect(sleeps.waits).toHaveLength(1);
    expect(sleeps.waits[0]).toBeGreaterThanOrEqual(200);
    expect(posts()).toHaveLength(1);
  });

  it("GIVEN two 503s THEN it backs off, looks before resending, and posts once", async () => {
    const store = openStore();
    await subscribe(store);
    fake.failNext(ROUTE, [{ status: 503 }, { status: 503 }]);
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 3 }]);
    expect(sleeps.waits).toEqual([1000, 2000]);
    expect(postRequests().map((r) => r.status)).toEqual([503, 503, 200]);
    expect(
      fake.requests.filter((r) => r.route === "GET /channels/:channelId/messages"),
    ).toHaveLength(2);
    expect(posts()).toHaveLength(1);
  });

  it("GIVEN a 503 after the message was created THEN the lookup finds it and nothing is sent twice", async () => {
    const store = openStore();
    await subscribe(store);
    fake.failNext(ROUTE, [{ status: 503, commit: true }]);
    const report = await (await scheduler(store)).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "reconciled" }]);
    expect(posts()).toHaveLength(1);
    expect(postRequests()).toHaveLength(1);
  });

  it.each([403, 404] as const)(
    "GIVEN a %i THEN it pauses the subscription with the reason",
    async (status) => {
      const store = openStore();
      await subscribe(store);
      fake.failNext(ROUTE, [{ status }]);
      const s = await scheduler(store);
      expect((await s.runOnce(at(0))).results).toMatchObject([
        { outcome: "paused", reason: expect.stringContaining(`Discord: ${status}`) },
      ]);
      expect(await store.find(C)).toMatchObject({
        paused: { reason: expect.stringContaining(String(status)) },
      });
      expect((await s.runOnce(at(7 * 24 * 60 * MIN))).results).toEqual([]);
      expect(postRequests()).toHaveLength(1);
    },
  );

  it("GIVEN a crash between the post and its record THEN a restarted scheduler finds the post and sends no second", async () => {
    const first = openStore();
    await subscribe(first);
    const real = delivery();
    let stored!: () => void;
    const posted = new Promise<void>((r) => (stored = r));
    // The process "dies" right after Discord answered: the answer is never recorded.
    const dying: DigestDelivery = {
      platform: "discord",
      findExisting: (t, k) => real.findExisting(t, k),
      deliver: async (t, r, k) => {
        await real.deliver(t, r, k);
        stored();
        return new Promise(() => {});
      },
    };
    const clock = fakeClock(at(0));
    void (await scheduler(first, [dying], clock.now)).runOnce();
    await posted;
    first.close();

    const restarted = await scheduler(openStore(), [delivery()], clock.now);
    clock.set(at(5 * MIN));
    expect((await restarted.runOnce()).results).toEqual([]);
    clock.set(at(11 * MIN));
    expect((await restarted.runOnce()).results).toMatchObject([{ outcome: "reconciled" }]);
    expect(posts()).toHaveLength(1);
    expect(postRequests()).toHaveLength(1);
  });

  it("GIVEN the scheduler was down across the slot THEN one catch-up post goes out when it is back", async () => {
    const store = openStore();
    await subscribe(store);
    const s = await scheduler(store);
    expect((await s.runOnce(at(-MIN))).results).toEqual([]);
    expect((await s.runOnce(at(3 * 24 * 60 * MIN))).results).toMatchObject([{ outcome: "posted" }]);
    expect((await s.runOnce(at(3 * 24 * 60 * MIN + MIN))).results).toEqual([]);
    expect(posts()).toHaveLength(1);
  });
});
