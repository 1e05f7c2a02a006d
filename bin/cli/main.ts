/**
 * `npm run --silent cli -- <command>`'s dispatch: see USAGE in `common.ts`. Each subcommand lives
 * in this folder and is imported only when it runs, so `check` or `source add` never loads the
 * chat core or the database. Apart from `bin/cli.ts` so that tests can run the dispatch in-process.
 */
import { USAGE, usageError } from "./common.ts";

/** Each subcommand, loaded only when it runs. */
const SUBCOMMANDS: Record<string, ((args: string[]) => Promise<number>) | undefined> = {
  ask: async (args) => (await import("./ask.ts")).runAskCli(args),
  check: async (args) => (await import("./check.ts")).runCheckCli(args),
  coverage: async (args) => (await import("./coverage.ts")).runCoverageCli(args),
  source: async (args) => (await import("./source-add.ts")).runSourceCli(args),
  digest: async (args) => (await import("./digest.ts")).runDigestCli(args, process.env),
};

/** Runs the command named by `argv` (the arguments after `cli`); resolves with the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = SUBCOMMANDS[command];
  return run ? run(rest) : usageError(`Unknown command "${command}".`);
}
