/**
 * A fresh PostgreSQL database per test file, created from the `postgres` database and dropped
 * at the end. The server is the one CI starts (`.ci/run`); when it is not running the tests fail
 * and say how to start it, rather than passing silently.
 */
import pg from "pg";

/** The maintenance database to create test databases from. Override with PG_TEST_ADMIN_URL. */
const ADMIN_URL = process.env.PG_TEST_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(ADMIN_URL).host} (${error}). Start it with\n` +
        "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n" +
        "or point PG_TEST_ADMIN_URL at a server where this user may create databases.",
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `briefing_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  // Identifiers cannot be bound parameters; the name is ours, lowercase letters, digits and _.
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
