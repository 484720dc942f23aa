// Build benchmark: our full build against bare Eleventy and Hugo on the same synthetic
// articles, at one or more corpus sizes, with our search index, our rebuilds after one
// seed changed or added, and how soon `npm start` shows such an edit measured in the same
// run (scripts/bench/steps.ts, scripts/bench/preview.ts).
//
//   npx tsx scripts/bench.ts [--sizes 1000,10000,100000] [--json] [--keep] [--timeout 30] [--repeat 3]
//
// Progress goes to stderr; the table (or JSON with --json) to stdout, and the table is
// also written to bench/RESULTS.md. See scripts/bench/report.ts for what is measured
// and scripts/bench/targets.ts for the targets of issue #6 it is checked against.

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBaselineCorpus } from './bench/convert.ts';
import { ensureCorpus, GENERATOR_VERSION } from './bench/corpus.ts';
import { prepareEleventyProject, runEleventy } from './bench/eleventy-baseline.ts';
import { emptyTrash, removeDir } from './bench/fsutil.ts';
import { ensureHugo, prepareHugoSite, runHugo } from './bench/hugo.ts';
import { rssMethod } from './bench/measure.ts';
import { loadAverages, machineFacts, renderJson, renderMarkdown, sizeReport, type BenchReport, type SizeReport } from './bench/report.ts';
import { Fastest, type ToolResult } from './bench/result.ts';
import { snapshotTree } from './bench/snapshot.ts';
import { runOursSteps } from './bench/steps.ts';
import { runStories, storiesScript } from './bench/stories.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS_ROOT = join(REPO, 'bench', 'corpus');
const OUT_ROOT = join(REPO, 'bench', 'out');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');

const USAGE = `usage: npx tsx scripts/bench.ts [--sizes 1000,10000] [--json] [--keep] [--timeout <minutes>] [--repeat N] [--search-max N]
  --sizes    comma-separated article counts (default 1000,10000)
  --json     print the results as JSON instead of a table
  --keep     keep the generated sites and the edited corpus copy in bench/out/ (default: delete them)
  --timeout  minutes before a single build (or the preview's first build) is killed
             (default 30); the preview gets at most 2 minutes to show each edit
  --repeat   run each step this many times and report its fastest run (default 1)
  --search-max  largest corpus whose search index is measured (default 10000): Pagefind
             takes about 4 ms an article (one part of at most 5,000 at a time, at most 1.4 GB),
             so 100,000 adds some 7 minutes to the run`;

interface Options {
  sizes: number[];
  json: boolean;
  keep: boolean;
  timeoutMs: number;
  repeat: number;
  searchMax: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '30' },
      repeat: { type: 'string', default: '1' },
      'search-max': { type: 'string', default: '10000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be positive integers, got "${values.sizes}"`);
  const minutes = Number(values.timeout);
  if (!(minutes > 0)) throw new Error(`--timeout must be a positive number of minutes, got "${values.timeout}"`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a positive integer, got "${values.repeat}"`);
  const searchMax = Number(values['search-max'].replace(/_/g, ''));
  if (!Number.isInteger(searchMax) || searchMax < 0) throw new Error(`--search-max must be a whole number of articles, got "${values['search-max']}"`);
  return { sizes, json: values.json, keep: values.keep, timeoutMs: minutes * 60_000, repeat, searchMax };
}

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

function describe(r: ToolResult): string {
  const time = r.wallSeconds === null ? '' : ` ${r.wallSeconds.toFixed(2)} s`;
  const rss = r.peakRssMB === null ? '' : `, ${Math.round(r.peakRssMB)} MB`;
  const pages = r.pages === null ? '' : `, ${r.pages}${r.pagesTotal === undefined ? '' : ` of ${r.pagesTotal}`} pages`;
  return `${r.label}: ${r.status}${time}${rss}${pages}`;
}

/** Runs a tool `n` times and keeps the fastest run (see Fastest); a failure ends the repeats. */
async function fastestOf(n: number, run: () => Promise<ToolResult>): Promise<ToolResult> {
  const best = new Fastest();
  for (let i = 0; i < n && !best.failed; i++) best.add(await run());
  const result = best.result();
  if (result === undefined) throw new Error('--repeat must be at least 1');
  return result;
}

/** `buildRoot`: where our build and the stories benchmark run (the snapshot of the working tree). */
async function benchSize(size: number, opts: Options, hugoAvailable: boolean, buildRoot: string): Promise<SizeReport> {
  const corpus = await ensureCorpus(CORPUS_ROOT, size);
  log(`${size}: corpus ${corpus.reused ? 'reused' : `generated in ${corpus.seconds.toFixed(1)} s`} (${corpus.dir})`);
  const results: ToolResult[] = [];
  const record = (r: ToolResult): void => {
    results.push(r);
    log(`${size}: ${describe(r)}`);
  };

  log(`${size}: load average ${loadAverages()}`);
  const ours = await runOursSteps({
    repoRoot: buildRoot,
    corpusDir: corpus.dir,
    outRoot: OUT_ROOT,
    size,
    timeoutMs: opts.timeoutMs,
    repeat: opts.repeat,
    keep: opts.keep,
    search: size <= opts.searchMax,
    onRun: (r) => log(`${size}: ${describe(r)}`),
    log,
  });
  results.push(...ours);

  // Both baselines read the same converted copy, prepared outside the timed runs.
  const eleventyDir = join(OUT_ROOT, `eleventy-${size}`);
  const hugoDir = join(OUT_ROOT, `hugo-${size}`);
  const started = performance.now();
  writeBaselineCorpus(corpus.dir, [prepareEleventyProject(eleventyDir), prepareHugoSite(hugoDir)]);
  log(`${size}: baseline inputs converted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  record(await fastestOf(opts.repeat, () => runEleventy(REPO, eleventyDir, size, opts.timeoutMs)));
  record(await fastestOf(opts.repeat, () => runHugo(hugoDir, size, opts.timeoutMs, hugoAvailable)));

  const stories = storiesScript(buildRoot);
  if (stories !== undefined) record(await fastestOf(opts.repeat, () => runStories(buildRoot, stories, size, opts.timeoutMs)));

  if (!opts.keep) {
    for (const dir of [eleventyDir, hugoDir]) removeDir(dir);
  }
  return sizeReport(size, { files: corpus.files, bytes: corpus.bytes, reused: corpus.reused, seconds: corpus.seconds }, results);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  mkdirSync(OUT_ROOT, { recursive: true });
  const hugo = ensureHugo(log);
  const [load] = loadavg();
  if (load !== undefined && load > availableParallelism() / 2) {
    log(`load average is ${load.toFixed(2)} on ${availableParallelism()} cores: timings will be noisy (consider --repeat 3)`);
  }
  const snapshot = snapshotTree(REPO, join(OUT_ROOT, 'tree'));
  log(snapshot ? `building from a snapshot of the working tree (${snapshot.files} files, ${snapshot.changedFromHead} changed from HEAD) in ${snapshot.dir}` : 'not a git checkout: building in place');
  const report: BenchReport = {
    command: `npx tsx scripts/bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
    facts: machineFacts(REPO, hugo, GENERATOR_VERSION, rssMethod(), opts.repeat, snapshot?.changedFromHead),
    sizes: [],
  };
  for (const size of opts.sizes) report.sizes.push(await benchSize(size, opts, hugo !== undefined, snapshot?.dir ?? REPO));
  if (snapshot && !opts.keep) removeDir(snapshot.dir);
  // Untimed, after every timed run (see removeDir).
  emptyTrash();

  report.loadAtEnd = loadAverages();
  const markdown = renderMarkdown(report);
  writeFileSync(RESULTS, markdown);
  log(`wrote ${RESULTS}`);
  process.stdout.write(opts.json ? `${renderJson(report)}\n` : markdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
