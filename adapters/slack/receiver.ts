/**
 * Bolt's HTTP receiver as the adapter runs it, built here rather than by `App` because App does
 * not pass on `customPropertiesExtractor`. Its settings:
 * - `signatureVerification: false`: the request guard (`request-guard.ts`) has checked the
 *   signature of every request to the events path before the receiver sees it;
 * - `customPropertiesExtractor`: each request's arrival, stamped by the guard, reaches the
 *   listeners' `context` (`arrivedAtOf`), so the ack budget counts from it.
 * Bolt supports a receiver declared this way, OAuth installer included (App takes `authorize`
 * from `receiver.installer`).
 */
import { HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";
import { arrivalOf } from "./request-guard.ts";

/** Where Slack sends commands, interactions and events. */
export const EVENTS_PATH = "/slack/events";

/** The context key that carries a request's arrival to its listeners. */
const ARRIVED_AT = "arrivedAt";

export type ReceiverOptions = Omit<
  HTTPReceiverOptions,
  "endpoints" | "signatureVerification" | "customPropertiesExtractor"
>;

export function createReceiver(options: ReceiverOptions): HTTPReceiver {
  return new HTTPReceiver({
    ...options,
    endpoints: EVENTS_PATH,
    signatureVerification: false,
    customPropertiesExtractor: (req) => {
      const at = arrivalOf(req);
      return at === undefined ? {} : { [ARRIVED_AT]: at };
    },
  });
}

/** When the request a listener handles arrived (the gate's clock); undefined over Socket Mode. */
export function arrivedAtOf(context: Record<string, unknown>): number | undefined {
  const at = context[ARRIVED_AT];
  return typeof at === "number" ? at : undefined;
}
