// Our build, through its fixed command-line contract. The build is developed
// separately, so anything it does wrong (missing, crashing, running out of memory) is
// recorded in the table rather than stopping the benchmark.

import { join } from 'node:path';
import { countFiles, removeDir, settleDisk } from './fsutil.ts';
import { measure } from './measure.ts';
import { parsePagesLine } from './pages-line.ts';
import { fromMeasurement, type ToolName, type ToolResult } from './result.ts';

/** Fixed so that every run renders the same site (relative dates, "latest" lists). */
export const BUILD_NOW = '2026-11-22T12:00:00Z';

/** What each of our rows runs, after `npm run build -- --seeds <copy> --out <out> --now BUILD_NOW`. */
export const OURS_FLAGS = {
  cold: ['--no-cache', '--no-search'],
  search: [],
  rebuild: ['--no-search'],
} as const;

export const OURS_LABELS = {
  ours: 'ours: full site, cold',
  'ours-search': 'ours: search index (Pagefind)',
  'ours-unchanged': 'ours: rebuild, nothing changed',
  'ours-changed': 'ours: rebuild, one seed changed',
  'ours-added': 'ours: rebuild, one seed added',
  'ours-photo': 'ours: rebuild, one seed with a new photo added',
} as const satisfies Partial<Record<ToolName, string>>;

export type OursStep = keyof typeof OURS_LABELS;

export interface OursBuild {
  repoRoot: string;
  seedsDir: string;
  outDir: string;
  size: number;
  timeoutMs: number;
}

function buildCommand(b: OursBuild, flags: readonly string[]): [string, string[]] {
  return ['npm', ['run', 'build', '--', '--seeds', b.seedsDir, '--out', b.outDir, '--now', BUILD_NOW, ...flags]];
}

async function measureBuild(b: OursBuild, flags: readonly string[]): ReturnType<typeof measure> {
  settleDisk();
  const [command, args] = buildCommand(b, flags);
  // npm's update check would add network time to the build's.
  return measure(command, args, { cwd: b.repoRoot, env: { ...process.env, npm_config_update_notifier: 'false' }, timeoutMs: b.timeoutMs });
}

/** The full site into an empty folder, reading every seed and writing no search index. */
export async function runCold(b: OursBuild): Promise<ToolResult> {
  removeDir(b.outDir);
  const m = await measureBuild(b, OURS_FLAGS.cold);
  return fromMeasurement('ours', OURS_LABELS.ours, b.size, m, countFiles(b.outDir, '.html'));
}

/**
 * A build with search on, over a site built without it: the row's time is the
 * Pagefind indexing time the build reports, not the process's wall time. The
 * parts an earlier try indexed are kept in the snapshot's `.cache/search/`
 * (src/render/plugins/search-store.ts), where this build would link them: the
 * store goes first, so that every try indexes every part.
 */
export async function runSearch(b: OursBuild): Promise<ToolResult> {
  removeDir(join(b.repoRoot, '.cache', 'search'));
  const m = await measureBuild(b, OURS_FLAGS.search);
  const result = fromMeasurement('ours-search', OURS_LABELS['ours-search'], b.size, m, null);
  if (result.status !== 'ok') return result;
  const line = parsePagesLine(m.stdoutTail);
  const whole = `whole build: wall ${m.wallSeconds.toFixed(2)} s${m.cpuSeconds === null ? '' : `, CPU ${m.cpuSeconds.toFixed(1)} s`}`;
  if (line?.searchSeconds == null) {
    return { ...result, status: 'failed', note: `the build printed no "search index N s" (${line ? 'search index unchanged' : 'no Pages: line'}); ${whole}` };
  }
  // The process's CPU time is mostly reading seeds and planning pages, so it is left out.
  return { ...result, wallSeconds: line.searchSeconds, cpuSeconds: null, note: `${whole}; ${line.written} of ${line.total} pages written` };
}

/** A second build into the same folder with the caches on; `what` says what changed. */
export async function runRebuild(b: OursBuild, step: Exclude<OursStep, 'ours' | 'ours-search'>, what: string): Promise<ToolResult> {
  const m = await measureBuild(b, OURS_FLAGS.rebuild);
  const result = fromMeasurement(step, OURS_LABELS[step], b.size, m, null);
  if (result.status !== 'ok') return result;
  const line = parsePagesLine(m.stdoutTail);
  if (line === undefined) return { ...result, note: `${what}; the build printed no "Pages:" line, so pages written are unknown` };
  // Pages per second would flatter a build that writes a handful of pages.
  return { ...result, pages: line.written, pagesTotal: line.total, note: `${what}; ${line.written} of ${line.total} pages written, ${line.removed} removed` };
}

export function oursDirs(outRoot: string, size: number): { seedsDir: string; outDir: string } {
  return { seedsDir: join(outRoot, `seeds-${size}`), outDir: join(outRoot, `ours-${size}`) };
}
