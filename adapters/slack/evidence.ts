/**
 * The Evidence button beside a fact: its value is the fact id and nothing else, so a click asks
 * the core for `sources <fact id>` as whoever clicked, and the core's reply carries the quotes.
 * A value is checked on the way back as strictly as on the way out: anything we could not have
 * written gets a polite private notice, never a request to the core.
 */
import { evidenceCommandText, evidenceUnavailableReply, type Reply } from "../../src/index.ts";
import { SLACK_LIMITS } from "./limits.ts";

export const EVIDENCE_ACTION_ID = "partnership_evidence";

/** The fact base's id grammar (kebab-case slugs); nothing else ever goes into a value. */
const FACT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The button value for `factId`, or `undefined` when it is not an id we would write. */
export function evidenceValue(factId: string): string | undefined {
  return factId.length <= SLACK_LIMITS.evidenceValue && FACT_ID.test(factId) ? factId : undefined;
}

/** The fact id in a button value; `undefined` for anything we did not write. */
export function factIdOfEvidence(value: unknown): string | undefined {
  return typeof value === "string" ? evidenceValue(value) : undefined;
}

/** What a click or pick asks the core, and the notice for a value we did not write: the core's. */
export const evidenceCommand = evidenceCommandText;
export const EVIDENCE_GONE: Reply = evidenceUnavailableReply();
