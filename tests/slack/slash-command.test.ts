import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBlock, SlackMessage } from "../../adapters/slack/render.ts";
import type { Briefing } from "../../src/core/briefing.ts";
import { factsOf } from "../../src/reply/reply.ts";
import { replay } from "../helpers/recording.ts";
import { limitViolations, unsafeStrings } from "./check-message.ts";
import { callsAfterStart, type Harness, knowledge, realBriefing, startHarness } from "./harness.ts";

type CommandResponse = SlackMessage & { response_type?: string };

const textOf = (block: SlackBlock): string => {
  if (block.type === "header" || block.type === "section") return block.text.text;
  if (block.type === "context") return block.elements.map((e) => e.text).join(" | ");
  return block.elements.map((e) => e.text.text).join(" | ");
};

/** Slack unescapes these three when it shows text; compare against what people will read. */
const shown = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("GIVEN the adapter with the real core and knowledge, WHEN /partnership is used", () => {
  let h: Harness;
  let core: Briefing;
  beforeAll(async () => {
    h = await startHarness({
      fake: {
        users: {
          UADMIN: { is_admin: true },
          UADMIN2: { is_admin: true },
          UOWNER: { is_owner: true },
          UPLAIN: {},
        },
      },
    });
    core = await realBriefing();
  });
  afterAll(async () => {
    await h.close();
  });

  it("THEN `stargate` is answered in the ack, ephemerally, with the Stargate facts each naming its sources", async () => {
    const { res } = await h.command("stargate");
    expect(res.status).toBe(200);
    const body = res.json<CommandResponse>();
    expect(body.response_type).toBe("ephemeral");
    expect(limitViolations(body)).toEqual([]);
    expect(body.blocks[0]?.type).toBe("header");
    expect(shown(textOf(body.blocks[0] as SlackBlock))).toMatch(/stargate/i);

    // What the core answers for the same request is what the blocks show.
    const request = h.briefing.requests.at(-1);
    if (!request) throw new Error("the core was not asked");
    const facts = factsOf(await core.handle(replay(request)));
    const kb = await knowledge();
    const stargateFacts = new Set((kb.factsByTopic.get("stargate") ?? []).map((f) => f.id));
    expect(facts.filter((f) => stargateFacts.has(f.id)).length).toBeGreaterThan(0);

    const texts = body.blocks.map(textOf).map(shown);
    for (const fact of facts) {
      const at = texts.findIndex((t) => t.includes(fact.text.slice(0, 60)));
      expect(at, `fact ${fact.id} is shown`).toBeGreaterThan(0);
      const sources = texts[at + 1] ?? "";
      expect(body.blocks[at + 1]?.type).toBe("context");
      for (const source of fact.sources) {
        const label = kb.sources.get(source.id)?.label ?? source.id;
        expect(sources, `${fact.id} names ${source.id}`).toContain(label);
      }
    }
    // A share button for the channel, carrying the command.
    const actions = body.blocks.at(-1);
    expect(actions?.type).toBe("actions");
    expect(body.text).toMatch(/stargate/i);
  });

  it("THEN the request reaching the core is plain data about the command", async () => {
    await h.command("&lt;b&gt; sources  ", {
      userId: "UPLAIN",
      channelId: "C0042",
      userName: "bo",
    });
    expect(h.briefing.requests.at(-1)).toMatchObject({
      platform: { name: "slack" },
      text: "<b> sources",
      user: { id: "UPLAIN", askedAdmin: false, name: "bo" },
      conversation: { id: "C0042", workspaceId: "T0001", isDirect: false },
    });
    await h.command("topics", { channelId: "D0042" });
    expect(h.briefing.requests.at(-1)?.conversation.isDirect).toBe(true);
  });

  it("THEN help, topics, timeline and sources all answer within Slack's limits", async () => {
    for (const text of ["help", "topics", "timeline stargate", "sources", "sources stargate", ""]) {
      const { res } = await h.command(text);
      expect(res.status, text).toBe(200);
      const body = res.json<CommandResponse>();
      expect(body.response_type, text).toBe("ephemeral");
      expect(limitViolations(body), text).toEqual([]);
      expect(body.blocks.length, text).toBeGreaterThan(0);
      expect(Object.keys(body).sort(), text).toEqual(["blocks", "response_type", "text"]);
    }
  });

  it("THEN users.info is asked only for commands that need admin rights, and only once in a while", async () => {
    const before = h.fake.callsTo("users.info").length;
    await h.command("stargate", { userId: "UADMIN" });
    await h.command("status", { userId: "UADMIN" });
    expect(h.fake.callsTo("users.info")).toHaveLength(before);

    await h.command("subscribe mon 09:00 UTC", { userId: "UADMIN" });
    expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin).toBe(true);
    await h.command("unsubscribe", { userId: "UADMIN" });
    expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin).toBe(true);
    expect(h.fake.callsTo("users.info").map((c) => c.body.user)).toEqual(["UADMIN"]);

    await h.command("subscribe", { userId: "UOWNER" });
    expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin).toBe(true);
    await h.command("subscribe", { userId: "UPLAIN" });
    expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin).toBe(false);
    // Unknown to users.info (user_not_found): no admin rights, and still an answer.
    const { res } = await h.command("subscribe", { userId: "UNOBODY" });
    expect(res.status).toBe(200);
    expect(h.briefing.requests.at(-1)?.user.isPlatformAdmin).toBe(false);
  });

  it("THEN when users.info keeps failing, an admin command is still answered, without admin rights", async () => {
    h.fake.failNext("users.info", { status: 503 }, { status: 503 }, { status: 503 });
    const { res } = await h.command("unsubscribe", { userId: "UADMIN2" });
    expect(res.status).toBe(200);
    // UADMIN2 is an admin, but nobody could say so.
    expect(h.briefing.requests.at(-1)?.user).toMatchObject({
      id: "UADMIN2",
      isPlatformAdmin: false,
    });
    const lookups = h.fake.callsTo("users.info").filter((c) => c.body.user === "UADMIN2");
    expect(lookups.map((c) => c.status)).toEqual([503, 503, 503]);
    expect(h.logs.join("\n")).toContain("users.info failed (");
  });

  it("THEN nothing it sends asks Slack to parse names", async () => {
    const { res } = await h.command("stargate");
    const body = res.json<Record<string, unknown>>();
    expect(body).not.toHaveProperty("link_names");
    expect(body).not.toHaveProperty("parse");
    for (const call of callsAfterStart(h.fake)) {
      expect(call.body).not.toHaveProperty("link_names");
      expect(call.body).not.toHaveProperty("parse");
    }
    expect(unsafeStrings(body)).toEqual([]);
  });
});

describe("GIVEN a core slower than the ack budget", () => {
  let h: Harness;
  let release: () => void = () => {};
  beforeAll(async () => {
    h = await startHarness({
      ackBudgetMs: 20,
      wrap: (real) => ({
        ...real,
        handle: async (request) => {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return real.handle(request);
        },
      }),
    });
  });
  afterAll(async () => {
    release();
    await h.close();
  });

  it("THEN the command is acked empty and the answer follows on its response_url", async () => {
    const { res, responseUrl } = await h.command("stargate");
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(h.fake.callsTo("response_url")).toHaveLength(0);

    release();
    const call = await h.fake.waitFor("response_url");
    expect(responseUrl.endsWith(`/response/${call.responseId}`)).toBe(true);
    expect(call.body.response_type).toBe("ephemeral");
    expect(limitViolations(call.body)).toEqual([]);
    expect(JSON.stringify(call.body.blocks)).toMatch(/Sources?: /);
  });
});

describe("GIVEN a core that fails unexpectedly", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      wrap: (real) => ({
        ...real,
        handle: () => Promise.reject(new Error("boom in the core")),
      }),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it("THEN the user gets a short ephemeral apology and the log gets the error", async () => {
    const { res } = await h.command("stargate");
    expect(res.status).toBe(200);
    const body = res.json<CommandResponse>();
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toMatch(/went wrong/);
    expect(body.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(h.logs.join("\n")).toContain("boom in the core");
  });
});
