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
  assert.deepEqual(
    { ...find(rows, '`npm start`', 10_000) },
    { target: '`npm start` shows an added or changed seed', articles: 10_000, atIssueSize: true, measured: 'changed not run, added not run', limit: '≤ 1 s each', met: null },
    'no preview rows: not measured',
  );
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

test('`npm start` shows an edit within 1 s only when both preview rows do', () => {
  const run = (changed: ToolResult | undefined, added: ToolResult | undefined, size = 10_000) =>
    find(evaluateTargets({ sizes: [{ size, results: [result('ours', size, 40, 500), ...[changed, added].filter((r) => r !== undefined)] }] }), '`npm start`', size);
  const changed = (s: number, status: Status = 'ok') => result('ours-preview-changed', 10_000, s, 300, status);
  const added = (s: number, status: Status = 'ok') => result('ours-preview-added', 10_000, s, 300, status);

  const both = run(changed(0.42), added(1));
  assert.equal(both.measured, 'changed 0.42 s, added 1.00 s');
  assert.equal(both.met, true, 'exactly 1 s is within the target');
  assert.equal(run(changed(0.42), added(1.2)).met, false);
  assert.equal(run(changed(1.01), added(0.3)).met, false);
  assert.deepEqual({ ...run(changed(30, 'timeout'), added(0.3)) }.measured, 'changed timeout, added 0.30 s');
  assert.equal(run(changed(30, 'timeout'), added(0.3)).met, false, 'a timeout misses');
  assert.equal(run(changed(0.3), added(0, 'failed')).met, false, 'a failure misses');
  assert.equal(run(changed(0.3), undefined).met, null, 'one row missing: open');
  assert.equal(run(changed(2), undefined).met, false, 'one row missing, the other over: missed');
  const unavailable: ToolResult = { ...added(0), status: 'unavailable', wallSeconds: null };
  assert.deepEqual({ ...run(changed(0.3), unavailable) }.measured, 'changed 0.30 s, added not run');

  const small = run(result('ours-preview-changed', 200, 0.2, 200), result('ours-preview-added', 200, 0.2, 200), 200);
  assert.equal(small.atIssueSize, false, 'at 200 articles it is shown for scale');
  assert.equal(small.met, true);
});
