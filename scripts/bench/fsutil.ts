// File-system helpers shared by the benchmark steps.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Every file under `root`, as paths relative to it with `/` separators, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop() ?? '';
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) out.push(path);
    }
  }
  return out.sort();
}

/** Number of files ending in `suffix` under `root`; 0 when it does not exist. */
export function countFiles(root: string, suffix: string): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() ?? root;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // a build that failed early may not have made its output folder
    }
    for (const entry of entries) {
      if (entry.isDirectory()) stack.push(join(dir, entry.name));
      else if (entry.name.endsWith(suffix)) n++;
    }
  }
  return n;
}

/** Trash folders `removeDir` moved folders into, for `emptyTrash`. */
const trashes = new Set<string>();
let trashed = 0;

/**
 * Moves `dir` out of the way (into `.bench-trash` beside it) rather than deleting it.
 * On ext4 without a journal, as this VM's disk is, creating a file scans past every
 * inode freed in the last 5 to 300 seconds (`recently_deleted` in fs/ext4/ialloc.c,
 * https://github.com/torvalds/linux/blob/master/fs/ext4/ialloc.c), so writing 10,000
 * pages after 10,000 were deleted took 10 s instead of 1 s: whichever tool ran after a
 * deletion paid for it. `emptyTrash` deletes the lot after the timed runs.
 */
export function removeDir(dir: string): void {
  if (!existsSync(dir)) return;
  const trash = join(dirname(dir), '.bench-trash');
  mkdirSync(trash, { recursive: true });
  renameSync(dir, join(trash, `${process.pid}-${trashed++}-${basename(dir)}`));
  trashes.add(trash);
}

/** Deletes what `removeDir` moved aside (and what a killed run left in the same trash folders). */
export function emptyTrash(): void {
  for (const trash of trashes) rmSync(trash, { recursive: true, force: true });
  trashes.clear();
}

/**
 * Flushes dirty pages before a timed run, so a tool does not pay for the writeback
 * of whatever ran before it. Call it after clearing the tool's output folder.
 */
export function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // not fatal: timings are just noisier
  }
}
