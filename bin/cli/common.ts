/** What the CLI's subcommands share: the usage text, usage errors, the knowledge folder. */

export const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  ask "<text>" [--json]            answer one command, e.g. ask "stargate" or ask "timeline"
  check [--json]                   validate the knowledge folder
  coverage [--source <id>] [--json]
                                   which sentences of each article a quote backs, and the rest
  source add <file> --id <id> --title "<headline>" [--label <short name>]
             [--outlet <name>] [--published YYYY-MM-DD] [--url <http(s) address>]
                                   keep a new article and add its source, then validate
  digest preview                   print the next digest
  digest run [--at <ISO time>]     run one scheduler pass as if at that instant

Options:
  --knowledge <dir>                knowledge folder (default: KNOWLEDGE_DIR or knowledge/)
  --json                           print JSON instead of text`;

/** A usage error: the message and the usage on stderr, exit code 2. */
export function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  return 2;
}

/** The knowledge folder: `--knowledge`, else KNOWLEDGE_DIR, else `knowledge/`. */
export function knowledgeDir(value: string | undefined): string {
  return value ?? process.env.KNOWLEDGE_DIR ?? "knowledge";
}
