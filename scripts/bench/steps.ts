// Our rows at one corpus size, in the order a publisher meets them, all on a working
// copy of the corpus (bench/out/seeds-<size>/) built into one output folder:
//
//   1. cold     --no-cache --no-search into an empty folder: the full site, compared
//               with the baselines. It writes the page manifest (.cache/pages) but,
//               with --no-cache, no ingest cache.
//   2. search   caches on, search on: the pages are unchanged, so the build indexes
//               search and little else; it also fills the ingest cache, which makes it
//               the warm-up the rebuilds need.
//   3. unchanged, changed, added, photo: --no-search rebuilds with the caches on, like
//               the cold build leaving search out, so their ratio to it compares the same
//               work. "Nothing changed" runs before each edit: the floor of a rebuild.
//               "Photo" adds a seed with a new photo, which the build encodes (the
//               corpus has none: a photo on many of its articles would make every cold
//               build mostly image encoding, which the baselines do not do).
//   4. preview  `npm start` on the same copy (as the rebuilds left it), into a folder of
//               its own (bench/out/preview-<size>/): how soon it serves one more changed
//               seed and one more added seed (scripts/bench/preview.ts).
//
// The build runs from `repoRoot`, which bench.ts makes a snapshot of the working tree
// with caches of its own (snapshot.ts): nobody else's edit or build touches them.
//
// With --repeat N each step runs N times and its fastest run is kept; every repeat
// makes a new change (another word, another added article).

import { join } from 'node:path';
import { addPhotoSeed, addSeed, copyCorpus, editableSeed, editSeed } from './edits.ts';
import { removeDir } from './fsutil.ts';
import { OURS_LABELS, oursDirs, runCold, runRebuild, runSearch, type OursBuild } from './ours.ts';
import { PREVIEW_LABELS, runPreviewSteps } from './preview.ts';
import { Fastest, unavailable, type ToolResult } from './result.ts';

/** How long the preview may take to show one edit before its row times out. */
const PREVIEW_CHANGE_TIMEOUT_MS = 120_000;

export interface StepsOptions {
  /** Where `npm run build` runs: the snapshot of the working tree. */
  repoRoot: string;
  corpusDir: string;
  outRoot: string;
  size: number;
  timeoutMs: number;
  repeat: number;
  keep: boolean;
  /** Run the search step; without it an untimed warm-up fills the ingest cache instead. */
  search: boolean;
  /** Called with each run's result as it finishes (progress). */
  onRun: (r: ToolResult) => void;
  log: (line: string) => void;
}

export async function runOursSteps(o: StepsOptions): Promise<ToolResult[]> {
  const { seedsDir, outDir } = oursDirs(o.outRoot, o.size);
  copyCorpus(o.corpusDir, seedsDir);
  const b: OursBuild = { repoRoot: o.repoRoot, seedsDir, outDir, size: o.size, timeoutMs: o.timeoutMs };
  const add = (best: Fastest, r: ToolResult): void => {
    best.add(r);
    o.onRun(r);
  };

  const cold = new Fastest();
  const search = new Fastest();
  for (let i = 0; i < o.repeat && !cold.failed; i++) {
    add(cold, await runCold(b));
    if (!cold.failed && o.search) add(search, await runSearch(b));
  }
  if (!cold.failed && !o.search) {
    // The rebuilds need the ingest cache that --no-cache did not write; this build is not a row.
    const warm = await runRebuild(b, 'ours-unchanged', 'warm-up');
    o.log(`${o.size}: warm-up for the rebuilds (not reported): ${warm.status}, ${warm.wallSeconds?.toFixed(2) ?? '?'} s`);
  }

  const unchanged = new Fastest();
  const changed = new Fastest();
  const added = new Fastest();
  const photo = new Fastest();
  const edited = editableSeed(o.size);
  let next = o.size;
  if (!cold.failed) {
    for (let i = 0; i < o.repeat; i++) {
      add(unchanged, await runRebuild(b, 'ours-unchanged', 'no seed changed'));
      editSeed(seedsDir, edited, i);
      add(changed, await runRebuild(b, 'ours-changed', `changed the last sentence of ${edited}`));
      add(added, await runRebuild(b, 'ours-added', `added ${addSeed(seedsDir, next++)}`));
      const withPhoto = addPhotoSeed(seedsDir, next);
      next = withPhoto.next;
      add(photo, await runRebuild(b, 'ours-photo', `added ${withPhoto.relPath} with a new photo`));
    }
  }

  const preview = cold.failed
    ? (Object.keys(PREVIEW_LABELS) as Array<keyof typeof PREVIEW_LABELS>).map((step) => unavailable(step, PREVIEW_LABELS[step], o.size, 'not run: the cold build failed'))
    : await runPreviewSteps({
        repoRoot: o.repoRoot,
        seedsDir,
        outDir: join(o.outRoot, `preview-${o.size}`),
        size: o.size,
        repeat: o.repeat,
        edited,
        // The rebuilds used variants 0 … repeat-1 and added articles up to next-1.
        firstVariant: o.repeat,
        nextIndex: next,
        startTimeoutMs: o.timeoutMs,
        changeTimeoutMs: Math.min(o.timeoutMs, PREVIEW_CHANGE_TIMEOUT_MS),
        keep: o.keep,
        onRun: o.onRun,
        log: o.log,
      });

  if (!o.keep) {
    removeDir(seedsDir);
    removeDir(outDir);
  }
  const skipped = (step: keyof typeof OURS_LABELS): ToolResult => unavailable(step, OURS_LABELS[step], o.size, 'not run: the cold build failed');
  return [
    cold.result() ?? skipped('ours'),
    search.result() ?? (o.search ? skipped('ours-search') : unavailable('ours-search', OURS_LABELS['ours-search'], o.size, 'not run at this size (--search-max)')),
    unchanged.result() ?? skipped('ours-unchanged'),
    changed.result() ?? skipped('ours-changed'),
    added.result() ?? skipped('ours-added'),
    photo.result() ?? skipped('ours-photo'),
    ...preview,
  ];
}
