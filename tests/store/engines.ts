/**
 * The two store engines, for test files that run the same scenarios on both (`describe.each`).
 * Call `engine.setup()` in `beforeAll`, `engine.fresh()` in `beforeEach` for an empty database,
 * and `engine.teardown()` in `afterAll`.
 */
import { join } from "node:path";
import type { SubscriptionStore } from "../../src/store/port.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { tempDir } from "../schedule/support.ts";
import { createTestDatabase, type TestDatabase } from "./postgres-db.ts";

export interface StoreEngine {
  name: string;
  setup(): Promise<void>;
  /** An empty database; `open` connects to it again each call. */
  fresh(): Promise<{ open(): Promise<SubscriptionStore>; dispose(): Promise<void> }>;
  teardown(): Promise<void>;
}

export function sqliteEngine(): StoreEngine {
  return {
    name: "SQLite",
    setup: async () => {},
    fresh: async () => {
      const tmp = await tempDir("store-");
      const opened: SubscriptionStore[] = [];
      return {
        open: async () => {
          const s = openSqliteStore(join(tmp.dir, "briefing.db"));
          opened.push(s);
          return s;
        },
        dispose: async () => {
          for (const s of opened.splice(0)) await s.close();
          await tmp.dispose();
        },
      };
    },
    teardown: async () => {},
  };
}

export function postgresEngine(): StoreEngine {
  let database: TestDatabase | undefined;
  return {
    name: "PostgreSQL",
    setup: async () => {
      database = await createTestDatabase();
    },
    fresh: async () => {
      const url = database?.url;
      if (!url) throw new Error("postgresEngine().setup() did not run or failed");
      const opened: SubscriptionStore[] = [];
      const open = async () => {
        const s = await openPostgresStore(url, { poolSize: 4 });
        opened.push(s);
        return s;
      };
      const first = await openPostgresStore(url, { poolSize: 1 });
      await first.pool.query(
        "TRUNCATE subscriptions, digests, digest_bodies, installations RESTART IDENTITY CASCADE",
      );
      await first.close();
      return {
        open,
        dispose: async () => {
          for (const s of opened.splice(0)) await s.close();
        },
      };
    },
    teardown: async () => {
      await database?.drop();
    },
  };
}

export const ENGINES: readonly StoreEngine[] = [sqliteEngine(), postgresEngine()];
