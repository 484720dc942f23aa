// File-system helpers shared by the benchmark steps.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Flushes dirty pages before a timed run, so a tool does not pay for the writeback
 * (or, on this ext4 mounted with `discard`, the trims of deleted files) of whatever
 * ran before it. Call it after clearing the tool's output folder.
 */
export function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // not fatal: timings are just noisier
  }
}
