/**
 * The fake Discord as a stand-alone stand-in, to watch a real process (usually `npm start`) log in
 * and answer, with nothing reaching Discord:
 *
 *   npx tsx tests/fakes/discord/stand-in.ts                  # serve; prints the settings to use
 *   npx tsx tests/fakes/discord/stand-in.ts -- npm start     # run it against the stand-in, ask
 *                                                            # `/partnership ask query:stargate`,
 *                                                            # print the answer, stop
 *
 * With a command, the child gets DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL
 * pointing here (on top of the current environment); the exit code is 0 when an answer with
 * embeds and `allowed_mentions.parse: []` came back within the time limit (STAND_IN_TIMEOUT_MS,
 * default 60 s).
 */
import { spawn } from "node:child_process";
import { startFakeDiscord } from "./fake-discord.ts";

const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.StAnD1.stand-in-token-not-a-real-one";
const fake = await startFakeDiscord({ token: TOKEN });
const env = {
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.apiUrl,
};
const separator = process.argv.indexOf("--");
const command = separator >= 0 ? process.argv.slice(separator + 1) : [];

if (command.length === 0) {
  console.log("Fake Discord listening. Point the bot at it with:");
  for (const [k, v] of Object.entries(env)) console.log(`  ${k}=${v}`);
  console.log("Ctrl-C to stop.");
} else {
  const timeoutMs = Number(process.env.STAND_IN_TIMEOUT_MS ?? 60_000);
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let code = 1;
  try {
    const session = await Promise.race([
      fake.waitForSession(timeoutMs),
      exited.then((c) => {
        throw new Error(`the command exited (code ${c}) before logging in to the gateway`);
      }),
    ]);
    console.log(
      `stand-in: ${command.join(" ")} logged in (session ${session.id}, intents ${session.identify?.intents})`,
    );
    const ask = fake.slash({
      command: "partnership",
      subcommand: "ask",
      options: { query: "stargate" },
    });
    const body = await ask.response(timeoutMs);
    const answer =
      body.type === 5 ? await ask.edit(timeoutMs) : ((body.data ?? {}) as Record<string, unknown>);
    const embeds = (answer.embeds ?? []) as {
      title?: string;
      description?: string;
      fields?: unknown[];
    }[];
    console.log(`stand-in: /partnership ask query:stargate -> callback type ${body.type}`);
    console.log(JSON.stringify({ ...answer, embeds }, null, 2));
    const mentionsOff = JSON.stringify(answer.allowed_mentions) === JSON.stringify({ parse: [] });
    code = embeds.length > 0 && mentionsOff ? 0 : 1;
    console.log(`stand-in: ${embeds.length} embed(s), mentions ${mentionsOff ? "off" : "NOT off"}`);
  } catch (error) {
    console.error(`stand-in: ${(error as Error).message}`);
  } finally {
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    await fake.close();
  }
  process.exit(code);
}
