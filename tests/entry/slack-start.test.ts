import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigestCli } from "../../bin/cli/digest.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { nowSeconds, signedHeaders, slashCommandBody } from "../fakes/slack/sign.ts";
import { inProcess } from "../helpers/in-process.ts";
import { cleanEnv, type RunningSlackBot, startSlackBot } from "../helpers/run.ts";
import { capturingLogger } from "../helpers/wait.ts";

const SECRET = "e2e-signing-secret-0123456789";
const TOKEN = "xoxb-e2e-bot-token-0123456789";

let fake: FakeSlack;
let dir: string;
let bot: RunningSlackBot | undefined;
let port = 0;

const env = () =>
  cleanEnv({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    DATABASE_PATH: join(dir, "briefing.db"),
    LOG_LEVEL: "info",
  });

async function post(
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    body,
    headers,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  fake = await startFakeSlack({
    botToken: TOKEN,
    users: { UADMIN: { is_admin: true }, UPLAIN: {} },
  });
  dir = await mkdtemp(join(tmpdir(), "slack-start-"));
  bot = await startSlackBot(env());
  port = bot.port;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("npm start with Slack settings", () => {
  it("answers a signed /partnership stargate with blocks carrying the Stargate facts and their sources", async () => {
    const body = slashCommandBody({ text: "stargate", response_url: fake.responseUrl("C0001") });
    const { status, json } = await post(body, signedHeaders(SECRET, body));
    expect(status).toBe(200);
    const message = json as {
      response_type: string;
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    };
    expect(message.response_type).toBe("ephemeral");
    expect(message.blocks[0]?.text?.text).toBe("Stargate");
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("January 2025");
    expect(all).toMatch(/Drift Apart/);
    expect(all).toMatch(/Tense Investment Talks/);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it("refuses a wrongly signed or a stale request with 401", async () => {
    const body = slashCommandBody({ text: "stargate", response_url: fake.responseUrl("C0001") });
    expect((await post(body, signedHeaders("not-the-secret", body))).status).toBe(401);
    expect(
      (await post(body, signedHeaders(SECRET, body, { timestamp: nowSeconds() - 301 }))).status,
    ).toBe(401);
  });

  it("never sends an unescaped mention", async () => {
    const body = slashCommandBody({
      text: "<!channel> @here <@U123> stargate",
      response_url: fake.responseUrl("C0001"),
    });
    const { json } = await post(body, signedHeaders(SECRET, body));
    expect(JSON.stringify(json)).not.toMatch(/<!channel>|<!here>|<@U123>/);
  });

  it("serves /healthz, /readyz and /metrics on Slack's port; one /partnership stargate adds one to the command counter, and no user text or id shows", async () => {
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, body: await res.text() };
    };
    expect(await get("/healthz")).toEqual({ status: 200, body: "ok\n" });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toContain("database: ok");
    expect(ready.body).toContain("slack: ok");

    const asked = async () => {
      const { status, body } = await get("/metrics");
      expect(status).toBe(200);
      const line = body.match(/^briefing_commands_total\{command="ask",platform="slack"\} (\d+)$/m);
      return { count: Number(line?.[1] ?? 0), body };
    };
    // A command is counted when its answer is done, which on a loaded machine can be after the
    // ack (the answer then goes to response_url): read until the count moves, then check it.
    const countReaches = async (want: number) => {
      const deadline = Date.now() + 15_000;
      let now = await asked();
      while (now.count < want && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        now = await asked();
      }
      return now;
    };
    const before = await asked();
    const body = slashCommandBody({ text: "stargate", response_url: fake.responseUrl("C0001") });
    expect((await post(body, signedHeaders(SECRET, body))).status).toBe(200);
    expect((await countReaches(before.count + 1)).count).toBe(before.count + 1);

    const question = slashCommandBody({
      text: "what did zorblatquux promise",
      user_id: "U0MARKER",
      channel_id: "C0MARKER",
      response_url: fake.responseUrl("C0MARKER"),
    });
    expect((await post(question, signedHeaders(SECRET, question))).status).toBe(200);
    const after = await countReaches(before.count + 2);
    expect(after.count).toBe(before.count + 2);
    expect(after.body).toMatch(/^briefing_questions_unmatched_total\{platform="slack"\} [1-9]/m);
    for (const secret of ["zorblatquux", "U0MARKER", "C0MARKER", "T0001"])
      expect(after.body).not.toContain(secret);
  });

  // The subscribe-to-digest story, once, through what `npm start` and `cli digest run` wire up:
  // the admin check over the bot token, the database file both use. A week later, and the wait a
  // 429 asks for, are tests/delivery/slack-delivery.test.ts's.
  it("refuses a non-admin's subscribe, storing nothing, and takes an admin's; cli digest run posts it once, through a 429", async () => {
    const plain = slashCommandBody({
      text: "subscribe mon 09:00 UTC",
      user_id: "UPLAIN",
      channel_id: "CDIGEST",
      response_url: fake.responseUrl("CDIGEST"),
    });
    const refused = await post(plain, signedHeaders(SECRET, plain));
    expect(JSON.stringify(refused.json)).toContain(
      "Only admins can change the briefing subscription",
    );
    const subscriptions = () => {
      const db = new Database(join(dir, "briefing.db"), { readonly: true });
      try {
        return db
          .prepare("SELECT channel_id FROM subscriptions WHERE channel_id = 'CDIGEST'")
          .all();
      } finally {
        db.close();
      }
    };
    expect(subscriptions()).toEqual([]);

    const admin = slashCommandBody({
      text: "subscribe mon 09:00 UTC",
      user_id: "UADMIN",
      channel_id: "CDIGEST",
      response_url: fake.responseUrl("CDIGEST"),
    });
    const accepted = await post(admin, signedHeaders(SECRET, admin));
    expect(JSON.stringify(accepted.json)).toContain("Weekly briefing: Mondays at 09:00 (UTC)");
    expect(subscriptions()).toEqual([{ channel_id: "CDIGEST" }]);

    // The running bot's own scheduler must not race the CLI passes below: stop it first.
    expect(await bot?.stop()).toBe(0);

    const posts = () =>
      fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "CDIGEST");
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    // One pass of `cli digest run` reading the bot's settings and database, in this process. The
    // CLI as a process of its own runs its passes in replicas-npm-start.e2e.test.ts (whose output
    // must not hold the token either).
    const { lines, logger } = capturingLogger();
    const first = await inProcess(() =>
      runDigestCli(["run", "--at", "2030-01-07T09:05:00Z"], { env: env(), logger }),
    );
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // The 429, then the one post.
    expect(posts().map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages("CDIGEST")).toHaveLength(1);
    expect(first.stdout).toMatch(/posted slack:.*CDIGEST 2030-W02/);
    for (const text of [bot?.logs(), first.stdout, first.stderr, lines.join("")])
      expect(text).not.toContain(TOKEN);
  });
});
