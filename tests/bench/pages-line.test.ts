// The rebuild rows depend on reading the build's `Pages:` line; these are the shapes
// src/report/print.ts (pagesLine) prints.
//
//   node --import tsx --test tests/bench/pages-line.test.ts

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePagesLine } from '../../scripts/bench/pages-line.ts';

/** `[written, total, removed, searchSeconds]` as parsed from `stdout`. */
const parsed = (stdout: string): unknown => {
  const p = parsePagesLine(stdout);
  return p && [p.written, p.total, p.removed, p.searchSeconds];
};

test('a first build writes every page', () => {
  assert.deepEqual(parsed('1000 published, 3 warnings, 0 files with errors, 9.10 s → out\nPages: 13091 written; search index 9.12 s\n'), [13091, 13091, 0, 9.12]);
});

test('a rebuild writes some pages, may remove some, and may leave search alone', () => {
  assert.deepEqual(parsed('Pages: 23 of 13091 written (the rest unchanged), 1 removed; search index unchanged'), [23, 13091, 1, null]);
  assert.deepEqual(parsed('Pages: 0 of 609 written (the rest unchanged); search index 1.73 s\nRun `npm run check` to see what was guessed and what to fix.\n'), [0, 609, 0, 1.73]);
  assert.deepEqual(parsed('Pages: 5 of 15110 written (the rest unchanged); search index 18.01 s (1 of 3 parts, 4699 articles)\n'), [5, 15110, 0, 18.01]);
  assert.deepEqual(parsed('Pages: 17321 written; search index 2.23 s (10 parts, 10168 articles; 10 from .cache/search)\n'), [17321, 17321, 0, 2.23]);
});

test('the last Pages: line counts, and output without one gives nothing', () => {
  assert.equal(parsePagesLine('Pages: 1 of 2 written (the rest unchanged); search index unchanged\nPages: 2 written; search index unchanged')?.written, 2);
  assert.equal(parsePagesLine('1000 published, 0 warnings, 12.00 s → out\n'), undefined);
  assert.equal(parsePagesLine('Pages: many written; search index unchanged'), undefined);
});
