import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { slackUsageHint } from "../../adapters/slack/commands.ts";
import { SLASH_COMMAND } from "../../adapters/slack/limits.ts";
import { BOT_EVENTS, BOT_SCOPES } from "../../adapters/slack/scopes.ts";

interface Manifest {
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; usage_hint?: string; should_escape?: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

describe("the app manifest", () => {
  it("creates the app the adapter expects: the command, the scopes, the mention event, interactivity, Socket Mode", async () => {
    const manifest = parse(await readFile("adapters/slack/manifest.yml", "utf8")) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        "commands",
        "chat:write",
        "app_mentions:read",
        "users:read",
        "channels:history",
      ]),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "app_mention",
      "app_uninstalled",
      "tokens_revoked",
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("gives the usage hint the command registry derives, so it names every command and no other", async () => {
    const manifest = parse(await readFile("adapters/slack/manifest.yml", "utf8")) as Manifest;
    expect(manifest.features.slash_commands[0]?.usage_hint).toBe(slackUsageHint());
    expect(slackUsageHint()).toContain("subscribe | unsubscribe | status");
  });

  it("asks for the same bot scopes and events that install to any workspace requests and listens to", async () => {
    const manifest = parse(await readFile("adapters/slack/manifest.yml", "utf8")) as Manifest;
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
  });
});
