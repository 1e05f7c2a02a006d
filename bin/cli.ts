/**
 * `npm run --silent cli -- <command>`: see USAGE in `cli/common.ts`. Each subcommand lives in
 * `cli/` and is imported only when it runs, so `check` or `source add` never loads the chat core
 * or the database.
 */
import { USAGE, usageError } from "./cli/common.ts";

/** Each subcommand, loaded only when it runs. */
const SUBCOMMANDS: Record<string, ((args: string[]) => Promise<number>) | undefined> = {
  ask: async (args) => (await import("./cli/ask.ts")).runAskCli(args),
  check: async (args) => (await import("./cli/check.ts")).runCheckCli(args),
  coverage: async (args) => (await import("./cli/coverage.ts")).runCoverageCli(args),
  source: async (args) => (await import("./cli/source-add.ts")).runSourceCli(args),
  digest: async (args) => (await import("./cli/digest.ts")).runDigestCli(args, process.env),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = SUBCOMMANDS[command];
  return run ? run(rest) : usageError(`Unknown command "${command}".`);
}

process.exitCode = await main(process.argv.slice(2));
