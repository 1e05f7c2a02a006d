/**
 * Discord: interaction dispatch to callback over the fake gateway. The fake sends
 * INTERACTION_CREATE on the WebSocket; the clock stops when the interaction callback reaches the
 * fake's REST server. The adapter (real core over `knowledge/`, render, reply) and a Client whose
 * handler replies "ok" at once run side by side, interleaved, in the same process, each against
 * its own fake, so the ratio shows what the adapter and the core add to discord.js's own path.
 * The core remembers its replies (`src/core/reply-cache.ts`), so a repeated command is mostly a
 * cache hit; a second adapter with the cache off shows what a question never asked before costs.
 */
import { Client, Events, GatewayIntentBits, MessageFlags } from "discord.js";
import { startDiscord } from "../adapters/discord/index.ts";
import { type DiscordMessage, renderDiscord } from "../adapters/discord/render.ts";
import { shareCustomId } from "../adapters/discord/share.ts";
import { createBriefing, createLogger, loadKnowledge } from "../src/index.ts";
import { type FakeDiscord, startFakeDiscord } from "../tests/fakes/discord/index.ts";
import { type Bench, percentile } from "./harness.ts";

const N = 1000;
const WARMUP = 100;
const SECTION = "discord";

/** A Client that answers every command at once with `message` (by default a bare "ok"). */
async function emptyClient(fake: FakeDiscord, message?: DiscordMessage): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: fake.apiUrl },
  });
  const payload = message
    ? {
        ...(message.content ? { content: message.content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowedMentions: { parse: [] },
      }
    : { content: "ok" };
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) {
      interaction.reply({ ...payload, flags: MessageFlags.Ephemeral }).catch(() => undefined);
    } else if (interaction.isAutocomplete()) {
      interaction.respond([]).catch(() => undefined);
    }
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}

export default async function discordBench(bench: Bench): Promise<void> {
  const loaded = await loadKnowledge("knowledge");
  if (!loaded.ok) throw new Error("knowledge/ is invalid: run npm run --silent cli -- check");
  const kb = loaded.knowledge;
  const briefing = createBriefing({ knowledge: { current: () => kb } });

  const emptyFake = await startFakeDiscord();
  const adapterFake = await startFakeDiscord();
  const fixedFake = await startFakeDiscord();
  const empty = await emptyClient(emptyFake);
  // Answers with the very message the adapter sends for "ask stargate", rendered once: what
  // discord.js costs to send that payload, with no core and no renderer in the interaction.
  const stargate = await briefing.handle({
    platform: { name: "discord", deliversDigests: true },
    text: "ask stargate",
    user: { id: "1", isPlatformAdmin: () => false },
    conversation: { id: "1", isDirect: false },
    at: new Date(),
  });
  const fixed = await emptyClient(
    fixedFake,
    renderDiscord(stargate, { shareCustomId: shareCustomId("ask stargate") }),
  );
  const adapter = await startDiscord({
    config: {
      token: adapterFake.token,
      applicationId: adapterFake.applicationId,
      apiUrl: adapterFake.apiUrl,
    },
    briefing,
    logger: createLogger({ level: "silent" }),
  });
  // The same adapter over a core that remembers no replies: every command searched, composed and
  // rendered afresh, as for a question nobody has asked since the last reload.
  const coldFake = await startFakeDiscord();
  const cold = await startDiscord({
    config: {
      token: coldFake.token,
      applicationId: coldFake.applicationId,
      apiUrl: coldFake.apiUrl,
    },
    briefing: createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 }),
    logger: createLogger({ level: "silent" }),
  });

  const ask = (fake: FakeDiscord) => async () => {
    await fake
      .slash({ command: "partnership", subcommand: "ask", options: { query: "stargate" } })
      .response();
  };
  const complete = (fake: FakeDiscord) => async () => {
    await fake
      .autocomplete({
        command: "partnership",
        subcommand: "ask",
        options: { query: "star" },
        focused: "query",
      })
      .response();
  };
  const cases = [
    { name: "empty handler: dispatch -> callback", run: ask(emptyFake), out: [] as number[] },
    {
      name: "handler replying the same embeds, pre-rendered",
      run: ask(fixedFake),
      out: [] as number[],
    },
    {
      name: "adapter: ask stargate, dispatch -> callback",
      run: ask(adapterFake),
      out: [] as number[],
    },
    {
      name: "adapter: autocomplete, dispatch -> callback",
      run: complete(adapterFake),
      out: [] as number[],
    },
    {
      name: "adapter, reply cache off: ask stargate",
      run: ask(coldFake),
      out: [] as number[],
    },
  ];

  try {
    for (let i = 0; i < WARMUP; i++) for (const c of cases) await c.run();
    for (let i = 0; i < N; i++) {
      // Interleaved, in an order that rotates, so drift and GC land on every case alike.
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(i + k) % cases.length] as (typeof cases)[number];
        const t0 = performance.now();
        await c.run();
        c.out.push(performance.now() - t0);
      }
    }
  } finally {
    await adapter.stop();
    await cold.stop();
    await empty.destroy();
    await fixed.destroy();
    await emptyFake.close();
    await fixedFake.close();
    await adapterFake.close();
    await coldFake.close();
  }

  const [base, sameReply, answer, autocomplete, uncached] = cases as [
    (typeof cases)[number],
    (typeof cases)[number],
    (typeof cases)[number],
    (typeof cases)[number],
    (typeof cases)[number],
  ];
  const ratio = (c: (typeof cases)[number], p: number) =>
    (percentile(c.out, p) / percentile(base.out, p)).toFixed(2);
  bench.summarize(SECTION, base.name, base.out, "baseline: replies 'ok' at once");
  bench.summarize(
    SECTION,
    sameReply.name,
    sameReply.out,
    `vs empty: p50 x${ratio(sameReply, 50)}, p99 x${ratio(sameReply, 99)}`,
  );
  bench.summarize(
    SECTION,
    answer.name,
    answer.out,
    `vs empty: p50 x${ratio(answer, 50)}, p99 x${ratio(answer, 99)} (target < 1.3); p50 x${(
      percentile(answer.out, 50) / percentile(sameReply.out, 50)
    ).toFixed(2)} vs the pre-rendered reply`,
  );
  bench.summarize(
    SECTION,
    autocomplete.name,
    autocomplete.out,
    `vs empty: p50 x${ratio(autocomplete, 50)}, p99 x${ratio(autocomplete, 99)}`,
  );
  bench.summarize(
    SECTION,
    uncached.name,
    uncached.out,
    `vs empty: p50 x${ratio(uncached, 50)}, p99 x${ratio(uncached, 99)}: a question not asked before`,
  );
}
