/** `npm run discord:register`: see bin/register.ts. */
import { registerDiscordCommands } from "./register.ts";

process.exitCode = await registerDiscordCommands(process.env, console);
