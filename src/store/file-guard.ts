/**
 * What the store checks about its file, so a bad DATABASE_PATH is refused in one clear line and a
 * file removed, replaced or made read-only under a running bot fails loudly instead of writing to
 * a file nobody will read again (an unlinked inode keeps accepting writes, which a restart loses).
 */
import { accessSync, constants, type Stats, statfsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { BriefingError } from "../errors.ts";

/**
 * Kernel filesystems whose files are not storage: SQLite on them hangs or fails obscurely (a
 * path under /proc hung start-up). Magic numbers from linux/magic.h.
 */
const SPECIAL_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0x1cd1, "devpts"],
  [0x62656570, "configfs"],
  [0xcafe4a11, "bpf"],
  [0x6165676c, "pstore"],
  [0xde5e81e4, "efivarfs"],
  [0x65735543, "fusectl"],
]);

/** A store failure the user may be told about: `reason` completes "could not save: …". */
export class StoreWriteError extends BriefingError {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super("STORE_FAILED", `could not save: ${reason}`, options);
    this.name = "StoreWriteError";
    this.reason = reason;
  }
}

export type StoreHealth = { ok: true } | { ok: false; reason: string };

const refuse = (path: string, why: string) =>
  new BriefingError("STORE_FAILED", `the database at ${path} cannot be used: ${why}`);

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    // ENOTDIR: a file on the way; the walk up finds it and says so.
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/** The closest existing folder at or above `path`; a file found on the way is an error. */
function nearestExisting(path: string): { path: string; stats: Stats } {
  let at = path;
  for (;;) {
    const stats = statOrUndefined(at);
    if (stats) return { path: at, stats };
    const up = dirname(at);
    if (up === at) throw new Error(`nothing exists above ${path}`);
    at = up;
  }
}

/**
 * Refuses, before SQLite touches anything, a path that cannot hold a database: a folder (`.`
 * included), a path under a file, something that is not a regular file (a FIFO would block the
 * open), or a file on a kernel filesystem. Only stat calls: nothing here can hang.
 */
export function checkDatabasePath(path: string): void {
  if (path === ":memory:") return;
  const full = resolve(path);
  let existing: { path: string; stats: Stats };
  try {
    existing = nearestExisting(full);
  } catch (error) {
    throw refuse(path, error instanceof Error ? error.message : String(error));
  }
  if (existing.path === full) {
    if (existing.stats.isDirectory()) throw refuse(path, "it is a folder, not a file");
    if (!existing.stats.isFile()) throw refuse(path, "it is not a regular file");
  } else if (!existing.stats.isDirectory()) {
    throw refuse(path, `${existing.path} is a file, not a folder`);
  }
  const type = SPECIAL_FILESYSTEMS.get(Number(statfsSync(existing.path).type));
  if (type) throw refuse(path, `it is on the ${type} kernel filesystem, not on storage`);
}

/** Which file this is: a replacement at the same path (rename, restore) has another identity. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(path: string): FileIdentity {
  const s = statSync(path);
  return { dev: s.dev, ino: s.ino };
}

/**
 * Why a write to the file opened as `opened` must not go ahead now, or undefined when it may. Two
 * system calls, cheap enough to run before every write transaction.
 */
export function writeBlocker(path: string, opened: FileIdentity): string | undefined {
  const now = statOrUndefined(path);
  if (!now) return "the database file was removed while the bot was running";
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    return "the database file was replaced while the bot was running";
  }
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return "the database is read-only";
  }
  return undefined;
}

/** What an SQLite error on a write means for the person who asked, in words for "could not save: …". */
export function reasonOfSqliteError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code.startsWith("SQLITE_READONLY")) return "the database is read-only";
  if (code === "SQLITE_FULL") return "the disk is full";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") {
    return "the database file is damaged";
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return "the database is busy (another process holds it)";
  }
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) {
    return "the disk reported an error";
  }
  return "the database refused the write";
}
