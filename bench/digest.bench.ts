/**
 * Digest fan-out: one weekly digest to 1,000 subscribed channels through the real scheduler, the
 * real SQLite store (a temp file, WAL, synchronous=FULL) and the real Slack and Discord
 * deliveries, against the loopback fakes set to enforce one message per second per channel, so a
 * duplicate or a too-fast retry would show up as a 429. Measures the whole pass (due checks,
 * composition, claim, post, record), posts per second, each post's latency, and duplicates (must
 * be 0). Then the same pass again, with nothing due, and a run with two schedulers on the file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createDiscordDelivery } from "../adapters/discord/delivery.ts";
import { createSlackDelivery } from "../adapters/slack/delivery.ts";
import type { DigestDelivery, PlatformName } from "../src/index.ts";
import {
  createDigestScheduler,
  createLogger,
  loadKnowledge,
  openSqliteStore,
  type PassReport,
} from "../src/index.ts";
import { startFakeDiscord } from "../tests/fakes/discord/index.ts";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import type { Bench } from "./harness.ts";

const SECTION = "digest";
const CHANNELS = 1000;
const CONCURRENCY = 8;
const SLOT = new Date("2026-01-12T09:00:00Z");
const AFTER = new Date(SLOT.getTime() + 60_000);

/** Wraps a delivery to time each post; the scheduler and the delivery are untouched. */
function timed(inner: DigestDelivery, durations: number[]): DigestDelivery {
  return {
    platform: inner.platform,
    findExisting: (t, k) => inner.findExisting(t, k),
    async deliver(t, r, k) {
      const t0 = performance.now();
      const result = await inner.deliver(t, r, k);
      durations.push(performance.now() - t0);
      return result;
    },
  };
}

export default async (bench: Bench): Promise<void> => {
  const loaded = await loadKnowledge(process.env.KNOWLEDGE_DIR ?? "knowledge");
  if (!loaded.ok) throw new Error("the knowledge base does not load; run the cli check");
  const kb = loaded.knowledge;
  const knowledge = { current: () => kb };
  const logger = createLogger({ level: "silent" });
  const dir = await mkdtemp(join(tmpdir(), "digest-bench-"));

  const slackFake = await startFakeSlack({
    botToken: "xoxb-bench",
    rateLimit: { intervalMs: 1000 },
  });
  const discordFake = await startFakeDiscord({ channelRateLimit: { messages: 1, perMs: 1000 } });
  const deliveries: Record<"slack" | "discord", () => DigestDelivery> = {
    slack: () => createSlackDelivery({ token: "xoxb-bench", apiUrl: slackFake.apiUrl }),
    discord: () =>
      createDiscordDelivery({
        token: discordFake.token,
        apiUrl: discordFake.apiUrl,
        botUserId: discordFake.applicationId,
      }),
  };
  const channelId = (platform: PlatformName, i: number) =>
    platform === "slack"
      ? `C${String(i).padStart(6, "0")}`
      : String(500000000000000000n + BigInt(i));
  const postsPerChannel = (platform: PlatformName): number[] =>
    platform === "slack"
      ? Array.from({ length: CHANNELS }, (_, i) => slackFake.messages(channelId("slack", i)).length)
      : Array.from(
          { length: CHANNELS },
          (_, i) =>
            discordFake.channelMessages.filter((m) => m.channelId === channelId("discord", i))
              .length,
        );
  const rateLimited = (platform: PlatformName) =>
    platform === "slack"
      ? slackFake.callsTo("chat.postMessage").filter((c) => c.status === 429).length
      : discordFake.requests.filter((r) => r.status === 429).length;

  try {
    for (const platform of ["slack", "discord"] as const) {
      const path = join(dir, `${platform}.db`);
      const store = openSqliteStore(path);
      for (let i = 0; i < CHANNELS; i++) {
        await store.subscribe(
          { platform, workspaceId: "W1", channelId: channelId(platform, i) },
          { day: 1, hour: 9, minute: 0, timezone: "UTC" },
          "bench",
          new Date("2026-01-05T00:00:00Z"),
        );
      }
      const durations: number[] = [];
      const scheduler = createDigestScheduler({
        store,
        deliveries: [timed(deliveries[platform](), durations)],
        knowledge,
        logger,
        concurrency: CONCURRENCY,
      });
      const t0 = performance.now();
      const report: PassReport = await scheduler.runOnce(AFTER);
      const total = performance.now() - t0;
      const perChannel = postsPerChannel(platform);
      const duplicates = perChannel.reduce((n, c) => n + Math.max(0, c - 1), 0);
      const missing = perChannel.filter((c) => c === 0).length;
      const posted = report.results.filter((r) => r.outcome === "posted").length;
      bench.summarize(
        SECTION,
        `${platform}: 1 digest to ${CHANNELS} channels (concurrency ${CONCURRENCY})`,
        durations,
        `total ${(total / 1000).toFixed(2)} s, ${(posted / (total / 1000)).toFixed(0)} posts/s, duplicates ${duplicates}, missing ${missing}, 429s ${rateLimited(platform)}`,
      );

      // A minute later: every subscription is checked, nothing is due, nothing is sent.
      const t1 = performance.now();
      const idle = await scheduler.runOnce(new Date(AFTER.getTime() + 60_000));
      const idleMs = performance.now() - t1;
      bench.record({
        section: SECTION,
        case: `${platform}: next pass, nothing due (${CHANNELS} subscriptions)`,
        n: 1,
        p50Ms: idleMs,
        note: `${idle.results.length} deliveries, duplicates ${postsPerChannel(platform).reduce((n, c) => n + Math.max(0, c - 1), 0)}`,
      });
      await scheduler.stop();
      store.close();
    }

    // Two schedulers (two connections, as two processes would have) on one file, same instant.
    const path = join(dir, "two.db");
    const setup = openSqliteStore(path);
    for (let i = 0; i < CHANNELS; i++) {
      await setup.subscribe(
        { platform: "slack", workspaceId: "W2", channelId: `D${String(i).padStart(6, "0")}` },
        { day: 1, hour: 9, minute: 0, timezone: "UTC" },
        "bench",
        new Date("2026-01-05T00:00:00Z"),
      );
    }
    setup.close();
    const stores = [openSqliteStore(path), openSqliteStore(path)];
    const schedulers = stores.map((store, i) =>
      createDigestScheduler({
        store,
        deliveries: [deliveries.slack()],
        knowledge,
        logger,
        concurrency: CONCURRENCY,
        owner: `bench-${i}`,
      }),
    );
    const t2 = performance.now();
    const reports = await Promise.all(schedulers.map((s) => s.runOnce(AFTER)));
    const both = performance.now() - t2;
    const counts = Array.from(
      { length: CHANNELS },
      (_, i) => slackFake.messages(`D${String(i).padStart(6, "0")}`).length,
    );
    const postedBy = reports.map((r) => r.results.filter((x) => x.outcome === "posted").length);
    bench.record({
      section: SECTION,
      case: `slack: two schedulers on one file, ${CHANNELS} channels`,
      n: CHANNELS,
      p50Ms: both,
      note: `total ${(both / 1000).toFixed(2)} s, posted ${postedBy.join(" + ")}, duplicates ${counts.reduce((n, c) => n + Math.max(0, c - 1), 0)}, missing ${counts.filter((c) => c === 0).length}`,
    });
    for (const s of schedulers) await s.stop();
    for (const s of stores) s.close();
  } finally {
    await slackFake.close();
    await discordFake.close();
    await rm(dir, { recursive: true, force: true });
  }
};
