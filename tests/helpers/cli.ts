/** Run the project's commands as a user would, and make throwaway seed folders. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** `npm run <script> -- …args`, as the npm script runs it (through scripts/run.mjs). */
export function runScript(script: "build" | "check" | "new", args: string[], options: { timeout?: number; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.mjs"), script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every test file runs in its own process: the folders it made go when it exits. */
const made: string[] = [];
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const madeTemp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `newsroom-${prefix}-`));
  made.push(dir);
  return dir;
};

/** A temp folder holding copies of the real seeds, with a fixed mtime (so undated seeds get a known date). */
export function tempSeeds(mtime = new Date("2025-09-03T09:00:00Z")): string {
  const dir = madeTemp("seeds");
  cpSync(path.join(ROOT, "seeds"), dir, { recursive: true });
  for (const f of readdirSync(dir)) utimesSync(path.join(dir, f), mtime, mtime);
  return dir;
}

/** An empty temp folder, removed when the test file's process exits. */
export const tempDir = madeTemp;

/** A copy of the project in a temp folder (its caches, bundles and static files its own), with the packages linked in. */
export function tempProject(): string {
  const project = madeTemp("project");
  for (const part of ["scripts", "src", "_includes", "_data", ".eleventy.ts", "package.json", "tsconfig.json"]) {
    cpSync(path.join(ROOT, part), path.join(project, part), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  return project;
}
