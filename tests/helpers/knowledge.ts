import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createBriefing } from "../../src/core/briefing.ts";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { loadKnowledge } from "../../src/knowledge/loader.ts";
import type { BriefingRequest } from "../../src/reply/request.ts";

export const KNOWLEDGE_DIR = fileURLToPath(new URL("../../knowledge", import.meta.url));

let shipped: Promise<KnowledgeBase> | undefined;

/** The shipped fact base, loaded once per test file. */
export function shippedKnowledge(): Promise<KnowledgeBase> {
  shipped ??= loadKnowledge(KNOWLEDGE_DIR).then((r) => {
    if (!r.ok) throw new Error(`shipped knowledge is invalid: ${JSON.stringify(r.problems)}`);
    return r.knowledge;
  });
  return shipped;
}

export async function shippedBriefing() {
  const kb = await shippedKnowledge();
  return createBriefing({ knowledge: { current: () => kb } });
}

export function request(text: string, overrides: Partial<BriefingRequest> = {}): BriefingRequest {
  return {
    platform: { name: "cli" },
    text,
    user: { id: "U1", isPlatformAdmin: () => false },
    conversation: { id: "C1", isDirect: false },
    at: new Date("2026-11-23T10:00:00Z"),
    ...overrides,
  };
}

/** A throwaway copy of the shipped knowledge folder that a test may break. */
export async function knowledgeCopy(): Promise<{
  dir: string;
  edit(file: string, change: (text: string) => string): Promise<void>;
  write(file: string, text: string): Promise<void>;
  dispose(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "knowledge-"));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  return {
    dir,
    async edit(file, change) {
      const path = join(dir, file);
      const before = await readFile(path, "utf8");
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing`);
      await writeFile(path, after);
    },
    async write(file, text) {
      await writeFile(join(dir, file), text);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
