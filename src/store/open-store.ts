/**
 * Picks the store engine from the settings: PostgreSQL when `DATABASE_URL` is set (replicas
 * sharing one database), otherwise the SQLite file at `DATABASE_PATH`, which needs no setup.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { SubscriptionStore } from "./port.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { openSqliteStore } from "./sqlite-store.ts";

export async function openStore(
  config: Pick<Config, "databasePath" | "databaseUrl">,
  options: { logger?: Logger } = {},
): Promise<SubscriptionStore> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  return openSqliteStore(config.databasePath, options);
}
