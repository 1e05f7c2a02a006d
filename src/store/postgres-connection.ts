/**
 * Connection helpers of the PostgreSQL store: one transaction on one pooled client, reads, and
 * errors that name the database without its credentials.
 */
import type pg from "pg";
import { BriefingError } from "../errors.ts";

/** Where a URL points, without its credentials: fit for error messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "an unparsable DATABASE_URL";
  }
}

const storeError = (error: unknown) =>
  error instanceof BriefingError
    ? error
    : new BriefingError("STORE_FAILED", `database write failed: ${error}`, { cause: error });

/** Runs `fn` in one transaction on one pooled connection: all of it is committed, or none. */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw storeError(error);
  }
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const value = await fn(client);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    await client.query("ROLLBACK").catch((e: Error) => {
      // A connection that cannot roll back is not handed to the next caller.
      broken = e;
    });
    throw storeError(error);
  } finally {
    client.release(broken);
  }
}

export async function readRows<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  values: unknown[],
): Promise<R[]> {
  try {
    return (await pool.query<R>(sql, values)).rows;
  } catch (error) {
    throw new BriefingError("STORE_FAILED", `database read failed: ${error}`, { cause: error });
  }
}

/**
 * One writing statement on its own (autocommit): atomic by itself, in one round trip instead of
 * the four of BEGIN, statement, COMMIT. Returns the rows of its RETURNING clause.
 */
export async function writeStatement<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  values: unknown[],
): Promise<R[]> {
  try {
    return (await pool.query<R>(sql, values)).rows;
  } catch (error) {
    throw storeError(error);
  }
}
