/**
 * The logger. Secrets are redacted by key wherever they appear in a logged object, and the
 * config's secret values are masked in messages too, so a token never reaches a log line.
 */
import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

const REDACT_KEYS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "authorization",
  "Authorization",
  "password",
  "secret",
];

export interface LoggerOptions {
  level?: string;
  /** Secret values to mask wherever they occur in a message string. */
  secrets?: readonly (string | undefined)[];
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => !!s && s.length >= 6);
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);
  const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k.toLowerCase()}`]);
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? mask(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: { err: pino.stdSerializers.err },
      formatters: {
        log(object) {
          if (secrets.length === 0) return object;
          // Errors keep their message and stack through the round trip that masks secrets.
          const text = JSON.stringify(object, (_key, value: unknown) =>
            value instanceof Error ? pino.stdSerializers.err(value) : value,
          );
          return JSON.parse(mask(text)) as Record<string, unknown>;
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
