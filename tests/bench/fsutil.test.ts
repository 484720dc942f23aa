// The benchmark never deletes an output between timed runs: on ext4 without a journal
// (this machine's disk) files created soon after a mass delete are slow to make, so a
// deletion would be billed to whichever tool ran next. Old folders are moved aside and
// deleted once, after the last timed run.
//
//   node --import tsx --test tests/bench/fsutil.test.ts

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emptyTrash, listFiles, removeDir } from '../../scripts/bench/fsutil.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bench-fsutil-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('removeDir moves a folder aside, whole (its inodes kept); emptyTrash deletes what was moved', () => {
  const out = join(scratch, 'out');
  mkdirSync(join(out, '2025', '09'), { recursive: true });
  writeFileSync(join(out, '2025', '09', 'index.html'), '<p>page</p>');
  const inode = statSync(join(out, '2025', '09', 'index.html')).ino;

  removeDir(out);
  assert.equal(existsSync(out), false, 'the folder is still there');
  const trash = join(scratch, '.bench-trash');
  const [moved] = readdirSync(trash);
  assert.ok(moved?.endsWith('-out'), `moved as ${moved}`);
  assert.deepEqual(listFiles(join(trash, moved!)), ['2025/09/index.html']);
  assert.equal(statSync(join(trash, moved!, '2025', '09', 'index.html')).ino, inode, 'the file was copied, not moved');

  // The same name again (the next run's output) goes aside too, under another name.
  mkdirSync(out);
  removeDir(out);
  assert.equal(readdirSync(trash).length, 2);

  removeDir(join(scratch, 'never-made')); // nothing to move: no error
  emptyTrash();
  assert.equal(existsSync(trash), false, 'the trash was not deleted');
});
