/**
 * Slack adapter overhead: 1,000 signed `/partnership` commands over loopback keep-alive to the real
 * adapter (Bolt + core + renderer, answered in the ack), side by side with an empty Bolt app on
 * the same HTTP receiver that only acks. Requests alternate between the two, each over its own
 * keep-alive connection, and are signed the same way; the ratio is what the adapter and the core
 * add on top of Bolt's own request handling. The core remembers its replies
 * (`src/core/reply-cache.ts`), so a repeated command is mostly a cache hit; a second adapter with
 * the cache off shows what a question never asked before costs.
 */
import type { Server } from "node:http";
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { boltLogger } from "../adapters/slack/bolt-logger.ts";
import { startSlack } from "../adapters/slack/index.ts";
import { renderSlack, type SlackMessage } from "../adapters/slack/render.ts";
import type { BriefingRequest } from "../src/index.ts";
import { createBriefing, createLogger, loadKnowledge } from "../src/index.ts";
import { startFakeSlack } from "../tests/fakes/slack/fake-slack.ts";
import { postSigned, slashCommandBody } from "../tests/fakes/slack/sign.ts";
import { type Bench, percentile } from "./harness.ts";

const SECRET = "bench-signing-secret-0123456789";
const TOKEN = "xoxb-bench-token-0123456789";
const N = 1000;
const SECTION = "slack";

const benchRequest = (text: string): BriefingRequest => ({
  platform: { name: "slack", deliversDigests: true },
  text,
  user: { id: "UBENCH", isPlatformAdmin: () => false },
  conversation: { id: "C0BENCH", isDirect: false },
  at: new Date(),
});

export default async (bench: Bench): Promise<void> => {
  const loaded = await loadKnowledge(process.env.KNOWLEDGE_DIR ?? "knowledge");
  if (!loaded.ok) throw new Error("the knowledge base does not load; run the cli check");
  const kb = loaded.knowledge;
  const briefing = createBriefing({ knowledge: { current: () => kb } });
  const logger = createLogger({ level: "silent" });
  const fake = await startFakeSlack({ botToken: TOKEN });

  const slack = await startSlack({
    config: { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl },
    briefing,
    logger,
  });

  // The same adapter over a core that remembers no replies.
  const cold = await startSlack({
    config: { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl },
    briefing: createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 }),
    logger,
  });

  /** A bare Bolt app on the same receiver settings whose command handler only acks with `message`. */
  const bareApp = async (message?: SlackMessage) => {
    const app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      botId: "BBOT",
      botUserId: "UBOT",
      logger: boltLogger(logger),
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    app.command("/partnership", async ({ ack }) => {
      await (message ? ack({ response_type: "ephemeral", ...message }) : ack());
    });
    const server = (await app.start(0)) as Server;
    return { app, port: (server.address() as AddressInfo).port };
  };
  const { app: empty, port: emptyPort } = await bareApp();

  // A third app acks with the very message the adapter sends for "stargate", rendered once: what
  // Bolt costs to return that payload, with no core and no renderer in the request.
  const fixedMessage = renderSlack(await briefing.handle(benchRequest("stargate")), {
    shareCommand: "stargate",
  });
  const { app: fixed, port: fixedPort } = await bareApp(fixedMessage);

  const responseUrl = fake.responseUrl("C0BENCH");
  const target = (port: number) => ({
    url: `http://127.0.0.1:${port}/slack/events`,
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
  });
  const adapter = target(slack.port as number);
  const baseline = target(emptyPort);
  const sameReply = target(fixedPort);
  const uncached = target(cold.port as number);

  /**
   * 2 × N commands, alternating between the empty app and the adapter request by request (each
   * over its own keep-alive connection), so a slow moment on a shared machine hits both alike.
   */
  const sideBySide = async (texts: readonly string[], real = adapter) => {
    const all = await bench.timeEach(2 * N, async (i) => {
      const { url, agent } = i % 2 === 0 ? baseline : real;
      const text = texts[Math.floor(i / 2) % texts.length] ?? "";
      const body = slashCommandBody({ text, response_url: responseUrl });
      const res = await postSigned(url, SECRET, body, { agent });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    });
    return {
      empty: all.filter((_, i) => i % 2 === 0),
      real: all.filter((_, i) => i % 2 === 1),
    };
  };
  const ratio = (real: number[], base: number[]) =>
    `p50 ×${(percentile(real, 50) / percentile(base, 50)).toFixed(2)}, p99 ×${(
      percentile(real, 99) / percentile(base, 99)
    ).toFixed(2)} vs empty Bolt`;

  try {
    const one = await sideBySide(["stargate"]);
    bench.summarize(SECTION, "empty Bolt app, ack only", one.empty, "baseline: signed, keep-alive");
    bench.summarize(
      SECTION,
      "adapter: /partnership stargate",
      one.real,
      ratio(one.real, one.empty),
    );
    // The same three-way comparison with the app that acks the adapter's message, pre-rendered.
    const three = await bench.timeEach(3 * N, async (i) => {
      const { url, agent } = [baseline, sameReply, adapter][i % 3] as typeof adapter;
      const body = slashCommandBody({ text: "stargate", response_url: responseUrl });
      const res = await postSigned(url, SECRET, body, { agent });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    });
    const of = (k: number) => three.filter((_, i) => i % 3 === k);
    bench.summarize(SECTION, "empty Bolt app, ack only (three-way run)", of(0), "baseline");
    bench.summarize(
      SECTION,
      "Bolt app acking the same message, pre-rendered",
      of(1),
      ratio(of(1), of(0)),
    );
    bench.summarize(
      SECTION,
      "adapter: /partnership stargate (three-way run)",
      of(2),
      `${ratio(of(2), of(0))}; p50 ×${(percentile(of(2), 50) / percentile(of(1), 50)).toFixed(2)} vs the pre-rendered reply`,
    );

    const mixed = ["stargate", "topics", "timeline stargate", "sources stargate", "help", "money"];
    const mix = await sideBySide(mixed);
    bench.summarize(SECTION, "empty Bolt app, ack only", mix.empty, "baseline for the mix");
    bench.summarize(
      SECTION,
      `adapter: ${mixed.length} commands in turn`,
      mix.real,
      ratio(mix.real, mix.empty),
    );
    const coldMix = await sideBySide(mixed, uncached);
    bench.summarize(SECTION, "empty Bolt app, ack only", coldMix.empty, "baseline for the next");
    bench.summarize(
      SECTION,
      `adapter, reply cache off: ${mixed.length} commands in turn`,
      coldMix.real,
      `${ratio(coldMix.real, coldMix.empty)}: questions not asked before`,
    );
  } finally {
    adapter.agent.destroy();
    baseline.agent.destroy();
    sameReply.agent.destroy();
    uncached.agent.destroy();
    await empty.stop();
    await fixed.stop();
    await slack.stop();
    await cold.stop();
    await fake.close();
  }
};
