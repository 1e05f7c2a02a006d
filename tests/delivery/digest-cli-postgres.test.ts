/**
 * The digest CLI with `DATABASE_URL` set reads and writes the PostgreSQL database instead of the
 * SQLite file: the selection goes through the same entry point operators run.
 */
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { KNOWLEDGE_DIR } from "../helpers/knowledge.ts";
import { silentLogger, tempDir } from "../schedule/support.ts";
import { createTestDatabase, type TestDatabase } from "../store/postgres-db.ts";

describe("npm run cli -- digest with DATABASE_URL", () => {
  let database: TestDatabase;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let out: string[];
  let err: string[];
  const cli = (env: Record<string, string>, ...args: string[]) =>
    runDigestCli(args, {
      env: { DATABASE_PATH: join(tmp.dir, "unused.db"), KNOWLEDGE_DIR, ...env },
      logger: silentLogger,
      clock: () => new Date("2026-01-07T12:00:00Z"),
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    tmp = await tempDir("digest-cli-pg-");
  });
  afterAll(async () => {
    await database?.drop();
    await tmp?.dispose();
  });
  beforeEach(() => {
    out = [];
    err = [];
  });

  it("finds a channel's subscription in PostgreSQL, not in the SQLite file", async () => {
    const store = await openPostgresStore(database.url);
    await store.subscribe(
      { platform: "slack", workspaceId: "T1", channelId: "C1" },
      { day: 5, hour: 16, minute: 30, timezone: "Europe/London" },
      "UADMIN",
      new Date("2026-01-05T00:00:00Z"),
    );
    await store.close();
    expect(await cli({ DATABASE_URL: database.url }, "preview", "--channel", "slack:T1:C1")).toBe(
      0,
    );
    expect(out.join("")).toMatch(/week of 5 Jan 2026/);

    out.length = 0;
    // Without DATABASE_URL the same command reads the (empty) SQLite file.
    expect(await cli({}, "preview", "--channel", "slack:T1:C1")).toBe(1);
    expect(err.join("")).toMatch(/No slack channel C1 in workspace T1 has a weekly briefing/);
  });

  it("says it cannot reach the database, without the password, instead of crashing", async () => {
    const url = "postgres://bot:s3cret-pw@127.0.0.1:1/briefing";
    expect(await cli({ DATABASE_URL: url }, "run")).toBe(1);
    expect(err.join("")).toMatch(
      /^Cannot open the database: cannot open the PostgreSQL database at 127\.0\.0\.1:1\/briefing/,
    );
    expect(err.join("")).not.toContain("s3cret-pw");
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL, naming the setting", async () => {
    expect(await cli({ DATABASE_URL: "mysql://db/briefing" }, "run")).not.toBe(0);
    expect(err.join("")).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(out.join("")).toBe("");
  });
});
