/**
 * Shared by the digest tests: a temp database file, a settable clock, a silent logger, a small
 * synthetic fact base with controlled `added` dates, and an in-memory fake of a chat platform
 * behind the delivery port (a fake of a remote, not of our code).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  DeliveryResult,
  DeliveryTarget,
  DigestDelivery,
  DigestKey,
  LookupResult,
} from "../../src/delivery/port.ts";
import { buildKnowledgeBase, type KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import type { FactRecord } from "../../src/knowledge/schema.ts";
import type { KnowledgeSource } from "../../src/knowledge/source.ts";
import { parseWhen } from "../../src/knowledge/when.ts";
import { createLogger } from "../../src/log.ts";
import type { Reply } from "../../src/reply/reply.ts";
import type { BriefingRequest } from "../../src/reply/request.ts";

export const silentLogger = createLogger({ level: "silent" });

/** A logger that keeps its JSON lines, for asserting what an operator would see. */
export function recordingLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = createLogger({
    level: "trace",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

export async function tempDir(
  prefix = "digest-",
): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export function fakeClock(start: string | Date) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set(at: string | Date) {
      t = new Date(at).getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Sleeps that return at once and remember what was asked: waits are asserted, never timed. */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

type FactInit = Partial<FactRecord> & Pick<FactRecord, "id" | "text" | "added">;

export interface SmallBase {
  topics: { id: string; title: string; facts: FactInit[] }[];
}

/** Builds a base through the same indexer the loader uses. */
export function smallBase(spec: SmallBase): KnowledgeBase {
  return buildKnowledgeBase({
    dir: "memory",
    sources: [
      { id: "src-a", title: "Source A headline", label: "Source A" },
      { id: "src-b", title: "[Source B, untitled]", label: "Source B" },
    ],
    entities: [],
    topics: spec.topics.map((t, i) => ({
      id: t.id,
      title: t.title,
      aliases: [],
      overview: `${t.title}: what the articles say about it.`,
      order: i,
    })),
    facts: spec.topics.flatMap((t) =>
      t.facts.map((f) => {
        const record: FactRecord = {
          sources: ["src-a"],
          when: "2025-01",
          entities: [],
          status: "current",
          kind: "event",
          key: false,
          ...f,
        };
        return { record, topicId: t.id, whenParsed: parseWhen(record.when) };
      }),
    ),
  });
}

/** Four topics, a dispute between two facts, everything added on 2026-01-05. */
export function baseWithDispute(extra: FactInit[] = []): KnowledgeBase {
  return smallBase({
    topics: [
      {
        id: "money",
        title: "Money",
        facts: [
          {
            id: "money-1",
            text: "Microsoft invested $1 billion in 2019.",
            added: "2026-01-05",
            key: true,
          },
          { id: "money-2", text: "Later rounds followed.", added: "2026-01-05" },
          ...extra,
        ],
      },
      {
        id: "board",
        title: "Board",
        facts: [
          {
            id: "board-seat",
            text: "Microsoft has a non-voting board seat.",
            added: "2026-01-05",
            key: true,
            status: "disputed",
            disputes: ["board-none"],
            disputeNote: "They may describe different moments.",
            sources: ["src-a"],
          },
          {
            id: "board-none",
            text: "Microsoft had no seat in late 2023.",
            added: "2026-01-05",
            status: "disputed",
            disputes: ["board-seat"],
            sources: ["src-b"],
          },
        ],
      },
      {
        id: "compute",
        title: "Compute",
        facts: [{ id: "compute-1", text: "OpenAI runs on Azure.", added: "2026-01-05", key: true }],
      },
      {
        id: "stargate",
        title: "Stargate",
        facts: [
          { id: "stargate-1", text: "Stargate was announced.", added: "2026-01-05", key: true },
        ],
      },
    ],
  });
}

export function fixedKnowledge(kb: KnowledgeBase): KnowledgeSource {
  return { current: () => kb };
}

export function channelRequest(
  text: string,
  overrides: Partial<Omit<BriefingRequest, "user" | "conversation">> & {
    user?: Partial<BriefingRequest["user"]>;
    conversation?: Partial<BriefingRequest["conversation"]>;
  } = {},
): BriefingRequest {
  const { user, conversation, ...rest } = overrides;
  return {
    platform: { name: "slack", deliversDigests: true },
    text,
    at: new Date("2026-01-07T12:00:00Z"),
    ...rest,
    user: { id: "UADMIN", isPlatformAdmin: () => true, ...user },
    conversation: { id: "C1", workspaceId: "T1", isDirect: false, ...conversation },
  };
}

/** One scripted answer of the fake platform to `deliver`. */
export type Scripted =
  | { kind: "rate-limited"; retryAfterMs: number }
  | { kind: "transient"; committed?: boolean }
  | { kind: "permanent"; reason: string }
  /** Posts, then does not answer until `release` settles: a crash window. */
  | { kind: "hang"; release: Promise<void>; onStored?: () => void }
  /** A slow post: nothing reaches the channel until `release` settles, then it posts. */
  | { kind: "hold"; release: Promise<void>; onHeld?: () => void };

/**
 * A chat platform in memory: keeps messages per channel, tagged with their key, so lookups work
 * like Slack metadata or a Discord nonce would.
 */
export class FakePlatform implements DigestDelivery {
  readonly platform;
  readonly messages: {
    channel: string;
    week: string;
    subscriptionId: number;
    reply: Reply;
    id: string;
  }[] = [];
  readonly calls: { op: "deliver" | "find"; channel: string; week: string }[] = [];
  private script: Scripted[] = [];
  private seq = 0;

  constructor(platform: "slack" | "discord" = "slack") {
    this.platform = platform;
  }

  failNext(...answers: Scripted[]) {
    this.script.push(...answers);
  }

  postsTo(channel: string) {
    return this.messages.filter((m) => m.channel === channel);
  }

  private store(target: DeliveryTarget, reply: Reply, key: DigestKey) {
    this.seq++;
    const id = `m${this.seq}`;
    this.messages.push({
      channel: target.channelId,
      week: key.week,
      subscriptionId: key.subscriptionId,
      reply,
      id,
    });
    return id;
  }

  async deliver(target: DeliveryTarget, reply: Reply, key: DigestKey): Promise<DeliveryResult> {
    this.calls.push({ op: "deliver", channel: target.channelId, week: key.week });
    const next = this.script.shift();
    if (next?.kind === "rate-limited") {
      return { ok: false, failure: "rate-limited", reason: "429", retryAfterMs: next.retryAfterMs };
    }
    if (next?.kind === "transient") {
      if (next.committed) this.store(target, reply, key);
      return { ok: false, failure: "transient", reason: "503" };
    }
    if (next?.kind === "permanent") return { ok: false, failure: "permanent", reason: next.reason };
    if (next?.kind === "hold") {
      next.onHeld?.();
      await next.release;
    }
    const id = this.store(target, reply, key);
    if (next?.kind === "hang") {
      next.onStored?.();
      await next.release;
    }
    return { ok: true, messageId: id };
  }

  async findExisting(target: DeliveryTarget, key: DigestKey): Promise<LookupResult> {
    this.calls.push({ op: "find", channel: target.channelId, week: key.week });
    const hit = this.messages.find(
      (m) =>
        m.channel === target.channelId &&
        m.week === key.week &&
        m.subscriptionId === key.subscriptionId,
    );
    return hit ? { found: true, messageId: hit.id } : { found: false };
  }
}
