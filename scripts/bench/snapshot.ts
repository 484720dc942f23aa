// Our build runs from a snapshot of the working tree taken when the benchmark starts
// (bench/out/tree/), not from the working tree itself. Other engineers edit and build
// in the same checkout while a run takes minutes, and both would change what is
// measured half-way through:
// - an edit to src/ changes the hash of the code that page fingerprints and the ingest
//   cache carry (src/publish/page-keys.ts, src/ingest/disk-cache.ts), so the next build
//   rewrites every page: a "rebuild" would then be a full build;
// - any build of another seeds folder rewrites the ingest cache's index, which holds only
//   the last build's seeds (.cache/ingest/index.bin), evicting ours before a timed rebuild.
// The snapshot is one version of the code for the whole run, and its own `.cache/`
// (found by the build relative to its own files) is touched by nobody else.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { removeDir } from './fsutil.ts';

export interface Snapshot {
  dir: string;
  files: number;
  /** Files that differ from HEAD (modified, added or untracked) when it was taken. */
  changedFromHead: number;
}

function git(repoRoot: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20 });
}

/**
 * Copies every file the working tree has (tracked or untracked, not ignored: what a
 * build in the checkout sees) to `dest`, and links node_modules. Undefined outside a
 * git checkout, where the build then runs in place.
 */
export function snapshotTree(repoRoot: string, dest: string): Snapshot | undefined {
  let listed: string[];
  let changedFromHead: number;
  try {
    listed = git(repoRoot, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter((f) => f !== '');
    changedFromHead = git(repoRoot, ['status', '-z', '--porcelain']).split('\0').filter((l) => /^[ MADRCU?!]{2} /.test(l)).length;
  } catch {
    return undefined;
  }
  removeDir(dest);
  let files = 0;
  const made = new Set<string>();
  for (const rel of listed) {
    const from = join(repoRoot, rel);
    // Tracked but deleted in the working tree: the build does not see it either.
    if (lstatSync(from, { throwIfNoEntry: false }) === undefined) continue;
    const to = join(dest, rel);
    const folder = dirname(to);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    cpSync(from, to, { verbatimSymlinks: true, preserveTimestamps: true });
    files++;
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dest, 'node_modules'), 'dir');
  // Worker code bundled by earlier builds (src/threads/start-worker.ts), named by the hash
  // of its sources: copied, so that those still current need not be made again. A bundle
  // for other sources is simply never used.
  const bundles = join(repoRoot, '.cache', 'bundles');
  if (lstatSync(bundles, { throwIfNoEntry: false })?.isDirectory()) cpSync(bundles, join(dest, '.cache', 'bundles'), { recursive: true });
  // The commands' and the worker threads' bundles are made again after any edit in the
  // checkout (2 s with esbuild's process beside the build): made now, untimed, as the
  // first build after an edit or `npm ci` makes them.
  if (existsSync(join(dest, 'scripts', 'run.mjs'))) execFileSync(process.execPath, ['scripts/run.mjs', 'bundle'], { cwd: dest, stdio: 'ignore' });
  return { dir: dest, files, changedFromHead };
}
