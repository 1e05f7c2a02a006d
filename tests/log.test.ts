import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";

function capture(secrets: string[]) {
  let out = "";
  const destination = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  return { logger: createLogger({ level: "trace", secrets, destination }), read: () => out };
}

describe("the logger", () => {
  it("masks secret values in messages, in fields and in error messages", () => {
    const { logger, read } = capture(["xoxb-very-secret-token"]);
    logger.info("connecting with xoxb-very-secret-token");
    logger.info(
      { config: { token: "xoxb-very-secret-token", other: "say xoxb-very-secret-token" } },
      "config",
    );
    logger.error({ err: new Error("auth failed for xoxb-very-secret-token") }, "failed");
    const text = read();
    expect(text).not.toContain("xoxb-very-secret-token");
    expect(text).toContain("[redacted]");
  });

  it("keeps an error's message and stack when secrets are masked", () => {
    const { logger, read } = capture(["some-secret-value"]);
    logger.error({ err: new Error("the database is locked") }, "store failed");
    const line = JSON.parse(read().trim());
    expect(line.err.message).toBe("the database is locked");
    expect(line.err.stack).toContain("Error: the database is locked");
  });
});
