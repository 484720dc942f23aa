// The editorial changes a rebuild is timed after: one seed's body changed, one seed
// added, one seed added with a photo. They are made in a working copy of the corpus, never in bench/corpus/, which
// later runs reuse and expect byte for byte as generated.

import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateArticle, writeArticles } from './corpus.ts';
import { removeDir } from './fsutil.ts';

/**
 * Copies the corpus to `dest` (replacing what is there). Modification times are kept:
 * undated seeds take their date from them, so a copy with fresh times would be a
 * different site.
 */
export function copyCorpus(corpusDir: string, dest: string): void {
  removeDir(dest);
  cpSync(corpusDir, dest, { recursive: true, preserveTimestamps: true });
}

/**
 * The seed to edit: the first front-matter article from the middle of the corpus on.
 * Its date is in its front matter, so editing it (which moves its modification time)
 * cannot redate it, and an article from the middle of the archive has neighbours on
 * both sides. Pure: `generateArticle` says where each article is without reading disk.
 */
export function editableSeed(size: number): string {
  for (let i = Math.floor(size / 2); i < size; i++) {
    const a = generateArticle(i);
    if (a.shape === 'frontmatter') return a.relPath;
  }
  throw new Error(`no front-matter seed in the second half of a ${size}-article corpus`);
}

const WORDS = ['amended', 'revised', 'corrected'] as const;

/**
 * Changes one sentence of the body: the last word of the body's last sentence becomes
 * another word, so the article's text changes but not its headline, date, dek, tags or
 * word count. `variant` picks the word; consecutive variants always differ, so each
 * repeat of the benchmark makes a real change.
 */
export function changeSentence(text: string, variant: number): string {
  const { index, to, end } = sentenceEdit(text, variant);
  return `${text.slice(0, index)}${to}${end}`;
}

/** The word `changeSentence(text, variant)` replaces (`from`) and the one it writes (`to`). */
export function changedWord(text: string, variant: number): { from: string; to: string } {
  const { from, to } = sentenceEdit(text, variant);
  return { from, to };
}

function sentenceEdit(text: string, variant: number): { index: number; from: string; to: string; end: string } {
  const m = /(\S+)([.!?]["”]?\s*)$/.exec(text);
  if (!m || m.index === undefined) throw new Error('the seed does not end with a sentence');
  const from = m[1] ?? '';
  let to: string = WORDS[variant % WORDS.length] ?? 'amended';
  if (to === from) to = WORDS[(variant + 1) % WORDS.length] ?? 'revised';
  return { index: m.index, from, to, end: m[2] ?? '' };
}

/** Applies `changeSentence` to the seed `relPath` under `dir`, in place. */
export function editSeed(dir: string, relPath: string, variant: number): void {
  const file = join(dir, relPath);
  writeFileSync(file, changeSentence(readFileSync(file, 'utf8'), variant));
}

/**
 * Adds the article the generator would write next (index `index`, one past the corpus
 * for the first added seed): a new seed of the same kind as the others, from the same
 * kind of story. Returns its path relative to `dir`.
 */
export function addSeed(dir: string, index: number): string {
  writeArticles(dir, index, index + 1);
  return generateArticle(index).relPath;
}

/**
 * A photo as a newsroom's come: 1600×1000 (the site fixture's JPEG), given bytes of its own after
 * its end marker, which decoders ignore, so that no image cache (the build keeps encoded images by
 * their source's bytes) has met it and the build encodes it, as it would a new photo.
 */
const PHOTO = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'site', 'seeds', 'images', 'coast-road.jpg');

/**
 * Adds the next front-matter article the generator would write from `index` on, with a new photo
 * of its own (`photos/<seed name>.jpg`, named in its front matter): what a newsroom publishes most.
 * Returns the seed's path relative to `dir` and the index after it.
 */
export function addPhotoSeed(dir: string, index: number): { relPath: string; next: number } {
  let i = index;
  while (generateArticle(i).shape !== 'frontmatter') i++;
  const relPath = addSeed(dir, i);
  const photo = `photos/${basename(relPath).replace(/\.[^.]+$/, '')}.jpg`;
  mkdirSync(join(dir, 'photos'), { recursive: true });
  writeFileSync(join(dir, photo), Buffer.concat([readFileSync(PHOTO), Buffer.from(`\n${relPath}\n`)]));
  const file = join(dir, relPath);
  const text = readFileSync(file, 'utf8');
  // The generator names a photo in some front matter (one the corpus does not have): this one replaces it.
  const withPhoto = /^image:.*$/m.test(text.split('\n---')[0] ?? '') ? text.replace(/^image:.*$/m, `image: ${photo}`) : text.replace(/^---\n/, `---\nimage: ${photo}\n`);
  writeFileSync(file, withPhoto);
  return { relPath, next: i + 1 };
}
