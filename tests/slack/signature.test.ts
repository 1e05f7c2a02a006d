import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  FORM,
  formBody,
  post,
  signedHeaders,
  slackSignature,
  slashCommandBody,
} from "../fakes/slack/sign.ts";
import { callsAfterStart, type Harness, SECRET, startHarness } from "./harness.ts";

/**
 * Slack's published example from "Verifying requests from Slack"
 * (https://api.slack.com/authentication/verifying-requests-from-slack, now
 * docs.slack.dev/authentication/verifying-requests-from-slack). The page itself could not be read
 * from here; these values are copied from the many public test suites that quote it verbatim and
 * agree to the byte (e.g. Go, PHP, TypeScript and Java projects citing that page), and the HMAC
 * below reproduces the published signature from the published body, which a typo could not.
 */
const SLACK_EXAMPLE = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

describe("Slack's published signature example", () => {
  // Our signing helper is what every other Slack test relies on; Bolt's own verifier is Bolt's to
  // test, so it is checked here only through the adapter, below.
  it("is reproduced by our signing helper, from the same form encoding", () => {
    expect(
      slackSignature(SLACK_EXAMPLE.signingSecret, SLACK_EXAMPLE.timestamp, SLACK_EXAMPLE.body),
    ).toBe(SLACK_EXAMPLE.signature);
    const fields = Object.fromEntries(new URLSearchParams(SLACK_EXAMPLE.body));
    expect(formBody(fields)).toBe(SLACK_EXAMPLE.body);
  });
});

describe("GIVEN the adapter on HTTP, WHEN a request's signature does not hold", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.briefing.requests.length = 0;
  });

  const commandBody = () =>
    slashCommandBody({ text: "stargate", response_url: h.fake.responseUrl("C0001") });

  /** Posts and checks: 401, the core never asked, nothing sent to Slack. */
  const refused = async (body: string, headers: Record<string, string>) => {
    const before = callsAfterStart(h.fake).length;
    const res = await post(h.url, body, headers);
    expect(res.status).toBe(401);
    expect(res.text).toBe("");
    expect(h.briefing.requests).toHaveLength(0);
    expect(callsAfterStart(h.fake)).toHaveLength(before);
  };

  it("THEN a correctly signed command is answered (the control case)", async () => {
    const body = commandBody();
    const res = await post(h.url, body, signedHeaders(SECRET, body));
    expect(res.status).toBe(200);
    expect(h.briefing.requests).toHaveLength(1);
    expect(res.json<{ blocks: unknown[] }>().blocks.length).toBeGreaterThan(1);
  });

  // A smoke test that the adapter keeps Bolt's check on; each way a signature can fail is Bolt's
  // own to test. Another secret and a stale timestamp are refused by `npm start` in
  // tests/entry/slack-start.test.ts.
  it("THEN a tampered body, or one without the signature headers, is refused with 401", async () => {
    const body = commandBody();
    const headers = signedHeaders(SECRET, body);
    await refused(body.replace("text=stargate", "text=subscribe"), headers);
    await refused(body, { "content-type": FORM });
  });
});
