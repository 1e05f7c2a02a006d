import { afterEach, describe, expect, it } from "vitest";
import { renderSlack } from "../../adapters/slack/render.ts";
import type { SubscriptionCommands } from "../../src/commands/definition.ts";
import { createBriefing } from "../../src/core/briefing.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import { memoizeRender } from "../../src/render/memo.ts";
import type { Reply } from "../../src/reply/reply.ts";
import { knowledgeCopy, request, shippedKnowledge } from "../helpers/knowledge.ts";

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
});

describe("GIVEN the core remembering its read-only replies", () => {
  it("WHEN a question is asked again THEN the same reply comes back, frozen all the way down", async () => {
    const kb = await shippedKnowledge();
    const briefing = createBriefing({ knowledge: { current: () => kb } });
    const first = await briefing.handle(request("stargate"));
    const again = await briefing.handle(
      request("stargate", { platform: { name: "slack", deliversDigests: true } }),
    );
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const line = first.sections[0]?.lines[0];
    expect(line?.factId).toBeDefined();
    expect(Object.isFrozen(line?.sources[0])).toBe(true);
    expect(() => {
      (line as { text: string }).text = "changed";
    }).toThrow(TypeError);
    // Every read-only command is remembered, each under its own text.
    for (const text of ["topics", "timeline stargate", "sources stargate", "help", "help status"]) {
      const reply = await briefing.handle(request(text));
      expect(await briefing.handle(request(text))).toBe(reply);
    }
    expect(await briefing.handle(request("sources stargate"))).not.toBe(first);
  });

  it("WHEN the base is reloaded THEN answers come from the new base, never the old one", async () => {
    const copy = await knowledgeCopy();
    disposers.push(copy.dispose);
    const load = async (): Promise<KnowledgeBase> => {
      const result = await loadKnowledge(copy.dir);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.knowledge;
    };
    let current = await load();
    const briefing = createBriefing({ knowledge: { current: () => current } });
    expect((await briefing.handle(request("stargate"))).title).toBe("Stargate");

    await copy.edit("topics/stargate.yaml", (t) =>
      t.replace("title: Stargate\n", "title: Stargate project\n"),
    );
    current = await load();
    expect((await briefing.handle(request("stargate"))).title).toBe("Stargate project");
  });

  it("WHEN a command reads or changes subscriptions THEN it is answered afresh every time", async () => {
    const kb = await shippedKnowledge();
    const calls: string[] = [];
    const answer = (name: string) => async (): Promise<Reply> => {
      calls.push(name);
      return {
        kind: "notice",
        title: `${name} #${calls.length}`,
        sections: [],
        citations: [],
        shareable: false,
        visibility: "channel",
      };
    };
    const subscriptions: SubscriptionCommands = {
      subscribe: answer("subscribe"),
      unsubscribe: answer("unsubscribe"),
      status: answer("status"),
      previewDigest: answer("digest"),
    };
    const briefing = createBriefing({ knowledge: { current: () => kb }, subscriptions });
    const admin = { user: { id: "U1", isPlatformAdmin: () => true } };
    for (const text of ["status", "digest", "subscribe", "unsubscribe"]) {
      const first = await briefing.handle(request(text, admin));
      const second = await briefing.handle(request(text, admin));
      expect(second.title).not.toBe(first.title);
    }
    expect(calls).toEqual([
      "status",
      "status",
      "digest",
      "digest",
      "subscribe",
      "subscribe",
      "unsubscribe",
      "unsubscribe",
    ]);
    // A non-admin's refusal is not remembered for the admin who asks next.
    const refused = await briefing.handle(request("unsubscribe"));
    expect(refused.kind).toBe("error");
    expect((await briefing.handle(request("unsubscribe", admin))).kind).toBe("notice");
  });

  it("WHEN more texts are asked than it keeps THEN the least recently used one is forgotten", async () => {
    const kb = await shippedKnowledge();
    const briefing = createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 2 });
    const stargate = await briefing.handle(request("stargate"));
    const money = await briefing.handle(request("money"));
    expect(await briefing.handle(request("stargate"))).toBe(stargate); // now the most recent
    await briefing.handle(request("topics")); // pushes out "money", the least recent
    expect(await briefing.handle(request("stargate"))).toBe(stargate);
    const moneyAgain = await briefing.handle(request("money"));
    expect(moneyAgain).not.toBe(money);
    expect(moneyAgain).toEqual(money);
  });

  it("WHEN the cache is off THEN every answer is composed afresh, and equal", async () => {
    const kb = await shippedKnowledge();
    const briefing = createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 });
    const first = await briefing.handle(request("stargate"));
    const second = await briefing.handle(request("stargate"));
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(Object.isFrozen(first)).toBe(false);
  });
});

describe("GIVEN a renderer wrapped with memoizeRender", () => {
  it("renders a remembered reply once per options, and anything else every time", async () => {
    const kb = await shippedKnowledge();
    const briefing = createBriefing({ knowledge: { current: () => kb } });
    const render = memoizeRender(renderSlack);
    const reply = await briefing.handle(request("stargate"));
    const shared = render(reply, { shareCommand: "stargate" });
    expect(render(reply, { shareCommand: "stargate" })).toBe(shared);
    expect(shared).toEqual(renderSlack(reply, { shareCommand: "stargate" }));
    expect(Object.isFrozen(shared.blocks)).toBe(true);

    const plain = render(reply);
    expect(plain).not.toBe(shared);
    const hasButton = (m: typeof plain) => m.blocks.some((b) => b.type === "actions");
    expect(hasButton(shared)).toBe(true);
    expect(hasButton(plain)).toBe(false);

    // Many typed texts lead to one reply ("ask stargate", "ASK  stargate", "stargate"): only a
    // few renderings of it are remembered, the rest are rendered each time.
    const texts = Array.from({ length: 50 }, (_, i) => `ask${" ".repeat(i + 1)}stargate`);
    const again = texts.map((t) => render(reply, { shareCommand: t }));
    expect(
      texts.map((t) => render(reply, { shareCommand: t })).filter((m, i) => m === again[i]),
    ).toHaveLength(2);

    const fresh = createBriefing({ knowledge: { current: () => kb }, replyCacheSize: 0 });
    const unfrozen = await fresh.handle(request("stargate"));
    const once = render(unfrozen, { shareCommand: "stargate" });
    expect(render(unfrozen, { shareCommand: "stargate" })).not.toBe(once);
    expect(Object.isFrozen(once)).toBe(false);
  });
});
