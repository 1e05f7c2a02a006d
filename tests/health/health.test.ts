/**
 * Health and metrics in-process: the routes on their own node:http server (the `HEALTH_PORT` path)
 * over a real briefing, a real SQLite store and the shipped knowledge, with checks registered here
 * as bin/start-main.ts registers its own. The checks `npm start` registers, passing and failing
 * (503 with the reason), are tests/web/npm-start.e2e.test.ts's; the same routes on Slack's HTTP
 * port, wired by `npm start`, are in tests/entry/slack-start.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHealth, parseHealthConfig, serveHealth } from "../../adapters/health/index.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { request, shippedKnowledge } from "../helpers/knowledge.ts";

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function running() {
  const kb = await shippedKnowledge();
  const store = openSqliteStore(":memory:");
  stops.push(() => store.close());
  const health = createHealth();
  health.check("knowledge", () => ({ ok: kb.stats.facts > 0 }));
  health.check("database", () => store.health());
  const server = await serveHealth(0, health.routes);
  stops.push(() => server.stop());
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };
  const briefing = createBriefing({ knowledge: { current: () => kb }, metrics: health.metrics });
  return { health, store, get, briefing };
}

describe("health and metrics on HEALTH_PORT", () => {
  it("/healthz answers 200; /readyz is 200 while every check passes and 503 with the reason when the database is gone", async () => {
    const { get, store } = await running();
    expect(await get("/healthz")).toMatchObject({ status: 200, body: "ok\n" });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toBe("knowledge: ok\ndatabase: ok\n");

    store.close();
    const down = await get("/readyz");
    expect(down.status).toBe(503);
    expect(down.body).toContain("database: the database is closed");
    expect(down.body).toContain("knowledge: ok");
    expect((await get("/nowhere")).status).toBe(404);
  });

  it("a check that throws makes /readyz 503 with its message, not a crash", async () => {
    const { get, health } = await running();
    health.check("discord", () => {
      throw new Error("gateway not ready");
    });
    const res = await get("/readyz");
    expect(res.status).toBe(503);
    expect(res.body).toContain("discord: gateway not ready");
  });

  it("/metrics counts commands by name and platform, latency and misses, with no user text or ids", async () => {
    const { get, briefing } = await running();
    const before = await get("/metrics");
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.body).toContain('briefing_digests_total{outcome="paused"} 0');
    expect(before.body).not.toContain("briefing_commands_total{");

    await briefing.handle(request("stargate", { platform: { name: "console" } }));
    await briefing.handle(
      request("what did zorblatquux say", {
        platform: { name: "console" },
        user: { id: "U0SECRETID", isPlatformAdmin: () => false },
        conversation: { id: "C0SECRETCHAN", isDirect: false },
      }),
    );
    await briefing.handle(request("", { platform: { name: "console" } }));

    const { body } = await get("/metrics");
    expect(body).toContain('briefing_commands_total{command="ask",platform="console"} 2');
    expect(body).toContain('briefing_commands_total{command="invalid",platform="console"} 1');
    expect(body).toContain('briefing_questions_unmatched_total{platform="console"} 1');
    expect(body).toMatch(
      /briefing_command_duration_seconds_count\{command="ask",platform="console"\} 2/,
    );
    for (const secret of ["zorblatquux", "U0SECRETID", "C0SECRETCHAN"])
      expect(body).not.toContain(secret);
  });
});

describe("HEALTH_PORT", () => {
  it("defaults to 9090, takes a port or 0, is turned off by `off`, and refuses anything else clearly", () => {
    expect(parseHealthConfig({})).toEqual({ ok: true, port: 9090 });
    expect(parseHealthConfig({ HEALTH_PORT: " 0 " })).toEqual({ ok: true, port: 0 });
    expect(parseHealthConfig({ HEALTH_PORT: "OFF" })).toEqual({ ok: true, port: "off" });
    expect(parseHealthConfig({ HEALTH_PORT: "http" })).toEqual({
      ok: false,
      error: "HEALTH_PORT must be a port number between 0 and 65535, or off",
    });
  });
});
