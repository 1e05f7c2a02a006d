import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/reply/reply.ts";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import type { ChannelKey, ClaimInput, SubscriptionStore } from "../../src/store/port.ts";
import { migrate, openSqliteStore } from "../../src/store/sqlite-store.ts";
import { tempDir } from "../schedule/support.ts";

const channel: ChannelKey = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
const at = new Date("2026-01-07T12:00:00Z");
const reply: Reply = {
  kind: "digest",
  title: "Partnership briefing",
  sections: [],
  citations: [],
  shareable: false,
  visibility: "channel",
};

function claimInput(subscriptionId: number, owner: string, week = "2026-W03"): ClaimInput {
  return {
    subscriptionId,
    week,
    slotAt: new Date("2026-01-12T09:00:00Z"),
    owner,
    at: new Date("2026-01-12T09:00:30Z"),
    asOf: new Date("2026-01-12T09:00:30Z"),
    reported: ["money-1@2026-01-05"],
    reply,
  };
}

describe("the SQLite store", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let path: string;
  const open: SubscriptionStore[] = [];
  const openStore = () => {
    const s = openSqliteStore(path);
    open.push(s);
    return s;
  };

  beforeEach(async () => {
    tmp = await tempDir("store-");
    path = join(tmp.dir, "nested", "briefing.db");
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await tmp.dispose();
  });

  it("creates the file and its folder, migrates it, and sets WAL, synchronous=FULL and a busy timeout", () => {
    const store = openStore() as ReturnType<typeof openSqliteStore>;
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(store.db.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
  });

  it("opens an existing file without migrating it again, and keeps what was written", async () => {
    const first = openStore();
    await first.subscribe(channel, monday9, "UADMIN", at);
    first.close();
    const again = openStore();
    expect(await again.find(channel)).toMatchObject({ channelId: "C1", schedule: monday9 });
  });

  it("refuses a database written by a newer schema instead of guessing", () => {
    const db = new Database(join(tmp.dir, "newer.db"));
    db.pragma("user_version = 999");
    db.close();
    expect(() => openSqliteStore(join(tmp.dir, "newer.db"))).toThrow(/schema version 999/);
  });

  it("creates, changes and ends a subscription, keyed by platform, workspace and channel", async () => {
    const store = openStore();
    const created = await store.subscribe(channel, monday9, "UADMIN", at);
    expect(created.status).toBe("created");
    expect(created.subscription).toMatchObject({
      platform: "slack",
      workspaceId: "T1",
      channelId: "C1",
      createdBy: "UADMIN",
    });

    const same = await store.subscribe(channel, monday9, "UOTHER", at);
    expect(same.status).toBe("unchanged");
    expect(same.subscription.updatedBy).toBe("UADMIN");

    const friday = { day: 5, hour: 16, minute: 30, timezone: "Europe/London" };
    const later = new Date("2026-01-08T00:00:00Z");
    const changed = await store.subscribe(channel, friday, "UADMIN", later);
    expect(changed).toMatchObject({ status: "updated", previous: { schedule: monday9 } });
    expect(changed.subscription.since).toEqual(later);

    // The same channel id in another workspace is another subscription.
    await store.subscribe({ ...channel, workspaceId: "T2" }, monday9, "UADMIN", at);
    expect(await store.listActive()).toHaveLength(2);

    expect(await store.unsubscribe(channel, "UADMIN", later)).toMatchObject({ channelId: "C1" });
    expect(await store.find(channel)).toBeUndefined();
    expect(await store.unsubscribe(channel, "UADMIN", later)).toBeUndefined();
    expect(await store.listActive()).toHaveLength(1);
  });

  it("keeps a channel's history through unsubscribe and subscribe, so the week is not posted twice", async () => {
    const store = openStore();
    const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
    const claimed = await store.claim(claimInput(subscription.id, "a"));
    expect(claimed).toBeDefined();
    await store.markPosted(
      claimed?.id ?? 0,
      "a",
      "1700000000.000100",
      new Date("2026-01-12T09:01:00Z"),
    );
    await store.unsubscribe(channel, "UADMIN", new Date("2026-01-12T10:00:00Z"));
    const again = await store.subscribe(
      channel,
      monday9,
      "UADMIN",
      new Date("2026-01-12T11:00:00Z"),
    );
    expect(again.subscription.id).toBe(subscription.id);
    expect(await store.claim(claimInput(subscription.id, "b"))).toBeUndefined();
    expect(await store.history(subscription.id)).toHaveLength(1);
  });

  it("lets exactly one of two connections claim a week", async () => {
    const a = openStore();
    const b = openStore();
    const { subscription } = await a.subscribe(channel, monday9, "UADMIN", at);
    const [first, second] = await Promise.all([
      a.claim(claimInput(subscription.id, "a")),
      b.claim(claimInput(subscription.id, "b")),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first).toMatchObject({
      state: "claimed",
      claimedBy: "a",
      reported: ["money-1@2026-01-05"],
      reply,
    });
  });

  it("records posted, failed and paused only for the owner of the claim", async () => {
    const store = openStore();
    const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
    const claim = await store.claim(claimInput(subscription.id, "a"));
    if (!claim) throw new Error("no claim");
    const t = new Date("2026-01-12T09:02:00Z");
    expect(await store.markPosted(claim.id, "intruder", "x", t)).toBe(false);
    expect(await store.markFailed(claim.id, "a", "Slack: HTTP 503", t)).toBe(true);
    const [failed] = await store.history(subscription.id);
    expect(failed).toMatchObject({ state: "failed", failures: 1, reason: "Slack: HTTP 503" });
    if (!failed) throw new Error("no row");

    // Compare-and-set: a take-over of a row that moved since it was read does nothing.
    const taken = await store.takeOver(failed, "b", new Date("2026-01-12T09:10:00Z"));
    expect(taken).toMatchObject({ state: "claimed", claimedBy: "b" });
    expect(await store.takeOver(failed, "c", new Date("2026-01-12T09:10:00Z"))).toBeUndefined();

    expect(await store.markPaused(claim.id, "b", "Slack: not_in_channel", t)).toBe(true);
    expect(await store.find(channel)).toMatchObject({
      paused: { reason: "Slack: not_in_channel" },
    });
    // A paused subscription cannot be claimed for another week.
    expect(await store.claim(claimInput(subscription.id, "a", "2026-W04"))).toBeUndefined();

    // Subscribing again with the same schedule lifts the pause and keeps `since`.
    const resumed = await store.subscribe(
      channel,
      monday9,
      "UADMIN",
      new Date("2026-01-13T00:00:00Z"),
    );
    expect(resumed.status).toBe("updated");
    expect(resumed.subscription.paused).toBeUndefined();
    expect(resumed.subscription.since).toEqual(at);
  });

  it("stores a digest that many channels get once, and reads it back for each", async () => {
    const store = openStore() as ReturnType<typeof openSqliteStore>;
    for (const c of ["C1", "C2", "C3"]) {
      const { subscription } = await store.subscribe(
        { ...channel, channelId: c },
        monday9,
        "UADMIN",
        at,
      );
      expect(await store.claim(claimInput(subscription.id, "a"))).toMatchObject({
        reply,
        reported: ["money-1@2026-01-05"],
      });
    }
    expect(store.db.prepare("SELECT count(*) AS n FROM digest_bodies").get()).toEqual({ n: 1 });
  });

  it("upgrades a version-1 file and still reads the digests written before", async () => {
    const v1 = new Database(join(tmp.dir, "v1.db"));
    migrate(v1, MIGRATIONS.slice(0, 1));
    const t = at.toISOString();
    v1.prepare(
      `INSERT INTO subscriptions (id, platform, workspace_id, channel_id, day, hour, minute, timezone,
         since, created_at, created_by, updated_at, updated_by)
       VALUES (1, 'slack', 'T1', 'C1', 1, 9, 0, 'UTC', ?, ?, 'U', ?, 'U')`,
    ).run(t, t, t);
    v1.prepare(
      `INSERT INTO digests (subscription_id, week, slot_at, state, claimed_by, claimed_at, updated_at,
         as_of, reported, reply, message_id, posted_at)
       VALUES (1, '2026-W03', ?, 'posted', 'old', ?, ?, ?, '["x@2026-01-05"]', ?, 'm0', ?)`,
    ).run(t, t, t, t, JSON.stringify(reply), t);
    v1.close();
    path = join(tmp.dir, "v1.db");
    const store = openStore() as ReturnType<typeof openSqliteStore>;
    expect(store.db.pragma("user_version", { simple: true })).toBe(2);
    expect(await store.find(channel)).toMatchObject({ id: 1 });
    expect(await store.digest(1, "2026-W03")).toMatchObject({
      state: "posted",
      messageId: "m0",
      reply,
      reported: ["x@2026-01-05"],
    });
  });

  it("gives the digest context: the last posted digest and the last topic in focus", async () => {
    const store = openStore();
    const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
    const w3 = await store.claim({ ...claimInput(subscription.id, "a"), focusTopic: "money" });
    await store.markPosted(w3?.id ?? 0, "a", "m1", new Date("2026-01-12T09:01:00Z"));
    const w4 = await store.claim(claimInput(subscription.id, "a", "2026-W04"));
    await store.markFailed(w4?.id ?? 0, "a", "503", new Date("2026-01-19T09:01:00Z"));
    const context = await store.digestContext(subscription.id);
    expect(context.lastPosted).toMatchObject({ week: "2026-W03", messageId: "m1" });
    expect(context.lastFocusTopic).toBe("money");
  });
});
