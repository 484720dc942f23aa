/**
 * Atomic publish: build into a fresh folder beside the output, then swap it in
 * with renames. A build that fails or is killed half-way leaves the previous
 * site untouched (readers never see a half-written site).
 *
 * Only one build writes an output at a time (src/publish/lock.ts); holding
 * the lock, a build first clears what a killed build left beside the output,
 * and puts the previous site back if a build died between the two renames.
 */
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { checkOutputDir } from "./guard.ts";
import { lockOutput, lockPathFor } from "./lock.ts";

async function holdsLock(outDir: string): Promise<boolean> {
  const text = await readFile(lockPathFor(outDir), "utf8").catch(() => "");
  try {
    return (JSON.parse(text) as { pid?: number }).pid === process.pid;
  } catch {
    return false;
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Leftovers of killed builds: `.<name>.building-<pid>` and `.<name>.previous-<pid>`. */
export async function cleanLeftovers(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const previous = names.filter((n) => n.startsWith(`.${name}.previous-`)).sort();
  const building = names.filter((n) => n.startsWith(`.${name}.building-`));
  const notes: string[] = [];
  if (previous.length && !(await exists(outDir))) {
    // Killed between "output → previous" and "staging → output": the old site is whole.
    const last = previous.pop()!;
    await rename(path.join(parent, last), outDir);
    notes.push(`restored ${name} from ${last}, left by a build killed while swapping`);
  }
  for (const n of [...previous, ...building]) {
    await rm(path.join(parent, n), { recursive: true, force: true });
    notes.push(`removed ${n}, left by a build that did not finish`);
  }
  return notes;
}

export async function publishAtomically(
  outDir: string,
  build: (dir: string) => Promise<void>,
  options: { seedsDir?: string } = {},
): Promise<void> {
  outDir = path.resolve(outDir);
  checkOutputDir(outDir, options);
  const ownLock = (await holdsLock(outDir)) ? undefined : await lockOutput(outDir);
  try {
    await cleanLeftovers(outDir);
    const parent = path.dirname(outDir);
    const name = path.basename(outDir);
    const staging = path.join(parent, `.${name}.building-${process.pid}`);
    const previous = path.join(parent, `.${name}.previous-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    try {
      await build(staging);
      if (!(await stat(staging)).isDirectory()) throw new Error(`the build did not write ${staging}`);
    } catch (cause) {
      await rm(staging, { recursive: true, force: true });
      throw cause;
    }
    const hadPrevious = await rename(outDir, previous).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return false;
        throw e;
      },
    );
    try {
      await rename(staging, outDir);
    } catch (cause) {
      if (hadPrevious) await rename(previous, outDir); // put the old site back
      throw cause;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await ownLock?.release();
  }
}
