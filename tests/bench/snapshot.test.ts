// Our build runs from a snapshot of the working tree, so the snapshot must hold what a
// build in the checkout sees: tracked and untracked files as they are now, not ignored
// ones, not deleted ones, with node_modules reachable.
//
//   node --import tsx --test tests/bench/snapshot.test.ts

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { listFiles } from '../../scripts/bench/fsutil.ts';
import { snapshotTree } from '../../scripts/bench/snapshot.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bench-snapshot-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function write(root: string, rel: string, text: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

test('the snapshot is the working tree a build would see', () => {
  const repo = join(scratch, 'repo');
  write(repo, '.gitignore', 'node_modules/\n.cache/\nbench/out/\n');
  write(repo, 'src/a.ts', 'export const a = 1;\n');
  write(repo, 'src/gone.ts', 'export {};\n');
  write(repo, 'package.json', '{}\n');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', ...args], { cwd: repo, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  // Uncommitted work, as other engineers leave it: an edit, a new file, a deletion.
  write(repo, 'src/a.ts', 'export const a = 2;\n');
  write(repo, 'src/new.ts', 'export const b = 1;\n');
  rmSync(join(repo, 'src/gone.ts'));
  // Ignored: never part of a build's sources; bundles are copied on purpose.
  write(repo, 'node_modules/pkg/index.js', '');
  write(repo, '.cache/ingest/index.bin', 'x');
  write(repo, '.cache/bundles/worker-abc.mjs', 'bundle');

  const snap = snapshotTree(repo, join(repo, 'bench/out/tree'));
  assert.ok(snap);
  assert.equal(snap.changedFromHead, 3);
  assert.equal(snap.files, 4);
  assert.deepEqual(listFiles(snap.dir).filter((f) => !f.startsWith('node_modules/')), ['.cache/bundles/worker-abc.mjs', '.gitignore', 'package.json', 'src/a.ts', 'src/new.ts']);
  assert.equal(readFileSync(join(snap.dir, 'src/a.ts'), 'utf8'), 'export const a = 2;\n');
  assert.equal(realpathSync(join(snap.dir, 'node_modules')), realpathSync(join(repo, 'node_modules')));
  assert.ok(!existsSync(join(snap.dir, '.cache/ingest')), 'the snapshot starts with no ingest cache of its own');

  // A later edit in the checkout does not reach the snapshot.
  write(repo, 'src/a.ts', 'export const a = 3;\n');
  assert.equal(readFileSync(join(snap.dir, 'src/a.ts'), 'utf8'), 'export const a = 2;\n');
});

test('outside a git checkout there is no snapshot', () => {
  const plain = join(scratch, 'plain');
  write(plain, 'x.ts', '');
  assert.equal(snapshotTree(plain, join(plain, 'tree')), undefined);
});
