import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventCallbackBody, JSON_TYPE, post, signedHeaders } from "../fakes/slack/sign.ts";
import { stringsIn, unsafeStrings } from "./check-message.ts";
import { callsAfterStart, type Harness, SECRET, startHarness } from "./harness.ts";

/** As Slack would deliver them: its own markup for mentions, or the escaped characters a user typed. */
const ATTEMPTS = [
  "<!channel> stargate",
  "&lt;!channel&gt; stargate",
  "@here stargate",
  "<!here>",
  "<!everyone> timeline",
  "<@U123> stargate",
  "<@U123|bob> sources",
  "<!subteam^S1> stargate",
  "<!subteam^S1|@leads> topics",
  "&lt;@U123&gt;",
  "<#C999|general> &amp; <https://evil.test|click here>",
];

describe("GIVEN users who type mentions into their questions", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(ATTEMPTS)("WHEN /partnership %s, THEN no unescaped mention is sent", async (text) => {
    const { res } = await h.command(text);
    expect(res.status).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(stringsIn(body.blocks).length).toBeGreaterThan(0);
    expect(unsafeStrings(body)).toEqual([]);
    for (const call of callsAfterStart(h.fake)) expect(unsafeStrings(call.body)).toEqual([]);
  });

  it.each(ATTEMPTS)(
    "WHEN @briefing %s, THEN the threaded answer carries no unescaped mention",
    async (text) => {
      const ts = `1700000${String(ATTEMPTS.indexOf(text)).padStart(3, "0")}.000100`;
      const body = eventCallbackBody({
        type: "app_mention",
        user: "U0ANN",
        channel: "C0INJ",
        text: `<@UBOT> ${text}`,
        ts,
      });
      await post(h.url, body, signedHeaders(SECRET, body, { contentType: JSON_TYPE }));
      const call = await h.fake.waitFor("chat.postMessage", (c) => c.body.thread_ts === ts);
      expect(unsafeStrings(call.body)).toEqual([]);
      expect(call.body).not.toHaveProperty("link_names");
      expect(call.body).not.toHaveProperty("parse");
    },
  );
});

describe("GIVEN a fact base whose own text contains mentions", () => {
  const HOSTILE = "<!channel> <@U123> @here <!subteam^S1> & <https://evil.test|x>";
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "slack-injection-"));
    await cp("knowledge", dir, { recursive: true });
    const stargate = join(dir, "topics", "stargate.yaml");
    const yaml = await readFile(stargate, "utf8");
    const edited = yaml.replace(
      "Stargate was announced in January 2025.",
      `Stargate was announced ${HOSTILE}.`,
    );
    expect(edited).not.toBe(yaml);
    await writeFile(stargate, edited);
    const sources = join(dir, "sources.yaml");
    await writeFile(
      sources,
      (await readFile(sources, "utf8")).replace(
        "label: Drift Apart",
        'label: "Drift <!here> Apart"',
      ),
    );
    h = await startHarness({ knowledgeDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("WHEN the fact is shown, THEN it reads as text and pings no one", async () => {
    const { res } = await h.command("stargate");
    const body = res.json<Record<string, unknown>>();
    const all = stringsIn(body).join("\n");
    // The hostile fact and label are there, escaped.
    expect(all).toContain("&lt;!channel&gt; &lt;@U123&gt;");
    expect(all).toContain("Drift &lt;!here&gt; Apart");
    expect(unsafeStrings(body)).toEqual([]);
  });
});
