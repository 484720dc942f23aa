// Turns corpus seeds into plain "Markdown with YAML front matter" for the baselines.
//
// Bare Eleventy and Hugo cannot read bare text seeds, so this does the minimum a person
// migrating the archive would do: front-matter files are copied, bare files get a front
// matter with a title (and a date when the text or file name has one). The seeds' own
// parsing rules are deliberately not reused: the baselines should do no more than the
// tools themselves would.
//
// One change to front-matter files: `tags:` becomes `keywords:`. Both baselines build
// one page per article plus a list; Hugo has its taxonomies switched off, and Eleventy
// would otherwise build (and sort) a collection per tag, which with a few hundred tags
// is O(tags × articles × log articles) and made bare Eleventy 4-5× slower at 10,000
// articles (about 40 s instead of 9 s) for pages it never writes.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './fsutil.ts';

const DATELINE = /^\s*date (\d{4}-\d{2}-\d{2})\s+(.*)$/;
const HEADING = /^#\s+(.+)$/;
const DATED_NAME = /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]*$/;

function firstWords(text: string, n: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')}…`;
}

function frontMatter(title: string, date: string | undefined): string {
  // JSON strings are valid YAML double-quoted scalars, so any title is safe.
  return `---\ntitle: ${JSON.stringify(title)}\n${date !== undefined ? `date: ${date}\n` : ''}---\n\n`;
}

/** Markdown with front matter for one seed file. */
export function toBaselineMarkdown(relPath: string, raw: string): string {
  const text = raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const nameDate = DATED_NAME.exec(relPath)?.[1];

  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---\n', 3);
    if (end >= 0) {
      const fm = text.slice(3, end).replace(/^tags:/m, 'keywords:');
      const body = text.slice(end + 5);
      const title = /^title:/m.test(fm) ? '' : `\ntitle: ${JSON.stringify(firstWords(body, 10))}`;
      return `---${title}${fm}\n---\n${body}`;
    }
  }

  const lines = text.split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  const first = lines[0] ?? '';
  const rest = lines.slice(1).join('\n').replace(/^\n+/, '');

  const dateline = DATELINE.exec(first);
  if (dateline) {
    const [, date, standfirst = ''] = dateline;
    return frontMatter(firstWords(standfirst, 12), date) + `${standfirst}\n\n${rest}`;
  }
  const heading = HEADING.exec(first);
  if (heading) return frontMatter(heading[1] ?? '', nameDate) + rest;
  // A short line followed by a blank line, not ending like a sentence, is a headline.
  if (lines[1]?.trim() === '' && first.length <= 160 && !/[.!?"”]$/.test(first)) {
    return frontMatter(first.trim(), nameDate) + rest;
  }
  return frontMatter(firstWords(first, 10), nameDate) + lines.join('\n');
}

/** Baseline file name: flat, unique, always .md (folders become `_`). */
export function baselineName(relPath: string): string {
  return relPath.replace(/\.(md|txt)$/, '').replace(/\//g, '_') + '.md';
}

/** Converts every seed under `corpusDir` into each of `destDirs`. Returns the file count. */
export function writeBaselineCorpus(corpusDir: string, destDirs: readonly string[]): number {
  for (const dir of destDirs) mkdirSync(dir, { recursive: true });
  const files = listFiles(corpusDir).filter((f) => /\.(md|txt)$/.test(f));
  for (const rel of files) {
    const md = toBaselineMarkdown(rel, readFileSync(join(corpusDir, rel), 'utf8'));
    const name = baselineName(rel);
    for (const dir of destDirs) writeFileSync(join(dir, name), md);
  }
  return files.length;
}
