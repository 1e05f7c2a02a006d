/**
 * `npm run --silent cli -- <command>`: see USAGE in `cli/common.ts`. Each subcommand lives in
 * `cli/` and is imported only when it runs, so `check` or `source add` never loads the chat core
 * or the database.
 */
import { USAGE, usageError } from "./cli/common.ts";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  switch (command) {
    case "ask":
      return (await import("./cli/ask.ts")).runAskCli(rest);
    case "check":
      return (await import("./cli/check.ts")).runCheckCli(rest);
    case "coverage":
      return (await import("./cli/coverage.ts")).runCoverageCli(rest);
    case "source":
      return (await import("./cli/source-add.ts")).runSourceCli(rest);
    case "digest":
      return (await import("./cli/digest.ts")).runDigestCli(rest, process.env);
    default:
      return usageError(`Unknown command "${command}".`);
  }
}

process.exitCode = await main(process.argv.slice(2));
