/**
 * The local console chat: the same commands as `/partnership`, typed on stdin, answered on
 * stdout. Interactive with a prompt on a terminal; line by line, exiting at end of input, when
 * stdin is a pipe or a file.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Briefing } from "../../src/index.ts";
import { renderPlainText } from "../../src/index.ts";

export interface ConsoleOptions {
  briefing: Briefing;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (a terminal), or answer quietly line by line (a pipe). */
  interactive: boolean;
  /** Wrap answers at this many columns (the terminal's width); unwrapped when absent. */
  width?: number;
  /** Who is typing, for the requests; the console user is the local operator. */
  userId?: string;
  now?: () => Date;
}

const EXIT_WORDS = new Set(["exit", "quit", "/exit", "/quit"]);

/** Runs until end of input (or `exit` on a terminal). Resolves when done. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { briefing, input, output, interactive } = options;
  const now = options.now ?? (() => new Date());
  const rl = createInterface({
    input,
    ...(interactive ? { output, prompt: "partnership> " } : {}),
    terminal: interactive,
  });
  // A reader that goes away (`npm start | head`) ends the chat: what is left cannot be shown.
  // The handler stays on, so a write already under way fails quietly too.
  let outputGone = false;
  output.on("error", () => {
    outputGone = true;
    rl.close();
  });
  const write = (text: string) => {
    if (!outputGone) output.write(`${text}\n`);
  };

  if (interactive) {
    write(
      "Partnership briefing on the Microsoft–OpenAI partnership. Try: stargate, topics, help. Ctrl-D or 'exit' leaves.",
    );
    rl.prompt();
  }
  // Lines are answered one at a time, in order, even when a pipe delivers them all at once.
  for await (const line of rl) {
    if (outputGone) break;
    const text = line.trim();
    if (interactive && EXIT_WORDS.has(text.toLowerCase())) break;
    if (!text && !interactive) continue;
    const reply = await briefing.handle({
      platform: { name: "console" },
      text,
      user: { id: options.userId ?? "console", isPlatformAdmin: () => true },
      conversation: { id: "console", isDirect: true },
      at: now(),
    });
    write(renderPlainText(reply, { width: options.width }));
    if (interactive) rl.prompt();
    else write("");
  }
  rl.close();
}
