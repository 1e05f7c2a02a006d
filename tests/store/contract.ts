/**
 * The store port's contract: what every engine must do, run against each one
 * (tests/store/sqlite.test.ts, tests/store/postgres.test.ts). Engine-specific behaviour (files,
 * pragmas, schema tables) is tested next to each engine.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/reply/reply.ts";
import type { ChannelKey, ClaimInput, SubscriptionStore } from "../../src/store/port.ts";

/** One test's database, empty at the start. */
export interface StoreFixture {
  /** Opens another connection to this test's database (closed by `dispose`). */
  open(): Promise<SubscriptionStore>;
  /** How many digest bodies are stored. */
  bodyCount(): Promise<number>;
  dispose(): Promise<void>;
}

export const channel: ChannelKey = { platform: "slack", workspaceId: "T1", channelId: "C1" };
export const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
export const at = new Date("2026-01-07T12:00:00Z");
export const reply: Reply = {
  kind: "digest",
  title: "Partnership briefing",
  sections: [],
  citations: [],
  shareable: false,
  visibility: "channel",
};

export function claimInput(subscriptionId: number, owner: string, week = "2026-W03"): ClaimInput {
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

export function describeStoreContract(name: string, fresh: () => Promise<StoreFixture>): void {
  describe(`the store contract on ${name}`, () => {
    let fixture: StoreFixture;
    const open = () => fixture.open();

    beforeEach(async () => {
      fixture = await fresh();
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it("keeps what was written across a close and a reopen", async () => {
      const first = await open();
      await first.subscribe(channel, monday9, "UADMIN", at);
      await first.close();
      const again = await open();
      expect(await again.find(channel)).toMatchObject({ channelId: "C1", schedule: monday9 });
    });

    it("creates, changes and ends a subscription, keyed by platform, workspace and channel", async () => {
      const store = await open();
      const created = await store.subscribe(channel, monday9, "UADMIN", at);
      expect(created.status).toBe("created");
      expect(created.subscription).toMatchObject({
        platform: "slack",
        workspaceId: "T1",
        channelId: "C1",
        createdBy: "UADMIN",
        since: at,
      });

      const same = await store.subscribe(channel, monday9, "UOTHER", at);
      expect(same.status).toBe("unchanged");
      expect(same.subscription.updatedBy).toBe("UADMIN");

      const friday = { day: 5, hour: 16, minute: 30, timezone: "Europe/London" };
      const later = new Date("2026-01-08T00:00:00Z");
      const changed = await store.subscribe(channel, friday, "UADMIN", later);
      expect(changed).toMatchObject({ status: "updated", previous: { schedule: monday9 } });
      expect(changed.subscription.since).toEqual(later);

      // The same channel id in another workspace is another subscription; none is a third.
      await store.subscribe({ ...channel, workspaceId: "T2" }, monday9, "UADMIN", at);
      const discord = { platform: "discord", channelId: "C1" };
      expect((await store.subscribe(discord, monday9, "U", at)).subscription).not.toHaveProperty(
        "workspaceId",
      );
      expect(await store.listActive()).toHaveLength(3);

      expect(await store.unsubscribe(channel, "UADMIN", later)).toMatchObject({ channelId: "C1" });
      expect(await store.find(channel)).toBeUndefined();
      expect(await store.unsubscribe(channel, "UADMIN", later)).toBeUndefined();
      expect((await store.listActive()).map((s) => s.workspaceId)).toEqual(["T2", undefined]);
    });

    it("keeps a channel's history through unsubscribe and subscribe, so the week is not posted twice", async () => {
      const store = await open();
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
      expect(again.status).toBe("created");
      expect(again.subscription.id).toBe(subscription.id);
      expect(await store.claim(claimInput(subscription.id, "b"))).toBeUndefined();
      expect(await store.history(subscription.id)).toHaveLength(1);
    });

    it("lets exactly one of two connections claim a week", async () => {
      const a = await open();
      const b = await open();
      const { subscription } = await a.subscribe(channel, monday9, "UADMIN", at);
      const [first, second] = await Promise.all([
        a.claim(claimInput(subscription.id, "a")),
        b.claim(claimInput(subscription.id, "b")),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(first ?? second).toMatchObject({
        state: "claimed",
        reported: ["money-1@2026-01-05"],
        reply,
        slotAt: new Date("2026-01-12T09:00:00Z"),
      });
    });

    it("gives each of 40 channels exactly one claim when two connections race for all of them", async () => {
      const a = await open();
      const b = await open();
      const ids: number[] = [];
      for (let i = 0; i < 40; i++) {
        const c = { ...channel, channelId: `C${i}` };
        ids.push((await a.subscribe(c, monday9, "UADMIN", at)).subscription.id);
      }
      const claims = await Promise.all(
        ids.flatMap((id) => [a.claim(claimInput(id, "a")), b.claim(claimInput(id, "b"))]),
      );
      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(40);
      expect(new Set(won.map((c) => c.subscriptionId)).size).toBe(40);
      expect(await fixture.bodyCount()).toBe(1);
    });

    it("records posted, failed and paused only for the owner of the claim", async () => {
      const store = await open();
      const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
      const claim = await store.claim(claimInput(subscription.id, "a"));
      if (!claim) throw new Error("no claim");
      const t = new Date("2026-01-12T09:02:00Z");
      expect(await store.markPosted(claim.id, "intruder", "x", t)).toBe(false);
      expect(await store.renew(claim.id, "intruder", t)).toBe(false);
      expect(await store.renew(claim.id, "a", t)).toBe(true);
      expect(await store.digest(subscription.id, "2026-W03")).toMatchObject({ claimedAt: t });
      expect(await store.markFailed(claim.id, "a", "Slack: HTTP 503", t)).toBe(true);
      const [failed] = await store.history(subscription.id);
      expect(failed).toMatchObject({ state: "failed", failures: 1, reason: "Slack: HTTP 503" });
      if (!failed) throw new Error("no row");
      expect(await store.markFailed(claim.id, "a", "again", t)).toBe(false);

      // Compare-and-set: a take-over of a row that moved since it was read does nothing.
      const taken = await store.takeOver(failed, "b", new Date("2026-01-12T09:10:00Z"));
      expect(taken).toMatchObject({ state: "claimed", claimedBy: "b", failures: 1 });
      expect(await store.takeOver(failed, "c", new Date("2026-01-12T09:10:00Z"))).toBeUndefined();

      // A release hands the claim back without counting a failure.
      expect(await store.release(claim.id, "b", "shutting down", t)).toBe(true);
      const released = await store.digest(subscription.id, "2026-W03");
      expect(released).toMatchObject({ state: "failed", failures: 1, reason: "shutting down" });
      if (!released) throw new Error("no row");
      expect(await store.takeOver(released, "b", new Date("2026-01-12T09:11:00Z"))).toBeDefined();

      expect(await store.markPaused(claim.id, "a", "not the owner", t)).toBe(false);
      expect(await store.markPaused(claim.id, "b", "Slack: not_in_channel", t)).toBe(true);
      expect(await store.find(channel)).toMatchObject({
        paused: { reason: "Slack: not_in_channel", at: t },
      });
      expect(await store.listActive()).toHaveLength(1);
      // A paused subscription cannot be claimed for another week, nor taken over.
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

    it("refuses a claim or a take-over for an ended subscription", async () => {
      const store = await open();
      const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
      const claim = await store.claim(claimInput(subscription.id, "a"));
      if (!claim) throw new Error("no claim");
      await store.unsubscribe(channel, "UADMIN", at);
      expect(await store.takeOver(claim, "b", new Date("2026-01-12T09:30:00Z"))).toBeUndefined();
      expect(await store.claim(claimInput(subscription.id, "a", "2026-W04"))).toBeUndefined();
      expect(await store.claim(claimInput(9999, "a"))).toBeUndefined();
    });

    it("stores a digest that many channels get once, and reads it back for each", async () => {
      const store = await open();
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
      expect(await fixture.bodyCount()).toBe(1);
    });

    it("gives the digest context: the last posted digest and the last topic in focus", async () => {
      const store = await open();
      const { subscription } = await store.subscribe(channel, monday9, "UADMIN", at);
      expect(await store.digestContext(subscription.id)).toEqual({});
      const w3 = await store.claim({ ...claimInput(subscription.id, "a"), focusTopic: "money" });
      await store.markPosted(w3?.id ?? 0, "a", "m1", new Date("2026-01-12T09:01:00Z"));
      const w4 = await store.claim(claimInput(subscription.id, "a", "2026-W04"));
      await store.markFailed(w4?.id ?? 0, "a", "503", new Date("2026-01-19T09:01:00Z"));
      const context = await store.digestContext(subscription.id);
      expect(context.lastPosted).toMatchObject({
        week: "2026-W03",
        messageId: "m1",
        postedAt: new Date("2026-01-12T09:01:00Z"),
        focusTopic: "money",
      });
      expect(context.lastFocusTopic).toBe("money");
      expect((await store.history(subscription.id)).map((d) => d.week)).toEqual([
        "2026-W04",
        "2026-W03",
      ]);
      expect(await store.history(subscription.id, 1)).toHaveLength(1);
    });

    it("saves an installation per platform and workspace, replaces it on a reinstall, and keeps it across a reopen", async () => {
      const first = await open();
      const t1 = { platform: "slack", workspaceId: "T1" };
      expect(await first.findInstallation(t1)).toBeUndefined();
      const saved = await first.saveInstallation({ ...t1, sealed: "v1:a", installedBy: "U1" }, at);
      expect(saved).toEqual({
        ...t1,
        sealed: "v1:a",
        installedBy: "U1",
        installedAt: at,
        updatedAt: at,
      });
      await first.saveInstallation({ platform: "slack", workspaceId: "T2", sealed: "v1:b" }, at);
      const later = new Date("2026-01-08T12:00:00Z");
      await first.saveInstallation({ ...t1, sealed: "v1:c" }, later);
      await first.close();
      const again = await open();
      // A reinstall replaces the record, keeps who installed it first and when.
      expect(await again.findInstallation(t1)).toEqual({
        ...t1,
        sealed: "v1:c",
        installedBy: "U1",
        installedAt: at,
        updatedAt: later,
      });
      expect(await again.findInstallation({ platform: "slack", workspaceId: "T2" })).toMatchObject({
        sealed: "v1:b",
      });
      expect(
        await again.findInstallation({ platform: "discord", workspaceId: "T1" }),
      ).toBeUndefined();
    });

    it("removes an installation and pauses that workspace's subscriptions, and nothing else, in one step", async () => {
      const store = await open();
      const t1 = { platform: "slack", workspaceId: "T1" };
      await store.saveInstallation({ ...t1, sealed: "v1:a" }, at);
      const a = await store.subscribe(channel, monday9, "UADMIN", at);
      const b = await store.subscribe({ ...channel, channelId: "C2" }, monday9, "UADMIN", at);
      const ended = await store.subscribe({ ...channel, channelId: "C3" }, monday9, "UADMIN", at);
      await store.unsubscribe({ ...channel, channelId: "C3" }, "UADMIN", at);
      const other = await store.subscribe({ ...channel, workspaceId: "T2" }, monday9, "UADMIN", at);
      // Already paused for its own reason: keeps it.
      const w3 = await store.claim(claimInput(b.subscription.id, "a"));
      await store.markPaused(w3?.id ?? 0, "a", "the bot is not in the channel", at);

      const removedAt = new Date("2026-01-09T10:00:00Z");
      const reason = "the app was uninstalled from this workspace";
      expect(await store.removeInstallation(t1, reason, removedAt)).toEqual({
        removed: true,
        paused: 1,
      });
      expect(await store.findInstallation(t1)).toBeUndefined();
      expect((await store.find(channel))?.paused).toEqual({ at: removedAt, reason });
      expect((await store.find({ ...channel, channelId: "C2" }))?.paused?.reason).toBe(
        "the bot is not in the channel",
      );
      expect((await store.find({ ...channel, workspaceId: "T2" }))?.paused).toBeUndefined();
      expect(await store.claim(claimInput(a.subscription.id, "a", "2026-W04"))).toBeUndefined();
      expect(await store.claim(claimInput(other.subscription.id, "a"))).toBeDefined();
      // The ended subscription stays ended; subscribing again later would start it unpaused.
      expect((await store.listActive()).map((s) => s.id)).not.toContain(ended.subscription.id);
      // Slack retries events: a second removal finds nothing to do.
      expect(await store.removeInstallation(t1, reason, removedAt)).toEqual({
        removed: false,
        paused: 0,
      });
      // Subscribing again resumes the channel.
      const resumed = await store.subscribe(channel, monday9, "UADMIN", removedAt);
      expect(resumed.status).toBe("updated");
      expect(resumed.subscription.paused).toBeUndefined();
    });
  });
}
