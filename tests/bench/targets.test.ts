// The ✓/✗ in bench/RESULTS.md: each target of issue #6 computed from the rows of a run.
//
//   node --import tsx --test tests/bench/targets.test.ts

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Status, ToolName, ToolResult } from '../../scripts/bench/result.ts';
import { evaluateTargets, shareOfFull, type TargetRow } from '../../scripts/bench/targets.ts';

function result(tool: ToolName, size: number, wallSeconds: number, peakRssMB: number, status: Status = 'ok'): ToolResult {
  return { tool, label: tool, size, status, wallSeconds, peakRssMB, maxProcRssMB: peakRssMB, cpuSeconds: null, pages: null, pagesPerSecond: null, load: null };
}

const find = (rows: readonly TargetRow[], target: string, articles: number): TargetRow => {
  const r = rows.find((t) => t.target.startsWith(target) && t.articles === articles);
  assert.ok(r, `${target} at ${articles}`);
  return r;
};

test('10,000 articles: time against Hugo, memory, rebuild shares', () => {
  const rows = evaluateTargets({
    sizes: [
      {
        size: 10_000,
        results: [
          result('ours', 10_000, 40, 700),
          result('ours-changed', 10_000, 5, 400),
          result('ours-added', 10_000, 7, 400),
          result('hugo', 10_000, 50, 600),
        ],
      },
    ],
  });
  assert.deepEqual(
    { ...find(rows, 'Full site no slower than Hugo', 10_000) },
    { target: 'Full site no slower than Hugo (same run)', articles: 10_000, atIssueSize: true, measured: '0.80× (40.00 s vs 50.00 s)', limit: '≤ 1.00× Hugo', met: true },
  );
  assert.equal(find(rows, 'Full site peak RSS', 10_000).met, false);
  const changed = find(rows, 'Rebuild after one seed changed', 10_000);
  assert.equal(changed.measured, '12.5% (5.00 s)');
  assert.equal(changed.met, true);
  assert.equal(find(rows, 'Rebuild after one seed added', 10_000).met, false, '17.5% is over 15%');
  assert.equal(find(rows, '`npm start`', 10_000).met, null, 'not measured here');
  assert.equal(rows.some((t) => t.articles === 100_000), false, 'no 100,000 targets without that size');
});

test('other sizes are for scale; a crash misses, a missing baseline says nothing', () => {
  const rows = evaluateTargets({
    sizes: [
      { size: 1000, results: [result('ours', 1000, 4, 200), result('hugo', 1000, 1, 100, 'unavailable')] },
      { size: 10_000, results: [result('ours', 10_000, 40, 500), result('hugo', 10_000, 20, 600)] },
      { size: 100_000, results: [result('ours', 100_000, 900, 5000, 'failed'), result('stories', 100_000, 8, 900)] },
    ],
  });
  const small = find(rows, 'Full site no slower than Hugo', 1000);
  assert.equal(small.atIssueSize, false);
  assert.equal(small.met, null);
  assert.equal(find(rows, 'Rebuild after one seed changed', 1000).measured, 'not run');
  assert.equal(find(rows, 'Full site at 100,000', 100_000).met, false);
  assert.equal(find(rows, 'Full site peak RSS at 100,000', 100_000).measured, 'failed');
  assert.equal(find(rows, 'Story clustering', 100_000).met, true);
});

test('100,000 articles in at most 12× the 10,000 time', () => {
  const run = (large: number) =>
    evaluateTargets({
      sizes: [
        { size: 10_000, results: [result('ours', 10_000, 30, 500)] },
        { size: 100_000, results: [result('ours', 100_000, large, 2500)] },
      ],
    });
  assert.equal(find(run(360), 'Full site at 100,000', 100_000).met, true);
  assert.equal(find(run(361), 'Full site at 100,000', 100_000).measured, '12.0× (361.00 s vs 30.00 s)');
  assert.equal(find(run(400), 'Full site at 100,000', 100_000).met, false);
  assert.equal(find(run(400), 'Full site peak RSS at 100,000', 100_000).met, true);
});

test('shareOfFull needs both runs to have succeeded', () => {
  const results = [result('ours', 1000, 10, 1), result('ours-changed', 1000, 1, 1), result('ours-added', 1000, 2, 1, 'timeout')];
  assert.equal(shareOfFull(results, 'ours-changed'), 0.1);
  assert.equal(shareOfFull(results, 'ours-added'), null);
  assert.equal(shareOfFull(results, 'ours-unchanged'), null);
});
