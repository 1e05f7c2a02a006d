/**
 * End-to-end harness: the real discord.js Client from `startDiscord`, logged in over the real
 * gateway protocol to the fake Discord on loopback, with the real core over the real `knowledge/`
 * folder (and a real SQLite store in memory for the admin commands). The briefing handed to the
 * adapter is the real one behind a recorder that keeps the requests it passes on, so tests can
 * see what reached the core without replacing any of our code.
 */
import {
  type DiscordAdapter,
  type StartDiscordOptions,
  startDiscord,
} from "../../adapters/discord/index.ts";
import { type Briefing, createBriefing } from "../../src/core/briefing.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { createLogger } from "../../src/log.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
} from "../fakes/discord/index.ts";
import { type RecordingBriefing, recording } from "../helpers/recording.ts";

/** A token shaped like Discord's (id.timestamp.hmac), so a leak of any part would show. */
export const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE9.s3cr3t-HMAC-part-never-logged_0123456789";

let base: Promise<KnowledgeBase> | undefined;

/** The shipped fact base, loaded once per test file. */
export function knowledge(): Promise<KnowledgeBase> {
  base ??= loadKnowledge("knowledge").then((result) => {
    if (!result.ok) {
      const list = result.problems.map((p) => `${p.file}:${p.line ?? ""} ${p.message}`);
      throw new Error(`knowledge/ is invalid:\n${list.join("\n")}`);
    }
    return result.knowledge;
  });
  return base;
}

export { type RecordingBriefing, recording } from "../helpers/recording.ts";

/** The real core over `knowledge/`, with subscriptions in an in-memory SQLite store. */
export async function realBriefing(admins: ReadonlySet<string> = new Set()): Promise<Briefing> {
  const kb = await knowledge();
  const source = { current: () => kb };
  const store = openSqliteStore(":memory:");
  return createBriefing({
    knowledge: source,
    admins,
    subscriptions: createSubscriptionCommands({ store, knowledge: source }),
  });
}

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  briefing: RecordingBriefing;
  /** Every log line written so far (JSON strings, trace level and up). */
  logs: string[];
  /** Resolves with the first log line containing `text`. */
  waitForLog(text: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    fake?: FakeDiscordOptions;
    briefing?: Briefing;
    /** `BRIEFING_ADMINS` of the real core (when `briefing` is not given). */
    admins?: ReadonlySet<string>;
    adapter?: Partial<Omit<StartDiscordOptions, "config" | "briefing" | "logger">>;
  } = {},
): Promise<Harness> {
  const fake = await startFakeDiscord({ token: TOKEN, ...options.fake });
  const logs: string[] = [];
  const wake = new Set<() => void>();
  // The project's logger, at trace, with no secrets to mask: what the adapter logs is what shows.
  const logger = createLogger({
    level: "trace",
    destination: {
      write: (line: string) => {
        logs.push(line);
        for (const w of [...wake]) w();
      },
    },
  });
  const waitForLog = (text: string, timeoutMs = 10_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = logs.find((l) => l.includes(text));
        if (line === undefined) return false;
        clearTimeout(timer);
        wake.delete(waiter);
        resolve(line);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        wake.delete(waiter);
        reject(new Error(`no log line containing ${JSON.stringify(text)} within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) wake.add(waiter);
    });
  const briefing = recording(options.briefing ?? (await realBriefing(options.admins)));
  let adapter: DiscordAdapter;
  try {
    adapter = await startDiscord({
      config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      briefing,
      logger,
      ...options.adapter,
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    adapter,
    briefing,
    logs,
    waitForLog,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}
