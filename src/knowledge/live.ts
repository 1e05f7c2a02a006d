/**
 * The knowledge base the running bot serves, reloaded when a file under the folder changes.
 * A broken edit is refused with the checker's problems in the log, and the last good base keeps
 * serving.
 */
import { type FSWatcher, watch } from "node:fs";
import type { Logger } from "../log.ts";
import { type BriefingMetrics, NO_METRICS } from "../ops/metrics.ts";
import { type FolderFingerprint, fingerprintFolder } from "./folder-fingerprint.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import { type LoadResult, loadKnowledge } from "./loader.ts";
import { formatProblem } from "./problems.ts";
import { capProblems } from "./size-limits.ts";
import type { KnowledgeSource } from "./source.ts";

/** Editors write a file in several steps; wait for the burst to end before reloading. */
const SETTLE_MS = 150;

/**
 * How often the folder is fingerprinted (see folder-fingerprint.ts) besides the watcher. The
 * watcher is fast but goes deaf when the folder is swapped, recreated or moved back; the poll
 * catches those within this interval, at the cost of one stat per data file per tick (about a
 * millisecond for the shipped base, a few for the bench's 1,000 files).
 */
export const FINGERPRINT_INTERVAL_MS = 1000;

export class LiveKnowledge implements KnowledgeSource {
  private kb: KnowledgeBase;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private reloading: Promise<LoadResult> | undefined;
  private pending = false;
  /** The folder as it was when last loaded (or refused), and which folder the watcher is on. */
  private seen: FolderFingerprint | undefined;
  private watched: string | undefined;
  private missing = false;

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
    const seen = await fingerprintFolder(dir);
    const result = await loadKnowledge(dir);
    if (!result.ok) return { problems: capProblems(result.problems.map(formatProblem)) };
    prepare(result.knowledge);
    const live = new LiveKnowledge(result.knowledge, logger, prepare, metrics);
    live.seen = seen;
    return live;
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
    this.reloading = this.load();
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

  private async load(): Promise<LoadResult> {
    const dir = this.kb.dir;
    try {
      // Taken before reading: an edit made during the load shows up as a change next tick.
      const seen = await fingerprintFolder(dir);
      const result = await loadKnowledge(dir);
      if (seen) this.seen = seen;
      if (result.ok) {
        this.prepare(result.knowledge);
        this.kb = result.knowledge;
        this.logger.info({ stats: result.knowledge.stats }, "knowledge reloaded");
        this.metrics.knowledgeReloaded(true);
      } else {
        this.logger.warn(
          { problems: capProblems(result.problems.map(formatProblem)) },
          `knowledge edit refused (${result.problems.length} problem(s)); still serving the last good base`,
        );
        this.metrics.knowledgeReloaded(false);
      }
      return result;
    } catch (error) {
      // Never an unhandled rejection from a reload nobody awaits: say so and keep serving.
      this.logger.error(
        { err: error },
        "knowledge reload failed; still serving the last good base",
      );
      return { ok: false, problems: [{ file: dir, message: `could not be reloaded: ${error}` }] };
    }
  }

  /** Watches the folder and reloads after changes settle; also polls for what a watcher misses. */
  watch(): void {
    if (this.poll) return;
    this.arm();
    this.poll = setInterval(() => void this.check(), FINGERPRINT_INTERVAL_MS);
    this.poll.unref();
  }

  private arm(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.watched = this.seen?.identity;
    try {
      this.watcher = watch(this.kb.dir, { recursive: true }, () => this.soon());
      this.watcher.on("error", (error) => {
        // Usually the folder went away; the poll notices when it is back and re-arms.
        this.logger.debug({ err: error }, "knowledge watcher stopped");
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (error) {
      this.logger.debug({ err: error }, "knowledge folder cannot be watched now; polling");
    }
  }

  private soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), SETTLE_MS);
  }

  private async check(): Promise<void> {
    const now = await fingerprintFolder(this.kb.dir);
    if (!this.poll) return;
    if (!now) {
      if (!this.missing) {
        this.missing = true;
        this.logger.warn(
          { dir: this.kb.dir },
          "knowledge folder disappeared; still serving the last good base until it is back",
        );
      }
      return;
    }
    if (this.missing) {
      this.missing = false;
      this.logger.info({ dir: this.kb.dir }, "knowledge folder is back; reloading it");
    }
    // A new folder at the path: the watcher is on the old one (or none), so watch this one.
    if (now.identity !== this.watched || !this.watcher) {
      this.seen = { ...now, contents: this.seen?.contents ?? "" };
      this.arm();
    }
    if (now.identity !== this.seen?.identity || now.contents !== this.seen.contents) {
      this.seen = now;
      this.soon();
    }
  }

  close(): void {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.poll = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }
}
