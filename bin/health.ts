/**
 * Serves the health routes on `HEALTH_PORT` (default 9090, `off` for none) for every mode where
 * Slack's HTTP port does not already serve them.
 */
import {
  type Health,
  parseHealthConfig,
  type RunningHealthServer,
  serveHealth,
} from "../adapters/health/index.ts";
import type { Logger } from "../src/index.ts";

export async function serveHealthPort(
  env: Record<string, string | undefined>,
  health: Health,
  logger: Logger,
): Promise<RunningHealthServer | undefined | { error: string }> {
  const parsed = parseHealthConfig(env);
  if (!parsed.ok) return { error: `fix these settings (see .env.example):\n  ${parsed.error}` };
  if (parsed.port === "off") return undefined;
  try {
    const server = await serveHealth(parsed.port, health.routes);
    logger.info({ port: server.port }, "health and metrics serving on /healthz, /readyz, /metrics");
    return server;
  } catch (error) {
    return {
      error: `HEALTH_PORT ${parsed.port}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
