/**
 * Health and metrics for a running bot: one metrics registry, an open list of readiness checks
 * that the entry point fills as parts start, and the routes serving both. The entry point mounts
 * the routes on Slack's HTTP port when Slack runs over HTTP, else on `HEALTH_PORT`.
 */
import type { ReadinessCheck } from "../../src/index.ts";
import { createPromMetrics, type PromMetrics } from "./metrics.ts";
import { type HttpRoute, healthRoutes } from "./routes.ts";

export { DEFAULT_HEALTH_PORT, parseHealthConfig } from "./config.ts";
export type { PromMetrics } from "./metrics.ts";
export type { HttpRoute } from "./routes.ts";
export { type RunningHealthServer, serveHealth } from "./server.ts";

export interface Health {
  metrics: PromMetrics;
  /** Adds a readiness check; `/readyz` runs every check added so far. */
  check(name: string, check: ReadinessCheck["check"]): void;
  routes: HttpRoute[];
}

export function createHealth(): Health {
  const checks: ReadinessCheck[] = [];
  const metrics = createPromMetrics();
  return {
    metrics,
    check: (name, check) => {
      checks.push({ name, check });
    },
    routes: healthRoutes({ checks, metrics }),
  };
}
