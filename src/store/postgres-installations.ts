/**
 * Installations on PostgreSQL: the statements behind the store port's `saveInstallation`,
 * `findInstallation` and `removeInstallation`. Saving is one upsert; removing deletes the row and
 * pauses the workspace's subscriptions in one transaction, so two replicas receiving the same
 * `app_uninstalled` (Slack retries) end in the same state.
 */
import type pg from "pg";
import type { Installation, InstallationInput, WorkspaceKey } from "./port.ts";
import { inTransaction, readRows, writeStatement } from "./postgres-connection.ts";

interface InstallationRow {
  platform: string;
  workspace_id: string;
  sealed: string;
  installed_by: string | null;
  installed_at: Date;
  updated_at: Date;
}

function toInstallation(r: InstallationRow): Installation {
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    sealed: r.sealed,
    ...(r.installed_by ? { installedBy: r.installed_by } : {}),
    installedAt: r.installed_at,
    updatedAt: r.updated_at,
  };
}

export async function saveInstallation(
  pool: pg.Pool,
  input: InstallationInput,
  at: Date,
): Promise<Installation> {
  const [row] = await writeStatement<InstallationRow>(
    pool,
    `INSERT INTO installations (platform, workspace_id, sealed, installed_by, installed_at,
         updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (platform, workspace_id) DO UPDATE SET sealed = excluded.sealed,
         installed_by = coalesce(excluded.installed_by, installations.installed_by),
         updated_at = excluded.updated_at
       RETURNING *`,
    [input.platform, input.workspaceId, input.sealed, input.installedBy ?? null, at],
  );
  if (!row) throw new Error("installation vanished on save");
  return toInstallation(row);
}

export async function findInstallation(
  pool: pg.Pool,
  key: WorkspaceKey,
): Promise<Installation | undefined> {
  const [row] = await readRows<InstallationRow>(
    pool,
    "SELECT * FROM installations WHERE platform = $1 AND workspace_id = $2",
    [key.platform, key.workspaceId],
  );
  return row ? toInstallation(row) : undefined;
}

export function removeInstallation(
  pool: pg.Pool,
  key: WorkspaceKey,
  reason: string,
  at: Date,
): Promise<{ removed: boolean; paused: number }> {
  return inTransaction(pool, async (client) => {
    const removed = await client.query(
      "DELETE FROM installations WHERE platform = $1 AND workspace_id = $2",
      [key.platform, key.workspaceId],
    );
    const paused = await client.query(
      `UPDATE subscriptions SET paused_at = $3, paused_reason = $4
         WHERE platform = $1 AND workspace_id = $2 AND ended_at IS NULL AND paused_at IS NULL`,
      [key.platform, key.workspaceId, at, reason],
    );
    return { removed: removed.rowCount === 1, paused: paused.rowCount ?? 0 };
  });
}
