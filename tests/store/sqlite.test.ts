import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import { migrate, openSqliteStore } from "../../src/store/sqlite-store.ts";
import { tempDir } from "../schedule/support.ts";
import { at, channel, describeStoreContract, reply } from "./contract.ts";

describeStoreContract("SQLite", async () => {
  const tmp = await tempDir("store-");
  const path = join(tmp.dir, "nested", "briefing.db");
  const opened: ReturnType<typeof openSqliteStore>[] = [];
  const open = () => {
    const s = openSqliteStore(path);
    opened.push(s);
    return s;
  };
  return {
    open: async () => open(),
    bodyCount: async () => {
      const row = open()
        .db.prepare<[], { n: number }>("SELECT count(*) AS n FROM digest_bodies")
        .get();
      return row?.n ?? 0;
    },
    dispose: async () => {
      for (const s of opened.splice(0)) s.close();
      await tmp.dispose();
    },
  };
});

describe("the SQLite store's file", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const opened: ReturnType<typeof openSqliteStore>[] = [];
  const open = (path: string) => {
    const s = openSqliteStore(path);
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    tmp = await tempDir("store-");
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) s.close();
    await tmp.dispose();
  });

  it("creates the file and its folder, migrates it, and sets WAL, synchronous=FULL and a busy timeout", () => {
    const store = open(join(tmp.dir, "nested", "briefing.db"));
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(store.db.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
  });

  it("refuses a database written by a newer schema instead of guessing", () => {
    const db = new Database(join(tmp.dir, "newer.db"));
    db.pragma("user_version = 999");
    db.close();
    expect(() => openSqliteStore(join(tmp.dir, "newer.db"))).toThrow(/schema version 999/);
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
    const store = open(join(tmp.dir, "v1.db"));
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(await store.find(channel)).toMatchObject({ id: 1 });
    expect(await store.digest(1, "2026-W03")).toMatchObject({
      state: "posted",
      messageId: "m0",
      reply,
      reported: ["x@2026-01-05"],
    });
  });
});
