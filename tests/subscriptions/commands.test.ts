import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBriefing } from "../../src/core/briefing.ts";
import { proseText } from "../../src/render/plain-text.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import { parseScheduleArgs } from "../../src/subscriptions/schedule-args.ts";
import { digestReply } from "../helpers/replies.ts";
import { baseWithDispute, channelRequest, fixedKnowledge, tempDir } from "../schedule/support.ts";

const text = (r: Reply) =>
  [
    r.title,
    r.intro,
    ...r.sections.flatMap((s) => s.lines.map((l) => l.text)),
    r.footer ? proseText(r.footer) : "",
  ].join("\n");

describe("subscribe arguments", () => {
  it("takes day, time and timezone in any order, with defaults said", () => {
    expect(parseScheduleArgs([])).toEqual({
      ok: true,
      schedule: { day: 1, hour: 9, minute: 0, timezone: "UTC" },
      defaulted: ["day", "time", "timezone"],
    });
    expect(parseScheduleArgs(["europe/london", "16:30", "Friday"])).toMatchObject({
      ok: true,
      schedule: { day: 5, hour: 16, minute: 30, timezone: "Europe/London" },
      defaulted: [],
    });
    expect(parseScheduleArgs(["thu", "7:05"])).toMatchObject({
      schedule: { day: 4, hour: 7, minute: 5, timezone: "UTC" },
      defaulted: ["timezone"],
    });
  });

  it("keeps a timezone as written with its case fixed, not the runtime's alias for it", () => {
    const zone = (typed: string) => {
      const parsed = parseScheduleArgs([typed]);
      return parsed.ok ? parsed.schedule.timezone : parsed.problem;
    };
    expect(zone("asia/kolkata")).toBe("Asia/Kolkata");
    expect(zone("ASIA/KOLKATA")).toBe("Asia/Kolkata");
    expect(zone("europe/kyiv")).toBe("Europe/Kyiv");
    expect(zone("america/new_york")).toBe("America/New_York");
    expect(zone("america/argentina/buenos_aires")).toBe("America/Argentina/Buenos_Aires");
    // Where capitalising each word is not the name's spelling, the runtime's spelling.
    expect(zone("america/port-au-prince")).toBe("America/Port-au-Prince");
    expect(zone("europe/isle_of_man")).toBe("Europe/Isle_of_Man");
    // Plain UTC, however it is written, is UTC.
    for (const utc of ["utc", "GMT", "Etc/UTC", "etc/gmt", "Etc/GMT0"])
      expect(zone(utc)).toBe("UTC");
  });

  it.each([
    [["25:00"], /not a time: use 24-hour HH:MM/],
    [["9am"], /not a time/],
    [["Mondy"], /not a day, a time or a timezone/],
    [["Europe/Londn"], /not a timezone I know: use an IANA name/],
    [["EST"], /not a timezone I know/],
    [["+01:00"], /is a fixed offset/],
    [["UTC+2"], /is a fixed offset/],
    [["mon", "fri"], /Two days given \(Monday and Friday\)/],
    [["09:00", "10:00"], /Two times given/],
    [["mon", "09:00", "UTC", "extra"], /at most a day, a time and a timezone/],
    [["t"], /not a day, a time or a timezone/],
    [["Etc/GMT+5"], /“Etc\/GMT\+5” is a fixed offset, which would drift.*Europe\/Paris/],
    [["etc/gmt-14"], /is a fixed offset/],
  ])("explains what is wrong with %j", (args, message) => {
    const parsed = parseScheduleArgs(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(message);
  });
});

describe("the subscription commands", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let store: ReturnType<typeof openSqliteStore>;
  const kb = baseWithDispute();

  beforeEach(async () => {
    tmp = await tempDir("subs-");
    store = openSqliteStore(join(tmp.dir, "briefing.db"));
  });
  afterEach(async () => {
    store.close();
    await tmp.dispose();
  });

  const commands = () => createSubscriptionCommands({ store, knowledge: fixedKnowledge(kb) });
  const briefing = () =>
    createBriefing({
      knowledge: fixedKnowledge(kb),
      subscriptions: commands(),
      admins: new Set(["UBRIEF"]),
    });
  const count = () =>
    (store.db.prepare("SELECT count(*) AS n FROM subscriptions").get() as { n: number }).n;

  it("subscribes a channel with defaults, and says when the first briefing comes, locally and in UTC", async () => {
    const reply = await commands().subscribe(channelRequest("subscribe"), []);
    expect(reply.kind).toBe("notice");
    expect(reply.title).toBe("Weekly briefing: Mondays at 09:00 (UTC)");
    expect(text(reply)).toMatch(/Next briefing: Mon 12 Jan 2026, 09:00 UTC\./);
    expect(text(reply)).toMatch(/Defaults used: day Monday, time 09:00, timezone UTC\./);
    expect(
      await store.find({ platform: "slack", workspaceId: "T1", channelId: "C1" }),
    ).toBeDefined();

    const moved = await commands().subscribe(
      channelRequest("subscribe fri 16:30 America/New_York"),
      ["fri", "16:30", "America/New_York"],
    );
    expect(moved.title).toBe("Weekly briefing: Fridays at 16:30 (America/New_York)");
    expect(moved.intro).toBe("Changed from Mondays at 09:00 (UTC).");
    expect(text(moved)).toMatch(
      /Next briefing: Fri 9 Jan 2026, 16:30 America\/New_York \(21:30 UTC\)/,
    );

    const again = await commands().subscribe(
      channelRequest("subscribe fri 16:30 America/New_York"),
      ["fri", "16:30", "America/New_York"],
    );
    expect(again.title).toMatch(/^Already subscribed/);
  });

  it("says which values defaulted, and only those: subscribe Europe/London does not mention UTC", async () => {
    const reply = await briefing().handle(channelRequest("subscribe Europe/London"));
    expect(reply.title).toBe("Weekly briefing: Mondays at 09:00 (Europe/London)");
    expect(text(reply)).toMatch(/Defaults used: day Monday, time 09:00\./);
    expect(text(reply)).toMatch(/Another slot: subscribe fri 16:30 Europe\/London/);
    expect(text(reply)).not.toMatch(/Defaults used[^.]*(UTC|timezone)/);
    const friday = await briefing().handle(channelRequest("subscribe fri asia/kolkata"));
    expect(friday.title).toBe("Weekly briefing: Fridays at 09:00 (Asia/Kolkata)");
    expect(text(friday)).toMatch(/Defaults used: time 09:00\./);
    expect(
      (await store.find({ platform: "slack", workspaceId: "T1", channelId: "C1" }))?.schedule,
    ).toMatchObject({ day: 5, timezone: "Asia/Kolkata" });
  });

  it("GIVEN a non-admin WHEN they subscribe through the core THEN they are refused politely and nothing changes", async () => {
    const before = store.db.prepare("SELECT total_changes() AS n").get() as { n: number };
    const reply = await briefing().handle(
      channelRequest("subscribe mon 09:00 UTC", {
        user: { id: "UNOBODY", isPlatformAdmin: () => false },
      }),
    );
    expect(reply.kind).toBe("error");
    expect(reply.intro).toMatch(/Nothing was changed/);
    expect(count()).toBe(0);
    const after = store.db.prepare("SELECT total_changes() AS n").get() as { n: number };
    expect(after.n).toBe(before.n);

    // A BRIEFING_ADMINS id may, without being a platform admin.
    const allowed = await briefing().handle(
      channelRequest("subscribe mon 09:00 UTC", {
        user: { id: "UBRIEF", isPlatformAdmin: () => false },
      }),
    );
    expect(allowed.kind).toBe("notice");
    expect(count()).toBe(1);

    // Nor can a non-admin unsubscribe.
    const refused = await briefing().handle(
      channelRequest("unsubscribe", { user: { id: "UNOBODY", isPlatformAdmin: () => false } }),
    );
    expect(refused.kind).toBe("error");
    expect(await store.listActive()).toHaveLength(1);
  });

  it("leaves the store alone for a mistyped schedule", async () => {
    const reply = await commands().subscribe(channelRequest("subscribe 25:00"), ["25:00"]);
    expect(reply.kind).toBe("usage");
    expect(reply.intro).toMatch(/not a time/);
    expect(count()).toBe(0);
  });

  it("answers politely on the console and in a direct message: subscriptions are for channels", async () => {
    const consoleReply = await commands().subscribe(
      channelRequest("subscribe", { platform: { name: "console" } }),
      [],
    );
    expect(consoleReply.title).toBe("Weekly briefings are for Slack and Discord channels");
    const dm = await commands().subscribe(
      channelRequest("subscribe", { conversation: { isDirect: true } }),
      [],
    );
    expect(dm.title).toBe("Weekly briefings are for channels");
    expect(count()).toBe(0);
  });

  it("shows the status: schedule, next run, last digest, and why it is paused", async () => {
    const none = await commands().status(channelRequest("status"));
    expect(none.title).toBe("No weekly briefing in this channel");

    const { subscription } = await store.subscribe(
      { platform: "slack", workspaceId: "T1", channelId: "C1" },
      { day: 1, hour: 9, minute: 0, timezone: "Europe/London" },
      "UADMIN",
      new Date("2026-01-07T12:00:00Z"),
    );
    const fresh = await commands().status(channelRequest("status"));
    expect(text(fresh)).toMatch(
      /Next briefing: Mon 12 Jan 2026, 09:00 Europe\/London \(09:00 UTC\)/,
    );
    expect(text(fresh)).toMatch(/Last briefing: none yet/);

    const claim = await store.claim({
      subscriptionId: subscription.id,
      week: "2026-W03",
      slotAt: new Date("2026-01-12T09:00:00Z"),
      owner: "o",
      at: new Date("2026-01-12T09:00:00Z"),
      asOf: new Date("2026-01-12T09:00:00Z"),
      reported: [],
      reply: digestReply(),
    });
    await store.markPaused(
      claim?.id ?? 0,
      "o",
      "Slack: not_in_channel (the bot is not in the channel; invite it)",
      new Date("2026-01-12T09:00:05Z"),
    );
    const paused = await commands().status(
      channelRequest("status", { at: new Date("2026-01-13T10:00:00Z") }),
    );
    expect(text(paused)).toMatch(
      /Paused since Mon 12 Jan 2026, 09:00 Europe\/London.*not_in_channel.*subscribe again to resume.*Resume: subscribe/s,
    );
    expect(text(paused)).toMatch(/Last briefing: week 2026-W03, not posted: Slack: not_in_channel/);

    const resumed = await commands().subscribe(
      channelRequest("subscribe mon 09:00 Europe/London", { at: new Date("2026-01-13T11:00:00Z") }),
      ["mon", "09:00", "Europe/London"],
    );
    expect(resumed.intro).toBe("Resumed on the same schedule.");
    expect(text(resumed)).toMatch(/Resumed: it had been paused because Slack: not_in_channel/);
    expect(text(resumed)).toMatch(/Next briefing: within a minute/);
  });

  it("unsubscribes, and says so when there was nothing to stop", async () => {
    await commands().subscribe(channelRequest("subscribe"), []);
    const stopped = await commands().unsubscribe(channelRequest("unsubscribe"));
    expect(stopped.title).toBe("Weekly briefing stopped");
    expect(await store.listActive()).toHaveLength(0);
    const nothing = await commands().unsubscribe(channelRequest("unsubscribe"));
    expect(nothing.title).toBe("No weekly briefing here");
  });

  it("previews the next digest on any platform, without claiming who sees it (a Slack mention answers in public)", async () => {
    for (const platform of [{ name: "console" }, { name: "slack", deliversDigests: true }]) {
      const reply = await briefing().handle(
        channelRequest("digest", { platform, user: { isPlatformAdmin: () => false } }),
      );
      expect(reply.kind).toBe("digest");
      expect(reply.title).toBe("Partnership briefing (preview), week of 12 Jan 2026");
      expect(text(reply)).not.toMatch(/only you|privately|see this preview/i);
      expect(reply.footer?.[0]).toBe("Ask for more: ");
    }
    expect(count()).toBe(0);
  });
});
