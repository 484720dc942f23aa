/**
 * The output folder is replaced wholesale on every build, so it must never be
 * a folder that holds anything else: `--out .`, `--out ~` or `--out seeds`
 * would otherwise be swapped away and deleted.
 */
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const contains = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

export function checkOutputDir(outDir: string, { seedsDir, projectDir = process.cwd() }: { seedsDir?: string; projectDir?: string } = {}): void {
  const out = path.resolve(outDir);
  const refuse = (why: string): never => {
    throw new Error(`refusing to write the site to ${outDir}: ${why}`);
  };
  if (path.parse(out).root === out) refuse("it is the root of the file system");
  const guarded: Array<[string, string]> = [
    [path.resolve(projectDir), "the project folder"],
    [process.cwd(), "the current folder"],
    [os.homedir(), "your home folder"],
  ];
  if (seedsDir) guarded.push([path.resolve(seedsDir), "the seeds folder"]);
  for (const [dir, what] of guarded) {
    if (contains(out, dir)) refuse(`it ${out === dir ? "is" : "holds"} ${what}, and the output is replaced on every build`);
  }
  if (seedsDir && contains(path.resolve(seedsDir), out)) refuse("it is inside the seeds folder");
  try {
    if (!statSync(out).isDirectory()) refuse("it exists and is not a folder");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
