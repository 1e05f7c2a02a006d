/**
 * `npm run --silent cli -- <command>`:
 *   ask "<text>" [--json]      one answer, as the console shows it (or the reply as JSON)
 *   check [--json]             validate the knowledge folder (exit 1 with every problem)
 *   digest preview | run [--at <ISO time>]
 * Options: --knowledge <dir> (default: KNOWLEDGE_DIR or knowledge/).
 */
import { parseArgs } from "node:util";
import { createBriefing } from "../src/core/briefing.ts";
import { factsOf } from "../src/core/reply.ts";
import { loadKnowledge } from "../src/knowledge/loader.ts";
import { formatProblem } from "../src/knowledge/problems.ts";
import { renderPlainText } from "../src/render/plain-text.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../src/subscriptions/commands.ts";

const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  ask "<text>" [--json]            answer one command, e.g. ask "stargate" or ask "timeline"
  check [--json]                   validate the knowledge folder
  digest preview                   print the next digest
  digest run [--at <ISO time>]     run one scheduler pass as if at that instant

Options:
  --knowledge <dir>                knowledge folder (default: KNOWLEDGE_DIR or knowledge/)
  --json                           print JSON instead of text`;

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === "digest") {
    const { runDigestCli } = await import("./cli/digest.ts");
    return runDigestCli(rest, process.env);
  }
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { json: { type: "boolean" }; knowledge: { type: "string" } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: rest,
      options: { json: { type: "boolean" }, knowledge: { type: "string" } },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  const dir = parsed.values.knowledge ?? process.env.KNOWLEDGE_DIR ?? "knowledge";
  const json = parsed.values.json ?? false;
  const loaded = await loadKnowledge(dir);

  if (command === "check") {
    if (!loaded.ok) {
      if (json)
        process.stdout.write(
          `${JSON.stringify({ ok: false, problems: loaded.problems }, null, 2)}\n`,
        );
      process.stderr.write(
        `The knowledge folder ${dir} has ${loaded.problems.length} problem(s):\n${loaded.problems.map(formatProblem).join("\n")}\n`,
      );
      return 1;
    }
    const stats = loaded.knowledge.stats;
    if (json) process.stdout.write(`${JSON.stringify(stats)}\n`);
    else {
      process.stdout.write(
        `${dir}: OK: ${stats.sources} sources, ${stats.topics} topics, ${stats.facts} facts, ${stats.disputed} disputed\n`,
      );
    }
    return 0;
  }

  if (command === "ask") {
    if (!loaded.ok) {
      return fail(
        `The knowledge folder ${dir} is invalid; run: npm run --silent cli -- check --knowledge ${dir}`,
      );
    }
    const knowledge = { current: () => loaded.knowledge };
    // Like the console, the CLI is the local operator; `subscribe` explains that subscriptions are
    // for channels, and `digest` previews what a new channel would get, from a throwaway store.
    const store = openSqliteStore(":memory:");
    const briefing = createBriefing({
      knowledge,
      subscriptions: createSubscriptionCommands({ store, knowledge }),
    });
    const reply = await briefing.handle({
      platform: "cli",
      text: parsed.positionals.join(" "),
      user: { id: "cli", isPlatformAdmin: true },
      conversation: { id: "cli", isDirect: true },
      at: new Date(),
    });
    store.close();
    const text = renderPlainText(reply);
    const quoteOf = (factId: string, sourceId: string) =>
      loaded.knowledge.facts.get(factId)?.quotes?.[sourceId];
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ ...reply, text, facts: factsOf(reply, quoteOf) }, null, 2)}\n`,
      );
    } else process.stdout.write(`${text}\n`);
    return 0;
  }
  return fail(`Unknown command "${command}".\n\n${USAGE}`);
}

process.exitCode = await main(process.argv.slice(2));
