/**
 * Slack payloads -> the core's plain `BriefingRequest`. Translation only: no Slack object
 * crosses into the core.
 */
import type { BriefingRequest, Platform } from "../../src/index.ts";
import { slackTextToPlain } from "./mrkdwn.ts";

/** The fields of a slash command payload we use (Slack sends them form-encoded). */
export interface SlashCommandFields {
  text?: string;
  user_id: string;
  user_name?: string;
  team_id?: string;
  channel_id: string;
  channel_name?: string;
}

/** The fields of an `app_mention` event we use. */
export interface MentionFields {
  text: string;
  user?: string;
  channel: string;
  team?: string;
}

/** The fields of a block action (button click) we use. */
export interface ActionFields {
  user: { id: string; name?: string; username?: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string; name?: string };
}

/** Slack channels receive the weekly digest. */
export const SLACK: Platform = { name: "slack", deliversDigests: true };

/** Asks whether the user administers the workspace; called by the core only when it matters. */
export type AdminCheck = () => Promise<boolean>;

/** Direct messages have `D…` ids; Slack names the channel `directmessage` in commands. */
const isDirect = (channelId: string, channelName?: string) =>
  channelId.startsWith("D") || channelName === "directmessage";

/** The command text as the user meant it: Slack's escaping and mention markup undone. */
export function commandText(text: string | undefined): string {
  return slackTextToPlain(text ?? "").trim();
}

/** The text of a mention with the bot's own `<@U…>` removed, e.g. `@briefing stargate` -> `stargate`. */
export function mentionText(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /^\s*<@[^>]+>/;
  return commandText(text.replace(own, " "));
}

export function commandRequest(
  command: SlashCommandFields,
  text: string,
  isPlatformAdmin: AdminCheck,
  at: Date,
): BriefingRequest {
  return {
    platform: SLACK,
    text,
    user: {
      id: command.user_id,
      isPlatformAdmin,
      ...(command.user_name ? { name: command.user_name } : {}),
    },
    conversation: {
      id: command.channel_id,
      ...(command.team_id ? { workspaceId: command.team_id } : {}),
      isDirect: isDirect(command.channel_id, command.channel_name),
    },
    at,
  };
}

export function mentionRequest(
  event: MentionFields,
  text: string,
  isPlatformAdmin: AdminCheck,
  at: Date,
  teamId?: string,
): BriefingRequest {
  const workspaceId = teamId ?? event.team;
  return {
    platform: SLACK,
    text,
    user: { id: event.user ?? "", isPlatformAdmin },
    conversation: {
      id: event.channel,
      ...(workspaceId ? { workspaceId } : {}),
      isDirect: isDirect(event.channel),
    },
    at,
  };
}

/**
 * A share click re-runs the command as the person who clicked. Marked as a share, so the core
 * runs it only if its answers may be shared; such commands never need admin rights.
 */
export function shareRequest(body: ActionFields, text: string, at: Date): BriefingRequest {
  return { ...actionRequest(body, text, at), share: true };
}

/**
 * An Evidence click asks `sources <fact id>` as the person who clicked; the answer is shown to
 * them alone, so it is not a share.
 */
export function evidenceRequest(body: ActionFields, text: string, at: Date): BriefingRequest {
  return actionRequest(body, text, at);
}

/** A click, as a request from whoever clicked, in the channel of the message. Never an admin. */
function actionRequest(body: ActionFields, text: string, at: Date): BriefingRequest {
  const name = body.user.name ?? body.user.username;
  const workspaceId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? "";
  return {
    platform: SLACK,
    text,
    user: { id: body.user.id, isPlatformAdmin: async () => false, ...(name ? { name } : {}) },
    conversation: {
      id: channelId,
      ...(workspaceId ? { workspaceId } : {}),
      isDirect: isDirect(channelId, body.channel?.name),
    },
    at,
  };
}
