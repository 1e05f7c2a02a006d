/** A platform's name: `slack`, `discord`, `console`, `cli`, `web`, …; subscriptions are stored under it. */
export type PlatformName = string;

/** Where a request came from: an open name, and what the platform can do that the core relies on. */
export interface Platform {
  name: PlatformName;
  /** Its conversations can receive the weekly digest (a delivery exists for it: Slack, Discord). */
  deliversDigests?: boolean;
}

/**
 * One command, as an adapter hands it to the core. Plain data, apart from the one callback the
 * core calls when a command needs admin rights: no platform objects.
 */
export interface BriefingRequest {
  platform: Platform;
  /** What the user typed after `/partnership` (or after the bot mention); may be empty. */
  text: string;
  user: {
    id: string;
    /**
     * Whether the platform says this user administers the workspace/server (Slack admin or owner,
     * Discord Manage Server). Called by the core only for a command that needs admin rights, and
     * only when `BRIEFING_ADMINS` does not already name the user, so an adapter may look it up
     * lazily (Slack asks `users.info`). A rejection counts as "no".
     */
    isPlatformAdmin: () => boolean | Promise<boolean>;
    /** Display name when the adapter has one cheaply; never required. */
    name?: string;
  };
  conversation: {
    /** Channel id (Slack `C…`, Discord snowflake, `console`). */
    id: string;
    /** Workspace / guild id where the platform has one. */
    workspaceId?: string;
    isDirect: boolean;
  };
  /** When the request was received. */
  at: Date;
  /**
   * A click re-running an earlier answer to share it with the channel: the core runs the command
   * only if its answers may be shared, so a button can never repeat a change.
   */
  share?: boolean;
}
