import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import { silentLogger, tempDir } from "../schedule/support.ts";

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

  it("digest run with no subscriptions says nothing is due", async () => {
    expect(await cli("run")).toBe(0);
    expect(out.join("")).toMatch(
      /digest pass at 2026-01-07T12:00:00.000Z: 0 subscription\(s\)\n {2}nothing due/,
    );
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
