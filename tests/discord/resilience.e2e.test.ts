/**
 * Slow work, failures and start-up, end to end against the fake Discord: deferral and edit,
 * a failing handler answered politely while the client keeps serving, REST failures on the
 * callback, and start-up errors that name the setting without logging the token.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startDiscord } from "../../adapters/discord/index.ts";
import { type Briefing, failureReply } from "../../src/core/briefing.ts";
import { BriefingError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { startFakeDiscord } from "../fakes/discord/index.ts";
import { type Harness, realBriefing, startHarness, TOKEN } from "./harness.ts";

const EPHEMERAL = 64;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The real core, except that a question containing "boom" makes it throw: a bug stand-in. */
async function failingOnBoom(): Promise<Briefing> {
  const real = await realBriefing();
  return {
    ...real,
    handle: async (request) => {
      if (request.text.includes("boom")) throw new Error("bug in the core");
      return real.handle(request);
    },
  };
}

const ask = (harness: Harness, query: string) =>
  harness.fake.slash({ command: "partnership", subcommand: "ask", options: { query } });

// The always-defer setting (`deferAfterMs: 0`) is driven by "throws after a deferral" below.
describe("slow core", () => {
  it("GIVEN the core still working after deferAfterMs THEN it defers (type 5, ephemeral) and edits @original with the embeds once the answer is ready", async () => {
    // The real core behind a gate the test opens: slow for exactly as long as the test wants.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const real = await realBriefing();
    const slow: Briefing = { ...real, handle: async (r) => gate.then(() => real.handle(r)) };
    h = await startHarness({ briefing: slow, adapter: { deferAfterMs: 20 } });
    const handle = ask(h, "stargate");
    expect(await handle.response()).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    open();
    const edit = (await handle.edit()) as {
      embeds?: { title?: string }[];
      allowed_mentions?: unknown;
      components?: unknown[];
    };
    expect(edit.embeds?.[0]?.title).toMatch(/stargate/i);
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    // The Share button's row and the Evidence menu's.
    expect(edit.components).toHaveLength(2);
    // The message Discord now shows is the answer, no longer loading.
    expect(handle.original()).toMatchObject({ flags: EPHEMERAL });
  });
});

describe("failures", () => {
  it("GIVEN the core throws THEN the user gets a short apology, ephemeral, and the next interaction is answered", async () => {
    h = await startHarness({ briefing: await failingOnBoom() });
    const failed = await ask(h, "boom").response();
    expect(failed.type).toBe(4);
    const data = failed.data as {
      flags?: number;
      embeds?: { title?: string }[];
      allowed_mentions?: unknown;
    };
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds?.[0]?.title).toBe(failureReply().title);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(
      h.logs.some((l) => l.includes("discord interaction failed") && l.includes("bug in the core")),
    ).toBe(true);

    const next = await ask(h, "stargate").response();
    expect((next.data as { embeds?: { title?: string }[] }).embeds?.[0]?.title).toMatch(
      /stargate/i,
    );
  });

  it("GIVEN the core throws after a deferral THEN the apology replaces the loading message", async () => {
    h = await startHarness({ briefing: await failingOnBoom(), adapter: { deferAfterMs: 0 } });
    const handle = ask(h, "boom");
    expect((await handle.response()).type).toBe(5);
    const edit = (await handle.edit()) as {
      embeds?: { title?: string }[];
      allowed_mentions?: unknown;
    };
    expect(edit.embeds?.[0]?.title).toBe(failureReply().title);
    expect(edit.allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN Discord rejects the callback (interaction expired) THEN it is logged without the interaction token and the client keeps serving", async () => {
    h = await startHarness();
    h.fake.failNext("POST /interactions/:interactionId/:token/callback", [
      { status: 404, code: 10062, message: "Unknown interaction" },
      { status: 404, code: 10062, message: "Unknown interaction" },
    ]);
    const lost = ask(h, "stargate");
    await h.waitForLog("could not report the failure");
    const logs = h.logs.join("\n");
    expect(logs).toContain("Unknown interaction");
    expect(logs).not.toContain(lost.token);

    const next = await ask(h, "stargate").response();
    expect(next.type).toBe(4);
  });

  it("keeps serving after an autocomplete for an option it does not complete", async () => {
    h = await startHarness();
    const handle = h.fake.autocomplete({
      command: "partnership",
      subcommand: "help",
      options: { command: "su" },
      focused: "command",
    });
    expect(await handle.response()).toEqual({ type: 8, data: { choices: [] } });
    expect((await ask(h, "stargate").response()).type).toBe(4);
  });
});

describe("sharding", () => {
  it("GIVEN Discord recommends two shards in GET /gateway/bot THEN the client opens both (shard 0/2 and 1/2) and is ready once both are", async () => {
    h = await startHarness({ fake: { shards: 2 } });
    const shards = h.fake.sessions
      .filter((s) => s.ready)
      .map((s) => s.identify?.shard)
      .sort();
    expect(shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.adapter.health()).toEqual({ ok: true });
    expect(h.adapter.client.ws.shards.size).toBe(2);
  });
});

describe("start-up", () => {
  const logger = (lines: string[]) =>
    createLogger({ level: "trace", destination: { write: (line: string) => lines.push(line) } });

  it("GIVEN no token THEN start-up stops with a message naming DISCORD_TOKEN", async () => {
    const briefing = await realBriefing();
    const error = await startDiscord({
      config: { token: "", applicationId: "1" },
      briefing,
      logger: logger([]),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe("CONFIG_INVALID");
    expect((error as Error).message).toContain("DISCORD_TOKEN");
  });

  it("GIVEN a token Discord refuses THEN start-up stops naming DISCORD_TOKEN, and the token is never logged", async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    const lines: string[] = [];
    const wrong = "MTk5OTk5OTk5OTk5OTk5OTk5.Wr0nG1.this-token-is-wrong-and-secret";
    try {
      const error = await startDiscord({
        config: { token: wrong, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
        briefing: await realBriefing(),
        logger: logger(lines),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BriefingError);
      expect((error as Error).message).toMatch(/refused the bot token.*DISCORD_TOKEN/);
      expect((error as Error).message).not.toContain(wrong);
      expect(fake.requests.find((r) => r.path === "/gateway/bot")?.status).toBe(401);
      const all = lines.join("\n");
      for (const part of [wrong, ...wrong.split(".")]) expect(all).not.toContain(part);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN DISCORD_API_URL points nowhere THEN start-up stops with a message naming it", async () => {
    const fake = await startFakeDiscord();
    const apiUrl = fake.apiUrl;
    await fake.close();
    const error = await startDiscord({
      config: { token: TOKEN, applicationId: "1", apiUrl },
      briefing: await realBriefing(),
      logger: logger([]),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("DISCORD_API_URL");
  });
});
