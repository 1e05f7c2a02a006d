/**
 * Installations on SQLite: the statements behind the store port's `saveInstallation`,
 * `findInstallation` and `removeInstallation`. Each function runs inside the store's write
 * transaction (or is a single read), so removing an installation and pausing the workspace's
 * subscriptions happen together or not at all.
 */
import type Database from "better-sqlite3";
import type { Installation, InstallationInput, WorkspaceKey } from "./port.ts";

interface InstallationRow {
  platform: string;
  workspace_id: string;
  sealed: string;
  installed_by: string | null;
  installed_at: string;
  updated_at: string;
}

function toInstallation(r: InstallationRow): Installation {
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    sealed: r.sealed,
    ...(r.installed_by ? { installedBy: r.installed_by } : {}),
    installedAt: new Date(r.installed_at),
    updatedAt: new Date(r.updated_at),
  };
}

export function prepareInstallationStatements(db: Database.Database) {
  const find = db.prepare<[string, string], InstallationRow>(
    "SELECT * FROM installations WHERE platform = ? AND workspace_id = ?",
  );
  const upsert = db.prepare(
    `INSERT INTO installations (platform, workspace_id, sealed, installed_by, installed_at,
         updated_at)
       VALUES (@platform, @workspace, @sealed, @by, @at, @at)
       ON CONFLICT (platform, workspace_id) DO UPDATE SET sealed = excluded.sealed,
         installed_by = coalesce(excluded.installed_by, installations.installed_by),
         updated_at = excluded.updated_at`,
  );
  const remove = db.prepare("DELETE FROM installations WHERE platform = ? AND workspace_id = ?");
  const pauseWorkspace = db.prepare(
    `UPDATE subscriptions SET paused_at = @at, paused_reason = @reason
       WHERE platform = @platform AND workspace_id = @workspace AND ended_at IS NULL
         AND paused_at IS NULL`,
  );

  return {
    find(key: WorkspaceKey): Installation | undefined {
      const row = find.get(key.platform, key.workspaceId);
      return row ? toInstallation(row) : undefined;
    },
    save(input: InstallationInput, at: Date): Installation {
      upsert.run({
        platform: input.platform,
        workspace: input.workspaceId,
        sealed: input.sealed,
        by: input.installedBy ?? null,
        at: at.toISOString(),
      });
      const row = find.get(input.platform, input.workspaceId);
      if (!row) throw new Error("installation vanished on save");
      return toInstallation(row);
    },
    remove(key: WorkspaceKey, reason: string, at: Date): { removed: boolean; paused: number } {
      const removed = remove.run(key.platform, key.workspaceId).changes === 1;
      const paused = pauseWorkspace.run({
        platform: key.platform,
        workspace: key.workspaceId,
        reason,
        at: at.toISOString(),
      }).changes;
      return { removed, paused };
    },
  };
}
