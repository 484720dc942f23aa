// The targets of issue #6, checked against one benchmark run. The issue sets most of
// them at 10,000 articles (the 100,000 ones at 100,000); at other sizes the same test
// is shown for scale and marked as such, never counted as meeting the target.

import type { ToolName, ToolResult } from './result.ts';

/** What the targets need of a run: the rows of each size. */
export interface RunResults {
  sizes: ReadonlyArray<{ size: number; results: readonly ToolResult[] }>;
}

export interface TargetRow {
  target: string;
  articles: number;
  /** False when the issue sets the target at another size and this row is for scale. */
  atIssueSize: boolean;
  measured: string;
  limit: string;
  /** Null when the run cannot tell (a baseline missing, not measured here). */
  met: boolean | null;
}

export const ISSUE_SIZE = 10_000;
export const LARGE_SIZE = 100_000;
const RSS_LIMIT_MB = 600;
const LARGE_RSS_LIMIT_MB = 3 * 1024;
const LARGE_TIME_FACTOR = 12;
const REBUILD_SHARE = 0.15;
const STORIES_LIMIT_S = 10;
const PREVIEW_LIMIT_S = 1;

const secs = (x: number): string => `${x.toFixed(2)} s`;
const mb = (x: number): string => `${Math.round(x).toLocaleString('en-US')} MB`;

function row(results: readonly ToolResult[], tool: ToolName): ToolResult | undefined {
  return results.find((r) => r.tool === tool);
}

/**
 * `measure` of a row that ran; a row that failed or timed out misses the target (a
 * crash is what the target is about), one that was not run says nothing.
 */
function check(
  r: ToolResult | undefined,
  measure: (r: ToolResult) => { measured: string; met: boolean | null } | undefined,
): { measured: string; met: boolean | null } {
  if (r === undefined) return { measured: 'not run', met: null };
  if (r.status === 'unavailable') return { measured: 'not run', met: null };
  if (r.status !== 'ok') return { measured: r.status, met: false };
  return measure(r) ?? { measured: 'not measured', met: null };
}

/**
 * "`npm start` shows an added or changed seed": both preview rows within the limit. One
 * row failing misses the target; one not run leaves it open unless the other missed.
 */
function previewTarget(results: readonly ToolResult[]): { measured: string; met: boolean | null } {
  const parts = (
    [
      ['changed', 'ours-preview-changed'],
      ['added', 'ours-preview-added'],
    ] as const
  ).map(([what, tool]) => ({
    what,
    ...check(row(results, tool), (r) => (r.wallSeconds === null ? undefined : { measured: secs(r.wallSeconds), met: r.wallSeconds <= PREVIEW_LIMIT_S })),
  }));
  const met = parts.some((p) => p.met === false) ? false : parts.every((p) => p.met === true) ? true : null;
  return { measured: parts.map((p) => `${p.what} ${p.measured}`).join(', '), met };
}

/** Wall time of `r` as a share of the cold full build's. */
export function shareOfFull(results: readonly ToolResult[], tool: ToolName): number | null {
  const full = row(results, 'ours');
  const r = row(results, tool);
  if (!full || !r || full.status !== 'ok' || r.status !== 'ok' || full.wallSeconds === null || r.wallSeconds === null || full.wallSeconds <= 0) return null;
  return r.wallSeconds / full.wallSeconds;
}

export function evaluateTargets(run: RunResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const push = (target: string, articles: number, atIssueSize: boolean, limit: string, c: { measured: string; met: boolean | null }): void => {
    rows.push({ target, articles, atIssueSize, limit, measured: c.measured, met: c.met });
  };

  for (const { size, results } of run.sizes) {
    const ours = row(results, 'ours');
    const hugo = row(results, 'hugo');
    const atIssue = size === ISSUE_SIZE;
    push('Full site no slower than Hugo (same run)', size, atIssue, '≤ 1.00× Hugo', check(ours, (o) => {
      if (!hugo || hugo.status !== 'ok' || o.wallSeconds === null || hugo.wallSeconds === null) return { measured: `Hugo ${hugo?.status ?? 'not run'}`, met: null };
      const ratio = o.wallSeconds / hugo.wallSeconds;
      return { measured: `${ratio.toFixed(2)}× (${secs(o.wallSeconds)} vs ${secs(hugo.wallSeconds)})`, met: ratio <= 1 };
    }));
    if (size < LARGE_SIZE) {
      push('Full site peak RSS', size, atIssue, `≤ ${mb(RSS_LIMIT_MB)}`, check(ours, (o) => (o.peakRssMB === null ? undefined : { measured: mb(o.peakRssMB), met: o.peakRssMB <= RSS_LIMIT_MB })));
    }
    for (const [tool, what] of [['ours-changed', 'changed'], ['ours-added', 'added']] as const) {
      push(`Rebuild after one seed ${what}, share of the full build`, size, atIssue, `≤ ${REBUILD_SHARE * 100}%`, check(row(results, tool), (r) => {
        const share = shareOfFull(results, tool);
        if (share === null || r.wallSeconds === null) return undefined;
        return { measured: `${(share * 100).toFixed(1)}% (${secs(r.wallSeconds)})`, met: share <= REBUILD_SHARE };
      }));
    }
    push('`npm start` shows an added or changed seed', size, atIssue, `≤ ${PREVIEW_LIMIT_S} s each`, previewTarget(results));
  }

  const large = run.sizes.find((s) => s.size === LARGE_SIZE);
  if (large) {
    const ours = row(large.results, 'ours');
    const base = row(run.sizes.find((s) => s.size === ISSUE_SIZE)?.results ?? [], 'ours');
    push(`Full site at 100,000 vs at 10,000, default heap`, LARGE_SIZE, true, `≤ ${LARGE_TIME_FACTOR}× the 10,000 time`, check(ours, (o) => {
      if (!base || base.status !== 'ok' || base.wallSeconds === null || o.wallSeconds === null) return { measured: '10,000 not measured in this run', met: null };
      const factor = o.wallSeconds / base.wallSeconds;
      return { measured: `${factor.toFixed(1)}× (${secs(o.wallSeconds)} vs ${secs(base.wallSeconds)})`, met: factor <= LARGE_TIME_FACTOR };
    }));
    push('Full site peak RSS at 100,000', LARGE_SIZE, true, `≤ ${mb(LARGE_RSS_LIMIT_MB)}`, check(ours, (o) => (o.peakRssMB === null ? undefined : { measured: mb(o.peakRssMB), met: o.peakRssMB <= LARGE_RSS_LIMIT_MB })));
    push('Story clustering', LARGE_SIZE, true, `≤ ${secs(STORIES_LIMIT_S)}`, check(row(large.results, 'stories'), (r) => (r.wallSeconds === null ? undefined : { measured: secs(r.wallSeconds), met: r.wallSeconds <= STORIES_LIMIT_S })));
  }
  return rows;
}
