// The benchmark corpus must be reproducible (the harness reuses it from disk and
// compares runs over time) and must keep the mix of seed shapes the build has to cope with.
//
//   node --import tsx --test tests/bench/corpus.test.ts

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { toBaselineMarkdown } from '../../scripts/bench/convert.ts';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { listFiles } from '../../scripts/bench/fsutil.ts';

const SIZE = 400;
const scratch = mkdtempSync(join(tmpdir(), 'bench-corpus-test-'));
const dirA = join(scratch, 'a');
const dirB = join(scratch, 'b');
const dirSmall = join(scratch, 'small');

type Shape = 'frontmatter' | 'dateline' | 'heading' | 'headline' | 'plain';

/** Classifies a seed from its bytes alone, the way a reader of the folder would. */
function shapeOf(text: string): Shape {
  const t = text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  if (t.startsWith('---\n')) return 'frontmatter';
  if (/^\s*date \d{4}-\d{2}-\d{2} /.test(t)) return 'dateline';
  if (t.startsWith('# ')) return 'heading';
  const [first = '', second] = t.split('\n');
  if (first.trim() !== '' && second === '' && !first.endsWith('.')) return 'headline';
  return 'plain';
}

/** Tags of a front-matter seed, in any of the list / block / comma-string styles. */
function tagsOf(text: string): string[] | undefined {
  const fm = text.slice(4, text.indexOf('\n---\n'));
  const flow = /^tags: \[(.*)\]$/m.exec(fm);
  if (flow) return (flow[1] ?? '').split(',').map((t) => t.trim().replace(/^"|"$/g, '')).filter((t) => t !== '');
  const comma = /^tags: "(.*)"$/m.exec(fm);
  if (comma) return (comma[1] ?? '').split(',').map((t) => t.trim());
  const block = /^tags:\n((?: {2}- .*\n?)+)/m.exec(fm + '\n');
  if (block) return (block[1] ?? '').trim().split('\n').map((l) => l.replace(/^\s*- /, ''));
  return undefined;
}

const read = (dir: string, rel: string): string => readFileSync(join(dir, rel), 'utf8');

describe('benchmark corpus', () => {
  let files: string[] = [];

  before(async () => {
    await generateCorpus(dirA, SIZE, { threads: 1 });
    // The second copy goes through the worker-thread path, which must not change a byte.
    await generateCorpus(dirB, SIZE, { threads: 2 });
    await generateCorpus(dirSmall, 150, { threads: 1 });
    files = listFiles(dirA);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('generating twice gives byte-identical files', () => {
    assert.equal(files.length, SIZE);
    assert.deepEqual(listFiles(dirB), files);
    for (const rel of files) assert.equal(read(dirB, rel), read(dirA, rel), rel);
  });

  test('a smaller corpus is the first articles of a larger one', () => {
    const small = listFiles(dirSmall);
    assert.equal(small.length, 150);
    for (const rel of small) assert.equal(read(dirSmall, rel), read(dirA, rel), rel);
  });

  test('has the expected mix of shapes', () => {
    const counts = new Map<Shape, number>();
    for (const rel of files) {
      const shape = shapeOf(read(dirA, rel));
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    const share = (s: Shape): number => (counts.get(s) ?? 0) / SIZE;
    assert.ok(share('frontmatter') > 0.4 && share('frontmatter') < 0.6, `front matter share ${share('frontmatter')}`);
    for (const s of ['dateline', 'heading', 'headline', 'plain'] as const) assert.ok(share(s) > 0.05, `${s} share ${share(s)}`);
  });

  test('file names and folders look like real seed folders', () => {
    const hashed = files.filter((f) => /(^|\/)\d{6}_[0-9a-f]{16}\.(md|txt)$/.test(f));
    const dated = files.filter((f) => /(^|\/)\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/.test(f));
    assert.equal(hashed.length + dated.length, SIZE, 'every name is NNNNNN_<hex> or YYYY-MM-DD-slug');
    assert.ok(hashed.length > SIZE * 0.7, `hashed names ${hashed.length}`);
    assert.ok(dated.length > SIZE * 0.05, `dated names ${dated.length}`);
    assert.ok(files.some((f) => f.endsWith('.txt')) && files.some((f) => f.endsWith('.md')));
    const nested = files.filter((f) => f.includes('/')).length;
    assert.ok(nested > SIZE * 0.5 && nested < SIZE, `nested ${nested}`);
  });

  test('articles are about 600 words, with many tags and dates over several years', () => {
    let words = 0;
    const tags = new Set<string>();
    const years = new Set<string>();
    for (const rel of files) {
      const text = read(dirA, rel);
      assert.ok(!/[{}]/.test(text), `${rel} has braces, which Liquid would treat as template syntax`);
      words += text.split(/\s+/).filter((w) => w !== '').length;
      const year = /^date: "?(\d{4})-/m.exec(text)?.[1] ?? /^\s*date (\d{4})-/.exec(text)?.[1];
      if (year !== undefined) years.add(year);
      if (shapeOf(text) !== 'frontmatter') continue;
      const list = tagsOf(text);
      assert.ok(list !== undefined, `${rel} has no tags line`);
      if (list.length > 0) assert.ok(list.length >= 2 && list.length <= 6, `${rel}: ${list.length} tags`);
      for (const t of list) tags.add(t);
    }
    const mean = words / SIZE;
    assert.ok(mean > 550 && mean < 800, `mean words ${mean}`);
    assert.ok(tags.size > 100, `distinct tags ${tags.size}`);
    assert.ok(years.size >= 5, `years ${[...years].sort().join(',')}`);
  });

  test('the baseline copy gives every article front matter with a title', () => {
    for (const rel of files) {
      const md = toBaselineMarkdown(rel, read(dirA, rel));
      assert.match(md, /^---\n(?:.*\n)*?title: .+\n(?:.*\n)*?---\n/, rel);
    }
    assert.equal(toBaselineMarkdown('x.txt', '# Big news\n\nBody.\n'), '---\ntitle: "Big news"\n---\n\nBody.\n');
    // Tags would make Eleventy build a collection per tag; Hugo's taxonomies are off.
    assert.equal(
      toBaselineMarkdown('x.md', '---\ntitle: A\ntags:\n  - B\n---\n\nBody.\n'),
      '---\ntitle: A\nkeywords:\n  - B\n---\n\nBody.\n',
    );
    assert.equal(
      toBaselineMarkdown('x.txt', ' date 2025-09-02 Leaders meet in Beijing.\n\nBody.\n'),
      '---\ntitle: "Leaders meet in Beijing."\ndate: 2025-09-02\n---\n\nLeaders meet in Beijing.\n\nBody.\n',
    );
  });
});
