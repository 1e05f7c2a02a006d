/**
 * Discord's limits, as named constants beside the renderer and the command builder. Discord
 * rejects a message or a registration that goes over any of these, so the renderer cuts to fit
 * and tests go over every one. Lengths are counted in UTF-16 code units, which is never fewer
 * than the characters Discord counts, so staying under them here stays under them there.
 */

/** Messages: content and embeds (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const MESSAGE_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer text and author name, across all embeds. */
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /**
   * A page link's URL (an embed's `url`, a masked link). Our own cap, well inside what Discord
   * takes: a longer `PUBLIC_URL` link is left out rather than risk the message.
   */
  linkUrl: 500,
} as const;

/** Message components: action rows holding buttons, or one select menu. */
export const COMPONENT_LIMITS = {
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  /** A string select menu: its options, and each option's label, value and description. */
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  selectPlaceholder: 150,
} as const;

/**
 * One article's quote under a fact. Our own cap, not Discord's: the base keeps quotes to about 40
 * words, so this only bites on a runaway quote, which is cut with an ellipsis.
 */
export const QUOTE_MAX = 600;

/** Application command definitions and autocomplete. */
export const COMMAND_LIMITS = {
  name: 32,
  /** Lower case letters, digits, `-` and `_` (Discord's regex, restricted to what we use). */
  namePattern: /^[-_a-z0-9]{1,32}$/,
  description: 100,
  optionsPerCommand: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** A string option's max_length may be at most this. */
  stringOptionLength: 6000,
} as const;

/** Interaction timing (ms): the first response within 3 s, follow-ups and edits for 15 min. */
export const INTERACTION_TIMING = {
  initialResponseMs: 3000,
  tokenValidMs: 15 * 60 * 1000,
} as const;

/** Bits of Discord's permission field that the adapter uses. */
export const PERMISSIONS = {
  /** "Manage Server" in the client, `MANAGE_GUILD` in the API: 1 << 5. */
  manageGuild: 32n,
} as const;
