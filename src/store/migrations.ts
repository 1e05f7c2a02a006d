/**
 * Versioned schema migrations, applied in order; `PRAGMA user_version` records the last applied.
 * Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "subscriptions and digest history",
    sql: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        -- '' when the platform has no workspace: NULLs would never collide in the UNIQUE below.
        workspace_id TEXT NOT NULL DEFAULT '',
        channel_id TEXT NOT NULL,
        day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
        timezone TEXT NOT NULL,
        since TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        -- Unsubscribing ends the row instead of deleting it, so the channel's history survives.
        ended_at TEXT,
        paused_at TEXT,
        paused_reason TEXT,
        UNIQUE (platform, workspace_id, channel_id)
      ) STRICT;

      CREATE TABLE digests (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
        week TEXT NOT NULL,
        slot_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'paused')),
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        message_id TEXT,
        posted_at TEXT,
        reason TEXT,
        as_of TEXT NOT NULL,
        reported TEXT NOT NULL DEFAULT '[]',
        focus_topic TEXT,
        -- The reply as composed at claim time (JSON), so a retry posts the same message.
        reply TEXT NOT NULL,
        -- The claim: at most one digest per channel and week, whatever runs the scheduler.
        UNIQUE (subscription_id, week)
      ) STRICT;

      CREATE INDEX digests_by_subscription ON digests (subscription_id, week DESC);
    `,
  },
  {
    version: 2,
    name: "digest bodies stored once for all channels that get the same digest",
    sql: `
      -- A fan-out to a thousand channels composes one digest; store it once, not a thousand times.
      CREATE TABLE digest_bodies (
        hash TEXT PRIMARY KEY,
        reply TEXT NOT NULL,
        reported TEXT NOT NULL
      ) STRICT;

      -- Rows written before this keep their reply and reported facts inline.
      ALTER TABLE digests ADD COLUMN body TEXT REFERENCES digest_bodies (hash);
    `,
  },
  {
    version: 3,
    name: "installations: one row per installed workspace",
    sql: `
      -- Slack install to any workspace. The sealed column is the adapter's record, encrypted by the adapter
      -- (it holds the bot token); the store never reads it.
      CREATE TABLE installations (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        sealed TEXT NOT NULL,
        installed_by TEXT,
        installed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id)
      ) STRICT;
    `,
  },
];
