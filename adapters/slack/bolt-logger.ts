/**
 * Bolt, its WebClient and its Socket Mode client log through our pino logger, so their lines get
 * the same redaction (a token never reaches a log line) and the level set by `LOG_LEVEL`.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/log.ts";

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
  return {
    debug: (...msg: unknown[]) => logger.debug(text(msg)),
    info: (...msg: unknown[]) => logger.info(text(msg)),
    warn: (...msg: unknown[]) => logger.warn(text(msg)),
    error: (...msg: unknown[]) => logger.error(text(msg)),
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
