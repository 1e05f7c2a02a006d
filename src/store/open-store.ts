/**
 * Picks the store engine from the settings: PostgreSQL when `DATABASE_URL` is set (replicas
 * sharing one database), otherwise the SQLite file at `DATABASE_PATH`, which needs no setup.
 * Each engine's module (and its driver) is imported only when it is the one picked.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { SubscriptionStore } from "./port.ts";

export async function openStore(
  config: Pick<Config, "databasePath" | "databaseUrl">,
  options: { logger?: Logger } = {},
): Promise<SubscriptionStore> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import("./postgres-store.ts");
    return openPostgresStore(config.databaseUrl);
  }
  const { openSqliteStore } = await import("./sqlite-store.ts");
  return openSqliteStore(config.databasePath, options);
}
