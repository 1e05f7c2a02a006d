/**
 * The knowledge base the running bot serves, reloaded when a file under the folder changes.
 * A broken edit is refused with the checker's problems in the log, and the last good base keeps
 * serving.
 */
import { type FSWatcher, watch } from "node:fs";
import type { Logger } from "../log.ts";
import { type BriefingMetrics, NO_METRICS } from "../ops/metrics.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import { type LoadResult, loadKnowledge } from "./loader.ts";
import { formatProblem } from "./problems.ts";
import type { KnowledgeSource } from "./source.ts";

/** Editors write a file in several steps; wait for the burst to end before reloading. */
const SETTLE_MS = 150;

export class LiveKnowledge implements KnowledgeSource {
  private kb: KnowledgeBase;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<LoadResult> | undefined;
  private pending = false;

  private constructor(
    kb: KnowledgeBase,
    private readonly logger: Logger,
    private readonly prepare: (kb: KnowledgeBase) => void,
    private readonly metrics: BriefingMetrics,
  ) {
    this.kb = kb;
  }

  /**
   * Loads the folder; on problems returns them instead (start-up refuses a broken base).
   * `prepare` runs on every base before it is served (the entry point builds its search index
   * there, so the first question after a reload does not pay for it). `metrics` counts reloads
   * and refused ones.
   */
  static async open(
    dir: string,
    logger: Logger,
    prepare: (kb: KnowledgeBase) => void = () => undefined,
    metrics: BriefingMetrics = NO_METRICS,
  ): Promise<LiveKnowledge | { problems: string[] }> {
    const result = await loadKnowledge(dir);
    if (!result.ok) return { problems: result.problems.map(formatProblem) };
    prepare(result.knowledge);
    return new LiveKnowledge(result.knowledge, logger, prepare, metrics);
  }

  current(): KnowledgeBase {
    return this.kb;
  }

  /** Reloads now; swaps the base only if the whole folder checks out. */
  async reload(): Promise<LoadResult> {
    if (this.reloading) {
      // Another change arrived mid-reload: run once more after it, so the last edit is seen.
      this.pending = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      const result = await loadKnowledge(this.kb.dir);
      if (result.ok) {
        this.prepare(result.knowledge);
        this.kb = result.knowledge;
        this.logger.info({ stats: result.knowledge.stats }, "knowledge reloaded");
        this.metrics.knowledgeReloaded(true);
      } else {
        this.logger.warn(
          { problems: result.problems.map(formatProblem) },
          `knowledge edit refused (${result.problems.length} problem(s)); still serving the last good base`,
        );
        this.metrics.knowledgeReloaded(false);
      }
      return result;
    })();
    try {
      return await this.reloading;
    } finally {
      this.reloading = undefined;
      if (this.pending) {
        this.pending = false;
        void this.reload();
      }
    }
  }

  /** Watches the folder and reloads after changes settle. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.kb.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), SETTLE_MS);
    });
    this.watcher.on("error", (error) =>
      this.logger.warn({ err: error }, "knowledge watcher failed"),
    );
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
