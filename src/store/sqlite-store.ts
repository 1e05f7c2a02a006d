/**
 * The store on SQLite (better-sqlite3). Settings chosen for "never post twice, never lose a
 * record": WAL so readers never block the writer, `synchronous=FULL` so a recorded claim or post
 * survives a power cut, a busy timeout so a second scheduler (another process on the same file)
 * waits instead of failing, and `BEGIN IMMEDIATE` for every write so two writers serialise at the
 * start of the transaction rather than failing at commit. Transactions are synchronous functions:
 * nothing is awaited while one is open. Writes of one event-loop turn are group-committed.
 *
 * Over 400 lines on purpose: one class implements the whole store port, and its statements, row
 * mapping and file checks (`file-guard.ts`) are already apart. Splitting the port's methods
 * across files would scatter one transaction discipline; split the statements out first if it grows.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { BriefingError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Reply } from "../reply/reply.ts";
import {
  checkDatabasePath,
  type FileIdentity,
  identityOf,
  reasonOfSqliteError,
  type StoreHealth,
  StoreWriteError,
  writeBlocker,
} from "./file-guard.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";
import type {
  ChannelKey,
  ClaimInput,
  DigestContext,
  DigestRecord,
  DigestState,
  Installation,
  InstallationInput,
  Schedule,
  SubscribeOutcome,
  Subscription,
  SubscriptionStore,
  WorkspaceKey,
} from "./port.ts";
import { prepareInstallationStatements } from "./sqlite-installations.ts";

export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock before failing. Default 5 s. */
  busyTimeoutMs?: number;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
  /** Where a failed write is reported, with its reason. */
  logger?: Logger;
}

/**
 * Start-up refuses a file SQLite can open but not keep: one it cannot write to (it would fall
 * back to read-only and fail every subscribe), or one damaged past its header (`quick_check`
 * reads every page, so this costs a scan of the file once per start).
 */
function checkUsable(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true });
  try {
    // Rewrites the header with the value it has: a real write that changes nothing.
    db.transaction(() => db.pragma(`user_version = ${Math.trunc(Number(version))}`)).immediate();
  } catch (error) {
    throw new Error(`it cannot be written to (${reasonOfSqliteError(error)})`, { cause: error });
  }
  const rows = db.pragma("quick_check");
  const results = Array.isArray(rows) ? rows.map((r) => Object.values(r ?? {}).join(" ")) : [];
  if (results.length !== 1 || results[0] !== "ok") {
    const first = (results[0] ?? "no result").replace(/\s+/g, " ").slice(0, 200);
    throw new Error(`it is damaged (integrity check: ${first})`);
  }
}

interface SubscriptionRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  day: number;
  hour: number;
  minute: number;
  timezone: string;
  since: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  ended_at: string | null;
  paused_at: string | null;
  paused_reason: string | null;
}

interface DigestRow {
  id: number;
  subscription_id: number;
  week: string;
  slot_at: string;
  state: string;
  claimed_by: string;
  claimed_at: string;
  updated_at: string;
  failures: number;
  message_id: string | null;
  posted_at: string | null;
  reason: string | null;
  as_of: string;
  reported: string;
  focus_topic: string | null;
  reply: string;
  /** From `digest_bodies`, for rows that point at a shared body. */
  body_reply: string | null;
  body_reported: string | null;
}

const iso = (d: Date) => d.toISOString();

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    ...(r.workspace_id ? { workspaceId: r.workspace_id } : {}),
    channelId: r.channel_id,
    schedule: { day: r.day, hour: r.hour, minute: r.minute, timezone: r.timezone },
    since: new Date(r.since),
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at),
    updatedBy: r.updated_by,
    ...(r.paused_at
      ? { paused: { at: new Date(r.paused_at), reason: r.paused_reason ?? "" } }
      : {}),
  };
}

function toDigest(r: DigestRow): DigestRecord {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    week: r.week,
    slotAt: new Date(r.slot_at),
    state: r.state as DigestState,
    claimedBy: r.claimed_by,
    claimedAt: new Date(r.claimed_at),
    updatedAt: new Date(r.updated_at),
    failures: r.failures,
    ...(r.message_id ? { messageId: r.message_id } : {}),
    ...(r.posted_at ? { postedAt: new Date(r.posted_at) } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    asOf: new Date(r.as_of),
    reported: JSON.parse(r.body_reported ?? r.reported) as string[],
    ...(r.focus_topic ? { focusTopic: r.focus_topic } : {}),
    reply: JSON.parse(r.body_reply ?? r.reply) as Reply,
  };
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.timezone === b.timezone;
}

/** Applies pending migrations, each in its own immediate transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new BriefingError(
      "STORE_FAILED",
      `the database is at schema version ${current}, newer than this program knows (${latest}); run a newer version or point DATABASE_PATH elsewhere`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA takes no bound parameters; the version is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
  }
}

/** Opens (creating if needed) the SQLite file at `path` and brings its schema up to date. */
export function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): SubscriptionStore & { readonly db: Database.Database } {
  checkDatabasePath(path);
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (path !== ":memory:") checkUsable(db);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrate(db, options.migrations ?? MIGRATIONS);
  } catch (error) {
    db?.close();
    if (error instanceof BriefingError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new BriefingError("STORE_FAILED", `the database at ${path} cannot be used: ${why}`, {
      cause: error,
    });
  }
  const file = path === ":memory:" ? undefined : { path, opened: identityOf(path) };
  return new SqliteStore(db, file, options.logger);
}

/** Digest rows with their shared body, where they have one. */
const DIGESTS = `SELECT d.*, b.reply AS body_reply, b.reported AS body_reported
  FROM digests d LEFT JOIN digest_bodies b ON b.hash = d.body`;

function prepareStatements(db: Database.Database) {
  return {
    insertBody: db.prepare(
      "INSERT INTO digest_bodies (hash, reply, reported) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
    ),
    findAny: db.prepare<[string, string, string], SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ?",
    ),
    byId: db.prepare<[number], SubscriptionRow>("SELECT * FROM subscriptions WHERE id = ?"),
    insertSub: db.prepare(
      `INSERT INTO subscriptions (platform, workspace_id, channel_id, day, hour, minute, timezone,
           since, created_at, created_by, updated_at, updated_by)
         VALUES (@platform, @workspace, @channel, @day, @hour, @minute, @timezone,
           @at, @at, @actor, @at, @actor)`,
    ),
    updateSub: db.prepare(
      `UPDATE subscriptions SET day = @day, hour = @hour, minute = @minute, timezone = @timezone,
           since = @since, updated_at = @at, updated_by = @actor, ended_at = NULL,
           paused_at = NULL, paused_reason = NULL
         WHERE id = @id`,
    ),
    endSub: db.prepare(
      "UPDATE subscriptions SET ended_at = @at, updated_at = @at, updated_by = @actor WHERE id = @id",
    ),
    pauseSub: db.prepare(
      "UPDATE subscriptions SET paused_at = @at, paused_reason = @reason WHERE id = @id AND ended_at IS NULL",
    ),
    listActive: db.prepare<[], SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE ended_at IS NULL ORDER BY id",
    ),
    history: db.prepare<[number, number], DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = ? ORDER BY d.week DESC LIMIT ?`,
    ),
    lastPosted: db.prepare<[number], DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = ? AND d.state = 'posted' ORDER BY d.week DESC LIMIT 1`,
    ),
    lastFocus: db.prepare<[number], { focus_topic: string }>(
      `SELECT focus_topic FROM digests WHERE subscription_id = ? AND state = 'posted'
           AND focus_topic IS NOT NULL ORDER BY week DESC LIMIT 1`,
    ),
    digestById: db.prepare<[number], DigestRow>(`${DIGESTS} WHERE d.id = ?`),
    digestOfWeek: db.prepare<[number, string], DigestRow>(
      `${DIGESTS} WHERE d.subscription_id = ? AND d.week = ?`,
    ),
    claim: db.prepare(
      `INSERT INTO digests (subscription_id, week, slot_at, state, claimed_by, claimed_at,
           updated_at, as_of, reported, focus_topic, reply, body)
         VALUES (@subscriptionId, @week, @slotAt, 'claimed', @owner, @at, @at, @asOf, '[]',
           @focus, '', @body)
         ON CONFLICT (subscription_id, week) DO NOTHING`,
    ),
    takeOver: db.prepare(
      `UPDATE digests SET state = 'claimed', claimed_by = @owner, claimed_at = @at, updated_at = @at
         WHERE id = @id AND state = @state AND claimed_by = @seenOwner
           AND claimed_at = @seenClaimedAt AND updated_at = @seenUpdatedAt`,
    ),
    renew: db.prepare(
      `UPDATE digests SET claimed_at = @at, updated_at = @at
         WHERE id = @id AND state = 'claimed' AND claimed_by = @owner`,
    ),
    posted: db.prepare(
      `UPDATE digests SET state = 'posted', message_id = @messageId, posted_at = @at,
           updated_at = @at, reason = NULL
         WHERE id = @id AND state = 'claimed' AND claimed_by = @owner`,
    ),
    failed: db.prepare(
      `UPDATE digests SET state = 'failed', reason = @reason, failures = failures + 1,
           updated_at = @at
         WHERE id = @id AND state = 'claimed' AND claimed_by = @owner`,
    ),
    release: db.prepare(
      `UPDATE digests SET state = 'failed', reason = @reason, updated_at = @at
       WHERE id = @id AND state = 'claimed' AND claimed_by = @owner`,
    ),
    paused: db.prepare(
      `UPDATE digests SET state = 'paused', reason = @reason, updated_at = @at
         WHERE id = @id AND state = 'claimed' AND claimed_by = @owner`,
    ),
  };
}

interface PendingWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** An error from a write, as the store reports it: SQLite's own failures say why in words. */
function storeError(error: unknown): BriefingError {
  if (error instanceof BriefingError) return error;
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code.startsWith("SQLITE_"))
    return new StoreWriteError(reasonOfSqliteError(error), { cause: error });
  return new BriefingError("STORE_FAILED", `database write failed: ${error}`, { cause: error });
}

class SqliteStore implements SubscriptionStore {
  readonly db: Database.Database;
  private readonly stmts: ReturnType<typeof prepareStatements>;
  private readonly installations: ReturnType<typeof prepareInstallationStatements>;
  private readonly pending: PendingWrite[] = [];
  /** The last write's failure, until a write succeeds again; what `health()` reports. */
  private failure: string | undefined;

  constructor(
    db: Database.Database,
    private readonly file: { path: string; opened: FileIdentity } | undefined,
    private readonly logger: Logger | undefined,
  ) {
    this.db = db;
    this.stmts = prepareStatements(db);
    this.installations = prepareInstallationStatements(db);
  }

  /**
   * Whether the store can take writes now: it is open, the file is still the one opened and
   * writable, and the last write did not fail. A readiness endpoint reads this (cheap: two stat calls).
   */
  health(): StoreHealth {
    if (!this.db.open) return { ok: false, reason: "the database is closed" };
    const blocked = this.file ? writeBlocker(this.file.path, this.file.opened) : undefined;
    const reason = blocked ?? this.failure;
    return reason ? { ok: false, reason } : { ok: true };
  }

  /**
   * Group commit: writes asked for in the same turn of the event loop share one immediate
   * transaction, so one fsync (synchronous=FULL) serves them all instead of one each. Each write
   * still runs in its own savepoint, so one that fails leaves the others in. A write's promise
   * resolves only after the commit, so a claim is on disk before anything is posted.
   */
  private write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private failed(batch: readonly PendingWrite[], error: StoreWriteError): void {
    this.failure = error.reason;
    this.logger?.error(
      { err: error.cause ?? error, path: this.file?.path, writes: batch.length },
      `database write refused: ${error.reason}`,
    );
    for (const op of batch) op.reject(error);
  }

  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    // A removed or replaced file still takes writes through the open handle, and they are lost
    // on restart: refuse before writing, so nobody is told something was saved when it was not.
    const blocked = this.file ? writeBlocker(this.file.path, this.file.opened) : undefined;
    if (blocked) {
      this.failed(batch, new StoreWriteError(blocked));
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const op of batch) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(op.fn)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      const failure = storeError(error);
      if (failure instanceof StoreWriteError) this.failed(batch, failure);
      else for (const op of batch) op.reject(failure);
      return;
    }
    this.failure = undefined;
    batch.forEach((op, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) {
        op.resolve(outcome.value);
        return;
      }
      const failure = storeError(outcome?.error);
      if (failure instanceof StoreWriteError) this.failed([op], failure);
      else op.reject(failure);
    });
  }

  private findRow(channel: ChannelKey): SubscriptionRow | undefined {
    return this.stmts.findAny.get(channel.platform, channel.workspaceId ?? "", channel.channelId);
  }

  async subscribe(
    channel: ChannelKey,
    schedule: Schedule,
    actor: string,
    at: Date,
  ): Promise<SubscribeOutcome> {
    return this.write((): SubscribeOutcome => {
      const row = this.findRow(channel);
      const values = { ...schedule, at: iso(at), actor };
      if (!row) {
        const info = this.stmts.insertSub.run({
          platform: channel.platform,
          workspace: channel.workspaceId ?? "",
          channel: channel.channelId,
          ...values,
        });
        const created = this.stmts.byId.get(Number(info.lastInsertRowid));
        if (!created) throw new BriefingError("STORE_FAILED", "subscription vanished on insert");
        return { status: "created", subscription: toSubscription(created) };
      }
      const previous = toSubscription(row);
      const active = row.ended_at === null;
      if (active && !previous.paused && sameSchedule(previous.schedule, schedule)) {
        return { status: "unchanged", subscription: previous };
      }
      // Lifting a pause keeps `since`, so this week's digest that the pause stopped still goes out;
      // a new schedule or a reactivation starts at the next slot.
      const keepSince = active && sameSchedule(previous.schedule, schedule);
      this.stmts.updateSub.run({ id: row.id, ...values, since: keepSince ? row.since : iso(at) });
      const updated = this.stmts.byId.get(row.id);
      if (!updated) throw new BriefingError("STORE_FAILED", "subscription vanished on update");
      const subscription = toSubscription(updated);
      if (!active) return { status: "created", subscription };
      return { status: "updated", subscription, previous };
    });
  }

  async unsubscribe(
    channel: ChannelKey,
    actor: string,
    at: Date,
  ): Promise<Subscription | undefined> {
    return this.write(() => {
      const row = this.findRow(channel);
      if (!row || row.ended_at !== null) return undefined;
      this.stmts.endSub.run({ id: row.id, at: iso(at), actor });
      return toSubscription(row);
    });
  }

  async find(channel: ChannelKey): Promise<Subscription | undefined> {
    const row = this.findRow(channel);
    return row && row.ended_at === null ? toSubscription(row) : undefined;
  }

  async listActive(): Promise<Subscription[]> {
    return this.stmts.listActive.all().map(toSubscription);
  }

  async digest(subscriptionId: number, week: string): Promise<DigestRecord | undefined> {
    const row = this.stmts.digestOfWeek.get(subscriptionId, week);
    return row ? toDigest(row) : undefined;
  }

  async history(subscriptionId: number, limit = 10): Promise<DigestRecord[]> {
    return this.stmts.history.all(subscriptionId, limit).map(toDigest);
  }

  async digestContext(subscriptionId: number): Promise<DigestContext> {
    const last = this.stmts.lastPosted.get(subscriptionId);
    const focus = this.stmts.lastFocus.get(subscriptionId);
    return {
      ...(last ? { lastPosted: toDigest(last) } : {}),
      ...(focus ? { lastFocusTopic: focus.focus_topic } : {}),
    };
  }

  async claim(input: ClaimInput): Promise<DigestRecord | undefined> {
    return this.write(() => {
      const sub = this.stmts.byId.get(input.subscriptionId);
      if (!sub || sub.ended_at !== null || sub.paused_at !== null) return undefined;
      const reply = JSON.stringify(input.reply);
      const reported = JSON.stringify(input.reported);
      const body = createHash("sha256").update(reply).update("\n").update(reported).digest("hex");
      this.stmts.insertBody.run(body, reply, reported);
      const info = this.stmts.claim.run({
        subscriptionId: input.subscriptionId,
        week: input.week,
        slotAt: iso(input.slotAt),
        owner: input.owner,
        at: iso(input.at),
        asOf: iso(input.asOf),
        focus: input.focusTopic ?? null,
        body,
      });
      if (info.changes !== 1) return undefined;
      const row = this.stmts.digestById.get(Number(info.lastInsertRowid));
      return row ? toDigest(row) : undefined;
    });
  }

  async takeOver(seen: DigestRecord, owner: string, at: Date): Promise<DigestRecord | undefined> {
    return this.write(() => {
      const sub = this.stmts.byId.get(seen.subscriptionId);
      if (!sub || sub.ended_at !== null || sub.paused_at !== null) return undefined;
      const info = this.stmts.takeOver.run({
        id: seen.id,
        owner,
        at: iso(at),
        state: seen.state,
        seenOwner: seen.claimedBy,
        seenClaimedAt: iso(seen.claimedAt),
        seenUpdatedAt: iso(seen.updatedAt),
      });
      if (info.changes !== 1) return undefined;
      const row = this.stmts.digestById.get(seen.id);
      return row ? toDigest(row) : undefined;
    });
  }

  async renew(id: number, owner: string, at: Date): Promise<boolean> {
    return this.write(() => this.stmts.renew.run({ id, owner, at: iso(at) }).changes === 1);
  }

  async markPosted(id: number, owner: string, messageId: string, at: Date): Promise<boolean> {
    return this.write(
      () => this.stmts.posted.run({ id, owner, messageId, at: iso(at) }).changes === 1,
    );
  }

  async markFailed(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.write(
      () => this.stmts.failed.run({ id, owner, reason, at: iso(at) }).changes === 1,
    );
  }

  async release(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.write(
      () => this.stmts.release.run({ id, owner, reason, at: iso(at) }).changes === 1,
    );
  }

  async markPaused(id: number, owner: string, reason: string, at: Date): Promise<boolean> {
    return this.write(() => {
      const row = this.stmts.digestById.get(id);
      if (!row) return false;
      if (this.stmts.paused.run({ id, owner, reason, at: iso(at) }).changes !== 1) return false;
      this.stmts.pauseSub.run({ id: row.subscription_id, reason, at: iso(at) });
      return true;
    });
  }

  async saveInstallation(input: InstallationInput, at: Date): Promise<Installation> {
    return this.write(() => this.installations.save(input, at));
  }

  async findInstallation(workspace: WorkspaceKey): Promise<Installation | undefined> {
    return this.installations.find(workspace);
  }

  async removeInstallation(
    workspace: WorkspaceKey,
    reason: string,
    at: Date,
  ): Promise<{ removed: boolean; paused: number }> {
    return this.write(() => this.installations.remove(workspace, reason, at));
  }

  close(): void {
    if (!this.db.open) return;
    // Writes still queued for this turn are committed, not dropped.
    this.flush();
    this.db.close();
  }
}
