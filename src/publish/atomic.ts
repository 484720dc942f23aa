/**
 * Atomic publish: build into a fresh folder beside the output, then swap it in
 * with renames. A build that fails or is killed half-way leaves the previous
 * site untouched (readers never see a half-written site).
 *
 * Only one build writes an output at a time (src/publish/lock.ts); holding
 * the lock, a build first clears what a killed build left beside the output,
 * and puts the previous site back if a build died between the two renames.
 *
 * The site a swap replaced can be deleted by a process of its own, after the
 * build has ended (`removeOld: "after"`): deleting 15,000 pages and their
 * 10,000 folders took 3.4 s on this machine's disk, once the new site was
 * already live. It is first renamed `.<name>.trash-…`, a name never put back,
 * and a build that finds one (its process killed) deletes it the same way.
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { checkOutputDir } from "./guard.ts";
import { linkTree } from "./link-tree.ts";
import { lockOutput, lockPathFor } from "./lock.ts";
import { isSearchIndexEntry } from "../render/search-parts.ts";

async function holdsLock(outDir: string): Promise<boolean> {
  const text = await readFile(lockPathFor(outDir), "utf8").catch(() => "");
  try {
    return (JSON.parse(text) as { pid?: number }).pid === process.pid;
  } catch {
    return false;
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Folders handed to a process of their own by this one: once each. */
const removing = new Set<string>();

/** Deletes `dir` in a process of its own, which outlives this one (errors ignored: the next build tries again). */
function removeAfterExit(dir: string): void {
  if (removing.has(dir)) return;
  removing.add(dir);
  try {
    const script = "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })";
    const child = spawn(process.execPath, ["-e", script, dir], { detached: true, stdio: "ignore", windowsHide: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // Left for the next build.
  }
}

/**
 * Leftovers of killed builds: `.<name>.building-<pid>` and `.<name>.previous-<pid>`; and replaced
 * sites whose deletion did not finish (`.<name>.trash-…`), whose deletion starts again.
 */
export async function cleanLeftovers(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const n of names) if (n.startsWith(`.${name}.trash-`)) removeAfterExit(path.join(parent, n));
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

/** What a build asks the publish step to do beyond placing its files. */
export interface Changes {
  /** Files of the live site to delete, relative to it (`2025/09/02/old-slug/index.html`). */
  removed: readonly string[];
  /** The build wrote the whole site: swap it in even when merging was asked for (the search index it did not write is kept). */
  whole?: boolean;
  /**
   * Files of the new site the build may have left in the live one instead of writing them
   * (processed images it reused), relative to it: when the site is swapped in whole, those the
   * staging folder lacks are carried over from the live site first, as hard links.
   */
  carried?: readonly string[];
  /**
   * The build made the search index: its top-level entries once published (src/render/search-parts.ts).
   * Those it did not write are kept from the live site, others of the live index go. Without it, the
   * live index is kept as it is.
   */
  searchIndex?: readonly string[];
}

/** The live index's entries `staging` did not write that `changes` keeps. */
async function keptSearchEntries(outDir: string, staging: string, changes: Changes | void): Promise<{ kept: string[]; gone: string[] }> {
  const live = (await readdir(outDir).catch(() => [] as string[])).filter(isSearchIndexEntry);
  const written = new Set(await readdir(staging));
  const old = live.filter((name) => !written.has(name));
  const keep = (name: string) => !changes?.searchIndex || changes.searchIndex.includes(name);
  return { kept: old.filter(keep), gone: old.filter((name) => !keep(name)) };
}

/**
 * `merge: false` (a full build): `build` writes the whole site into a staging
 * folder (made empty for it), which is swapped in for the output with two renames.
 *
 * `merge: true` (an incremental build): `build` writes only the files that
 * changed; each is then renamed into the live site (a rename replaces a file
 * atomically: a reader gets the old page or the new one, never half of
 * one), and the pages in `removed` are deleted last. A build that fails or is
 * killed before that step leaves the live site untouched; one killed during
 * it (milliseconds for a few pages) leaves some pages new and some old, and
 * the next build, whose manifest still describes the old pages, writes the
 * rest. Without a live site to merge into, or when the build says it wrote
 * the whole site (`Changes.whole`), it is published whole; the parts of the
 * search index it did not write (all of them, when no article changed) are
 * carried over from the live site first, as hard links. Each part of the
 * search index (a Pagefind bundle: a folder) replaces the live one whole.
 */
export async function publishAtomically(
  outDir: string,
  build: (dir: string) => Promise<Changes | void>,
  options: {
    seedsDir?: string;
    merge?: boolean;
    /** When the site a swap replaced is deleted: before this returns (default), or by a process of its own, after this one. */
    removeOld?: "now" | "after";
  } = {},
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
    // Made here, not by the first file the build writes: an incremental one may write none.
    await mkdir(staging);
    let changes: Changes | void;
    try {
      changes = await build(staging);
    } catch (cause) {
      await rm(staging, { recursive: true, force: true });
      throw cause;
    }
    if (options.merge && (await exists(outDir))) {
      const search = await keptSearchEntries(outDir, staging, changes);
      if (!changes?.whole) {
        await mergeInto(outDir, staging, previous, changes?.removed ?? [], search.gone);
        return;
      }
      for (const name of search.kept) linkTree(path.join(outDir, name), path.join(staging, name));
      for (const file of changes?.carried ?? []) {
        const [from, to] = [path.join(outDir, file), path.join(staging, file)];
        if ((await exists(to)) || !(await exists(from))) continue;
        await mkdir(path.dirname(to), { recursive: true });
        linkTree(from, to);
      }
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
    if (hadPrevious && options.removeOld === "after") {
      const trash = path.join(parent, `.${name}.trash-${process.pid}-${Date.now()}`);
      await rename(previous, trash);
      removeAfterExit(trash);
    } else if (hadPrevious) {
      await rm(previous, { recursive: true, force: true });
    }
  } finally {
    await ownLock?.release();
  }
}

/** `searchGone`: entries of the live search index to delete. */
async function mergeInto(outDir: string, staging: string, trash: string, removed: readonly string[], searchGone: readonly string[]): Promise<void> {
  const madeDirs = new Set<string>();
  const toTrash = async (name: string) => {
    await mkdir(trash, { recursive: true });
    await rename(path.join(outDir, name), path.join(trash, name)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  };
  for (const entry of await readdir(staging, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isSearchIndexEntry(entry.name)) continue;
    await toTrash(entry.name);
    await rename(path.join(staging, entry.name), path.join(outDir, entry.name));
  }
  for (const name of searchGone) await toTrash(name);
  for (const entry of await readdir(staging, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(outDir, path.relative(staging, from));
    const folder = path.dirname(to);
    if (!madeDirs.has(folder)) await mkdir(folder, { recursive: true }), madeDirs.add(folder);
    await rename(from, to);
  }
  for (const file of removed) await removeWithEmptyParents(path.join(outDir, file), outDir);
  await rm(trash, { recursive: true, force: true });
  await rm(staging, { recursive: true, force: true });
}

/** Deletes a file and the folders it leaves empty, up to (not including) `root`. */
export async function removeWithEmptyParents(file: string, root: string): Promise<void> {
  await unlink(file).catch(() => undefined);
  for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
    if ((await readdir(dir).catch(() => ["?"])).length > 0) break;
    await rmdir(dir).catch(() => undefined);
  }
}
