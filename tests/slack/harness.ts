/**
 * End-to-end harness: the real Bolt app from `startSlack`, on a random loopback port, with the real
 * core over the real `knowledge/` folder and the fake Slack Web API. The briefing handed to the
 * adapter is the real one behind a recorder (it counts and keeps the requests it passes on), so
 * tests can see whether the core was asked, without replacing any of our code.
 */
import type { DestinationStream } from "pino";
import type { SlackConfig } from "../../adapters/slack/config.ts";
import {
  type SlackHandle,
  type StartSlackOptions,
  startSlack,
} from "../../adapters/slack/index.ts";
import { type Briefing, createBriefing } from "../../src/core/briefing.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { createLogger } from "../../src/log.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { createSubscriptionCommands } from "../../src/subscriptions/commands.ts";
import {
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from "../fakes/slack/fake-slack.ts";
import { type HttpResult, postSigned, slashCommandBody } from "../fakes/slack/sign.ts";
import { type RecordingBriefing, recording } from "../helpers/recording.ts";

/** The single-workspace settings (`SLACK_BOT_TOKEN`) the harness runs with. */
type SingleWorkspaceConfig = Extract<SlackConfig, { botToken: string }>;

export const SECRET = "8e1c0ffee-test-signing-secret-42";
export const BOT_TOKEN = "xoxb-1111-2222-test-bot-token-abcdef";
export const APP_TOKEN = "xapp-1-A0FAKE-3333-test-app-token";

const bases = new Map<string, Promise<KnowledgeBase>>();

/** The knowledge base in `dir`, loaded once per test file. */
export function knowledge(dir = "knowledge"): Promise<KnowledgeBase> {
  let base = bases.get(dir);
  if (!base) {
    base = loadKnowledge(dir).then((result) => {
      if (!result.ok) {
        const list = result.problems.map((p) => `${p.file}:${p.line ?? ""} ${p.message}`);
        throw new Error(`knowledge in ${dir} is invalid:\n${list.join("\n")}`);
      }
      return result.knowledge;
    });
    bases.set(dir, base);
  }
  return base;
}

export { type RecordingBriefing, recording } from "../helpers/recording.ts";

/**
 * The real core over `knowledge/` (or another folder); with `subscriptions`, the real subscription
 * commands over an in-memory SQLite store, so admin commands get their real replies.
 */
export async function realBriefing(
  dir?: string,
  options: { subscriptions?: boolean } = {},
): Promise<Briefing> {
  const kb = await knowledge(dir);
  const source = { current: () => kb };
  if (!options.subscriptions) return createBriefing({ knowledge: source });
  const store = openSqliteStore(":memory:");
  return createBriefing({
    knowledge: source,
    subscriptions: createSubscriptionCommands({ store, knowledge: source }),
  });
}

export interface Harness {
  fake: FakeSlack;
  slack: SlackHandle;
  /** `http://127.0.0.1:<port>/slack/events` */
  url: string;
  briefing: RecordingBriefing;
  /** What the adapter logged, one JSON line per entry. */
  logs: string[];
  /** Sends a signed slash command; its response_url points at the fake, for `channel`. */
  command(
    text: string,
    options?: { userId?: string; channelId?: string; userName?: string },
  ): Promise<{ res: HttpResult; responseUrl: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the real core, e.g. to slow it down; the recorder sits outside the wrapper. */
  wrap?: (real: Briefing) => Briefing;
  knowledgeDir?: string;
  /** Give the core a real subscription store (in memory), so subscribe/unsubscribe really run. */
  subscriptions?: boolean;
  fake?: FakeSlackOptions;
  config?: Partial<SingleWorkspaceConfig>;
  ackBudgetMs?: number;
  logLevel?: string;
  /**
   * The overload gate's limits, clock and loop-lag reading. By default the lag reads 0: this
   * machine's lag is noise a test cannot control (tests/slack/overload.test.ts sets its own).
   */
  overload?: StartSlackOptions["overload"];
  metrics?: StartSlackOptions["metrics"];
}

const NO_LAG = { currentMs: () => 0, stop() {} };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, ...options.fake });
  const real = await realBriefing(options.knowledgeDir, {
    subscriptions: options.subscriptions === true,
  });
  const briefing = recording(options.wrap ? options.wrap(real) : real);
  const logs: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void logs.push(line) };
  const logger = createLogger({
    level: options.logLevel ?? "info",
    secrets: [BOT_TOKEN, SECRET, APP_TOKEN],
    destination,
  });
  const slack = await startSlack({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SECRET,
      port: 0,
      apiUrl: fake.apiUrl,
      ...options.config,
    },
    briefing,
    logger,
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
    overload: { lag: NO_LAG, ...options.overload },
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const url = `http://127.0.0.1:${slack.port}/slack/events`;
  return {
    fake,
    slack,
    url,
    briefing,
    logs,
    async command(text, opts = {}) {
      const channelId = opts.channelId ?? "C0001";
      const responseUrl = fake.responseUrl(channelId);
      const body = slashCommandBody({
        text,
        response_url: responseUrl,
        channel_id: channelId,
        ...(opts.userId ? { user_id: opts.userId } : {}),
        ...(opts.userName ? { user_name: opts.userName } : {}),
      });
      return { res: await postSigned(url, SECRET, body), responseUrl };
    },
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}

/** Calls to the fake other than the one `auth.test` made at start-up. */
export const callsAfterStart = (fake: FakeSlack) =>
  fake.calls.filter((c) => c.method !== "auth.test");
