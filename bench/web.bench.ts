/**
 * Web briefing: what a page costs per request, 500 requests per page, each page two ways: through
 * the Hono app in process (`app.request()`: routing, rendering, headers; no socket) and over real
 * HTTP on loopback with one keep-alive connection (what a browser on the same machine waits for,
 * body read in full). The search page asks the same text each time, so the core's reply cache
 * answers after the first; the pages themselves are rendered afresh on every request.
 */
import { Agent, get } from "node:http";
import { createWebApp } from "../adapters/web/app.ts";
import { startWeb } from "../adapters/web/index.ts";
import { createBriefing } from "../src/core/briefing.ts";
import { loadKnowledge } from "../src/knowledge/loader.ts";
import { createLogger } from "../src/log.ts";
import type { Bench } from "./harness.ts";

const N = 500;
const SECTION = "web";

export default async (bench: Bench): Promise<void> => {
  const loaded = await loadKnowledge(process.env.KNOWLEDGE_DIR ?? "knowledge");
  if (!loaded.ok) throw new Error("the knowledge base does not load; run the cli check");
  const kb = loaded.knowledge;
  const briefing = createBriefing({ knowledge: { current: () => kb } });
  const aFact =
    [...kb.facts.values()].find((f) => f.status === "disputed") ?? [...kb.facts.values()][0];
  const pages = [
    "/",
    "/topics/stargate",
    `/facts/${aFact?.id ?? "none"}`,
    "/timeline",
    "/search?q=stargate",
  ];

  const app = createWebApp({ briefing });
  for (const path of pages) {
    let bytes = 0;
    const durations = await bench.timeEach(N, async () => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      bytes = (await res.text()).length;
    });
    bench.summarize(
      SECTION,
      `${path} in process (app.request)`,
      durations,
      `${Math.round(bytes / 1024)} KiB`,
    );
  }

  const web = await startWeb({
    port: 0,
    hostname: "127.0.0.1",
    briefing,
    logger: createLogger({ level: "silent" }),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const fetchPage = (path: string) =>
    new Promise<number>((resolve, reject) => {
      get({ host: "127.0.0.1", port: web.port, path, agent }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () =>
          res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      }).on("error", reject);
    });
  try {
    for (const path of pages) {
      const durations = await bench.timeEach(N, () => fetchPage(path));
      bench.summarize(SECTION, `${path} over loopback HTTP`, durations);
    }
  } finally {
    agent.destroy();
    await web.stop();
  }
};
