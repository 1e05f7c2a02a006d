/**
 * `/healthz` (the process answers), `/readyz` (every readiness check passes; 503 with the reasons
 * otherwise) and `/metrics` (Prometheus text), as plain node:http handlers so they mount both on
 * Bolt's HTTP receiver (`customRoutes`) and on the small server of `server.ts`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkReadiness, type ReadinessCheck } from "../../src/index.ts";
import type { PromMetrics } from "./metrics.ts";

/** A plain node:http route; health's are GET, other adapters' (Discord interactions) may be POST. */
export interface HttpRoute {
  path: string;
  method: "GET" | "POST";
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

const send = (res: ServerResponse, status: number, type: string, body: string) => {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
};

const TEXT = "text/plain; charset=utf-8";

export function healthRoutes(deps: {
  checks: readonly ReadinessCheck[];
  metrics: PromMetrics;
}): HttpRoute[] {
  const fail = (res: ServerResponse, error: unknown) =>
    send(res, 500, TEXT, `error: ${error instanceof Error ? error.message : String(error)}\n`);
  return [
    { path: "/healthz", method: "GET", handler: (_req, res) => send(res, 200, TEXT, "ok\n") },
    {
      path: "/readyz",
      method: "GET",
      handler: (_req, res) => {
        checkReadiness(deps.checks).then(
          (ready) => send(res, ready.ok ? 200 : 503, TEXT, `${ready.lines.join("\n")}\n`),
          (error) => fail(res, error),
        );
      },
    },
    {
      path: "/metrics",
      method: "GET",
      handler: (_req, res) => {
        deps.metrics.text().then(
          (text) => send(res, 200, deps.metrics.contentType, text),
          (error) => fail(res, error),
        );
      },
    },
  ];
}
