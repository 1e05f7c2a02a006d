/** Where a request came from. Adapters set it; the core only uses it for wording and storage keys. */
export type Platform = "slack" | "discord" | "console" | "cli" | "web";

/**
 * One command, as an adapter hands it to the core. Plain data: no platform objects.
 */
export interface BriefingRequest {
  platform: Platform;
  /** What the user typed after `/partnership` (or after the bot mention); may be empty. */
  text: string;
  user: {
    id: string;
    /**
     * True when the platform says this user administers the workspace/server (Slack admin or
     * owner, Discord Manage Server). `BRIEFING_ADMINS` is applied by the core on top of this.
     */
    isPlatformAdmin: boolean;
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
}
