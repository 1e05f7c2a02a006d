/**
 * The door in front of Bolt's HTTP receiver. For each POST to the events endpoint it:
 * - checks Slack's signature itself (`signature.ts`), once: Bolt's own check is switched off
 *   (`signatureVerification: false` in `index.ts`) because it costs twice as much, and this one
 *   also refuses a timestamp in the future, which Bolt lets through (a captured signature for a
 *   future time could be replayed later). Slack's unsigned `ssl_check` is passed on stripped to
 *   `ssl_check=1`, as Bolt does;
 * - refuses a signed body Bolt would parse to something that is not an object (`payload=null`),
 *   which makes its receiver throw outside any handler: no response and an unhandled rejection.
 * The body is buffered here and handed on as `rawBody`, which Bolt reuses instead of reading the
 * stream again. Other paths (the installer, health, Discord interactions) are passed on unjudged.
 *
 * It is also the door of the overload gate (`src/lifecycle/overload.ts`): each request is stamped
 * with its arrival time before anything else runs, and a signed slash command that could no
 * longer be answered inside Slack's 3 seconds is shed here with `BUSY_REPLY`, at almost no cost.
 * The arrival time travels with the request (`arrivalOf`, read by the receiver into the listener's
 * context) so the listener's ack budget counts from it.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { type ParsedUrlQuery, parse } from "node:querystring";
import type { BriefingMetrics, LoadGate, Logger, ShedReason } from "../../src/index.ts";
import { verifySlackSignature } from "./signature.ts";

export { TIMESTAMP_WINDOW_S } from "./signature.ts";

/** Bolt's own body limit (4 MB); a larger body gets the same 413 Bolt would give. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * When each request arrived, on the gate's clock. A WeakMap rather than AsyncLocalStorage, which
 * on Node 20 turns on promise hooks for every promise in the process: measured here, that alone
 * made each Slack request about 15% slower, ours and Bolt's alike.
 */
const arrivals = new WeakMap<IncomingMessage, number>();

/** When the guard stamped `req`'s arrival, on the gate's clock; undefined for a request it never saw. */
export const arrivalOf = (req: IncomingMessage): number | undefined => arrivals.get(req);

/**
 * A shed slash command's acknowledgement: only the person who asked sees it, and it says what to
 * do. Sent within milliseconds of deciding, so Slack shows it instead of "operation_timeout".
 */
export const BUSY_REPLY = {
  response_type: "ephemeral",
  text: ":hourglass_flowing_sand: Too many questions at once: the briefing is busy. Please try again in a moment.",
} as const;

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether Bolt would parse this body to an object (anything else crashes or misleads it). */
function parsesToObject(text: string, form: ParsedUrlQuery | undefined): boolean {
  try {
    if (form) {
      const { payload } = form;
      if (payload === undefined) return true;
      return typeof payload === "string" && isObject(JSON.parse(payload));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/** What the guard decided about a POST to the events endpoint. */
export type Verdict =
  | { pass: "command" | "ssl_check" | "other" }
  | { refuse: 400 | 401; why: string };

const FORM = "application/x-www-form-urlencoded";

/**
 * What to do with a POST to the events endpoint: pass it to Bolt (`command` when it is a slash
 * command, which the overload gate may shed), or refuse it with a status and why.
 */
export function judge(
  headers: IncomingMessage["headers"],
  body: string,
  signingSecret: string,
  nowMs: number,
): Verdict {
  const contentType = headers["content-type"];
  const form = contentType === FORM ? parse(body) : undefined;
  // Slack's ssl_check is unsigned; Bolt answers it 200 and looks at nothing else in it.
  if (form?.ssl_check === "1") return { pass: "ssl_check" };
  const signed = verifySlackSignature(signingSecret, headers, body, nowMs);
  if (!signed.ok) return { refuse: 401, why: signed.reason };
  if (!parsesToObject(body, form)) return { refuse: 400, why: "the body is not an object" };
  return { pass: form && "command" in form ? "command" : "other" };
}

function sendBusy(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(BUSY_REPLY));
}

export interface GuardOptions {
  signingSecret: string;
  logger: Logger;
  /** The path Bolt takes events on (its `endpoints`); POSTs to it are judged. */
  endpoint: string;
  /** The wall clock for Slack's timestamps. */
  now?: () => number;
  /** The clock arrivals are stamped on (monotonic ms), the gate's if there is one. */
  clock: () => number;
  /** The overload gate; without one, nothing is shed. */
  gate?: LoadGate;
  /** Counts shed commands (`briefing_commands_shed_total`). */
  metrics?: Pick<BriefingMetrics, "commandShed">;
}

/** Whether Bolt's receiver takes this request as an event: matched exactly as Bolt matches it. */
function isEventPost(req: IncomingMessage, endpoint: string): boolean {
  if (req.method?.toUpperCase() !== "POST") return false;
  try {
    return new URL(req.url ?? "", "http://localhost").pathname === endpoint;
  } catch {
    return false;
  }
}

/** A warning at most once a second: a flood of bad requests must not flood the log too. */
function throttledWarn(logger: Logger): (fields: Record<string, unknown>, message: string) => void {
  let loggedAt = 0;
  return (fields, message) => {
    const at = Date.now();
    if (at - loggedAt < 1000) return;
    loggedAt = at;
    logger.warn(fields, message);
  };
}

/** Puts the checks in front of every request listener the server has (Bolt's). */
export function guardSlackRequests(server: Server, options: GuardOptions): void {
  const now = options.now ?? Date.now;
  const { clock, gate } = options;
  const inner: Listener[] = server.listeners("request").map((l) => (req, res) => {
    l.call(server, req, res);
  });
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const l of inner) l(req, res);
  };
  const warnRefused = throttledWarn(options.logger);
  const warnShed = throttledWarn(options.logger);
  const shed = (res: ServerResponse, gate: LoadGate, reason: ShedReason) => {
    sendBusy(res);
    options.metrics?.commandShed("slack", reason);
    warnShed(
      { reason, shed: gate.shed(), inFlight: gate.inFlight() },
      "shedding slash commands: answered 'busy, try again in a moment' to stay inside Slack's 3 seconds",
    );
  };
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = clock();
    arrivals.set(req, arrivedAt);
    const event = isEventPost(req, options.endpoint);
    void readBody(req).then(
      (body) => {
        if (!body) return refuse(res, 413);
        if (!event) {
          Object.assign(req, { rawBody: body });
          return pass(req, res);
        }
        const verdict = judge(req.headers, body.toString("utf8"), options.signingSecret, now());
        if ("refuse" in verdict) {
          warnRefused(
            { status: verdict.refuse, why: verdict.why },
            "refused a request to the Slack endpoint",
          );
          return refuse(res, verdict.refuse);
        }
        if (verdict.pass === "command" && gate) {
          const entry = gate.enter(arrivedAt);
          if (!entry.admit) return shed(res, gate, entry.reason);
          res.once("close", entry.done);
        }
        // Bolt's check is off, so it must see nothing of an unsigned ssl_check but the check.
        const rawBody = verdict.pass === "ssl_check" ? Buffer.from("ssl_check=1") : body;
        Object.assign(req, { rawBody });
        pass(req, res);
      },
      () => refuse(res, 400),
    );
  });
}
