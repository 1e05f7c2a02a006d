import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { createDigestScheduler } from "../../src/schedule/scheduler.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import {
  baseWithDispute,
  FakePlatform,
  fakeClock,
  fixedKnowledge,
  silentLogger,
  tempDir,
} from "../schedule/support.ts";

describe("npm run cli -- digest", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let out: string[];
  let err: string[];
  const cli = (...args: string[]) =>
    runDigestCli(args, {
      env: { DATABASE_PATH: join(tmp.dir, "briefing.db"), KNOWLEDGE_DIR },
      logger: silentLogger,
      clock: () => new Date("2026-01-07T12:00:00Z"),
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });

  beforeEach(async () => {
    tmp = await tempDir("digest-cli-");
    out = [];
    err = [];
  });
  afterEach(() => tmp.dispose());

  it("digest preview prints the digest a new channel would get next", async () => {
    expect(await cli("preview")).toBe(0);
    expect(out.join("")).toMatch(/^Partnership briefing \(preview\), week of 12 Jan 2026\n/);
    expect(out.join("")).toMatch(/Articles cited:/);
  });

  it("digest preview --json prints kind, title, text and the facts with their sources", async () => {
    expect(await cli("preview", "--json", "--at", "2026-03-02T10:00:00Z")).toBe(0);
    const json = JSON.parse(out.join(""));
    expect(json).toMatchObject({
      kind: "digest",
      title: "Partnership briefing (preview), week of 9 Mar 2026",
    });
    expect(json.text).toMatch(/^Partnership briefing/);
    expect(json.facts.length).toBeGreaterThan(0);
    for (const f of json.facts) expect(f.sources.length).toBeGreaterThan(0);
  });

  it("digest preview --channel shows that channel's next digest", async () => {
    const store = openSqliteStore(join(tmp.dir, "briefing.db"));
    await store.subscribe(
      { platform: "slack", workspaceId: "T1", channelId: "C1" },
      { day: 5, hour: 16, minute: 30, timezone: "Europe/London" },
      "UADMIN",
      new Date("2026-01-05T00:00:00Z"),
    );
    store.close();
    expect(await cli("preview", "--channel", "slack:T1:C1")).toBe(0);
    expect(out.join("")).toMatch(/week of 5 Jan 2026/);
  });

  it("digest preview --channel slack:C1 (no workspace) finds that channel's subscription in any workspace", async () => {
    const store = openSqliteStore(join(tmp.dir, "briefing.db"));
    await store.subscribe(
      { platform: "slack", workspaceId: "T1", channelId: "C1" },
      { day: 5, hour: 16, minute: 30, timezone: "Europe/London" },
      "UADMIN",
      new Date("2026-01-05T00:00:00Z"),
    );
    store.close();
    expect(await cli("preview", "--channel", "slack:C1")).toBe(0);
    // That channel's Friday slot, not the Monday a new channel would get (week of 12 Jan).
    expect(out.join("")).toMatch(/week of 5 Jan 2026/);
  });

  it("digest preview --channel says so when no subscription matches, or several do", async () => {
    const store = openSqliteStore(join(tmp.dir, "briefing.db"));
    for (const workspaceId of ["T1", "T2"]) {
      await store.subscribe(
        { platform: "slack", workspaceId, channelId: "C1" },
        { day: 5, hour: 16, minute: 30, timezone: "Europe/London" },
        "UADMIN",
        new Date("2026-01-05T00:00:00Z"),
      );
    }
    store.close();
    expect(await cli("preview", "--channel", "slack:C9")).toBe(1);
    expect(err.join("")).toMatch(/No slack channel C9 in any workspace has a weekly briefing/);
    expect(out.join("")).toBe("");
    err.length = 0;
    expect(await cli("preview", "--channel", "slack:T3:C1")).toBe(1);
    expect(err.join("")).toMatch(/No slack channel C1 in workspace T3 has a weekly briefing/);
    err.length = 0;
    expect(await cli("preview", "--channel", "slack:C1")).toBe(2);
    expect(err.join("")).toMatch(
      /slack channel C1 is subscribed in 2 workspaces; say which: --channel slack:T1:C1, --channel slack:T2:C1/,
    );
    expect(out.join("")).toBe("");
    expect(await cli("preview", "--channel", "slack:T2:C1")).toBe(0);
    expect(out.join("")).toMatch(/week of 5 Jan 2026/);
  });

  it("digest run with no subscriptions says nothing is due", async () => {
    expect(await cli("run")).toBe(0);
    expect(out.join("")).toMatch(
      /digest pass at 2026-01-07T12:00:00.000Z: 0 subscription\(s\)\n {2}nothing due/,
    );
  });

  it("digest run shows a post whose claim was lost before it was recorded, and warns", async () => {
    const path = join(tmp.dir, "briefing.db");
    const cliStore = openSqliteStore(path);
    const botStore = openSqliteStore(path);
    try {
      await cliStore.subscribe(
        { platform: "slack", workspaceId: "T1", channelId: "C1" },
        { day: 1, hour: 9, minute: 0, timezone: "UTC" },
        "UADMIN",
        new Date("2026-01-07T12:00:00Z"),
      );
      const platform = new FakePlatform("slack");
      const knowledge = fixedKnowledge(baseWithDispute());
      const clock = fakeClock("2026-01-12T09:05:00Z");
      let stored!: () => void;
      const seen = new Promise<void>((r) => (stored = r));
      let release!: () => void;
      platform.failNext({
        kind: "hang",
        release: new Promise((r) => (release = r)),
        onStored: stored,
      });
      const run = runDigestCli(["run"], {
        env: { DATABASE_PATH: path, KNOWLEDGE_DIR },
        store: cliStore,
        deliveries: [platform],
        knowledge,
        logger: silentLogger,
        clock: clock.now,
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
      });
      await seen;
      // The CLI's answer is so late that its lease runs out and the running bot takes over.
      clock.advance(11 * 60_000);
      const bot = createDigestScheduler({
        store: botStore,
        deliveries: [platform],
        knowledge,
        logger: silentLogger,
        clock: clock.now,
      });
      expect((await bot.runOnce()).results).toMatchObject([{ outcome: "reconciled" }]);
      release();
      expect(await run).toBe(0);
      expect(out.join("")).toMatch(
        /posted-but-claim-lost slack:T1:C1 2026-W03 message m1: posted, but another scheduler took the week over/,
      );
      expect(err.join("")).toMatch(/^Warning: 1 digest\(s\) were posted after another scheduler/);
      expect(platform.postsTo("C1")).toHaveLength(1);
    } finally {
      cliStore.close();
      botStore.close();
    }
  });

  it.each([
    [["publish"], /Say digest preview or digest run/],
    [["run", "--at", "next monday"], /is not a time: use ISO 8601/],
    [["preview", "--channel", "C123"], /use slack:C123, slack:T1:C123/],
    [["run", "--channel", "slack:C1"], /--channel is for digest preview/],
    [["run", "--bogus"], /Unknown option/],
  ])("refuses %j with a usage message and exit 2", async (args, message) => {
    expect(await cli(...args)).toBe(2);
    expect(err.join("")).toMatch(message);
  });
});
