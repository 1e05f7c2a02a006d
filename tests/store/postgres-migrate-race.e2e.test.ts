/**
 * Several replicas start at once against a new database: two real processes run the migrations
 * at the same moment. Both must succeed, and the schema must be migrated exactly once.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS } from "../../src/store/postgres-migrations.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { fixtureCommand } from "../helpers/fixtures.ts";
import { ROOT } from "../helpers/run.ts";
import { createTestDatabase, type TestDatabase } from "./postgres-db.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(url: string): Child {
  const child = spawn(...fixtureCommand("migrate-on-go", [url]), { cwd: ROOT });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on("data", (d) => {
    stdout += d;
    if (stdout.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        markReady();
        resolve({ code, stdout, stderr });
      });
    },
  );
  return { process: child, ready, done };
}

it("lets two processes migrate one new database at the same moment: both succeed, each version applied once", async () => {
  const children = [start(database.url), start(database.url)];
  // Both are connected before either is told to go, so their migration runs overlap.
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.process.stdin.end("go\n");
  const results = await Promise.all(children.map((c) => c.done));

  for (const r of results) {
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  const applied = results.map((r) => {
    const last = r.stdout.trim().split("\n").at(-1) ?? "";
    const parsed: { applied: number[] } = JSON.parse(last);
    return parsed.applied;
  });
  const latest = POSTGRES_MIGRATIONS.map((m) => m.version);
  // One process applied every migration; the other waited for the lock and found nothing to do.
  expect(applied.toSorted((a, b) => a.length - b.length)).toEqual([[], latest]);

  const store = await openPostgresStore(database.url);
  try {
    const { rows } = await store.pool.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.version)).toEqual(latest);
    expect(await store.listActive()).toEqual([]);
  } finally {
    await store.close();
  }
});
