/**
 * `npm start`: with no platform settings, a local console chat; with Slack and/or Discord
 * settings, those adapters and the weekly digest scheduler; see `start-main.ts`.
 */
import { startMain } from "./start-main.ts";

const code = await startMain(process.env);
process.exitCode = code;
// Sockets and timers of stopped adapters can linger; exit once everything has been closed.
if (code !== 0 || process.listenerCount("SIGTERM") > 0)
  setTimeout(() => process.exit(code), 100).unref();
