/**
 * The Block Kit limits the Slack renderer keeps to. Slack rejects a message that breaks one of
 * them (`invalid_blocks`), so the renderer cuts instead; tests go over every entry.
 *
 * Lengths are counted in UTF-16 code units (JavaScript `length`), which is never less than the
 * characters Slack counts, so staying under them here stays under them at Slack.
 * Sources: docs.slack.dev Block Kit reference (blocks, text objects, button element).
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** `header` block text (plain_text). */
  headerText: 150,
  /** `section` block text. */
  sectionText: 3000,
  /** `section` block fields, and the text of each. */
  sectionFields: 10,
  fieldText: 2000,
  /** Elements in one `context` block, and any text object in it. */
  contextElements: 10,
  textObject: 3000,
  /** Elements in one `actions` block. */
  actionsElements: 25,
  /** Button label and value. */
  buttonText: 75,
  buttonValue: 2000,
  /** `action_id` and `block_id`. */
  actionId: 255,
  blockId: 255,
  /**
   * The top-level fallback `text`. Slack truncates it at 40,000 characters and advises keeping it
   * within 4,000; it shows in notifications and clients without Block Kit, and screen readers read
   * it, so it holds a whole topic list and is cut at lines past that.
   */
  fallbackText: 4000,
  /**
   * A page link's URL (`PUBLIC_URL` and an id). Our own cap, not Slack's: a link longer than
   * this is left out rather than let it crowd a context element.
   */
  linkUrl: 500,
  /**
   * One article's quote under a fact. Our own cap, not Slack's: the base keeps quotes to about 40
   * words, so this only bites on a runaway quote, which is cut with an ellipsis.
   */
  quoteText: 700,
  /**
   * The value of an Evidence button: a fact id and nothing else. Our own cap, far inside the
   * button's 2000 (and the 150 of an option, should the button become a menu item).
   */
  evidenceValue: 150,
} as const;

/** The slash command this app registers (see `manifest.yml`). */
export const SLASH_COMMAND = "/partnership";

/** How long Slack waits for an HTTP or Socket Mode acknowledgement before it shows an error. */
export const SLACK_ACK_DEADLINE_MS = 3000;
