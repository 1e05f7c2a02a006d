/**
 * compose.yaml, read as Docker Compose reads it (YAML merge keys on): PostgreSQL and two bot
 * replicas on one DATABASE_URL, each waiting for the database to be healthy, each with a health
 * check on its own port, both on the same knowledge folder. Nothing here can pull images, so the
 * file is checked for what the replicas need, not run.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}${file}`, "utf8");

const Service = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  environment: z.record(z.string(), z.string()).default({}),
  env_file: z.array(z.object({ path: z.string(), required: z.boolean() })).optional(),
  volumes: z.array(z.string()).default([]),
  ports: z.array(z.string()).default([]),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  stop_grace_period: z.string().optional(),
});
const Compose = z.object({ services: z.record(z.string(), Service) });

const compose = Compose.parse(parse(read("compose.yaml"), { merge: true }));
const service = (name: string) => {
  const s = compose.services[name];
  if (!s) throw new Error(`compose.yaml has no service ${name}`);
  return s;
};
const bots = ["bot-a", "bot-b"].map(service);

describe("compose.yaml", () => {
  it("runs PostgreSQL 15 with a readiness check and a volume for its data", () => {
    const pg = service("postgres");
    expect(pg.image).toMatch(/^postgres:15\b/);
    expect(pg.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(pg.volumes.some((v) => v.endsWith(":/var/lib/postgresql/data"))).toBe(true);
  });

  it("runs two replicas of the bot's image on one DATABASE_URL, at the postgres service's database", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["bot-a", "bot-b", "postgres"]);
    const urls = bots.map((b) => b.environment.DATABASE_URL);
    expect(urls[0]).toBeDefined();
    expect(urls[1]).toBe(urls[0]);
    const url = new URL((urls[0] ?? "").replace(/\$\{POSTGRES_PASSWORD:-(\w+)\}/, "$1"));
    const pg = service("postgres").environment;
    expect(url.protocol).toBe("postgres:");
    expect(url.hostname).toBe("postgres");
    expect(url.username).toBe(pg.POSTGRES_USER);
    expect(url.pathname).toBe(`/${pg.POSTGRES_DB}`);
    for (const bot of bots) {
      expect(bot.build).toBe(".");
      expect(bot.depends_on?.postgres?.condition).toBe("service_healthy");
    }
    const dockerfile = read("Dockerfile");
    // The image runs the compiled app with node itself (no npm in between, so `docker stop`'s
    // SIGTERM reaches the bot) as the unprivileged user, with production dependencies only.
    expect(dockerfile).toMatch(/^CMD \["node", .*"dist\/app\/start\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
  });

  it("gives each replica Slack's HTTP port, checked at /readyz, published on a port of its own", () => {
    const published = bots.flatMap((b) => b.ports.filter((p) => p.endsWith(":3000")));
    expect(published).toHaveLength(2);
    expect(new Set(published.map((p) => p.split(":")[0])).size).toBe(2);
    for (const bot of bots) {
      expect(bot.environment.PORT).toBe("3000");
      expect(bot.healthcheck?.test.join(" ")).toContain("http://127.0.0.1:3000/readyz");
      // Longer than the bot's default SHUTDOWN_GRACE_MS (10 s), so a post in flight is recorded.
      expect(Number.parseInt(bot.stop_grace_period ?? "0", 10)).toBeGreaterThan(10);
      expect(bot.env_file).toEqual([{ path: ".env", required: false }]);
    }
  });

  it("mounts one knowledge folder into both replicas, where KNOWLEDGE_DIR points", () => {
    const mounts = bots.map((b) => b.volumes.find((v) => v.startsWith("./knowledge:")));
    expect(mounts[0]).toBeDefined();
    expect(mounts[1]).toBe(mounts[0]);
    const target = (mounts[0] ?? "").split(":")[1];
    for (const bot of bots) expect(bot.environment.KNOWLEDGE_DIR).toBe(target);
  });

  it("sets only settings the bot knows (every one is listed in .env.example)", () => {
    const known = new Set(
      read(".env.example")
        .split("\n")
        .flatMap((line) => line.match(/^([A-Z_][A-Z0-9_]*)=/)?.[1] ?? []),
    );
    for (const bot of bots) {
      for (const name of Object.keys(bot.environment)) expect(known).toContain(name);
    }
  });
});
