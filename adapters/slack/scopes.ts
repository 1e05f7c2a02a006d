/**
 * The bot scopes the app asks for, the same list as `oauth_config.scopes.bot` in `manifest.yml`
 * (a test holds them equal). Install to any workspace requests exactly these at
 * `/slack/install`; kept in code rather than read from the manifest at start, so a bundled build
 * needs no file beside it.
 */
export const BOT_SCOPES: readonly string[] = [
  "commands",
  "chat:write",
  "app_mentions:read",
  "users:read",
  "channels:history",
  "groups:history",
];

/** Events the app subscribes to (`settings.event_subscriptions.bot_events`). */
export const BOT_EVENTS: readonly string[] = ["app_mention", "app_uninstalled", "tokens_revoked"];
