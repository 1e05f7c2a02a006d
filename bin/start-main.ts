/**
 * What `npm start` runs (`bin/start.ts` calls it): with no platform settings, a local console
 * chat; with Slack and/or Discord settings, those adapters and the weekly digest scheduler. In
 * every mode, the web briefing on WEB_PORT unless it is `off`. The composition root: the only
 * place (with the CLI) that reads the environment and wires the core to adapters. A function of
 * the environment, apart from the entry point, so tests can run its refusals in-process.
 *
 * Each adapter is imported when its settings say it runs (`await import`): the console never
 * loads @slack/bolt or discord.js (about a second and 40 MB each), nor the web site when it is off.
 */
import { runConsole } from "../adapters/console/console.ts";
import type { DiscordHttp } from "../adapters/discord/http.ts";
import { createHealth } from "../adapters/health/index.ts";
import { parseWebConfig } from "../adapters/web/config.ts";
import type { RunningWeb } from "../adapters/web/index.ts";
import {
  BriefingError,
  createBriefing,
  createDigestScheduler,
  createLogger,
  createSubscriptionCommands,
  LiveKnowledge,
  listenForShutdown,
  openStore,
  type SubscriptionStore,
  searchIndexFor,
  shutdownGraceMs,
} from "../src/index.ts";
import { deliveriesFromConfig } from "./cli/digest.ts";
import { serveHealthPort } from "./health.ts";
import { parseSettings } from "./settings.ts";

const fail = (message: string): number => {
  process.stderr.write(`Cannot start: ${message}\n`);
  return 1;
};

/** Starts what `env` configures; resolves with the exit code once it has stopped (or refused). */
export async function startMain(env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseSettings(env);
  if (!parsed.ok)
    return fail(`fix these settings (see .env.example):\n  ${parsed.errors.join("\n  ")}`);
  const config = parsed.config;
  const web = parseWebConfig(env);
  if (!web.ok) return fail(`fix these settings (see .env.example):\n  ${web.error}`);
  const consoleMode = !config.slack && !config.discord;
  const logger = createLogger({
    // The console chat owns the terminal: only warnings and errors go to stderr by default.
    level: env.LOG_LEVEL ? config.logLevel : consoleMode ? "warn" : config.logLevel,
    secrets: [
      config.slack?.botToken,
      config.slack?.signingSecret,
      config.slack?.appToken,
      config.slack?.oauth?.clientSecret,
      config.slack?.oauth?.stateSecret,
      config.slack?.oauth?.tokenKey,
      config.discord?.token,
    ],
  });

  // Listening from here on (the console keeps Ctrl-C's default): a signal during start-up is
  // kept and acted on once it can be.
  const signals = consoleMode
    ? undefined
    : listenForShutdown({ logger, graceMs: shutdownGraceMs(env.SHUTDOWN_GRACE_MS) });
  const health = createHealth();
  // A bot builds each base's search index before serving it; the console builds it on the first
  // question that needs it (`help` or `topics` do not).
  const knowledge = await LiveKnowledge.open(
    config.knowledgeDir,
    logger,
    consoleMode ? undefined : searchIndexFor,
    health.metrics,
  );
  if ("problems" in knowledge) {
    return fail(
      `the knowledge folder ${config.knowledgeDir} has problems:\n  ${knowledge.problems.join("\n  ")}`,
    );
  }
  let store: SubscriptionStore;
  try {
    store = await openStore(config, { logger });
  } catch (error) {
    knowledge.close();
    return fail(error instanceof BriefingError ? error.message : String(error));
  }
  knowledge.watch();
  health.check("knowledge", () => ({ ok: knowledge.current().stats.facts > 0 }));
  health.check("database", () => store.health());
  const subscriptions = createSubscriptionCommands({ store, knowledge });
  const briefing = createBriefing({
    knowledge,
    subscriptions,
    admins: config.admins,
    metrics: health.metrics,
  });

  let site: RunningWeb | undefined;
  if (web.port !== "off") {
    try {
      const { startWeb } = await import("../adapters/web/index.ts");
      site = await startWeb({ port: web.port, briefing, logger });
    } catch (error) {
      knowledge.close();
      await store.close();
      return fail(error instanceof Error ? error.message : String(error));
    }
    logger.info({ url: site.url, port: site.port }, "web briefing serving");
  }

  // Slack over HTTP serves the health routes on its own port; every other mode on HEALTH_PORT.
  const slackServesHealth = !!config.slack && !config.slack.appToken;
  const healthServer = slackServesHealth ? undefined : await serveHealthPort(env, health, logger);
  if (healthServer && "error" in healthServer) {
    await site?.stop();
    knowledge.close();
    store.close();
    return fail(healthServer.error);
  }

  if (consoleMode) {
    const interactive = process.stdin.isTTY === true;
    if (interactive && site) process.stdout.write(`Web briefing: ${site.url}\n`);
    await runConsole({
      briefing,
      input: process.stdin,
      output: process.stdout,
      interactive,
      ...(interactive && process.stdout.columns ? { width: process.stdout.columns - 1 } : {}),
    });
    await healthServer?.stop();
    await site?.stop();
    knowledge.close();
    await store.close();
    return 0;
  }

  // Receivers and the scheduler stop together (new requests are refused at once while a digest
  // post finishes); the knowledge watcher and the database close after them.
  const stops: (() => Promise<void> | void)[] = [];
  const shutdown = async () => {
    const results = await Promise.allSettled(stops.splice(0).map(async (stop) => stop()));
    for (const r of results) {
      if (r.status === "rejected") logger.warn({ err: r.reason }, "error while shutting down");
    }
    knowledge.close();
    await store.close();
  };
  if (site) stops.push(() => site?.stop());
  if (healthServer) stops.push(() => healthServer.stop());

  // ---- Discord interactions over HTTP (DISCORD_PUBLIC_KEY): instead of the gateway; the route
  // rides on Slack's HTTP server when that runs, else gets a server of its own on PORT.
  // Imported only when used, so other modes do not load it.
  const discordPublicKey = config.discord?.publicKey;
  const discordHttp =
    config.discord && discordPublicKey
      ? (await import("../adapters/discord/http.ts")).createDiscordHttp({
          config: { ...config.discord, publicKey: discordPublicKey },
          briefing,
          logger,
          ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
        })
      : undefined;
  const startDiscordHttp = async (http: DiscordHttp) => {
    await http.start(slackServesHealth ? {} : { port: config.port });
    stops.push(() => http.stop());
    health.check("discord", () => http.health());
  };
  // ---- end Discord interactions over HTTP

  try {
    if (config.slack) {
      const { startSlack } = await import("../adapters/slack/index.ts");
      const slack = await startSlack({
        config: config.slack,
        briefing,
        logger,
        store,
        routes: discordHttp ? [...health.routes, discordHttp.route] : health.routes,
        metrics: health.metrics,
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      });
      stops.push(() => slack.stop());
      health.check("slack", () => slack.health());
      logger.info(
        { port: slack.port, socketMode: !!config.slack.appToken },
        "slack adapter running",
      );
    }
    if (discordHttp) await startDiscordHttp(discordHttp);
    else if (config.discord) {
      const { startDiscord } = await import("../adapters/discord/index.ts");
      const discord = await startDiscord({
        config: config.discord,
        briefing,
        logger,
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      });
      stops.push(() => discord.stop());
      health.check("discord", () => discord.health());
      logger.info("discord adapter running");
    }
  } catch (error) {
    await shutdown();
    return fail(error instanceof BriefingError ? error.message : String(error));
  }

  const scheduler = createDigestScheduler({
    store,
    deliveries: await deliveriesFromConfig(config, logger, store),
    knowledge,
    logger,
    metrics: health.metrics,
  });
  scheduler.start();
  // On shutdown a digest being posted is allowed to finish and be recorded.
  stops.push(() => scheduler.stop());
  logger.info("briefing bot ready");

  // One failed promise somewhere must not take the bot down; it is logged and the bot serves on.
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled promise rejection"),
  );
  return signals ? signals.whenSignalled(shutdown) : 0;
}
