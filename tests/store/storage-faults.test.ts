/**
 * Storage faults on real SQLite files: start-up refuses a file it cannot keep, naming it; a
 * running store refuses to write to a file that was removed, replaced or made read-only, says why
 * in the reply and the log, and never answers as if it had saved.
 *
 * Read-only: the tests run as root, where chmod stops nothing. `chattr +i` (immutable) stops
 * writes even for root; where the filesystem or the container does not allow it, those cases
 * are skipped and say so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import { reasonOfSqliteError, StoreWriteError } from "../../src/store/file-guard.ts";
import type { ChannelKey } from "../../src/store/port.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import { KNOWLEDGE_DIR, request, shippedKnowledge } from "../helpers/knowledge.ts";
import { recordingLogger, silentLogger, tempDir } from "../schedule/support.ts";

const channel: ChannelKey = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const monday9 = { day: 1, hour: 9, minute: 0, timezone: "UTC" };
const at = new Date("2026-01-07T12:00:00Z");

function chattr(flag: "+i" | "-i", path: string): boolean {
  return spawnSync("chattr", [flag, path], { stdio: "ignore" }).status === 0;
}

/**
 * Why `chattr +i` cannot make a file read-only here, or undefined when it can (it needs a
 * filesystem such as ext4 and CAP_LINUX_IMMUTABLE): the reason a read-only case is skipped.
 */
function immutableUnavailable(dir: string): string | undefined {
  const probe = join(dir, "probe");
  writeFileSync(probe, "x");
  if (!chattr("+i", probe)) {
    return `chattr +i failed in ${dir} (no immutable files on this filesystem, or no CAP_LINUX_IMMUTABLE): the read-only case is not checked`;
  }
  let stopped = false;
  try {
    writeFileSync(probe, "y");
  } catch {
    stopped = true;
  }
  chattr("-i", probe);
  return stopped
    ? undefined
    : `chattr +i did not stop a write in ${dir}: the read-only case is not checked`;
}

/** A store file with enough rows that damaging a page in the middle leaves the header intact. */
function damagedPastHeader(path: string): void {
  const db = new Database(path);
  db.exec("CREATE TABLE t (x TEXT); CREATE INDEX ti ON t (x)");
  const insert = db.prepare("INSERT INTO t VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`${"x".repeat(100)}${i}`);
  })();
  db.close();
  const bytes = Buffer.alloc(8192, 0x41);
  execFileSync("dd", [`of=${path}`, "bs=4096", "seek=3", "conv=notrunc", "status=none"], {
    input: bytes,
  });
}

describe("start-up refuses a database file it cannot keep, naming it", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir("store-faults-");
  });
  afterEach(() => tmp.dispose());

  const refusal = (path: string): string => {
    try {
      openSqliteStore(path).close();
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return "opened";
  };

  it("a folder, `.` included", () => {
    expect(refusal(tmp.dir)).toBe(
      `the database at ${tmp.dir} cannot be used: it is a folder, not a file`,
    );
    expect(refusal(".")).toMatch(/^the database at \. cannot be used: it is a folder/);
  });

  it("a path under a file", () => {
    const file = join(tmp.dir, "plain.txt");
    writeFileSync(file, "not a folder");
    expect(refusal(join(file, "briefing.db"))).toBe(
      `the database at ${join(file, "briefing.db")} cannot be used: ${file} is a file, not a folder`,
    );
  });

  it("a path under /proc or /sys, promptly, without creating anything", () => {
    expect(refusal("/proc/briefing/briefing.db")).toMatch(/on the proc kernel filesystem/);
    expect(refusal("/proc/self/briefing.db")).toMatch(/on the proc kernel filesystem/);
    expect(refusal("/sys/briefing.db")).toMatch(/on the sysfs kernel filesystem/);
  });

  it("something that is not a regular file (a FIFO would block the open)", () => {
    const fifo = join(tmp.dir, "fifo.db");
    execFileSync("mkfifo", [fifo]);
    expect(refusal(fifo)).toMatch(/fifo\.db cannot be used: it is not a regular file/);
  });

  it("a file corrupted past its header (PRAGMA quick_check), and one that is not a database", () => {
    const damaged = join(tmp.dir, "damaged.db");
    damagedPastHeader(damaged);
    expect(refusal(damaged)).toMatch(
      /^the database at .*damaged\.db cannot be used: it is damaged \(integrity check: /,
    );
    const garbage = join(tmp.dir, "garbage.db");
    writeFileSync(garbage, "x".repeat(8192));
    expect(refusal(garbage)).toMatch(/garbage\.db cannot be used: file is not a database/);
  });

  it("a read-only file (immutable, which stops root too)", (ctx) => {
    const unavailable = immutableUnavailable(tmp.dir);
    if (unavailable) ctx.skip(unavailable);
    const path = join(tmp.dir, "briefing.db");
    openSqliteStore(path).close();
    chattr("+i", path);
    try {
      expect(refusal(path)).toBe(
        `the database at ${path} cannot be used: it cannot be written to (the database is read-only)`,
      );
    } finally {
      chattr("-i", path);
    }
  });

  it("SQLite's own read-only error is worded as read-only", () => {
    const path = join(tmp.dir, "briefing.db");
    openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    let caught: unknown;
    try {
      db.exec("CREATE TABLE x (y)");
    } catch (error) {
      caught = error;
    }
    db.close();
    expect(caught).toMatchObject({ code: "SQLITE_READONLY" });
    expect(reasonOfSqliteError(caught)).toBe("the database is read-only");
  });

  it("a good file still opens, and reports itself healthy", () => {
    const store = openSqliteStore(join(tmp.dir, "ok", "briefing.db"));
    expect(store.health()).toEqual({ ok: true });
    store.close();
  });
});

describe("a running store whose file is changed under it", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let path: string;
  beforeEach(async () => {
    tmp = await tempDir("store-faults-");
    path = join(tmp.dir, "briefing.db");
  });
  afterEach(() => tmp.dispose());

  const subscribeReply = async (store: ReturnType<typeof openSqliteStore>) => {
    const kb = await shippedKnowledge();
    const knowledge = { current: () => kb };
    const briefing = createBriefing({
      knowledge,
      subscriptions: createSubscriptionCommands({ store, knowledge }),
    });
    return briefing.handle(
      request("subscribe", {
        platform: { name: "slack", deliversDigests: true },
        user: { id: "UADMIN", isPlatformAdmin: () => true },
        conversation: { id: "C1", workspaceId: "T1", isDirect: false },
      }),
    );
  };

  it("deleted: subscribe says it could not save, logs why, goes unhealthy, and nothing is claimed", async () => {
    const { logger, lines } = recordingLogger();
    const store = openSqliteStore(path, { logger });
    rmSync(path);
    const answer = await subscribeReply(store);
    expect(answer.kind).toBe("error");
    expect(answer.title).toBe(
      "Could not save: the database file was removed while the bot was running",
    );
    expect(renderPlainText(answer)).not.toMatch(/Weekly briefing/);
    expect(lines.find((l) => l.level === 50)).toMatchObject({
      msg: "database write refused: the database file was removed while the bot was running",
      path,
    });
    expect(store.health()).toEqual({
      ok: false,
      reason: "the database file was removed while the bot was running",
    });
    await expect(store.unsubscribe(channel, "UADMIN", at)).rejects.toBeInstanceOf(StoreWriteError);
    store.close();
  });

  it("replaced by another file at the same path: refused, and the new file is left alone", async () => {
    const store = openSqliteStore(path, { logger: silentLogger });
    const other = join(tmp.dir, "other.db");
    openSqliteStore(other).close();
    renameSync(other, path);
    await expect(store.subscribe(channel, monday9, "UADMIN", at)).rejects.toThrow(
      "could not save: the database file was replaced while the bot was running",
    );
    store.close();
    const reopened = openSqliteStore(path);
    expect(await reopened.find(channel)).toBeUndefined();
    reopened.close();
  });

  it("made read-only (immutable): subscribe says the database is read-only", async (ctx) => {
    const unavailable = immutableUnavailable(tmp.dir);
    if (unavailable) ctx.skip(unavailable);
    const store = openSqliteStore(path, { logger: silentLogger });
    chattr("+i", path);
    try {
      const answer = await subscribeReply(store);
      expect(answer.title).toBe("Could not save: the database is read-only");
      expect(store.health()).toEqual({ ok: false, reason: "the database is read-only" });
    } finally {
      chattr("-i", path);
    }
    // Writable again: the next write goes through and the store is healthy again.
    expect((await subscribeReply(store)).title).toMatch(/^Weekly briefing: Mondays/);
    expect(store.health()).toEqual({ ok: true });
    store.close();
  });
});

describe("npm run cli -- digest with a bad DATABASE_PATH", () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir("store-faults-cli-");
  });
  afterEach(() => tmp.dispose());

  const cli = async (databasePath: string, ...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDigestCli(args, {
      env: { DATABASE_PATH: databasePath, KNOWLEDGE_DIR },
      logger: silentLogger,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    return { code, out: out.join(""), err: err.join("") };
  };

  it.each([
    ["a folder", () => tmp.dir, /it is a folder, not a file/],
    ["`.`", () => ".", /it is a folder, not a file/],
    ["a path under a file", () => join(KNOWLEDGE_DIR, "sources.yaml", "x.db"), /is a file/],
    ["a path under /proc", () => "/proc/briefing.db", /proc kernel filesystem/],
    [
      "a corrupted file",
      () => {
        const p = join(tmp.dir, "bad.db");
        damagedPastHeader(p);
        return p;
      },
      /it is damaged/,
    ],
  ])("%s: one line, exit 1, no stack trace", async (_name, pathOf, why) => {
    const path = pathOf();
    for (const action of ["run", "preview"]) {
      const result = await cli(path, action);
      expect(result.code).toBe(1);
      expect(result.out).toBe("");
      expect(result.err).toMatch(/^Cannot open the database: the database at .+ cannot be used: /);
      expect(result.err).toMatch(why);
      expect(result.err.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});
