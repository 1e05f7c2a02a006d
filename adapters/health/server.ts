/**
 * A bare node:http server for a few routes: the health routes on `HEALTH_PORT`, or Discord's
 * interactions on `PORT` when Slack's HTTP server is not there to carry them. A handful of paths
 * need no framework.
 */
import { createServer } from "node:http";
import type { HttpRoute } from "./routes.ts";

export interface RunningHealthServer {
  port: number;
  stop(): Promise<void>;
}

export function serveHealth(
  port: number,
  routes: readonly HttpRoute[],
): Promise<RunningHealthServer> {
  const paths = [...new Set(routes.map((r) => r.path))];
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const onPath = routes.filter((r) => r.path === path);
    if (onPath.length === 0) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`not found: try ${paths.join(", ")}\n`);
      return;
    }
    const method = req.method === "HEAD" ? "GET" : req.method;
    const route = onPath.find((r) => r.method === method);
    if (!route) {
      res.writeHead(405, { allow: onPath.map((r) => r.method).join(", ") });
      res.end();
      return;
    }
    route.handler(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
