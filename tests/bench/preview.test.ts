// The preview rows start `npm start` for real on a tiny corpus, time one changed and one
// added seed, and must stop every process they started, also when the preview fails.
//
//   node --import tsx --test tests/bench/preview.test.ts

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { editableSeed } from '../../scripts/bench/edits.ts';
import { listFiles } from '../../scripts/bench/fsutil.ts';
import { PREVIEW_LABELS, runPreviewSteps, type PreviewOptions } from '../../scripts/bench/preview.ts';
import { snapshotTree } from '../../scripts/bench/snapshot.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZE = 20;
const scratch = mkdtempSync(join(tmpdir(), 'bench-preview-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// Like the benchmark, the preview runs from a snapshot with its own .cache/: the
// checkout's caches belong to whoever else builds there.
let repoRoot = REPO;
const seedsDir = join(scratch, 'seeds');
before(async () => {
  repoRoot = snapshotTree(REPO, join(scratch, 'tree'))?.dir ?? REPO;
  await generateCorpus(seedsDir, SIZE, { threads: 1 });
});

/** Live processes whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(text) && state !== 'Z') found.push(`${name}: ${cmdline}`);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

const options = (over: Partial<PreviewOptions>): PreviewOptions => ({
  repoRoot,
  seedsDir,
  outDir: join(scratch, 'preview'),
  size: SIZE,
  repeat: 2,
  edited: editableSeed(SIZE),
  firstVariant: 0,
  nextIndex: SIZE,
  startTimeoutMs: 60_000,
  changeTimeoutMs: 15_000,
  keep: false,
  ...over,
});

test('times a changed and an added seed on a running preview, and stops it', { timeout: 90_000 }, async () => {
  const runs: string[] = [];
  const rows = await runPreviewSteps(options({ onRun: (r) => runs.push(`${r.tool} ${r.status}`) }));
  const explain = JSON.stringify(rows, null, 2);
  assert.deepEqual(rows.map((r) => r.tool), ['ours-preview-changed', 'ours-preview-added']);
  assert.deepEqual(rows.map((r) => r.label), [PREVIEW_LABELS['ours-preview-changed'], PREVIEW_LABELS['ours-preview-added']]);
  assert.deepEqual(runs, ['ours-preview-changed ok', 'ours-preview-added ok', 'ours-preview-changed ok', 'ours-preview-added ok'], explain);
  for (const r of rows) {
    assert.equal(r.status, 'ok', explain);
    assert.equal(r.runs, 2);
    assert.equal(r.size, SIZE);
    assert.ok(r.wallSeconds !== null && r.wallSeconds > 0.001 && r.wallSeconds < 15, `${r.tool}: ${r.wallSeconds} s`);
    assert.equal(typeof r.load, 'number');
    assert.ok(r.peakRssMB === null || (r.peakRssMB > 10 && r.peakRssMB < 4096), `${r.tool}: ${r.peakRssMB} MB`);
    assert.match(r.note ?? '', /first build served [\d.]+ s after npm start/);
  }
  assert.match(rows[0]?.note ?? '', /^changed the last word of .+ to "\w+", \/\S+\/;/);
  assert.match(rows[1]?.note ?? '', /^added .+, \/\S+\/;/);
  // Two articles added (one per repeat) to the copy; the preview's folder and lock removed.
  assert.equal(listFiles(seedsDir).length, SIZE + 2);
  assert.equal(existsSync(join(scratch, 'preview')), false);
  assert.equal(existsSync(join(scratch, '.preview.lock')), false);
  assert.deepEqual(processesMentioning(scratch), []);
});

test('a preview that cannot start gives failed rows, not a crash', { timeout: 60_000 }, async () => {
  const missing = join(scratch, 'no-such-seeds');
  const rows = await runPreviewSteps(options({ seedsDir: missing, outDir: join(scratch, 'preview-missing'), repeat: 1 }));
  assert.deepEqual(rows.map((r) => [r.tool, r.status]), [['ours-preview-changed', 'failed'], ['ours-preview-added', 'failed']]);
  for (const r of rows) assert.match(r.note ?? '', /exited .* before serving[\s\S]*does not exist/);
  assert.deepEqual(processesMentioning(scratch), []);
});
