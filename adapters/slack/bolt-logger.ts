/**
 * Bolt, its WebClient and its Socket Mode client log through our pino logger, so their lines get
 * the same redaction (a token never reaches a log line) and the level set by `LOG_LEVEL`.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/index.ts";

const text = (parts: unknown[]) =>
  parts
    .map((p) => {
      if (p instanceof Error) return p.message;
      if (typeof p === "string") return p;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(" ");

export function boltLogger(logger: Logger): BoltLogger {
  // Bolt logs at debug level several times a request, sometimes whole payloads: turn them into
  // text only when the line will be written.
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (...msg: unknown[]) => {
      if (logger.isLevelEnabled(level)) logger[level](text(msg));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    // The level is ours (LOG_LEVEL); Bolt asks to set its default at construction.
    setLevel: () => {},
    getLevel: () => {
      const level = logger.level;
      if (level === "trace" || level === "debug") return LogLevel.DEBUG;
      if (level === "info") return LogLevel.INFO;
      if (level === "warn") return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
