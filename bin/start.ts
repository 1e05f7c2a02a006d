/**
 * `npm start`: with no platform settings, a local console chat; with Slack and/or Discord
 * settings, those adapters and the digest scheduler. The composition root: the only place that
 * reads process.env and wires the core to adapters.
 */
import { runConsole } from "../adapters/console/console.ts";
import { parseConfig } from "../src/config.ts";
import { createBriefing } from "../src/core/briefing.ts";
import { LiveKnowledge } from "../src/knowledge/live.ts";
import { createLogger } from "../src/log.ts";

async function main(): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(
      `Cannot start: fix these settings (see .env.example):\n  ${parsed.errors.join("\n  ")}\n`,
    );
    return 1;
  }
  const config = parsed.config;
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

  const knowledge = await LiveKnowledge.open(config.knowledgeDir, logger);
  if ("problems" in knowledge) {
    process.stderr.write(
      `Cannot start: the knowledge folder ${config.knowledgeDir} has problems:\n  ${knowledge.problems.join("\n  ")}\n`,
    );
    return 1;
  }
  knowledge.watch();
  const briefing = createBriefing({ knowledge, admins: config.admins });

  if (consoleMode) {
    await runConsole({
      briefing,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    knowledge.close();
    return 0;
  }
  process.stderr.write("Slack and Discord are not wired yet.\n");
  knowledge.close();
  return 1;
}

process.exitCode = await main();
