/**
 * Overload at the Slack HTTP endpoint (issue 14, class 5), over signed HTTP through the real Bolt
 * app. The gate's clock is the test's: a request "arrives" when the guard stamps it, which the
 * test sees as the clock being read, and the test moves the clock before the rest of the body is
 * sent. Nothing here depends on how fast the machine is.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createPromMetrics } from "../../adapters/health/metrics.ts";
import { BUSY_REPLY } from "../../adapters/slack/request-guard.ts";
import { SHARE_ACTION_ID } from "../../adapters/slack/share.ts";
import type { Briefing } from "../../src/index.ts";
import {
  buttonClickPayload,
  interactivityBody,
  postSigned,
  signedHeaders,
  slashCommandBody,
} from "../fakes/slack/sign.ts";
import { until } from "../helpers/wait.ts";
import { type Harness, SECRET, startHarness } from "./harness.ts";

/** The gate's clock: the test sets `ms`; `reads` counts how often the adapter looked at it. */
function testClock() {
  const clock = { ms: 1_000_000, reads: 0, now: () => 0 };
  clock.now = () => {
    clock.reads += 1;
    return clock.ms;
  };
  return clock;
}

const NO_LAG = { currentMs: () => 0, stop() {} };

interface Answer {
  status: number;
  body: string;
}

/**
 * A signed slash command whose body is sent in two parts: the headers and half the body, then,
 * once `between` has run, the rest.
 */
async function commandInTwoParts(
  h: Harness,
  text: string,
  between: () => Promise<void>,
): Promise<Answer> {
  const body = slashCommandBody({ text, response_url: h.fake.responseUrl("C0001") });
  const req = request(h.url, {
    method: "POST",
    headers: { ...signedHeaders(SECRET, body), "content-length": Buffer.byteLength(body) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  await between();
  req.end(body.slice(half));
  return answer;
}

/** A core that holds every answer until the test lets it go. */
function heldCore() {
  const waiting: (() => void)[] = [];
  return {
    releaseAll: () => {
      for (const go of waiting.splice(0)) go();
    },
    wrap: (real: Briefing): Briefing => ({
      ...real,
      handle: async (request) => {
        await new Promise<void>((resolve) => waiting.push(resolve));
        return real.handle(request);
      },
    }),
  };
}

describe("the Slack endpoint under overload", () => {
  let h: Harness | undefined;
  let release = () => {};
  afterEach(async () => {
    release();
    await h?.close();
    h = undefined;
  });

  it("sheds a command that arrived too long ago with the polite ephemeral 'busy' ack, without asking the core", async () => {
    const clock = testClock();
    h = await startHarness({ overload: { now: clock.now, lag: NO_LAG } });
    const harness = h;
    const res = await commandInTwoParts(harness, "stargate", async () => {
      await until(() => clock.reads > 0, "the guard to stamp the arrival");
      clock.ms += 1600; // past the default 1.5 s after which a command is shed
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual(BUSY_REPLY);
    expect(JSON.parse(res.body).response_type).toBe("ephemeral");
    expect(harness.briefing.requests).toHaveLength(0);
    expect(harness.logs.join("")).toMatch(
      /shedding slash commands.*"reason":"late"|"reason":"late".*shedding/,
    );

    // The same command arriving now is served.
    const fresh = await harness.command("stargate");
    expect(fresh.res.status).toBe(200);
    expect(fresh.res.text).toMatch(/Stargate/);
    expect(harness.briefing.requests).toHaveLength(1);
  });

  it("past the in-flight bound sheds at once, while the admitted command still gets its answer", async () => {
    const core = heldCore();
    release = core.releaseAll;
    const metrics = createPromMetrics();
    h = await startHarness({
      wrap: core.wrap,
      overload: { limits: { maxInFlight: 1 }, lag: NO_LAG },
      metrics,
    });
    const harness = h;
    const first = harness.command("stargate");
    await until(
      () => harness.briefing.requests.length === 1,
      "the first command to reach the core",
    );

    const second = await harness.command("timeline stargate");
    expect(second.res.status).toBe(200);
    expect(JSON.parse(second.res.text)).toEqual(BUSY_REPLY);
    expect(harness.briefing.requests).toHaveLength(1);
    expect(await metrics.text()).toMatch(
      /^briefing_commands_shed_total\{platform="slack",reason="full"\} 1$/m,
    );

    // Only slash commands are shed: a button click is acked by its own listener, first thing.
    const click = await postSigned(
      harness.url,
      SECRET,
      interactivityBody(
        buttonClickPayload({
          actionId: SHARE_ACTION_ID,
          value: "not a value we wrote",
          responseUrl: harness.fake.responseUrl("C0001"),
        }),
      ),
    );
    expect(click.status).toBe(200);
    expect(click.text).not.toContain(BUSY_REPLY.text);

    core.releaseAll();
    const { res } = await first;
    expect(res.status).toBe(200);
    // In the ack, or, if the machine was slow enough to spend the ack budget, on response_url.
    const answer = res.text || JSON.stringify((await harness.fake.waitFor("response_url")).body);
    expect(answer).toMatch(/Stargate/);
    expect(answer).not.toContain(BUSY_REPLY.text);

    // Answered, it no longer counts: the next command is served.
    const third = await harness.command("help");
    expect(third.res.text).not.toContain(BUSY_REPLY.text);
    expect(harness.briefing.requests).toHaveLength(2);
  });

  it("counts the ack budget from arrival: admitted with none of it left, it acks at once and answers on response_url", async () => {
    const clock = testClock();
    h = await startHarness({
      overload: { now: clock.now, lag: NO_LAG, limits: { shedAfterMs: 60_000 } },
    });
    const harness = h;
    const res = await commandInTwoParts(harness, "stargate", async () => {
      await until(() => clock.reads > 0, "the guard to stamp the arrival");
      clock.ms += 2500; // the default 2 s budget is spent, though no listener has run yet
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    const call = await harness.fake.waitFor("response_url");
    expect(call.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(call.body.blocks)).toMatch(/Stargate/);
  });

  it("with SLACK_MAX_IN_FLIGHT=off there is no gate: commands are served and its clock is never read", async () => {
    const clock = testClock();
    h = await startHarness({
      config: { maxInFlight: "off" },
      overload: { now: clock.now, lag: NO_LAG },
    });
    const harness = h;
    const res = await harness.command("stargate");
    expect(res.res.text).toMatch(/Stargate/);
    expect(clock.reads).toBe(0);
  });
});
