/**
 * A cheap summary of a knowledge folder's identity and contents, so a change that `fs.watch`
 * misses is still seen. A watcher follows the folder's inode: once the folder is deleted and
 * recreated, moved away and back, or swapped by a rename (a Kubernetes ConfigMap's `..data`
 * symlink, rsync's `--delay-updates`, a `git checkout` of a parent), it watches the old one and
 * falls silent. `stat` follows symlinks, so a swapped target shows up as another inode.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";

export interface FolderFingerprint {
  /** Which folder this is: a swapped or recreated folder has another one. */
  identity: string;
  /** Every data file's name, size, mtime and inode: any edit or swap changes it. */
  contents: string;
}

const DATA_FILE = /\.(ya?ml|json)$/i;

async function filesOf(dir: string): Promise<string[]> {
  const top = await readdir(dir).catch(() => [] as string[]);
  const topics = await readdir(join(dir, "topics")).catch(() => [] as string[]);
  return [
    ...top.filter((f) => DATA_FILE.test(f)),
    ...topics.filter((f) => DATA_FILE.test(f)).map((f) => join("topics", f)),
  ].sort();
}

/** The folder's fingerprint, or undefined when it is not there (deleted, moved away). */
export async function fingerprintFolder(dir: string): Promise<FolderFingerprint | undefined> {
  try {
    const real = await realpath(dir);
    const self = await stat(dir);
    const topics = await stat(join(dir, "topics")).catch(() => undefined);
    const files = await filesOf(dir);
    const parts = await Promise.all(
      files.map(async (f) => {
        const s = await stat(join(dir, f)).catch(() => undefined);
        return s ? `${f}:${s.size}:${s.mtimeMs}:${s.ino}` : `${f}:gone`;
      }),
    );
    return {
      identity: `${real}:${self.dev}:${self.ino}:${topics?.ino ?? "-"}`,
      contents: parts.join("|"),
    };
  } catch {
    return undefined;
  }
}
