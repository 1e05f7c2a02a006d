/**
 * The store on PostgreSQL (node-postgres), for several replicas sharing one database. Each port
 * method is one transaction on one pooled connection, so it changes everything it says or
 * nothing. The claim is the unique (subscription, week) row inserted with `ON CONFLICT DO
 * NOTHING`: whichever replica inserts first owns the week, the other gets nothing. A take-over
 * locks the row with `FOR UPDATE SKIP LOCKED`, so two replicas reaching for the same expired
 * lease never wait on each other: the second one simply moves on.
 *
 * Just over 400 lines: one class for the whole store port, like `sqlite-store.ts`; connection
 * handling, rows, migrations and installations already live in their own files.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { BriefingError } from "../errors.ts";
import type { Migration } from "./migrations.ts";
import type {
  ChannelKey,
  ClaimInput,
  DigestContext,
  DigestRecord,
  Installation,
  InstallationInput,
  Schedule,
  SubscribeOutcome,
  Subscription,
  SubscriptionStore,
  WorkspaceKey,
} from "./port.ts";
import {
  describeDatabaseUrl,
  inTransaction,
  readRows,
  writeStatement,
} from "./postgres-connection.ts";
import {
  findInstallation,
  removeInstallation,
  saveInstallation,
} from "./postgres-installations.ts";
import { migratePostgres } from "./postgres-migrations.ts";
import {
  DIGESTS,
  type DigestRow,
  type SubscriptionRow,
  toDigest,
  toSubscription,
} from "./postgres-rows.ts";

export interface PostgresStoreOptions {
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
}

export type PostgresStore = SubscriptionStore & {
  readonly pool: pg.Pool;
  health(): { ok: true } | { ok: false; reason: string };
  close(): Promise<void>;
};

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.timezone === b.timezone;
}

/** Connects to `url`, brings the schema up to date (waiting for another replica doing the same). */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Idle connections do not keep a finished CLI run (or a test) alive.
    allowExitOnIdle: true,
  });
  // An idle connection that drops is discarded by the pool; the next query reports the outage.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, options.migrations);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof BriefingError) throw error;
    throw new BriefingError(
      "STORE_FAILED",
      `cannot open the PostgreSQL database at ${describeDatabaseUrl(url)}: ${error}`,
      { cause: error },
    );
  }
  return new PgStore(pool);
}

type Client = pg.PoolClient;

class PgStore implements SubscriptionStore {
  readonly pool: pg.Pool;
  private closed = false;
  private failure: string | undefined;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /**
   * Whether writes can be saved now: the last write did not fail (the server was reachable and
   * took it). Cheap, no round trip; for a readiness endpoint. Same shape as the SQLite store's.
   */
  health(): { ok: true } | { ok: false; reason: string } {
    return this.failure ? { ok: false, reason: this.failure } : { ok: true };
  }

  /** Remembers a write's failure for `health()` until a write succeeds again. */
  private async tracked<T>(write: Promise<T>): Promise<T> {
    try {
      const value = await write;
      this.failure = undefined;
      return value;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  private tx<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    return this.tracked(inTransaction(this.pool, fn));
  }

  private read<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    return readRows<R>(this.pool, sql, values);
  }

  private async lockChannel(client: Client, channel: ChannelKey) {
    const { rows } = await client.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3
         FOR UPDATE`,
      [channel.platform, channel.workspaceId ?? "", channel.channelId],
    );
    return rows[0];
  }

  async subscribe(
    channel: ChannelKey,
    schedule: Schedule,
    actor: string,
    at: Date,
  ): Promise<SubscribeOutcome> {
    return this.tx(async (client): Promise<SubscribeOutcome> => {
      let row = await this.lockChannel(client, channel);
      if (!row) {
        const inserted = await client.query<SubscriptionRow>(
          `INSERT INTO subscriptions (platform, workspace_id, channel_id, day, hour, minute,
               timezone, since, created_at, created_by, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $8, $9)
             ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING RETURNING *`,
          [
            channel.platform,
            channel.workspaceId ?? "",
            channel.channelId,
            schedule.day,
            schedule.hour,
            schedule.minute,
            schedule.timezone,
            at,
            actor,
          ],
        );
        const created = inserted.rows[0];
        if (created) return { status: "created", subscription: toSubscription(created) };
        // Another replica created it between our look and our insert: treat it as a change.
        row = await this.lockChannel(client, channel);
        if (!row) throw new BriefingError("STORE_FAILED", "subscription vanished on insert");
      }
      const previous = toSubscription(row);
      const active = row.ended_at === null;
      if (active && !previous.paused && sameSchedule(previous.schedule, schedule)) {
        return { status: "unchanged", subscription: previous };
      }
      // Lifting a pause keeps `since`, so this week's digest that the pause stopped still goes out;
      // a new schedule or a reactivation starts at the next slot.
      const keepSince = active && sameSchedule(previous.schedule, schedule);
      const updated = await client.query<SubscriptionRow>(
        `UPDATE subscriptions SET day = $2, hour = $3, minute = $4, timezone = $5, since = $6,
             updated_at = $7, updated_by = $8, ended_at = NULL, paused_at = NULL,
             paused_reason = NULL
           WHERE id = $1 RETURNING *`,
        [
          row.id,
          schedule.day,
          schedule.hour,
          schedule.minute,
          schedule.timezone,
          keepSince ? row.since : at,
          at,
          actor,
        ],
      );
      const changed = updated.rows[0];
      if (!changed) throw new BriefingError("STORE_FAILED", "subscription vanished on update");
      const subscription = toSubscription(changed);
      if (!active) return { status: "created", subscription };
      return { status: "updated", subscription, previous };
    });
  }

  async unsubscribe(
    channel: ChannelKey,
    actor: string,
    at: Date,
  ): Promise<Subscription | undefined> {
    return this.tx(async (client) => {
      const row = await this.lockChannel(client, channel);
      if (!row || row.ended_at !== null) return undefined;
      await client.query(
        "UPDATE subscriptions SET ended_at = $2, updated_at = $2, updated_by = $3 WHERE id = $1",
        [row.id, at, actor],
      );
      return toSubscription(row);
    });
  }

  async find(channel: ChannelKey): Promise<Subscription | undefined> {
    const [row] = await this.read<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3
         AND ended_at IS NULL`,
      [channel.platform, channel.workspaceId ?? "", channel.channelId],
    );
    return row ? toSubscription(row) : undefined;
  }

  async listActive(): Promise<Subscription[]> {
    const rows = await this.read<SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE ended_at IS NULL ORDER BY id",
      [],
    );
    return rows.map(toSubscription);
  }

  async digest(subscriptionId: number, week: string): Promise<DigestRecord | undefined> {
    const [row] = await this.read<DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = $1 AND d.week = $2`,
      [subscriptionId, week],
    );
    return row ? toDigest(row) : undefined;
  }

  async history(subscriptionId: number, limit = 10): Promise<DigestRecord[]> {
    const rows = await this.read<DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = $1 ORDER BY d.week DESC LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map(toDigest);
  }

  async digestContext(subscriptionId: number): Promise<DigestContext> {
    const [last] = await this.read<DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = $1 AND d.state = 'posted' ORDER BY d.week DESC LIMIT 1`,
      [subscriptionId],
    );
    const [focus] = await this.read<{ focus_topic: string }>(
      `SELECT focus_topic FROM digests WHERE subscription_id = $1 AND state = 'posted'
         AND focus_topic IS NOT NULL ORDER BY week DESC LIMIT 1`,
      [subscriptionId],
    );
    return {
      ...(last ? { lastPosted: toDigest(last) } : {}),
      ...(focus ? { lastFocusTopic: focus.focus_topic } : {}),
    };
  }

  /** Locks the subscription against a concurrent pause or end; true when it can be delivered to. */
  private async deliverable(client: Client, subscriptionId: number): Promise<boolean> {
    const { rows } = await client.query<{ id: number }>(
      `SELECT id FROM subscriptions WHERE id = $1 AND ended_at IS NULL AND paused_at IS NULL
         FOR SHARE`,
      [subscriptionId],
    );
    return rows.length === 1;
  }

  private async digestById(client: Client, id: number): Promise<DigestRecord | undefined> {
    const { rows } = await client.query<DigestRow>(`${DIGESTS} WHERE d.id = $1`, [id]);
    return rows[0] ? toDigest(rows[0]) : undefined;
  }

  async claim(input: ClaimInput): Promise<DigestRecord | undefined> {
    const reply = JSON.stringify(input.reply);
    const reported = JSON.stringify(input.reported);
    const body = createHash("sha256").update(reply).update("\n").update(reported).digest("hex");
    // One statement, so one round trip: the subscription row is locked against a concurrent pause
    // or end, the shared body stored once, and the (subscription, week) row inserted unless another
    // replica has it. Foreign keys are checked at the end of the statement, after the body.
    const rows = await this.tracked(
      writeStatement<DigestRow>(
        this.pool,
        `WITH sub AS (
         SELECT id FROM subscriptions
           WHERE id = $1 AND ended_at IS NULL AND paused_at IS NULL FOR SHARE
       ), body AS (
         INSERT INTO digest_bodies (hash, reply, reported)
           SELECT $8, $9::jsonb, $10::jsonb FROM sub
           ON CONFLICT (hash) DO NOTHING
       ), claimed AS (
         INSERT INTO digests (subscription_id, week, slot_at, state, claimed_by, claimed_at,
             updated_at, as_of, focus_topic, body)
           SELECT id, $2, $3, 'claimed', $4, $5, $5, $6, $7, $8 FROM sub
           ON CONFLICT (subscription_id, week) DO NOTHING
           RETURNING *
       )
       SELECT claimed.*, $9::jsonb AS reply, $10::jsonb AS reported FROM claimed`,
        [
          input.subscriptionId,
          input.week,
          input.slotAt,
          input.owner,
          input.at,
          input.asOf,
          input.focusTopic ?? null,
          body,
          reply,
          reported,
        ],
      ),
    );
    return rows[0] ? toDigest(rows[0]) : undefined;
  }

  async takeOver(seen: DigestRecord, owner: string, at: Date): Promise<DigestRecord | undefined> {
    return this.tx(async (client) => {
      // Another replica taking the same lease holds the row: leave it to them.
      const locked = await client.query(
        "SELECT id FROM digests WHERE id = $1 FOR UPDATE SKIP LOCKED",
        [seen.id],
      );
      if (locked.rows.length !== 1) return undefined;
      if (!(await this.deliverable(client, seen.subscriptionId))) return undefined;
      const { rowCount } = await client.query(
        `UPDATE digests SET state = 'claimed', claimed_by = $2, claimed_at = $3, updated_at = $3
           WHERE id = $1 AND state = $4 AND claimed_by = $5 AND claimed_at = $6
             AND updated_at = $7`,
        [seen.id, owner, at, seen.state, seen.claimedBy, seen.claimedAt, seen.updatedAt],
      );
      return rowCount === 1 ? this.digestById(client, seen.id) : undefined;
    });
  }

  /** One guarded update of a claim this owner holds; true when it still held it. */
  private async ownerUpdate(set: string, id: number, owner: string, values: unknown[]) {
    const rows = await this.tracked(
      writeStatement(
        this.pool,
        `UPDATE digests SET ${set} WHERE id = $1 AND state = 'claimed' AND claimed_by = $2
         RETURNING id`,
        [id, owner, ...values],
      ),
    );
    return rows.length === 1;
  }

  async renew(id: number, owner: string, at: Date): Promise<boolean> {
    return this.ownerUpdate("claimed_at = $3, updated_at = $3", id, owner, [at]);
  }

  async markPosted(id: number, owner: string, messageId: string, at: Date): Promise<boolean> {
    return this.ownerUpdate(
      "state = 'posted', message_id = $3, posted_at = $4, updated_at = $4, reason = NULL",
      id,
      owner,
      [messageId, at],
    );
  }

  async markFailed(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.ownerUpdate(
      "state = 'failed', reason = $3, failures = failures + 1, updated_at = $4",
      id,
      owner,
      [reason, at],
    );
  }

  async release(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.ownerUpdate("state = 'failed', reason = $3, updated_at = $4", id, owner, [
      reason,
      at,
    ]);
  }

  async markPaused(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.tx(async (client) => {
      const { rows } = await client.query<{ subscription_id: number }>(
        `UPDATE digests SET state = 'paused', reason = $3, updated_at = $4
           WHERE id = $1 AND state = 'claimed' AND claimed_by = $2 RETURNING subscription_id`,
        [id, owner, reason, at],
      );
      const row = rows[0];
      if (!row) return false;
      await client.query(
        `UPDATE subscriptions SET paused_at = $2, paused_reason = $3
           WHERE id = $1 AND ended_at IS NULL`,
        [row.subscription_id, at, reason],
      );
      return true;
    });
  }

  async saveInstallation(input: InstallationInput, at: Date): Promise<Installation> {
    return this.tracked(saveInstallation(this.pool, input, at));
  }

  findInstallation(workspace: WorkspaceKey): Promise<Installation | undefined> {
    return findInstallation(this.pool, workspace);
  }

  removeInstallation(
    workspace: WorkspaceKey,
    reason: string,
    at: Date,
  ): Promise<{ removed: boolean; paused: number }> {
    return this.tracked(removeInstallation(this.pool, workspace, reason, at));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Waits for queries in flight, so a claim being written is committed before the exit.
    await this.pool.end();
  }
}
