/** Small builders for hand-made replies in renderer tests. */
import type { Reply, ReplyLine, SourceRef } from "../../src/reply/reply.ts";

export const src = (id: string, label = id): SourceRef => ({ id, title: `Title of ${id}`, label });

export const fact = (
  text: string,
  sources: SourceRef[],
  extra: Partial<ReplyLine> = {},
): ReplyLine => ({
  text,
  sources,
  role: "fact",
  ...extra,
});

export const reply = (parts: Partial<Reply>): Reply => ({
  kind: "answer",
  title: "Stargate",
  sections: [],
  citations: [],
  ...parts,
});
