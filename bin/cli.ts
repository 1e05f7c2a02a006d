/** `npm run --silent cli -- <command>`: see USAGE in `cli/common.ts`, and `cli/main.ts`. */
import { runCli } from "./cli/main.ts";

process.exitCode = await runCli(process.argv.slice(2));
