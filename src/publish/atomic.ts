/**
 * Atomic publish: build into a fresh folder beside the output, then swap it in
 * with renames. A build that fails or is killed half-way leaves the previous
 * site untouched (readers never see a half-written site).
 */
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";

export async function publishAtomically(outDir: string, build: (dir: string) => Promise<void>): Promise<void> {
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
}
