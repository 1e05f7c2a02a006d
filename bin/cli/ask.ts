/** `ask "<text>" [--json]`: one answer, as the console shows it (or the reply as JSON). */
import { parseArgs } from "node:util";
import {
  createBriefing,
  createSubscriptionCommands,
  factsOf,
  loadKnowledge,
  openSqliteStore,
  renderPlainText,
} from "../../src/index.ts";
import { knowledgeDir, usageError } from "./common.ts";

export async function runAskCli(args: string[]): Promise<number> {
  let parsed: { values: { json?: boolean; knowledge?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: "boolean" }, knowledge: { type: "string" } },
      allowPositionals: true,
    });
  } catch (error) {
    return usageError(String(error instanceof Error ? error.message : error));
  }
  const dir = knowledgeDir(parsed.values.knowledge);
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) {
    process.stderr.write(
      `The knowledge folder ${dir} is invalid; run: npm run --silent cli -- check --knowledge ${dir}\n`,
    );
    return 2;
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
    platform: { name: "cli" },
    text: parsed.positionals.join(" "),
    user: { id: "cli", isPlatformAdmin: () => true },
    conversation: { id: "cli", isDirect: true },
    at: new Date(),
  });
  store.close();
  const text = renderPlainText(reply);
  if (parsed.values.json) {
    // Every fact's sources carry their quotes here, whichever reply listed the fact.
    const quoteOf = (factId: string, sourceId: string) =>
      loaded.knowledge.facts.get(factId)?.quotes?.[sourceId];
    process.stdout.write(
      `${JSON.stringify({ ...reply, text, facts: factsOf(reply, quoteOf) }, null, 2)}\n`,
    );
  } else process.stdout.write(`${text}\n`);
  return 0;
}
