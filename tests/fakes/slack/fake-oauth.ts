/**
 * The fake Slack's side of "install to any workspace": `oauth.v2.access` exchanges a one-time
 * `code` (what Slack puts in the redirect to `/slack/oauth_redirect`) for that workspace's bot
 * token, checking the app's client id and secret; afterwards the token is accepted by the other
 * methods, and `auth.test` answers with its workspace's ids.
 */

/** One workspace that installs the app with `code`. */
export interface FakeInstall {
  teamId: string;
  teamName?: string;
  botToken: string;
  botUserId?: string;
  botId?: string;
  /** Who clicked Allow. */
  installerId?: string;
  /** Granted scopes; default the ones the fake was told the app asks for. */
  scopes?: readonly string[];
}

export interface FakeOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** By code; each code works once, as Slack's do. */
  installs: Record<string, FakeInstall>;
  scopes?: readonly string[];
}

export interface Workspace {
  teamId: string;
  botUserId: string;
  botId: string;
}

export function createFakeOAuth(options: FakeOAuthOptions | undefined) {
  const used = new Set<string>();
  /** Tokens handed out, with their workspace. */
  const tokens = new Map<string, Workspace>();

  const workspaceOf = (install: FakeInstall): Workspace => ({
    teamId: install.teamId,
    botUserId: install.botUserId ?? `UBOT${install.teamId}`,
    botId: install.botId ?? `BBOT${install.teamId}`,
  });

  return {
    /** The workspace a token issued by `oauth.v2.access` belongs to. */
    workspaceOfToken: (token: string) => tokens.get(token),

    /** Answers `oauth.v2.access`: [HTTP status, JSON]. */
    access(body: Record<string, unknown>): [number, unknown] {
      if (!options) return [200, { ok: false, error: "unknown_method" }];
      if (body.client_id !== options.clientId)
        return [200, { ok: false, error: "invalid_client_id" }];
      if (body.client_secret !== options.clientSecret) {
        return [200, { ok: false, error: "bad_client_secret" }];
      }
      const code = typeof body.code === "string" ? body.code : "";
      const install = options.installs[code];
      if (!install || used.has(code)) return [200, { ok: false, error: "invalid_code" }];
      used.add(code);
      const workspace = workspaceOf(install);
      tokens.set(install.botToken, workspace);
      return [
        200,
        {
          ok: true,
          app_id: "A0FAKE",
          authed_user: { id: install.installerId ?? "UINSTALLER" },
          scope: (install.scopes ?? options.scopes ?? ["commands"]).join(","),
          token_type: "bot",
          access_token: install.botToken,
          bot_user_id: workspace.botUserId,
          team: { id: install.teamId, name: install.teamName ?? install.teamId },
          enterprise: null,
          is_enterprise_install: false,
        },
      ];
    },
  };
}
