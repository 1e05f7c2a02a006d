/**
 * Install to any workspace: the installation store Bolt's installer (`@slack/oauth`) saves to
 * after `/slack/oauth_redirect` and authorizes every request from, on our store port. What is
 * kept per workspace is a small record of our own (team, bot ids, scopes, bot token), sealed
 * whole with the token cipher, so the database holds no token in the clear. Org-wide (Enterprise
 * Grid) installs are refused: one row per workspace is all this supports.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import * as z from "zod";
import { BriefingError, type SubscriptionStore, type WorkspaceKey } from "../../src/index.ts";
import { parseEncryptionKey, TokenCipher } from "./token-cipher.ts";
import { UNINSTALLED_REASON } from "./uninstall.ts";

const SealedRecord = z.object({
  teamId: z.string().min(1),
  teamName: z.string().optional(),
  appId: z.string().optional(),
  installedBy: z.string().optional(),
  bot: z.object({
    token: z.string().min(1),
    id: z.string().min(1),
    userId: z.string().min(1),
    scopes: z.array(z.string()),
  }),
});
type SealedRecord = z.infer<typeof SealedRecord>;

const workspace = (teamId: string): WorkspaceKey => ({ platform: "slack", workspaceId: teamId });
/** What the sealed value is bound to: it opens only on its own row. */
const context = (teamId: string) => `slack:${teamId}`;

/** The record kept for an installation Bolt hands over; refuses what this app cannot serve. */
function toRecord(installation: Installation): SealedRecord {
  const teamId = installation.team?.id;
  if (installation.isEnterpriseInstall || !teamId) {
    throw new Error(
      "org-wide (Enterprise Grid) installs are not supported: install to a workspace",
    );
  }
  if (!installation.bot) throw new Error("the installation has no bot token");
  return {
    teamId,
    ...(installation.team?.name ? { teamName: installation.team.name } : {}),
    ...(installation.appId ? { appId: installation.appId } : {}),
    ...(installation.user.id ? { installedBy: installation.user.id } : {}),
    bot: {
      token: installation.bot.token,
      id: installation.bot.id,
      userId: installation.bot.userId,
      scopes: installation.bot.scopes,
    },
  };
}

function toInstallation(record: SealedRecord): Installation<"v2", false> {
  return {
    team: { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) },
    enterprise: undefined,
    user: { id: record.installedBy ?? "", token: undefined, scopes: undefined },
    bot: record.bot,
    ...(record.appId ? { appId: record.appId } : {}),
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

/** Reads and opens a workspace's record; `undefined` when the app is not installed there. */
async function openRecord(
  store: SubscriptionStore,
  cipher: TokenCipher,
  teamId: string,
): Promise<SealedRecord | undefined> {
  const row = await store.findInstallation(workspace(teamId));
  if (!row) return undefined;
  const parsed = SealedRecord.safeParse(JSON.parse(cipher.open(row.sealed, context(teamId))));
  if (!parsed.success) throw new Error(`the stored installation for ${teamId} is not readable`);
  return parsed.data;
}

export function slackInstallationStore(
  store: SubscriptionStore,
  cipher: TokenCipher,
  clock: () => Date = () => new Date(),
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const record = toRecord(installation);
      await store.saveInstallation(
        {
          ...workspace(record.teamId),
          sealed: cipher.seal(JSON.stringify(record), context(record.teamId)),
          ...(record.installedBy ? { installedBy: record.installedBy } : {}),
        },
        clock(),
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      if (query.isEnterpriseInstall || !query.teamId) {
        throw new Error("org-wide (Enterprise Grid) installs are not supported");
      }
      const record = await openRecord(store, cipher, query.teamId);
      if (!record) throw new Error(`the app is not installed in workspace ${query.teamId}`);
      return toInstallation(record);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (!query.teamId) return;
      await store.removeInstallation(workspace(query.teamId), UNINSTALLED_REASON, clock());
    },
  };
}

/**
 * The bot token of a workspace, for digests (which come from the scheduler, not from a Slack
 * request, so Bolt's authorize is not there to give it). `undefined`: not installed there.
 */
export function workspaceTokens(
  store: SubscriptionStore,
  cipher: TokenCipher,
): (teamId: string) => Promise<string | undefined> {
  return async (teamId) => (await openRecord(store, cipher, teamId))?.bot.token;
}

/** The cipher for a `TOKEN_ENCRYPTION_KEY` that the settings already checked. */
export function tokenCipher(tokenKey: string): TokenCipher {
  const parsed = parseEncryptionKey(tokenKey);
  if (!parsed.ok) throw new BriefingError("CONFIG_INVALID", parsed.error);
  return new TokenCipher(parsed.key);
}

/** `workspaceTokens` from the settings' key: what the digest delivery needs. */
export function slackTokenLookup(
  store: SubscriptionStore,
  tokenKey: string,
): (teamId: string) => Promise<string | undefined> {
  return workspaceTokens(store, tokenCipher(tokenKey));
}
