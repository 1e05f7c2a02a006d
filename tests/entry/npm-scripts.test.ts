/**
 * The README's commands on a production install: `npm run cli` and `npm start` run with the
 * devDependencies absent (no tsx, no TypeScript), build dist/app/ when there is none, and rebuild
 * it when a source was edited, so an edit is never run stale.
 *
 * The checkout is a copy of the sources in a temporary folder; its node_modules links every
 * package of ours except those the lock file marks dev-only, as `npm ci --omit=dev` installs them.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";

let root: string;

/** What a bundle file loads at run time: static and dynamic imports, and bundled `require`s. */
const IMPORTED = /(?:^(?:import|export)\b[^;]*?\bfrom\s*|\bimport\(|\brequire\()"([^"\s]+)"/gm;

/** Every top-level package path in node_modules that `npm ci --omit=dev` installs. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const packages: Record<string, { dev?: boolean }> = lock.packages;
  return Object.entries(packages)
    .filter(([path, info]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !info.dev)
    .map(([path]) => path)
    .filter((path) => existsSync(join(ROOT, path)));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "npm-scripts-"));
  for (const part of ["bin", "src", "adapters", "scripts", "package.json", "package-lock.json"]) {
    await cp(join(ROOT, part), join(root, part), { recursive: true });
  }
  await symlink(join(ROOT, "knowledge"), join(root, "knowledge"));
  for (const path of productionPackages()) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await symlink(join(ROOT, path), join(root, path));
  }
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function npm(
  args: string[],
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", args, {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? root,
        WEB_PORT: "off",
        HEALTH_PORT: "off",
        DATABASE_PATH: join(root, "briefing.db"),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm start and npm run cli on a production install", () => {
  it("run without any devDependency, build the app when there is none, and run an edited source after rebuilding", async () => {
    for (const dev of ["tsx", "typescript", "vitest"]) {
      expect(existsSync(join(root, "node_modules", dev)), dev).toBe(false);
    }
    expect(existsSync(join(root, "node_modules", "esbuild"))).toBe(true);

    const asked = await npm(["run", "--silent", "cli", "--", "ask", "stargate"]);
    expect(asked.stderr).toBe("");
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^Stargate\n/);
    expect(existsSync(join(root, "dist", "app", "cli.js"))).toBe(true);

    // Everything the build imports from node_modules is installed without the devDependencies.
    const { dependencies } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    const imported = new Set<string>();
    for (const file of await readdir(join(root, "dist", "app"))) {
      if (!file.endsWith(".js")) continue;
      const code = await readFile(join(root, "dist", "app", file), "utf8");
      for (const [, specifier = ""] of code.matchAll(IMPORTED)) {
        if (specifier.startsWith(".") || isBuiltin(specifier)) continue;
        imported.add(/^(@[^/]+\/)?[^/]+/.exec(specifier)?.[0] ?? specifier);
      }
    }
    expect([...imported].filter((name) => !(name in dependencies))).toEqual([]);
    expect(imported.has("better-sqlite3")).toBe(true);

    const help = join(root, "src", "commands", "help.ts");
    const source = await readFile(help, "utf8");
    expect(source).toContain('title: "Partnership briefing: commands"');
    await writeFile(help, source.replace("Partnership briefing: commands", "Edited: commands"));
    const started = await npm(["start", "--silent"], "help\n");
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^Edited: commands\n/);
  });
});
