/**
 * Knowledge skew between replicas. Each replica hot-reloads `knowledge/` on its own, so for a
 * moment two replicas on one database can hold different bases. The rule (README, "Running several
 * replicas"): a digest is composed once, by the replica that claims the channel's week, and the
 * claim stores it; whoever finishes the delivery (a retry, or another replica taking over a lapsed
 * lease) posts exactly what was claimed, never a recomposition from its own base. What the claim
 * reported is what the channel saw, so a fact the composing replica had not loaded yet is news in
 * that channel's next digest. Both stores, through the real scheduler; only the chat platform is
 * a fake.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { composeDigest } from "../../src/digest/compose.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { createDigestScheduler } from "../../src/schedule/scheduler.ts";
import type { ChannelKey, SubscriptionStore } from "../../src/store/port.ts";
import { ENGINES } from "../store/engines.ts";
import {
  baseWithDispute,
  FakePlatform,
  fakeClock,
  recordingSleep,
  silentLogger,
} from "./support.ts";

const MIN = 60_000;
const WEEK = 7 * 24 * 60 * MIN;
// Monday 12 Jan 2026 09:00 UTC is the slot of week 2026-W03.
const SLOT = new Date("2026-01-12T09:00:00Z");
const at = (ms: number) => new Date(SLOT.getTime() + ms);
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
const channel = (i: number): ChannelKey => ({
  platform: "slack",
  workspaceId: "T1",
  channelId: `C${i}`,
});

// The base before and after a curator's edit: one key fact more, stamped on the slot's day.
const OLD = baseWithDispute();
const NEW = baseWithDispute([
  { id: "money-3", text: "A third funding round was reported.", added: "2026-01-12", key: true },
]);
const mentionsNewFact = (reply: Reply | undefined) => JSON.stringify(reply).includes("money-3");
/** The facts a digest gives as news ("New since …"). */
const newsIn = (reply: Reply | undefined) =>
  (reply?.sections ?? [])
    .filter((s) => s.heading?.startsWith("New since"))
    .flatMap((s) => s.lines.flatMap((l) => (l.factId ? [l.factId] : [])));

describe.each(ENGINES)("replicas holding different knowledge bases on $name", (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>;
  let platform: FakePlatform;

  const replica = (
    store: SubscriptionStore,
    owner: string,
    base: () => KnowledgeBase,
    extra: { clock?: () => Date; concurrency?: number } = {},
  ) =>
    createDigestScheduler({
      store,
      deliveries: [platform],
      knowledge: { current: base },
      logger: silentLogger,
      sleep: recordingSleep().sleep,
      owner,
      ...extra,
    });

  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());
  beforeEach(async () => {
    db = await engine.fresh();
    platform = new FakePlatform("slack");
  });
  afterEach(() => db.dispose());

  it("GIVEN replica A on the old base claimed a week and died before posting WHEN replica B on the new base takes the claim over THEN B posts the digest A claimed, not its own", async () => {
    const a = await db.open();
    const b = await db.open();
    await a.subscribe(channel(1), monday9, "UADMIN", new Date("2026-01-07T12:00:00Z"));
    const clock = fakeClock(at(MIN));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    // A's post never reaches the channel: the process is gone with its claim held.
    platform.failNext({ kind: "hold", release: new Promise(() => {}), onHeld: held });
    void replica(a, "a", () => OLD, { clock: clock.now }).runOnce(at(MIN));
    await holding;
    const [claim] = await b.history(1);
    expect(claim?.state).toBe("claimed");

    clock.set(at(12 * MIN));
    const report = await replica(b, "b", () => NEW, { clock: clock.now }).runOnce(at(12 * MIN));
    expect(report.results).toMatchObject([{ outcome: "posted", week: "2026-W03" }]);
    const posts = platform.postsTo("C1");
    expect(posts).toHaveLength(1);
    const claimed = composeDigest({ knowledge: OLD, week: "2026-W03", asOf: at(MIN), context: {} });
    expect(posts[0]?.reply).toEqual(claimed.reply);
    // B's own base would have said more: the post is A's composition, not a recomposition.
    const own = composeDigest({
      knowledge: NEW,
      week: "2026-W03",
      asOf: at(12 * MIN),
      context: {},
    });
    expect(mentionsNewFact(own.reply)).toBe(true);
    expect(mentionsNewFact(posts[0]?.reply)).toBe(false);
    const [row] = await b.history(1);
    expect(row).toMatchObject({ state: "posted", claimedBy: "b", reply: claimed.reply });
  });

  it("GIVEN two replicas with different bases in one fan-out THEN each channel gets one post, the one its claim recorded, and a fact the old base lacked is news there the next week", async () => {
    const a = await db.open();
    const b = await db.open();
    for (let i = 1; i <= 6; i++) {
      await a.subscribe(channel(i), monday9, "UADMIN", new Date("2026-01-07T12:00:00Z"));
    }
    // A (old base, one channel at a time) claims C1 and is slow to post it; meanwhile B (new
    // base) fans out to the rest. A then finds every other week claimed.
    let baseOfA = OLD;
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    platform.failNext({ kind: "hold", release: new Promise((r) => (release = r)), onHeld: held });
    const passA = replica(a, "a", () => baseOfA, { concurrency: 1 }).runOnce(at(MIN));
    await holding;
    const passB = await replica(b, "b", () => NEW).runOnce(at(MIN));
    release();
    const reportA = await passA;
    expect(reportA.results.filter((r) => r.outcome === "posted")).toHaveLength(1);
    expect(passB.results.filter((r) => r.outcome === "posted")).toHaveLength(5);

    const subs = await a.listActive();
    for (const sub of subs) {
      const posts = platform.postsTo(sub.channelId);
      expect(posts).toHaveLength(1);
      const row = await a.digest(sub.id, "2026-W03");
      // What the channel saw is what the store says it reported.
      expect(posts[0]?.reply).toEqual(row?.reply);
      expect(mentionsNewFact(row?.reply)).toBe(sub.channelId !== "C1");
      expect(row?.reported.includes("money-3@2026-01-12")).toBe(sub.channelId !== "C1");
    }

    // A week later both have reloaded: only the channel that got the old base's digest hears
    // about the new fact, and the others are not told twice.
    baseOfA = NEW;
    const next = [
      ...(await replica(a, "a", () => baseOfA).runOnce(at(WEEK + MIN))).results,
      ...(await replica(b, "b", () => NEW).runOnce(at(WEEK + MIN))).results,
    ];
    expect(next.filter((r) => r.outcome === "posted")).toHaveLength(6);
    for (const sub of subs) {
      const w04 = platform.postsTo(sub.channelId).filter((p) => p.week === "2026-W04");
      expect(w04).toHaveLength(1);
      expect(newsIn(w04[0]?.reply)).toEqual(sub.channelId === "C1" ? ["money-3"] : []);
    }
  });
});
