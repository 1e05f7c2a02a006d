/**
 * `app_uninstalled` and `tokens_revoked`: the workspace's bot token no longer works. Its
 * installation is removed and its subscriptions paused in one store transaction, so the
 * scheduler stops posting there and `status` says why once the app is back. Bolt delivers these
 * two events without authorizing them (the token is already gone).
 */
import type { App } from "@slack/bolt";
import type { Logger, SubscriptionStore } from "../../src/index.ts";

/** Why a workspace's subscriptions are paused when the app leaves it, as `status` shows it. */
export const UNINSTALLED_REASON =
  "the app was uninstalled from this workspace (or its token was revoked); install it again";

export interface UninstallDeps {
  store: SubscriptionStore;
  logger: Logger;
  clock?: () => Date;
}

export function registerUninstallListeners(app: App, deps: UninstallDeps): void {
  const clock = deps.clock ?? (() => new Date());
  const remove = async (teamId: string | undefined, event: string) => {
    if (!teamId) {
      deps.logger.warn({ event }, "an uninstall event without a workspace id; nothing removed");
      return;
    }
    const result = await deps.store.removeInstallation(
      { platform: "slack", workspaceId: teamId },
      UNINSTALLED_REASON,
      clock(),
    );
    deps.logger.info(
      { event, teamId, removed: result.removed, paused: result.paused },
      "the app left a workspace: installation removed, its subscriptions paused",
    );
  };

  app.event("app_uninstalled", async ({ context, body }) => {
    await remove(context.teamId ?? body.team_id, "app_uninstalled");
  });

  app.event("tokens_revoked", async ({ event, context, body }) => {
    // User tokens (which this app never asks for) do not stop the bot.
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(context.teamId ?? body.team_id, "tokens_revoked");
  });
}
