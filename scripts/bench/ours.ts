// Our build, through its fixed command-line contract. The build is developed
// separately, so anything it does wrong (missing, crashing, running out of memory) is
// recorded in the table rather than stopping the benchmark.

import { join } from 'node:path';
import { countFiles, removeDir, settleDisk } from './fsutil.ts';
import { measure } from './measure.ts';
import { fromMeasurement, type ToolResult } from './result.ts';

/** Fixed so that every run renders the same site (relative dates, "latest" lists). */
export const BUILD_NOW = '2026-11-22T12:00:00Z';

const LABEL = 'ours (full site)';

export async function runOurs(repoRoot: string, corpusDir: string, outDir: string, size: number, timeoutMs: number): Promise<ToolResult> {
  removeDir(outDir);
  settleDisk();
  const m = await measure('npm', ['run', 'build', '--', '--seeds', corpusDir, '--out', outDir, '--now', BUILD_NOW], {
    cwd: repoRoot,
    // npm's update check would add network time to the build's.
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeoutMs,
  });
  return fromMeasurement('ours', LABEL, size, m, countFiles(outDir, '.html'));
}

export function oursOutDir(outRoot: string, size: number): string {
  return join(outRoot, `ours-${size}`);
}
