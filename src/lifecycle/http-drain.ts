/**
 * Draining an HTTP server on shutdown: `server.close()` stops new connections and closes idle
 * ones, but a keep-alive client that keeps sending keeps its socket, and a response already
 * being worked on would go out keeping the socket open. Once draining, every response says
 * `Connection: close`, so each socket closes after its current request and `close()` completes.
 */
import type { Server, ServerResponse } from "node:http";

export interface HttpDrain {
  /** From now on, responses close their connection; idle ones are closed at once. */
  begin(): void;
}

export function trackForDrain(server: Server): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  // Ahead of the app's own listener, so the header is set before anything is written.
  server.prependListener("request", (_req, res: ServerResponse) => {
    if (draining) closeAfter(res);
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });
  return {
    begin() {
      draining = true;
      for (const res of inFlight) closeAfter(res);
      server.closeIdleConnections();
    },
  };
}
