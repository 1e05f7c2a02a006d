/**
 * Checks in front of Bolt's HTTP receiver for what Bolt lets through:
 * - a validly signed request whose timestamp is in the future (Bolt checks only that it is not
 *   older than five minutes, so a captured signature for a future time could be replayed later);
 * - a signed body Bolt parses to something that is not an object (`payload=null`), which makes
 *   its receiver throw outside any handler: no response and an unhandled rejection.
 * The body is buffered here and handed on as `rawBody`, which Bolt reuses instead of reading the
 * stream again.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import { isValidSlackRequest } from "@slack/bolt";
import type { Logger } from "../../src/index.ts";

/** Slack's replay window, both ways: a request more than this far from our clock is refused. */
export const TIMESTAMP_WINDOW_S = 5 * 60;
/** Bolt's own body limit (4 MB); a larger body gets the same 413 Bolt would give. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

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

/** What to do with a request: pass it to Bolt, or refuse it with a status. */
export function judge(
  headers: IncomingMessage["headers"],
  body: string,
  signingSecret: string,
  nowMs: number,
): "pass" | 400 | 401 {
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
  return parsesToObject(body, headers["content-type"]) ? "pass" : 400;
}

/** Puts the checks in front of every request listener the server has (Bolt's). */
export function guardSlackRequests(
  server: Server,
  options: { signingSecret: string; logger: Logger; now?: () => number },
): void {
  const now = options.now ?? Date.now;
  const inner: Listener[] = server.listeners("request").map((l) => (req, res) => {
    l.call(server, req, res);
  });
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then(
      (body) => {
        if (!body) return refuse(res, 413);
        const verdict = judge(req.headers, body.toString("utf8"), options.signingSecret, now());
        if (verdict !== "pass") {
          options.logger.warn(
            { status: verdict, url: req.url },
            verdict === 401
              ? "refused a Slack request: its timestamp is outside the 5-minute window"
              : "refused a signed Slack request whose body is not an object",
          );
          return refuse(res, verdict);
        }
        Object.assign(req, { rawBody: body });
        for (const l of inner) l(req, res);
      },
      () => refuse(res, 400),
    );
  });
}
