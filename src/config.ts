/**
 * Settings, parsed once from the environment with zod. Only entry points (`bin/`) call
 * `parseConfig(process.env)`; everything else receives the typed result. Platform settings
 * (Slack, Discord) are each adapter's own: see `adapters/<platform>/config.ts`.
 */
import * as z from "zod";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Whether a URL carries a user name or password (`http://user:pass@host/`). Such a URL is refused
 * as a setting, in a message that does not repeat it: fetch would refuse to send it anyway, and
 * every later message naming the setting (a failed connection, a log line) would print it.
 */
export function hasCredentials(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { username, password } = new URL(url);
  return username !== "" || password !== "";
}

const EnvSchema = z.object({
  KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().default("knowledge")),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default("data/briefing.db")),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        error: "must be a PostgreSQL URL, such as postgres://user@host:5432/briefing",
      })
      .optional(),
  ),
  BRIEFING_ADMINS: z.preprocess(blankToUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 65535" })
      .max(65535, { error: "must be between 0 and 65535" })
      .default(3000),
  ),
  PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: "must be the web briefing's public address, such as https://briefing.example.com",
      })
      .refine((url) => !hasCredentials(url), {
        error: "must not contain a user name or password: it is sent in chat replies",
      })
      .optional(),
  ),
});

export interface Config {
  knowledgeDir: string;
  databasePath: string;
  /** `DATABASE_URL`: a PostgreSQL database shared by replicas, used instead of the SQLite file. */
  databaseUrl?: string;
  /** Platform user ids allowed to change subscriptions, besides platform admins. */
  admins: ReadonlySet<string>;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** `PORT`: where HTTP adapters listen (Slack over HTTP). */
  port: number;
  /**
   * `PUBLIC_URL`, without a trailing slash: where the web briefing is reachable, so chat replies
   * can link to its pages. Absent: no links are sent.
   */
  publicUrl?: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parses the settings every mode shares; each bad one is named in `errors`. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`),
    };
  }
  const e = parsed.data;

  const admins = new Set(
    (e.BRIEFING_ADMINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return {
    ok: true,
    config: {
      knowledgeDir: e.KNOWLEDGE_DIR,
      databasePath: e.DATABASE_PATH,
      ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
      admins,
      logLevel: e.LOG_LEVEL,
      port: e.PORT,
      ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, "") } : {}),
    },
  };
}
