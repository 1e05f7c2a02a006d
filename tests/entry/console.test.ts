import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../adapters/console/console.ts";
import { startMain } from "../../bin/start-main.ts";
import { inProcess } from "../helpers/in-process.ts";
import { shippedBriefing } from "../helpers/knowledge.ts";
import { cleanEnv, runEntry } from "../helpers/run.ts";

describe("npm start with no platform settings: the console chat", () => {
  it("answers piped lines one by one and exits at end of input", async () => {
    const { code, stdout, stderr } = await runEntry("bin/start.ts", [], {
      stdin: "stargate\n/partnership topics\n\nfrobnicate\n",
    });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const stargate = stdout.indexOf("Stargate\n");
    const topics = stdout.indexOf("Topics (");
    const nothing = stdout.indexOf("Nothing in the briefing matches that");
    expect(stargate).toBeGreaterThanOrEqual(0);
    expect(topics).toBeGreaterThan(stargate);
    expect(nothing).toBeGreaterThan(topics);
  });
});

// What bin/start.ts runs (`startMain`), in this process: its refusals return before anything
// starts, so a process each would only repeat the wiring the spawn above proves.
describe("npm start refusing to start", () => {
  it("refuses to start on a broken knowledge folder, saying what is wrong", async () => {
    const { code, stderr } = await inProcess(() =>
      startMain(cleanEnv({ KNOWLEDGE_DIR: "/nonexistent/kb" })),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("Cannot start: the knowledge folder /nonexistent/kb has problems");
  });

  it("refuses to start on half a Slack configuration, naming the missing variable", async () => {
    const { code, stderr } = await inProcess(() =>
      startMain(cleanEnv({ SLACK_BOT_TOKEN: "xoxb-secret-token-123" })),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("SLACK_SIGNING_SECRET is not set");
    expect(stderr).not.toContain("xoxb-secret-token-123");
  });
});

describe("the console adapter", () => {
  it("on a terminal, greets, prompts, and leaves on exit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d) => {
      printed += d;
    });
    const done = runConsole({
      briefing: await shippedBriefing(),
      input,
      output,
      interactive: true,
    });
    input.write("help\n");
    input.write("exit\n");
    await done;
    expect(printed).toContain(
      "Partnership briefing on the Microsoft–OpenAI partnership. Try: stargate",
    );
    expect(printed).toContain("partnership> ");
    expect(printed).toContain("Partnership briefing: commands");
  });

  it("stops quietly when its reader goes away (a closed pipe), answering nothing more", async () => {
    const input = new PassThrough();
    let writes = 0;
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        writes += 1;
        // What a pipe whose reader exited (`| head -c 10`) does to the next write.
        callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const done = runConsole({
      briefing: await shippedBriefing(),
      input,
      output,
      interactive: false,
    });
    input.write("stargate\ntopics\ntimeline\nsources\n");
    await expect(done).resolves.toBeUndefined();
    expect(writes).toBe(1);
  });
});
