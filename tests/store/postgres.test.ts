import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { POSTGRES_MIGRATIONS } from "../../src/store/postgres-migrations.ts";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres-store.ts";
import { describeStoreContract } from "./contract.ts";
import { createTestDatabase, type TestDatabase } from "./postgres-db.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describeStoreContract("PostgreSQL", async () => {
  const opened: PostgresStore[] = [];
  const open = async () => {
    const s = await openPostgresStore(database.url, { poolSize: 4 });
    opened.push(s);
    return s;
  };
  // One database per file; each test starts from empty tables.
  const first = await open();
  await first.pool.query(
    "TRUNCATE subscriptions, digests, digest_bodies, installations RESTART IDENTITY CASCADE",
  );
  return {
    open,
    bodyCount: async () => {
      const { rows } = await first.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM digest_bodies",
      );
      return rows[0]?.n ?? 0;
    },
    dispose: async () => {
      for (const s of opened.splice(0)) await s.close();
    },
  };
});

describe("the PostgreSQL store's database", () => {
  it("records each migration once in schema_migrations, and opening again applies nothing", async () => {
    const a = await openPostgresStore(database.url);
    const b = await openPostgresStore(database.url);
    try {
      const { rows } = await a.pool.query<{ version: number }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("stores times as timestamptz and digest bodies as jsonb", async () => {
    const store = await openPostgresStore(database.url);
    try {
      const { rows } = await store.pool.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns
           WHERE (table_name, column_name) IN (('digests', 'claimed_at'), ('digest_bodies', 'reply'),
             ('subscriptions', 'since')) ORDER BY column_name`,
      );
      expect(rows).toEqual([
        { column_name: "claimed_at", data_type: "timestamp with time zone" },
        { column_name: "reply", data_type: "jsonb" },
        { column_name: "since", data_type: "timestamp with time zone" },
      ]);
    } finally {
      await store.close();
    }
  });

  it("refuses a database written by a newer schema instead of guessing", async () => {
    const scratch = await createTestDatabase();
    try {
      const store = await openPostgresStore(scratch.url);
      await store.pool.query(
        "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')",
      );
      await store.close();
      await expect(openPostgresStore(scratch.url)).rejects.toThrow(
        /schema version 999, newer than this program knows/,
      );
    } finally {
      await scratch.drop();
    }
  });

  it("reports a failed write in health() until a write succeeds again", async () => {
    // One connection, so the session setting below applies to the store's own writes.
    const store = await openPostgresStore(database.url, { poolSize: 1 });
    const ch = { platform: "slack", workspaceId: "T9", channelId: "CHEALTH" };
    const monday = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
    try {
      expect(store.health()).toEqual({ ok: true });
      await store.pool.query("SET default_transaction_read_only = on");
      await expect(store.subscribe(ch, monday, "U", new Date())).rejects.toThrow(
        /database write failed: .*read-only transaction/,
      );
      expect(store.health()).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/read-only/),
      });
      await store.pool.query("SET default_transaction_read_only = off");
      await store.subscribe(ch, monday, "U", new Date());
      expect(store.health()).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });

  it("is what openStore picks for a postgres:// DATABASE_URL", async () => {
    const store = await openStore({ databasePath: "unused.db", databaseUrl: database.url });
    try {
      expect(store).toHaveProperty("pool");
      expect(await store.listActive()).toBeInstanceOf(Array);
    } finally {
      await store.close();
    }
  });

  it("names the server but not the password when it cannot connect", async () => {
    const error = await openPostgresStore("postgres://bot:s3cret-pw@127.0.0.1:1/briefing").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(
      /cannot open the PostgreSQL database at 127\.0\.0\.1:1\/briefing/,
    );
    expect(String(error)).not.toContain("s3cret-pw");
  });
});
