/**
 * `HEALTH_PORT`: where `/healthz`, `/readyz` and `/metrics` are served when Slack's HTTP port does
 * not serve them. Default 9090; `off` turns them off; `0` takes any free port (tests).
 */
import * as z from "zod";

export const DEFAULT_HEALTH_PORT = 9090;

const MESSAGE = "HEALTH_PORT must be a port number between 0 and 65535, or off";

const HealthPortSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.union(
    [
      z.literal("off"),
      z.literal("").transform(() => DEFAULT_HEALTH_PORT),
      z.undefined().transform(() => DEFAULT_HEALTH_PORT),
      z.coerce.number().int().min(0).max(65535),
    ],
    { error: MESSAGE },
  ),
);

export type HealthConfigResult = { ok: true; port: number | "off" } | { ok: false; error: string };

export function parseHealthConfig(env: Record<string, string | undefined>): HealthConfigResult {
  const parsed = HealthPortSchema.safeParse(env.HEALTH_PORT);
  if (parsed.success) return { ok: true, port: parsed.data };
  return { ok: false, error: MESSAGE };
}
