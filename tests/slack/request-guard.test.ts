/**
 * Signed HTTP requests against the real Bolt app that Bolt alone would let through: a timestamp in
 * the future (Bolt only refuses the past), and signed bodies that are not objects (`payload=null`
 * made Bolt's receiver throw outside any handler: no response, an unhandled rejection).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FORM,
  formBody,
  interactivityBody,
  JSON_TYPE,
  nowSeconds,
  postSigned,
  slashCommandBody,
} from "../fakes/slack/sign.ts";
import { type Harness, SECRET, startHarness } from "./harness.ts";

describe("the Slack HTTP endpoint's request guard", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const command = (timestamp: number) =>
    postSigned(
      h.url,
      SECRET,
      slashCommandBody({ text: "help", response_url: h.fake.responseUrl("C0001") }),
      { timestamp },
    );

  it.each([
    ["301 seconds", 301],
    ["an hour", 3600],
    ["a year", 365 * 24 * 3600],
  ])(
    "refuses a validly signed command dated %s in the future with 401, unanswered",
    async (_n, ahead) => {
      const before = h.briefing.requests.length;
      const res = await command(nowSeconds() + ahead);
      expect(res.status).toBe(401);
      expect(h.briefing.requests.length).toBe(before);
    },
  );

  it("still refuses the past (301 s ago) and still answers the present", async () => {
    expect((await command(nowSeconds() - 301)).status).toBe(401);
    const res = await command(nowSeconds());
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/partnership/i);
  });

  it.each([
    ["payload=null", interactivityBody(null), FORM],
    ["payload that is not JSON", formBody({ payload: "{not json" }), FORM],
    ["payload that is a number", interactivityBody(5), FORM],
    ["payload that is a string", interactivityBody("block_actions"), FORM],
    ["payload that is an array", interactivityBody([]), FORM],
    ["a JSON body of null", "null", JSON_TYPE],
    ["a JSON body that is not JSON", "{", JSON_TYPE],
  ])("answers a signed %s with 400, never leaving it hanging", async (_n, body, contentType) => {
    const before = h.briefing.requests.length;
    const res = await postSigned(h.url, SECRET, body, { contentType });
    expect(res.status).toBe(400);
    expect(h.briefing.requests.length).toBe(before);
  });

  it("refuses an unsigned malformed payload on its signature: 401", async () => {
    const res = await postSigned(h.url, "not-the-secret", interactivityBody(null));
    expect(res.status).toBe(401);
  });
});
