/**
 * Discord interactions over HTTP: a signed request to `POST /discord/interactions` until its
 * response, against the real `createDiscordHttp` with the real core over `knowledge/`, and the
 * Ed25519 check alone. Compare with the `discord` section's gateway path (dispatch -> callback).
 */
import { createDiscordHttp } from "../adapters/discord/http.ts";
import { importDiscordPublicKey, verifyDiscordRequest } from "../adapters/discord/signature.ts";
import { createBriefing, createLogger, loadKnowledge } from "../src/index.ts";
import { httpInteractions } from "../tests/fakes/discord/http-sender.ts";
import { startFakeDiscord } from "../tests/fakes/discord/index.ts";
import { interactionSigner } from "../tests/fakes/discord/sign.ts";
import type { Bench } from "./harness.ts";

const N = 1000;
const SECTION = "discord-http";

export default async function discordHttpBench(bench: Bench): Promise<void> {
  const loaded = await loadKnowledge("knowledge");
  if (!loaded.ok) throw new Error("knowledge/ is invalid: run npm run --silent cli -- check");
  const kb = loaded.knowledge;
  const fake = await startFakeDiscord();
  const signer = interactionSigner();
  const http = createDiscordHttp({
    config: {
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      publicKey: signer.publicKey,
    },
    briefing: createBriefing({ knowledge: { current: () => kb } }),
    logger: createLogger({ level: "silent" }),
  });
  const { port } = await http.start({ port: 0 });
  const discord = httpInteractions(fake, `http://127.0.0.1:${port}/discord/interactions`, signer);
  try {
    const key = importDiscordPublicKey(signer.publicKey);
    const body = JSON.stringify({ type: 1, id: "1", token: "t", application_id: "1" });
    const headers = signer.headers(body);
    const raw = Buffer.from(body);
    const verify = await bench.timeEach(N, () => verifyDiscordRequest(key, headers, raw));
    bench.summarize(SECTION, "Ed25519 check of one request", verify, "node:crypto verify");
    const ping = await bench.timeEach(N, () => discord.ping());
    bench.summarize(SECTION, "signed PING -> PONG", ping, "HTTP round trip, keep-alive");
    const ask = await bench.timeEach(N, () =>
      discord.slash({ command: "partnership", subcommand: "ask", options: { query: "stargate" } }),
    );
    bench.summarize(SECTION, "signed ask stargate -> answer", ask, "embeds in the response");
  } finally {
    await http.stop();
    await fake.close();
  }
}
