/**
 * "Show the evidence": a select menu under an answer listing its facts. An option's value is the
 * fact id and nothing else, so a pick asks the core for `sources <fact id>` as whoever picked,
 * and the core's reply carries the quotes. A value is checked on the way back as strictly as on
 * the way out: anything we could not have written gets a polite private notice.
 */
import {
  type APIActionRowComponent,
  type APISelectMenuOption,
  type APIStringSelectComponent,
  ComponentType,
} from "discord.js";
import {
  evidenceCommandText,
  evidenceUnavailableReply,
  type Reply,
  type ReplyLine,
  rememberFrozen,
} from "../../src/index.ts";
import { COMPONENT_LIMITS } from "./limits.ts";
import { clipWords, oneLine } from "./text.ts";

export const EVIDENCE_CUSTOM_ID = "evidence";

/** The fact base's id grammar (kebab-case slugs); nothing else ever goes into a value. */
const FACT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isFactId = (value: string) =>
  value.length <= COMPONENT_LIMITS.optionValue && FACT_ID.test(value);

/** The fact id picked, or `undefined` for anything we did not write (one value, a fact id). */
export function factIdOfEvidence(values: readonly string[]): string | undefined {
  const [value] = values;
  return values.length === 1 && value !== undefined && isFactId(value) ? value : undefined;
}

/** What a click or pick asks the core, and the notice for a value we did not write: the core's. */
export const evidenceCommand = evidenceCommandText;
export const EVIDENCE_GONE: Reply = evidenceUnavailableReply();

/** Select menu labels and descriptions are plain text on one line: no markdown, no mentions. */
const plainLine = (text: string, max: number) => clipWords(oneLine(text), max);

/** An option's label and description for a fact line; remembered for the core's shared lines. */
const optionLabel = rememberFrozen(
  (line: ReplyLine) => plainLine(line.text, COMPONENT_LIMITS.optionLabel) || (line.factId ?? ""),
);
const optionDescription = rememberFrozen((line: ReplyLine) => {
  // Whole labels while they fit, then how many more: never half a name.
  const labels = line.sources.map((s) => oneLine(s.label || s.id));
  const max = COMPONENT_LIMITS.optionDescription;
  let text = "Quotes from";
  for (const [i, label] of labels.entries()) {
    const next = `${text}${i === 0 ? " " : ", "}${label}`;
    const left = labels.length - i - 1;
    const tail = left > 0 ? ` and ${left} more` : "";
    if (next.length + tail.length > max) {
      return i === 0 ? clipWords(next, max) : `${text} and ${labels.length - i} more`;
    }
    text = next;
  }
  return text;
});

/**
 * The menu for `reply`, listing the facts shown (`factIds`, in order) that do not already show
 * their quotes: at most 25, the first ones. None for a digest (it stays short) or a reply that
 * lists no such fact.
 */
export function evidenceMenu(
  reply: Reply,
  shown: ReadonlySet<string>,
): APIActionRowComponent<APIStringSelectComponent> | undefined {
  if (reply.kind === "digest") return undefined;
  const options: APISelectMenuOption[] = [];
  const seen = new Set<string>();
  for (const section of reply.sections) {
    for (const line of section.lines) {
      const id = line.factId;
      if (!id || seen.has(id) || !shown.has(id) || !isFactId(id)) continue;
      if (line.sources.length === 0 || line.sources.some((s) => s.quote !== undefined)) continue;
      if (options.length === COMPONENT_LIMITS.selectOptions) break;
      seen.add(id);
      options.push({ label: optionLabel(line), value: id, description: optionDescription(line) });
    }
  }
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: EVIDENCE_CUSTOM_ID,
        placeholder: "Evidence: the articles' words behind a fact",
        min_values: 1,
        max_values: 1,
        options,
      },
    ],
  };
}
