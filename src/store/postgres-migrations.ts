/**
 * Versioned schema migrations for the PostgreSQL store, recorded in `schema_migrations`. Several
 * replicas may start at once: the whole run holds one transaction-scoped advisory lock, so the
 * second replica waits, then finds nothing left to do. DDL is transactional in PostgreSQL, so a
 * run that fails leaves the schema as it was. Never edit a migration that has shipped: add the
 * next one. (The numbering is this engine's own; SQLite's list is in `migrations.ts`.)
 */
import type { ClientBase } from "pg";
import { BriefingError } from "../errors.ts";
import type { Migration } from "./migrations.ts";

/** Key of the advisory lock that serialises migration runs (any constant unique to this app). */
export const MIGRATION_LOCK_KEY = 7_313_013_001;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "subscriptions, digest history and shared digest bodies",
    sql: `
      CREATE TABLE subscriptions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        -- '' when the platform has no workspace: NULLs would never collide in the UNIQUE below.
        workspace_id text NOT NULL DEFAULT '',
        channel_id text NOT NULL,
        day integer NOT NULL CHECK (day BETWEEN 1 AND 7),
        hour integer NOT NULL CHECK (hour BETWEEN 0 AND 23),
        minute integer NOT NULL CHECK (minute BETWEEN 0 AND 59),
        timezone text NOT NULL,
        since timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        -- Unsubscribing ends the row instead of deleting it, so the channel's history survives.
        ended_at timestamptz,
        paused_at timestamptz,
        paused_reason text,
        UNIQUE (platform, workspace_id, channel_id)
      );

      -- A fan-out to a thousand channels composes one digest; store it once, not a thousand times.
      CREATE TABLE digest_bodies (
        hash text PRIMARY KEY,
        reply jsonb NOT NULL,
        reported jsonb NOT NULL
      );

      CREATE TABLE digests (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id integer NOT NULL REFERENCES subscriptions (id),
        week text NOT NULL,
        slot_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'paused')),
        claimed_by text NOT NULL,
        claimed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        message_id text,
        posted_at timestamptz,
        reason text,
        as_of timestamptz NOT NULL,
        focus_topic text,
        body text NOT NULL REFERENCES digest_bodies (hash),
        -- The claim: at most one digest per channel and week, whichever replica runs the scheduler.
        UNIQUE (subscription_id, week)
      );

      CREATE INDEX digests_by_subscription ON digests (subscription_id, week DESC);
    `,
  },
  {
    version: 2,
    name: "installations: one row per installed workspace",
    sql: `
      -- Slack install to any workspace. The sealed column is the adapter's record, encrypted by the adapter
      -- (it holds the bot token); the store never reads it.
      CREATE TABLE installations (
        platform text NOT NULL,
        workspace_id text NOT NULL,
        sealed text NOT NULL,
        installed_by text,
        installed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace_id)
      );
    `,
  },
];

/**
 * Brings the schema up to date on `client` (a dedicated connection, not in a transaction).
 * Returns the versions this call applied: empty when another replica did it first.
 */
export async function migratePostgres(
  client: ClientBase,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  const applied: number[] = [];
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ current: number | null }>(
      "SELECT max(version) AS current FROM schema_migrations",
    );
    const current = rows[0]?.current ?? 0;
    if (current > latest) {
      throw new BriefingError(
        "STORE_FAILED",
        `the database is at schema version ${current}, newer than this program knows (${latest}); run a newer version or point DATABASE_URL elsewhere`,
      );
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return applied;
}
