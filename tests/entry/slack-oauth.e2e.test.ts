import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startMain } from "../../bin/start-main.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import {
  eventCallbackBody,
  JSON_TYPE,
  signedHeaders,
  slashCommandBody,
} from "../fakes/slack/sign.ts";
import { inProcess } from "../helpers/in-process.ts";
import { cleanEnv, ROOT, type RunningSlackBot, startSlackBot } from "../helpers/run.ts";
import { until } from "../helpers/wait.ts";

const SECRET = "oauth-e2e-signing-secret-0123456789";
const CLIENT_ID = "1111.2222";
const CLIENT_SECRET = "oauth-e2e-client-secret-abcdef";
const STATE_SECRET = "oauth-e2e-state-secret-0123456789";
const KEY = randomBytes(32).toString("base64");
const TEAM = "TNEWTEAM";
const TOKEN = "xoxb-new-team-token-5f3a9c";
/** The workspace the uninstall test installs, uninstalls and installs again, on its own. */
const PAUSED_TEAM = "TPAUSETEAM";
const MANIFEST_SCOPES: string[] = parse(
  readFileSync(join(ROOT, "adapters/slack/manifest.yml"), "utf8"),
).oauth_config.scopes.bot;

let fake: FakeSlack;
let dir: string;
let dbPath: string;
let bot: RunningSlackBot | undefined;
let port = 0;

const env = () =>
  cleanEnv({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    TOKEN_ENCRYPTION_KEY: KEY,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    DATABASE_PATH: dbPath,
    LOG_LEVEL: "info",
  });

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

async function command(text: string, userId = "UADMIN", team = TEAM) {
  const body = slashCommandBody({
    text,
    team_id: team,
    user_id: userId,
    channel_id: "CNEW",
    response_url: fake.responseUrl("CNEW"),
  });
  const res = await fetch(url("/slack/events"), {
    method: "POST",
    body,
    headers: signedHeaders(SECRET, body),
  });
  return { status: res.status, text: await res.text() };
}

/** GET /slack/install, then Slack's redirect back with `code`, carrying the state cookie. */
async function install(code: string) {
  const start = await fetch(url("/slack/install"), { redirect: "manual" });
  const location = new URL(start.headers.get("location") ?? "about:blank");
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const state = location.searchParams.get("state") ?? "";
  const done = await fetch(
    url(`/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`),
    { headers: { cookie }, redirect: "manual" },
  );
  return { start, location, cookie, state, done };
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const installationRow = (team = TEAM) =>
  withDb((db) =>
    db
      .prepare<[string], { sealed: string }>(
        "SELECT sealed FROM installations WHERE platform = 'slack' AND workspace_id = ?",
      )
      .get(team),
  );

beforeAll(async () => {
  fake = await startFakeSlack({
    users: { UADMIN: { is_admin: true } },
    oauth: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scopes: MANIFEST_SCOPES,
      installs: {
        "code-new-team": { teamId: TEAM, teamName: "New Team", botToken: TOKEN },
        "code-paused-team": { teamId: PAUSED_TEAM, botToken: "xoxb-paused-team-token-1c4e" },
        "code-paused-team-again": {
          teamId: PAUSED_TEAM,
          botToken: "xoxb-paused-team-token-second-9b02",
        },
        "code-never-used": { teamId: "TOTHER", botToken: "xoxb-other-team-token" },
      },
    },
  });
  dir = await mkdtemp(join(tmpdir(), "slack-oauth-"));
  dbPath = join(dir, "briefing.db");
  bot = await startSlackBot(env());
  port = bot.port;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("npm start, installable to any workspace", () => {
  it("installs to a new workspace, stores it sealed, and answers that workspace with its own token", async () => {
    const { start, location, cookie, state, done } = await install("code-new-team");
    // GET /slack/install: straight to Slack's authorize page, with the manifest's scopes and a state.
    expect(start.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(location.searchParams.get("scope")?.split(",")).toEqual(MANIFEST_SCOPES);
    expect(state.length).toBeGreaterThan(10);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);

    // The redirect back: the code is exchanged with the app's credentials, the installation saved.
    expect(done.status).toBe(200);
    const exchange = fake.callsTo("oauth.v2.access").filter((c) => c.body.code === "code-new-team");
    expect(exchange).toHaveLength(1);
    expect(exchange[0]?.body).toMatchObject({ code: "code-new-team", client_id: CLIENT_ID });
    expect(installationRow()?.sealed).toMatch(/^v1\./);
    for (const file of [dbPath, `${dbPath}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(TOKEN)).toBe(false);
    }

    // The next signed command from that workspace: its admin check goes out with its token.
    const subscribed = await command("subscribe mon 09:00 UTC");
    expect(subscribed.status).toBe(200);
    expect(subscribed.text).toMatch(/Monday/);
    const lookup = fake.callsTo("users.info").at(-1);
    expect(lookup?.body.user).toBe("UADMIN");
    expect(lookup?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(bot?.logs()).not.toContain(TOKEN);
    expect(bot?.logs()).not.toContain(CLIENT_SECRET);
  });

  it("pauses the workspace's subscriptions when the app is uninstalled, and status says why once it is back", async () => {
    // A workspace of this test's own: installed, and subscribed by its admin.
    expect((await install("code-paused-team")).done.status).toBe(200);
    expect((await command("subscribe mon 09:00 UTC", "UADMIN", PAUSED_TEAM)).text).toMatch(
      /Monday/,
    );

    const body = eventCallbackBody(
      { type: "app_uninstalled" },
      { teamId: PAUSED_TEAM, eventId: "EvU1" },
    );
    const res = await fetch(url("/slack/events"), {
      method: "POST",
      body,
      headers: signedHeaders(SECRET, body, { contentType: JSON_TYPE }),
    });
    expect(res.status).toBe(200);
    await until(() => installationRow(PAUSED_TEAM) === undefined, "the installation to be removed");
    const paused = withDb((db) =>
      db
        .prepare<[string], { paused_reason: string | null }>(
          "SELECT paused_reason FROM subscriptions WHERE workspace_id = ? AND channel_id = 'CNEW'",
        )
        .get(PAUSED_TEAM),
    );
    expect(paused?.paused_reason).toMatch(/uninstalled/);

    // Installed again (a new token): status in that channel says why digests stopped.
    expect((await install("code-paused-team-again")).done.status).toBe(200);
    const status = await command("status", "UPLAIN", PAUSED_TEAM);
    expect(status.status).toBe(200);
    expect(status.text).toMatch(/Paused since .*the app was uninstalled from this workspace/);
  });

  it("refuses a redirect whose state was not issued to this browser, and stores nothing", async () => {
    const before = fake.callsTo("oauth.v2.access").length;
    const forged = await fetch(url("/slack/oauth_redirect?code=code-never-used&state=forged"), {
      headers: { cookie: "slack-app-oauth-state=forged" },
    });
    expect(forged.status).toBe(400);
    // A state this server issued, but sent back without the browser's cookie.
    const started = await fetch(url("/slack/install"), { redirect: "manual" });
    const state = new URL(started.headers.get("location") ?? "about:blank").searchParams.get(
      "state",
    );
    const noCookie = await fetch(url(`/slack/oauth_redirect?code=code-never-used&state=${state}`));
    expect(noCookie.status).toBe(400);
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(before);
    expect(
      withDb((db) =>
        db.prepare("SELECT count(*) AS n FROM installations WHERE workspace_id = 'TOTHER'").get(),
      ),
    ).toEqual({ n: 0 });
  });
});

// What bin/start.ts runs (`startMain`), in this process: the refusal comes before anything starts.
describe("npm start, installable to any workspace, without a usable TOKEN_ENCRYPTION_KEY", () => {
  it("refuses to start, naming the setting in one line and never printing the value", async () => {
    const bad = "not-a-32-byte-key";
    const run = await inProcess(() => startMain({ ...env(), TOKEN_ENCRYPTION_KEY: bad }));
    expect(run.code).toBe(1);
    const line = run.stderr.split("\n").find((l) => l.includes("TOKEN_ENCRYPTION_KEY"));
    expect(line).toMatch(/TOKEN_ENCRYPTION_KEY must be 32 random bytes/);
    expect(run.stderr + run.stdout).not.toContain(bad);
  });
});
