/**
 * `npm start`: with no platform settings, a local console chat; with Slack and/or Discord
 * settings, those adapters and the weekly digest scheduler. In every mode, the web briefing on
 * WEB_PORT unless it is `off`. The composition root: the only place
 * (with the CLI) that reads process.env and wires the core to adapters.
 */
import { runConsole } from "../adapters/console/console.ts";
import { startDiscord } from "../adapters/discord/index.ts";
import { createHealth } from "../adapters/health/index.ts";
import { startSlack } from "../adapters/slack/index.ts";
import { parseWebConfig } from "../adapters/web/config.ts";
import { type RunningWeb, startWeb } from "../adapters/web/index.ts";
import {
  BriefingError,
  createBriefing,
  createDigestScheduler,
  createLogger,
  createSubscriptionCommands,
  LiveKnowledge,
  openSqliteStore,
  searchIndexFor,
} from "../src/index.ts";
import { deliveriesFromConfig } from "./cli/digest.ts";
import { serveHealthPort } from "./health.ts";
import { parseSettings } from "./settings.ts";

const fail = (message: string): number => {
  process.stderr.write(`Cannot start: ${message}\n`);
  return 1;
};

async function main(): Promise<number> {
  const parsed = parseSettings(process.env);
  if (!parsed.ok)
    return fail(`fix these settings (see .env.example):\n  ${parsed.errors.join("\n  ")}`);
  const config = parsed.config;
  const web = parseWebConfig(process.env);
  if (!web.ok) return fail(`fix these settings (see .env.example):\n  ${web.error}`);
  const consoleMode = !config.slack && !config.discord;
  const logger = createLogger({
    // The console chat owns the terminal: only warnings and errors go to stderr by default.
    level: process.env.LOG_LEVEL ? config.logLevel : consoleMode ? "warn" : config.logLevel,
    secrets: [
      config.slack?.botToken,
      config.slack?.signingSecret,
      config.slack?.appToken,
      config.discord?.token,
    ],
  });

  const health = createHealth();
  const knowledge = await LiveKnowledge.open(
    config.knowledgeDir,
    logger,
    searchIndexFor,
    health.metrics,
  );
  if ("problems" in knowledge) {
    return fail(
      `the knowledge folder ${config.knowledgeDir} has problems:\n  ${knowledge.problems.join("\n  ")}`,
    );
  }
  let store: ReturnType<typeof openSqliteStore>;
  try {
    store = openSqliteStore(config.databasePath);
  } catch (error) {
    knowledge.close();
    return fail(error instanceof BriefingError ? error.message : String(error));
  }
  knowledge.watch();
  health.check("knowledge", () => ({ ok: knowledge.current().stats.facts > 0 }));
  health.check("database", () => store.health());
  const subscriptions = createSubscriptionCommands({ store, knowledge, admins: config.admins });
  const briefing = createBriefing({
    knowledge,
    subscriptions,
    admins: config.admins,
    metrics: health.metrics,
  });

  let site: RunningWeb | undefined;
  if (web.port !== "off") {
    try {
      site = await startWeb({ port: web.port, briefing, logger });
    } catch (error) {
      knowledge.close();
      store.close();
      return fail(error instanceof Error ? error.message : String(error));
    }
    logger.info({ url: site.url, port: site.port }, "web briefing serving");
  }

  // Slack over HTTP serves the health routes on its own port; every other mode on HEALTH_PORT.
  const slackServesHealth = !!config.slack && !config.slack.appToken;
  const healthServer = slackServesHealth
    ? undefined
    : await serveHealthPort(process.env, health, logger);
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
    store.close();
    return 0;
  }

  const stops: (() => Promise<void> | void)[] = [];
  const shutdown = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.warn({ err: error }, "error while shutting down");
      }
    }
    stops.length = 0;
  };
  stops.push(
    () => store.close(),
    () => knowledge.close(),
  );
  if (site) stops.push(() => site?.stop());
  if (healthServer) stops.push(() => healthServer.stop());
  try {
    if (config.slack) {
      const slack = await startSlack({
        config: config.slack,
        briefing,
        logger,
        routes: health.routes,
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      });
      stops.push(() => slack.stop());
      health.check("slack", () => slack.health());
      logger.info(
        { port: slack.port, socketMode: !!config.slack.appToken },
        "slack adapter running",
      );
    }
    if (config.discord) {
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
    deliveries: await deliveriesFromConfig(config, logger),
    knowledge,
    logger,
    metrics: health.metrics,
  });
  scheduler.start();
  // Stopped first on shutdown: a digest being posted is allowed to finish and be recorded.
  stops.push(() => scheduler.stop());
  logger.info("briefing bot ready");

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn(`${signal} again: exiting without waiting`);
        resolve(1);
        return;
      }
      stopping = true;
      logger.info(
        `${signal}: stopping the scheduler, letting a delivery in flight finish, closing the database`,
      );
      void shutdown().then(() => resolve(0));
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
    // One failed promise somewhere must not take the bot down; it is logged and the bot serves on.
    process.on("unhandledRejection", (reason) =>
      logger.error({ err: reason }, "unhandled promise rejection"),
    );
  });
}

const code = await main();
process.exitCode = code;
// Sockets and timers of stopped adapters can linger; exit once everything has been closed.
if (code !== 0 || process.listenerCount("SIGTERM") > 0)
  setTimeout(() => process.exit(code), 100).unref();
