/**
 * `WEB_PORT`: the web briefing's port. Default 8080; `off` turns the site off; `0` takes any free
 * port (tests). Parsed once at the entry point.
 */
import * as z from "zod";

export const DEFAULT_WEB_PORT = 8080;

const WebPortSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.union(
    [
      z.literal("off"),
      z.literal("").transform(() => DEFAULT_WEB_PORT),
      z.undefined().transform(() => DEFAULT_WEB_PORT),
      z.coerce.number().int().min(0).max(65535),
    ],
    { error: "WEB_PORT must be a port number between 0 and 65535, or off" },
  ),
);

export type WebConfigResult = { ok: true; port: number | "off" } | { ok: false; error: string };

export function parseWebConfig(env: Record<string, string | undefined>): WebConfigResult {
  const parsed = WebPortSchema.safeParse(env.WEB_PORT);
  if (parsed.success) return { ok: true, port: parsed.data };
  return { ok: false, error: "WEB_PORT must be a port number between 0 and 65535, or off" };
}
