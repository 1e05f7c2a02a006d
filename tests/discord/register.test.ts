/**
 * `npm run discord:register` (bin/discord-register.ts, its logic in bin/register.ts) and
 * `registerCommands` against the fake Discord: guild registration when DISCORD_GUILD_ID is set,
 * global otherwise, payloads generated from the registry, clear messages when settings are
 * missing. The script itself is spawned once; its error paths run in-process.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { buildCommandDefinitions } from "../../adapters/discord/commands.ts";
import { registerCommands } from "../../adapters/discord/register.ts";
import { registerDiscordCommands } from "../../bin/register.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/index.ts";
import { entryCommand } from "../helpers/run.ts";
import { TOKEN } from "./harness.ts";

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Runs `npm run discord:register`'s script with exactly these environment variables. */
function runRegister(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...entryCommand("bin/discord-register.ts"), {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("registerCommands", () => {
  it("GIVEN a guild id THEN it overwrites that guild's commands with the definitions from the registry", async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    const result = await registerCommands({
      token: TOKEN,
      applicationId: fake.applicationId,
      guildId: "555",
      apiUrl: `${fake.apiUrl}/`,
    });
    expect(result).toEqual({
      scope: "guild",
      guildId: "555",
      commands: ["partnership", "partnership-admin"],
    });
    expect(fake.registrations).toHaveLength(1);
    expect(fake.registrations[0]).toMatchObject({ scope: "guild", guildId: "555" });
    expect(fake.registrations[0]?.body).toEqual(
      JSON.parse(JSON.stringify(buildCommandDefinitions())),
    );
    const admin = fake.registrations[0]?.body.find((c) => c.name === "partnership-admin");
    expect(admin?.default_member_permissions).toBe("32");
    expect(fake.commandsFor()).toEqual([]);
  });

  it("GIVEN no guild id THEN it registers globally", async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    const result = await registerCommands({
      token: TOKEN,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
    });
    expect(result.scope).toBe("global");
    expect(fake.registrations.map((r) => r.scope)).toEqual(["global"]);
    expect(fake.commandsFor().map((c) => c.name)).toEqual(["partnership", "partnership-admin"]);
  });
});

/** Runs the script's logic in-process with exactly these environment variables. */
async function registerWith(env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const code = await registerDiscordCommands(env, {
    log: (line) => {
      stdout += `${line}\n`;
    },
    error: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

describe("npm run discord:register", () => {
  it("registers in the guild named by DISCORD_GUILD_ID, reading DISCORD_API_URL", async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    const run = await runRegister({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: "777",
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Registered /partnership and /partnership-admin in guild 777");
    expect(fake.registrations.map((r) => [r.scope, r.guildId])).toEqual([["guild", "777"]]);
  });

  it("GIVEN missing settings THEN it stops with a message naming what to set, and sends nothing", async () => {
    const [noToken, nothing] = await Promise.all([
      registerWith({ DISCORD_APPLICATION_ID: "1" }),
      registerWith({}),
    ]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("DISCORD_TOKEN is not set");
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain("DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set");
  });

  it("GIVEN a token Discord refuses THEN it says so without printing the token", async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    const wrong = "MTk5OTk5OTk5OTk5OTk5OTk5.Wr0nG1.wrong-secret-token-part";
    const run = await registerWith({
      DISCORD_TOKEN: wrong,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Discord refused DISCORD_TOKEN");
    expect(`${run.stdout}${run.stderr}`).not.toContain("wrong-secret-token-part");
    expect(fake.registrations).toEqual([]);
  });
});
