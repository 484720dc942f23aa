// The rebuild rows time one realistic edit, one added seed and one added with a photo; the
// edit must change the text and nothing a list page shows, the photo must be one the build
// publishes and has not met, and nothing may touch the shared corpus.
//
//   node --import tsx --test tests/bench/edits.test.ts

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateArticle, generateCorpus } from '../../scripts/bench/corpus.ts';
import { addPhotoSeed, addSeed, changedWord, changeSentence, copyCorpus, editableSeed, editSeed } from '../../scripts/bench/edits.ts';
import { listFiles } from '../../scripts/bench/fsutil.ts';
import { runScript } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bench-edits-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');

test('changeSentence changes one word of the last sentence and nothing else', () => {
  const seed = '---\ntitle: "Storm"\ndate: 2025-09-02\n---\n\nFirst paragraph here.\n\nThe storm closed the coast road.\n';
  const changed = changeSentence(seed, 0);
  assert.notEqual(changed, seed);
  assert.ok(changed.startsWith('---\ntitle: "Storm"\ndate: 2025-09-02\n---\n\nFirst paragraph here.\n\nThe storm closed the coast '));
  assert.ok(changed.endsWith('.\n'));
  const [a, b] = [words(seed), words(changed)];
  assert.equal(b.length, a.length);
  assert.equal(a.filter((w, i) => w !== b[i]).length, 1);
});

test('changedWord names the word changeSentence replaces and the one it writes', () => {
  for (const [text, v] of [['The storm closed the coast road.\n', 0], ['It was revised.\n', 1], ['It was "amended."\n', 0]] as const) {
    const { from, to } = changedWord(text, v);
    assert.notEqual(from, to);
    const changed = changeSentence(text, v);
    assert.ok(text.includes(`${from}.`) && changed.includes(`${to}.`), `${text} → ${changed}`);
    assert.equal(changed.replace(to, from), text);
  }
});

test('consecutive variants differ, also when a variant would repeat the word there', () => {
  let text = 'It was revised.\n';
  for (let v = 0; v < 6; v++) {
    const next = changeSentence(text, v);
    assert.notEqual(next, text, `variant ${v}`);
    text = next;
  }
  assert.throws(() => changeSentence('no sentence here', 0));
});

test('the edited seed has its date in front matter, so editing cannot redate it', () => {
  for (const size of [200, 1000, 10_000]) {
    const rel = editableSeed(size);
    let i = Math.floor(size / 2);
    while (i < size && generateArticle(i).relPath !== rel) i++;
    assert.ok(i < size, `${rel} is an article from the second half`);
    const a = generateArticle(i);
    assert.equal(a.shape, 'frontmatter');
    assert.match(a.text, /^---\n(?:.*\n)*?date: .+\n/);
  }
});

test('edits and additions go to the copy; the corpus keeps its bytes and times', async () => {
  const corpus = join(scratch, 'corpus');
  const copy = join(scratch, 'copy');
  await generateCorpus(corpus, 60, { threads: 1 });
  copyCorpus(corpus, copy);
  const files = listFiles(corpus);
  assert.deepEqual(listFiles(copy), files);
  // Undated seeds are dated by their mtime (whole seconds); utimes keeps it to the millisecond.
  for (const rel of files) assert.ok(Math.abs(statSync(join(copy, rel)).mtimeMs - statSync(join(corpus, rel)).mtimeMs) < 1, `${rel} keeps its mtime`);

  const rel = editableSeed(60);
  const before = readFileSync(join(corpus, rel), 'utf8');
  editSeed(copy, rel, 0);
  assert.notEqual(readFileSync(join(copy, rel), 'utf8'), before);
  assert.equal(readFileSync(join(corpus, rel), 'utf8'), before);

  const added = addSeed(copy, 60);
  assert.ok(!files.includes(added), 'the added seed is a new file');
  assert.equal(readFileSync(join(copy, added), 'utf8'), generateArticle(60).text);
  assert.ok(!existsSync(join(corpus, added)));
  assert.equal(listFiles(copy).length, files.length + 1);
});

test('a seed added with a photo names a new JPEG of its own, which the build publishes with it', () => {
  const dir = join(scratch, 'photos');
  // From 1 on: the generator's article 1 names a photo of its own in its front matter, which must give way.
  assert.match(generateArticle(1).text, /^image: /m);
  const first = addPhotoSeed(dir, 1);
  assert.equal(first.relPath, generateArticle(1).relPath);
  const second = addPhotoSeed(dir, first.next);
  assert.equal(generateArticle(second.next - 1).shape, 'frontmatter');
  const photos = readdirSync(join(dir, 'photos')).map((f) => readFileSync(join(dir, 'photos', f)));
  assert.equal(photos.length, 2);
  for (const bytes of photos) assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
  assert.notDeepEqual(photos[0], photos[1], 'each photo is new to the image store');
  for (const { relPath } of [first, second]) assert.equal(readFileSync(join(dir, relPath), 'utf8').match(/^image: .*$/gm)?.length, 1, relPath);

  const check = runScript('check', ['--seeds', dir, '--json', '--no-cache']);
  assert.equal(check.code, 0, check.stderr);
  const entries = (JSON.parse(check.stdout) as { files: Array<{ file: string; status: string; messages: Array<{ message: string }> }> }).files;
  for (const { relPath } of [first, second]) {
    const entry = entries.find((e) => e.file === relPath);
    assert.equal(entry?.status, 'published', relPath);
    assert.deepEqual(entry.messages.filter((m) => /image/.test(m.message)), [], `${relPath}: its photo is found`);
  }
});
