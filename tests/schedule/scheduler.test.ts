/**
 * The scheduler and delivery loop over a real SQLite file, with an in-memory fake of the chat
 * platform behind the delivery port. The loopback Slack/Discord versions of the same scenarios
 * are in tests/delivery/.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DigestDelivery } from "../../src/delivery/port.ts";
import {
  createDigestScheduler,
  type DigestSchedulerOptions,
} from "../../src/schedule/scheduler.ts";
import type { ChannelKey, SubscriptionStore } from "../../src/store/port.ts";
import { localParts } from "../../src/time/zoned-time.ts";
import { recordingMetrics } from "../helpers/recording-metrics.ts";
import { ENGINES } from "../store/engines.ts";
import {
  baseWithDispute,
  FakePlatform,
  fakeClock,
  fixedKnowledge,
  recordingLogger,
  recordingSleep,
  silentLogger,
} from "./support.ts";

const MIN = 60_000;
const C1: ChannelKey = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
// Monday 12 Jan 2026 09:00 UTC is the slot of week 2026-W03.
const SLOT = new Date("2026-01-12T09:00:00Z");
const at = (ms: number) => new Date(SLOT.getTime() + ms);

describe.each(ENGINES)("the digest scheduler on $name", (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>;
  let platform: FakePlatform;
  let sleeps: ReturnType<typeof recordingSleep>;
  const kb = baseWithDispute();

  const openStore = () => db.open();
  const scheduler = (store: SubscriptionStore, extra: Partial<DigestSchedulerOptions> = {}) =>
    createDigestScheduler({
      store,
      deliveries: [platform],
      knowledge: fixedKnowledge(kb),
      logger: silentLogger,
      sleep: sleeps.sleep,
      ...extra,
    });
  const subscribe = async (store: SubscriptionStore, channel = C1) =>
    (await store.subscribe(channel, monday9, "UADMIN", new Date("2026-01-07T12:00:00Z")))
      .subscription;

  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());
  beforeEach(async () => {
    db = await engine.fresh();
    platform = new FakePlatform("slack");
    sleeps = recordingSleep();
  });
  afterEach(() => db.dispose());

  it("posts once when the slot has passed, never again that week, and again the next week", async () => {
    const store = await openStore();
    await subscribe(store);
    const s = scheduler(store);
    expect((await s.runOnce(at(-MIN))).results).toEqual([]);
    const first = await s.runOnce(at(0));
    expect(first.results).toMatchObject([{ outcome: "posted", week: "2026-W03", attempts: 1 }]);
    expect((await s.runOnce(at(MIN))).results).toEqual([]);
    expect((await s.runOnce(at(3 * 86_400_000))).results).toEqual([]);
    const next = await s.runOnce(at(7 * 86_400_000));
    expect(next.results).toMatchObject([{ outcome: "posted", week: "2026-W04" }]);
    expect(platform.postsTo("C1").map((m) => m.week)).toEqual(["2026-W03", "2026-W04"]);
    const [latest] = await store.history(1);
    expect(latest).toMatchObject({ state: "posted", messageId: "m2" });
  });

  it("GIVEN the scheduler was down across the slot WHEN it starts on Wednesday THEN it posts that week's digest once", async () => {
    const store = await openStore();
    await subscribe(store);
    const clock = fakeClock(at(2 * 86_400_000));
    const s = scheduler(store, { clock: clock.now });
    await s.runOnce();
    clock.advance(MIN);
    await s.runOnce();
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("waits as a 429 says and posts once", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext({ kind: "rate-limited", retryAfterMs: 3000 });
    const report = await scheduler(store).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 2 }]);
    expect(sleeps.waits).toEqual([3000]);
    expect(platform.postsTo("C1")).toHaveLength(1);
    // A 429 means nothing was posted: no lookup before resending.
    expect(platform.calls.filter((c) => c.op === "find")).toHaveLength(0);
  });

  it("backs off after two 5xx, looks before each resend, and posts once", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext({ kind: "transient" }, { kind: "transient" });
    const report = await scheduler(store).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "posted", attempts: 3 }]);
    expect(sleeps.waits).toEqual([1000, 2000]);
    expect(platform.calls.map((c) => c.op)).toEqual([
      "deliver",
      "find",
      "deliver",
      "find",
      "deliver",
    ]);
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("GIVEN a 5xx whose post did go through WHEN it retries THEN it finds the post instead of sending another", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext({ kind: "transient", committed: true });
    const report = await scheduler(store).runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "reconciled", messageId: "m1" }]);
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("pauses on a permanent refusal, shows why, and retries the week once an admin resumes", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext({
      kind: "permanent",
      reason: "Slack: not_in_channel (the bot is not in the channel; invite it)",
    });
    const metrics = recordingMetrics();
    const s = scheduler(store, { metrics });
    expect((await s.runOnce(at(0))).results).toMatchObject([{ outcome: "paused" }]);
    expect(await store.find(C1)).toMatchObject({
      paused: { reason: expect.stringContaining("not_in_channel") },
    });
    expect((await s.runOnce(at(MIN))).results).toEqual([]);
    expect((await s.runOnce(at(7 * 86_400_000))).results).toEqual([]);
    expect(platform.calls.filter((c) => c.op === "deliver")).toHaveLength(1);

    await store.subscribe(C1, monday9, "UADMIN", at(2 * MIN));
    expect((await s.runOnce(at(3 * MIN))).results).toMatchObject([
      { outcome: "posted", week: "2026-W03" },
    ]);
    // Every delivery's outcome is counted, once.
    expect(metrics.digests).toEqual(["paused", "posted"]);
  });

  it("gives up a pass after bounded 5xx, and a later pass posts once", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext(...Array.from({ length: 4 }, () => ({ kind: "transient" as const })));
    const clock = fakeClock(at(0));
    const s = scheduler(store, { clock: clock.now });
    expect((await s.runOnce()).results).toMatchObject([{ outcome: "failed", attempts: 4 }]);
    clock.set(at(2 * MIN));
    expect((await s.runOnce()).results).toEqual([]);
    clock.set(at(6 * MIN));
    expect((await s.runOnce()).results).toMatchObject([{ outcome: "posted" }]);
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("GIVEN a crash between the post and its record WHEN a restarted scheduler runs THEN it finds the post and does not send a second", async () => {
    const first = await openStore();
    await subscribe(first);
    let posted!: () => void;
    const seen = new Promise<void>((resolve) => {
      posted = resolve;
    });
    // The platform stores the message and the process dies before the answer arrives.
    platform.failNext({ kind: "hang", release: new Promise(() => {}), onStored: posted });
    const clock = fakeClock(at(0));
    void scheduler(first, { owner: "crashed", clock: clock.now }).runOnce();
    await seen;
    expect(platform.postsTo("C1")).toHaveLength(1);
    first.close();

    const second = await openStore();
    const restarted = scheduler(second, { owner: "restarted", clock: clock.now });
    // While the dead claim's lease runs, nobody touches the week.
    clock.set(at(5 * MIN));
    expect((await restarted.runOnce()).results).toEqual([]);
    clock.set(at(11 * MIN));
    const after = await restarted.runOnce();
    expect(after.results).toMatchObject([{ outcome: "reconciled", messageId: "m1" }]);
    expect(platform.postsTo("C1")).toHaveLength(1);
    expect((await second.history(1))[0]).toMatchObject({ state: "posted", messageId: "m1" });
  });

  it("GIVEN a pass run as if 25 minutes ago WHEN the bot ticks at the real time during its delivery THEN the bot sees a fresh claim and there is one post", async () => {
    const cliStore = await openStore();
    const botStore = await openStore();
    // A slot two hours before the real time, so both instants fall after the same slot; the real
    // clock is the point here (the scheduler's default), and any time of day works, a Monday
    // 00:00 UTC week boundary or a new year included: the slot and its week follow the clock.
    const slot = localParts(new Date(Date.now() - 120 * MIN), "UTC");
    await cliStore.subscribe(
      C1,
      { day: slot.weekday, hour: slot.hour, minute: slot.minute, timezone: "UTC" },
      "UADMIN",
      new Date(Date.now() - 30 * 86_400_000),
    );
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    platform.failNext({ kind: "hold", release: new Promise((r) => (release = r)), onHeld: held });
    // `digest run --at <25 minutes ago>`, on the real clock, still posting.
    const started = Date.now();
    const cliPass = scheduler(cliStore, { owner: "cli" }).runOnce(new Date(started - 25 * MIN));
    await holding;
    const [claim] = await botStore.history(1);
    // The running bot's tick, at the real time.
    const tick = await scheduler(botStore, { owner: "bot" }).runOnce();
    release();
    const report = await cliPass;
    expect(platform.postsTo("C1")).toHaveLength(1);
    expect(platform.calls.filter((c) => c.op === "deliver")).toHaveLength(1);
    expect(tick.results).toEqual([]);
    expect(report.results).toMatchObject([{ outcome: "posted" }]);
    // The claim was stamped with the real time, not the "as if" one.
    expect(claim?.state).toBe("claimed");
    expect(claim?.claimedAt.getTime()).toBeGreaterThanOrEqual(started);
  });

  it("composes a pass run as if at an instant as of that instant, and stamps the store with the real clock", async () => {
    const store = await openStore();
    await subscribe(store);
    const clock = fakeClock(at(3 * 60 * MIN));
    const report = await scheduler(store, { clock: clock.now }).runOnce(at(5 * MIN));
    expect(report.results).toMatchObject([{ outcome: "posted", week: "2026-W03" }]);
    const [row] = await store.history(1);
    expect(row?.asOf).toEqual(at(5 * MIN));
    expect(row?.claimedAt).toEqual(at(3 * 60 * MIN));
    expect(row?.postedAt).toEqual(at(3 * 60 * MIN));
  });

  it("GIVEN a post whose claim was taken over before it was recorded THEN it is reported and logged as posted-but-claim-lost", async () => {
    const a = await openStore();
    const b = await openStore();
    await subscribe(a);
    const clock = fakeClock(at(0));
    let stored!: () => void;
    const seen = new Promise<void>((r) => (stored = r));
    let release!: () => void;
    // The post lands, but its answer is so late that the claim's lease runs out meanwhile.
    platform.failNext({
      kind: "hang",
      release: new Promise((r) => (release = r)),
      onStored: stored,
    });
    const log = recordingLogger();
    const slow = scheduler(a, { owner: "slow", clock: clock.now, logger: log.logger }).runOnce();
    await seen;
    clock.set(at(11 * MIN));
    const other = await scheduler(b, { owner: "other", clock: clock.now }).runOnce();
    expect(other.results).toMatchObject([{ outcome: "reconciled", messageId: "m1" }]);
    release();
    expect((await slow).results).toMatchObject([
      {
        outcome: "posted-but-claim-lost",
        messageId: "m1",
        reason: expect.stringMatching(/another scheduler took the week over/),
      },
    ]);
    expect(platform.postsTo("C1")).toHaveLength(1);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 40, outcome: "posted-but-claim-lost", messageId: "m1" }),
    );
  });

  it("lets one of two schedulers on the same database post, whichever runs first, while the other's pass runs", async () => {
    const a = await openStore();
    const b = await openStore();
    await subscribe(a);
    await subscribe(a, { ...C1, channelId: "C2" });
    // Each scheduler reaches the one platform through a delivery of its own. The first delivery
    // either starts is held until the other scheduler's whole pass is over, so that pass surely
    // runs while a claim is out and its message not yet posted: were the claim not exclusive, it
    // would post that channel too. The other channel goes to whichever claims it.
    const passes: Record<"a" | "b", Promise<unknown>> = {
      a: Promise.resolve(),
      b: Promise.resolve(),
    };
    let held: { by: "a" | "b"; channel: string } | undefined;
    const via = (by: "a" | "b"): DigestDelivery => ({
      platform: platform.platform,
      findExisting: (target, key) => platform.findExisting(target, key),
      deliver: async (target, reply, key) => {
        if (!held) {
          held = { by, channel: target.channelId };
          await passes[by === "a" ? "b" : "a"].catch(() => undefined);
        }
        return platform.deliver(target, reply, key);
      },
    });
    const passA = scheduler(a, { owner: "a", deliveries: [via("a")] }).runOnce(at(0));
    const passB = scheduler(b, { owner: "b", deliveries: [via("b")] }).runOnce(at(0));
    passes.a = passA;
    passes.b = passB;
    const reports = { a: await passA, b: await passB };
    const outcomes = [...reports.a.results, ...reports.b.results].map((r) => r.outcome);
    // The held channel was posted by the scheduler that held it, after the other's pass.
    if (!held) throw new Error("no delivery was made");
    expect(reports[held.by].results).toContainEqual(
      expect.objectContaining({ channel: { ...C1, channelId: held.channel }, outcome: "posted" }),
    );
    expect(outcomes.filter((o) => o === "posted")).toHaveLength(2);
    expect(platform.postsTo("C1")).toHaveLength(1);
    expect(platform.postsTo("C2")).toHaveLength(1);
    // One attempt per channel: the held channel was never tried by the other scheduler.
    expect(
      platform.calls
        .filter((c) => c.op === "deliver")
        .map((c) => c.channel)
        .sort(),
    ).toEqual(["C1", "C2"]);
  });

  it("stop() lets the delivery in flight finish and record its post", async () => {
    const store = await openStore();
    await subscribe(store);
    let release!: () => void;
    let posting!: () => void;
    const inFlight = new Promise<void>((r) => (posting = r));
    platform.failNext({
      kind: "hang",
      release: new Promise((r) => (release = r)),
      onStored: () => posting(),
    });
    const s = scheduler(store);
    const pass = s.runOnce(at(0));
    // Stop only once the post is on the wire: a stop before the claim would rightly post nothing.
    await inFlight;
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    // Everything stop() could do without the delivery has run once the pending callbacks and
    // promises are through; the post is still held, so stop() must still be waiting.
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await pass).results).toMatchObject([{ outcome: "posted" }]);
    expect((await store.history(1))[0]).toMatchObject({ state: "posted" });
  });

  it("stop() during a 429 wait hands the claim back, and the next start posts at once", async () => {
    const store = await openStore();
    await subscribe(store);
    platform.failNext({ kind: "rate-limited", retryAfterMs: 30_000 });
    let s!: ReturnType<typeof scheduler>;
    s = scheduler(store, {
      sleep: async () => {
        // The shutdown arrives while waiting out the 429.
        void s.stop();
      },
    });
    const report = await s.runOnce(at(0));
    expect(report.results).toMatchObject([{ outcome: "stopped" }]);
    expect(platform.postsTo("C1")).toHaveLength(0);
    const next = await scheduler(store).runOnce(at(MIN));
    expect(next.results).toMatchObject([{ outcome: "posted" }]);
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("start() runs a catch-up pass at once on the node-cron scheduler, and stop() ends it", async () => {
    const store = await openStore();
    await subscribe(store);
    const s = scheduler(store, { clock: () => at(30 * MIN) });
    s.start();
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (platform.postsTo("C1").length > 0) return resolve();
        if (Date.now() - started > 10_000) return reject(new Error("no catch-up post"));
        setTimeout(poll, 10);
      };
      poll();
    });
    await s.stop();
    expect(platform.postsTo("C1")).toHaveLength(1);
  });

  it("leaves subscriptions of a platform with no delivery configured for later", async () => {
    const store = await openStore();
    await subscribe(store, { platform: "discord", workspaceId: "G1", channelId: "42" });
    const report = await scheduler(store).runOnce(at(0));
    expect(report).toMatchObject({ considered: 1, unconfigured: 1, results: [] });
  });
});
