/**
 * Checks in front of Bolt's HTTP receiver for what Bolt lets through:
 * - a validly signed request whose timestamp is in the future (Bolt checks only that it is not
 *   older than five minutes, so a captured signature for a future time could be replayed later);
 * - a signed body Bolt parses to something that is not an object (`payload=null`), which makes
 *   its receiver throw outside any handler: no response and an unhandled rejection.
 * The body is buffered here and handed on as `rawBody`, which Bolt reuses instead of reading the
 * stream again.
 *
 * It is also the door of the overload gate (`src/lifecycle/overload.ts`): each request is stamped
 * with its arrival time before anything else runs, and a signed slash command that could no
 * longer be answered inside Slack's 3 seconds is shed here with `BUSY_REPLY`, at almost no cost.
 * The arrival time travels with the request (`requestArrival`) so the listener's ack budget
 * counts from it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import { isValidSlackRequest } from "@slack/bolt";
import type { BriefingMetrics, LoadGate, Logger, ShedReason } from "../../src/index.ts";

/** Slack's replay window, both ways: a request more than this far from our clock is refused. */
export const TIMESTAMP_WINDOW_S = 5 * 60;
/** Bolt's own body limit (4 MB); a larger body gets the same 413 Bolt would give. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** When a request arrived, on the gate's clock, and that clock. */
export interface Arrival {
  arrivedAt: number;
  now: () => number;
}

const arrivals = new AsyncLocalStorage<Arrival>();

/** The arrival of the request being handled, from inside any of its listeners. */
export const requestArrival = (): Arrival | undefined => arrivals.getStore();

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
function parsesToObject(text: string, contentType: string | undefined): boolean {
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const { payload } = parse(text);
      if (payload === undefined) return true;
      return typeof payload === "string" && isObject(JSON.parse(payload));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function isSlashCommand(text: string, contentType: string | undefined): boolean {
  return contentType === "application/x-www-form-urlencoded" && "command" in parse(text);
}

/**
 * What to do with a request: pass it to Bolt (`command` when it is a validly signed slash
 * command, which the overload gate may shed), or refuse it with a status.
 */
export function judge(
  headers: IncomingMessage["headers"],
  body: string,
  signingSecret: string,
  nowMs: number,
): "pass" | "command" | 400 | 401 {
  const signature = headers["x-slack-signature"];
  const stamp = Number(headers["x-slack-request-timestamp"]);
  // Unsigned requests (and Slack's ssl_check, which is unsigned) are Bolt's to judge.
  if (typeof signature !== "string" || !Number.isFinite(stamp)) return "pass";
  if (Math.abs(nowMs / 1000 - stamp) > TIMESTAMP_WINDOW_S) return 401;
  const signed = isValidSlackRequest({
    signingSecret,
    body,
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": stamp },
    nowMilliseconds: nowMs,
  });
  if (!signed) return "pass";
  if (!parsesToObject(body, headers["content-type"])) return 400;
  return isSlashCommand(body, headers["content-type"]) ? "command" : "pass";
}

function sendBusy(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(BUSY_REPLY));
}

export interface GuardOptions {
  signingSecret: string;
  logger: Logger;
  /** The wall clock for Slack's timestamps. */
  now?: () => number;
  /** The overload gate and its clock (monotonic); without one, nothing is shed. */
  gate?: { gate: LoadGate; now: () => number };
  /** Counts shed commands (`briefing_commands_shed_total`). */
  metrics?: Pick<BriefingMetrics, "commandShed">;
}

/** Puts the checks in front of every request listener the server has (Bolt's). */
export function guardSlackRequests(server: Server, options: GuardOptions): void {
  const now = options.now ?? Date.now;
  const clock = options.gate?.now ?? (() => performance.now());
  const inner: Listener[] = server.listeners("request").map((l) => (req, res) => {
    l.call(server, req, res);
  });
  const pass = (req: IncomingMessage, res: ServerResponse, arrivedAt: number) =>
    arrivals.run({ arrivedAt, now: clock }, () => {
      for (const l of inner) l(req, res);
    });
  let shedLoggedAt = 0;
  const shed = (res: ServerResponse, gate: LoadGate, reason: ShedReason) => {
    sendBusy(res);
    options.metrics?.commandShed("slack", reason);
    // One line a second at most: a burst sheds hundreds.
    const at = Date.now();
    if (at - shedLoggedAt < 1000) return;
    shedLoggedAt = at;
    options.logger.warn(
      { reason, shed: gate.shed(), inFlight: gate.inFlight() },
      "shedding slash commands: answered 'busy, try again in a moment' to stay inside Slack's 3 seconds",
    );
  };
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = clock();
    void readBody(req).then(
      (body) => {
        if (!body) return refuse(res, 413);
        const verdict = judge(req.headers, body.toString("utf8"), options.signingSecret, now());
        if (typeof verdict === "number") {
          options.logger.warn(
            { status: verdict, url: req.url },
            verdict === 401
              ? "refused a Slack request: its timestamp is outside the 5-minute window"
              : "refused a signed Slack request whose body is not an object",
          );
          return refuse(res, verdict);
        }
        const gate = options.gate?.gate;
        if (verdict === "command" && gate) {
          const entry = gate.enter(arrivedAt);
          if (!entry.admit) return shed(res, gate, entry.reason);
          res.once("close", entry.done);
        }
        Object.assign(req, { rawBody: body });
        pass(req, res, arrivedAt);
      },
      () => refuse(res, 400),
    );
  });
}
