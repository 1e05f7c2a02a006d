/**
 * Draining an HTTP server on shutdown: `server.close()` stops new connections and closes idle
 * ones, but a keep-alive client that keeps sending keeps its socket, and a response already
 * being worked on would go out keeping the socket open. Once draining, every response says
 * `Connection: close`, so each socket closes after its current request and `close()` completes.
 *
 * Two kinds of socket have no request being worked on when the drain begins, and `close()` gets
 * both wrong: a keep-alive socket between requests, which it destroys at once, resetting a
 * request its client has just sent on it; and a connection accepted but with nothing read yet,
 * which it leaves open for ever, holding the shutdown until the grace period kills it. So each
 * gets a last call instead: a request that arrives within `LAST_CALL_MS` is served (its socket
 * closed after it), and a socket still idle after that is closed.
 */
import type { Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * How long an idle socket may still deliver a request once draining starts. A request already
 * on the wire is read within a loop turn or two, even on a busy machine; longer only holds
 * shutdown up for clients that were not going to send anything.
 */
export const LAST_CALL_MS = 500;

export interface HttpDrain {
  /**
   * From now on, responses close their connection; idle ones get their last call. Call it
   * before `server.close()`.
   */
  begin(): void;
}

export function trackForDrain(server: Server, options: { lastCallMs?: number } = {}): HttpDrain {
  const lastCallMs = options.lastCallMs ?? LAST_CALL_MS;
  const inFlight = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let draining = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  const busy = (socket: Socket) => {
    for (const res of inFlight) if (res.socket === socket) return true;
    return false;
  };
  const lastCall = (socket: Socket) => {
    const timer = setTimeout(() => {
      if (!busy(socket)) socket.destroy();
    }, lastCallMs);
    socket.once("close", () => clearTimeout(timer));
  };
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    if (draining) lastCall(socket);
  });
  // Ahead of the app's own listener, so the header is set before anything is written.
  server.prependListener("request", (_req, res: ServerResponse) => {
    if (draining) closeAfter(res);
    inFlight.add(res);
    const { socket } = res;
    res.once("close", () => {
      inFlight.delete(res);
      // A response that went out before the drain began kept its socket open.
      if (draining && socket && !socket.destroyed) lastCall(socket);
    });
  });
  // `close()` calls this to destroy keep-alive sockets between requests at once; while draining,
  // the last call closes them instead.
  const closeIdleConnections = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    if (!draining) closeIdleConnections();
  };
  return {
    begin() {
      if (draining) return;
      draining = true;
      for (const res of inFlight) closeAfter(res);
      for (const socket of sockets) if (!busy(socket)) lastCall(socket);
    },
  };
}
