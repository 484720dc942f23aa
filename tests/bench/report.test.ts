// bench/RESULTS.md: the preview rows appear in the results table, in the targets, and
// are explained under "What each row measures"; the machine facts give Node's start time.
//
//   node --import tsx --test tests/bench/report.test.ts

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OURS_LABELS } from '../../scripts/bench/ours.ts';
import { PREVIEW_LABELS } from '../../scripts/bench/preview.ts';
import { renderJson, renderMarkdown, sizeReport, type BenchReport } from '../../scripts/bench/report.ts';
import type { ToolName, ToolResult } from '../../scripts/bench/result.ts';

function result(tool: ToolName, label: string, wallSeconds: number, note?: string): ToolResult {
  return { tool, label, size: 10_000, status: 'ok', wallSeconds, peakRssMB: 400, maxProcRssMB: 300, cpuSeconds: 0.3, pages: null, pagesPerSecond: null, load: 1.5, runs: 1, ...(note ? { note } : {}) };
}

const report: BenchReport = {
  command: 'npx tsx scripts/bench.ts --sizes 10000',
  facts: {
    date: '2026-11-23T00:00:00.000Z',
    nproc: 2,
    cpu: 'test CPU',
    memoryGB: 8,
    node: 'v20.0.0',
    os: 'Linux',
    hugo: 'not available',
    eleventy: '3.1.8',
    generatorVersion: 1,
    commit: 'abc1234',
    rssMethod: '/proc sampling',
    loadAtStart: '1.00 / 1.00 / 1.00',
    repeat: 1,
    nodeStart: { seconds: 0.07, withoutExtraCerts: 0.02 },
  },
  sizes: [
    sizeReport(10_000, { files: 10_000, bytes: 2 ** 24, reused: true, seconds: 0 }, [
      result('ours', OURS_LABELS.ours, 20),
      result('ours-preview-changed', PREVIEW_LABELS['ours-preview-changed'], 0.61, 'changed the last word of a.md to "amended", /a/; first build served 30.00 s after npm start (untimed)'),
      result('ours-preview-added', PREVIEW_LABELS['ours-preview-added'], 0.87, 'added b.md, /b/'),
    ]),
  ],
};

test('the preview rows are in the table, the targets and the row meanings', () => {
  const md = renderMarkdown(report);
  assert.match(md, /\| ours: preview shows one seed changed \| ok +\| +0\.61 \|/);
  assert.match(md, /\| ours: preview shows one seed added +\| ok +\| +0\.87 \|/);
  assert.match(md, /\| `npm start` shows an added or changed seed +\| +10,000 \| changed 0\.61 s, added 0\.87 s +\| ≤ 1 s each +\| ✓ +\|/);
  assert.doesNotMatch(md, /not measured by this benchmark/);
  for (const label of Object.values(PREVIEW_LABELS)) assert.ok(md.includes(`- **${label}**: `), `${label} is explained`);
  assert.match(md, /- ours: preview shows one seed changed, 10,000 articles: changed the last word of a\.md/);
  const json = JSON.parse(renderJson(report)) as { targets: Array<{ target: string; met: boolean | null }> };
  assert.equal(json.targets.find((t) => t.target.startsWith('`npm start`'))?.met, true);
});

test('the machine facts say how long a Node process takes to start, and without NODE_EXTRA_CA_CERTS when it is set', () => {
  assert.match(renderMarkdown(report), /^- A Node process starts in 0\.07 s \(0\.02 s without NODE_EXTRA_CA_CERTS, .*\); `npm run build` starts two/m);
  const unset = { ...report, facts: { ...report.facts, nodeStart: { seconds: 0.02 } } };
  assert.match(renderMarkdown(unset), /^- A Node process starts in 0\.02 s; `npm run build` starts two/m);
});
