/**
 * Whether a Slack user administers the workspace, from `users.info` (`is_admin`/`is_owner`).
 * Asked only when the core calls a request's `isPlatformAdmin` (a command that needs admin
 * rights), and remembered briefly so a burst of admin commands costs one call; a role change is
 * seen within `ttlMs`.
 */
import type { Logger } from "../../src/index.ts";

/** The one Web API call this needs; Bolt's `WebClient` has it. */
export interface UsersInfoClient {
  users: {
    info(args: { user: string; token?: string }): Promise<{
      ok?: boolean;
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };
    }>;
  };
}

export class AdminLookup {
  readonly #cache = new Map<string, { isAdmin: boolean; until: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `workspace`: where the request came from, with the bot token for it (installed to any
   * workspace, each has its own); without it, the client's own token answers.
   */
  async isAdmin(
    client: UsersInfoClient,
    userId: string,
    workspace: { teamId?: string; token?: string } = {},
  ): Promise<boolean> {
    const key = `${workspace.teamId ?? ""}:${userId}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.now()) return cached.isAdmin;
    try {
      const { user } = await client.users.info({
        user: userId,
        ...(workspace.token ? { token: workspace.token } : {}),
      });
      const isAdmin = !!(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      this.#cache.set(key, { isAdmin, until: this.now() + this.ttlMs });
      return isAdmin;
    } catch (error) {
      // Not knowing means no admin rights: the core then refuses politely and nothing changes.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { err: error, userId },
        `users.info failed (${reason}); treating the user as no admin`,
      );
      return false;
    }
  }
}
