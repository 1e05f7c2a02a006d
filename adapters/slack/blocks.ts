/**
 * The Block Kit shapes a Slack reply is made of, and the small builders every part of the
 * renderer uses: a verbatim mrkdwn text object (so Slack does not link-ify names in it), a section,
 * a context block, a command as code. Separate so the line texts, the units and the assembly share
 * one definition of each without importing one another.
 */
import type { CommandRef } from "../../src/index.ts";
import { slackCommand } from "./commands.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { fitText } from "./mrkdwn.ts";

export interface PlainTextObject {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface MrkdwnObject {
  type: "mrkdwn";
  text: string;
  verbatim?: boolean;
}

export interface ButtonElement {
  type: "button";
  text: PlainTextObject;
  action_id: string;
  value?: string;
  style?: "primary" | "danger";
}

export type SlackBlock =
  | { type: "header"; text: PlainTextObject }
  | { type: "section"; text: MrkdwnObject; accessory?: ButtonElement }
  | { type: "context"; elements: MrkdwnObject[] }
  | { type: "actions"; block_id?: string; elements: ButtonElement[] };

export interface SlackMessage {
  blocks: SlackBlock[];
  /** Fallback for notifications and clients without Block Kit; never empty. */
  text: string;
}

/** The title of a reply that has none (header and fallback alike). */
export const DEFAULT_TITLE = "Partnership briefing";
/** Room kept for our own markup around a label or prefix that is fitted separately. */
export const SHORT = 120;

export const mrkdwn = (text: string): MrkdwnObject => ({ type: "mrkdwn", text, verbatim: true });
export const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
export const context = (texts: string[]): SlackBlock => ({
  type: "context",
  elements: texts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn),
});
export const command = (ref: CommandRef) => `\`${fitText(slackCommand(ref), SHORT)}\``;
