/** A bare node:http server for the health routes, on `HEALTH_PORT`: three GET paths need no framework. */
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
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = byPath.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found: try /healthz, /readyz or /metrics\n");
      return;
    }
    if (req.method !== route.method && req.method !== "HEAD") {
      res.writeHead(405, { allow: route.method });
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
