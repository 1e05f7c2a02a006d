/** Starts the web briefing on a port and stops it. */
import { Server } from "node:http";
import { serve } from "@hono/node-server";
import { type Briefing, type Logger, trackForDrain } from "../../src/index.ts";
import { createWebApp } from "./app.ts";

export interface WebOptions {
  port: number;
  briefing: Briefing;
  logger: Logger;
  /** Where to listen; all interfaces when unset. */
  hostname?: string;
}

export interface RunningWeb {
  port: number;
  /** For people on this machine: http://localhost:<port>/ */
  url: string;
  stop(): Promise<void>;
}

/** Node refuses longer request lines with a bare 431; 64 KiB lets a huge `q` get a polite page. */
const MAX_HEADER_BYTES = 64 * 1024;

export function startWeb(options: WebOptions): Promise<RunningWeb> {
  const app = createWebApp({ briefing: options.briefing, logger: options.logger });
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
      },
      (info) => {
        server.off("error", failed);
        // On shutdown a page being served finishes; keep-alive sockets close after it.
        const drain = server instanceof Server ? trackForDrain(server) : undefined;
        resolve({
          port: info.port,
          url: `http://localhost:${info.port}/`,
          stop: () =>
            new Promise<void>((done) => {
              drain?.begin();
              server.close(() => done());
            }),
        });
      },
    );
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `WEB_PORT ${options.port} is already in use: set WEB_PORT to a free port, or to off`
            : `the web briefing cannot listen on port ${options.port}: ${error.message}`,
        ),
      );
    server.once("error", failed);
  });
}
