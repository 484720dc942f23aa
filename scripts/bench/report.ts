// Machine facts, ratios, and the Markdown / JSON renderings of a benchmark run.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { BUILD_NOW, OURS_FLAGS } from './ours.ts';
import type { ToolName, ToolResult } from './result.ts';
import { evaluateTargets, ISSUE_SIZE, shareOfFull, type TargetRow } from './targets.ts';

export interface MachineFacts {
  date: string;
  nproc: number;
  cpu: string;
  memoryGB: number;
  node: string;
  os: string;
  hugo: string;
  eleventy: string;
  generatorVersion: number;
  commit: string | null;
  /** Files of the working tree that differed from `commit` in the snapshot built; undefined: built in place. */
  changedFromCommit?: number;
  rssMethod: string;
  /** 1-, 5- and 15-minute load averages when the run started: other work skews timings. */
  loadAtStart: string;
  repeat: number;
  /** Seconds `node -e 0` takes here (median of 5), and without NODE_EXTRA_CA_CERTS when that is set. */
  nodeStart: { seconds: number; withoutExtraCerts?: number };
}

export interface CorpusSummary {
  files: number;
  bytes: number;
  reused: boolean;
  seconds: number;
}

export interface Ratio {
  /** ours / baseline wall time; below 1 means ours is faster. */
  time: number | null;
  /** ours / baseline peak tree RSS; below 1 means ours uses less memory. */
  rss: number | null;
}

/** Wall time of each rebuild as a share of the cold full build's (0.1 = 10%). */
export interface RebuildShares {
  unchanged: number | null;
  changed: number | null;
  added: number | null;
}

export interface SizeReport {
  size: number;
  corpus: CorpusSummary;
  results: ToolResult[];
  oursVsHugo: Ratio;
  oursVsEleventy: Ratio;
  rebuildVsFull: RebuildShares;
}

export interface BenchReport {
  command: string;
  facts: MachineFacts;
  sizes: SizeReport[];
  /** Load averages when the last size finished. */
  loadAtEnd?: string;
}

/** "6.31 / 5.58 / 4.50": the 1-, 5- and 15-minute load averages now. */
export function loadAverages(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

function quiet(file: string, args: readonly string[], cwd?: string): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], ...(cwd ? { cwd } : {}) }).trim();
  } catch {
    return null;
  }
}

/** Median wall seconds of five `node -e 0` runs with `env`. */
function nodeStartSeconds(env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/**
 * How long a Node process takes to start. With NODE_EXTRA_CA_CERTS set, Node
 * loads certificates at startup rather than at its first TLS connection: 50 ms
 * more per process on the benchmark machine, which sets it. A build run with
 * `npm run build` starts two processes (npm, then the build).
 */
function nodeStart(): MachineFacts['nodeStart'] {
  const seconds = nodeStartSeconds(process.env);
  if (!process.env.NODE_EXTRA_CA_CERTS) return { seconds };
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  return { seconds, withoutExtraCerts: nodeStartSeconds(env) };
}

export function machineFacts(
  repoRoot: string,
  hugo: string | undefined,
  generatorVersion: number,
  rssMethod: string,
  repeat: number,
  changedFromCommit: number | undefined,
): MachineFacts {
  let eleventy = 'not installed';
  try {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@11ty', 'eleventy', 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string') eleventy = pkg.version;
  } catch {
    // reported as not installed
  }
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
    hugo: hugo ?? 'not available',
    eleventy,
    generatorVersion,
    commit: quiet('git', ['rev-parse', '--short', 'HEAD'], repoRoot),
    rssMethod,
    loadAtStart: loadAverages(),
    repeat,
    nodeStart: nodeStart(),
    ...(changedFromCommit !== undefined ? { changedFromCommit } : {}),
  };
}

function ratioAgainst(results: readonly ToolResult[], baseline: ToolName): Ratio {
  const ours = results.find((r) => r.tool === 'ours');
  const other = results.find((r) => r.tool === baseline);
  // A failed run's time says nothing about how fast the tool is.
  if (!ours || !other || ours.status !== 'ok' || other.status !== 'ok') return { time: null, rss: null };
  const div = (a: number | null, b: number | null): number | null => (a !== null && b !== null && b > 0 ? a / b : null);
  return { time: div(ours.wallSeconds, other.wallSeconds), rss: div(ours.peakRssMB, other.peakRssMB) };
}

export function sizeReport(size: number, corpus: CorpusSummary, results: ToolResult[]): SizeReport {
  return {
    size,
    corpus,
    results,
    oursVsHugo: ratioAgainst(results, 'hugo'),
    oursVsEleventy: ratioAgainst(results, 'eleventy'),
    rebuildVsFull: { unchanged: shareOfFull(results, 'ours-unchanged'), changed: shareOfFull(results, 'ours-changed'), added: shareOfFull(results, 'ours-added') },
  };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const dash = '—';
const fmt = (n: number | null, f: (n: number) => string): string => (n === null ? dash : f(n));
const ratio = (n: number | null): string => fmt(n, (x) => `${x.toFixed(2)}×`);
const percent = (n: number | null): string => fmt(n, (x) => `${(x * 100).toFixed(1)}%`);
const mark = (met: boolean | null): string => (met === null ? dash : met ? '✓' : '✗');

/** Pages of a row: `written of total` for a rebuild. */
function pagesCell(r: ToolResult): string {
  if (r.pages === null) return dash;
  return r.pagesTotal === undefined ? int(r.pages) : `${int(r.pages)} of ${int(r.pagesTotal)}`;
}

/** One sentence per row kind: what it runs and why it is there. */
const ROW_MEANINGS: ReadonlyArray<readonly [string, string]> = [
  ['ours: full site, cold', `our whole site (article pages, home, archives, tags, feeds, sitemaps, stories) from a copy of the corpus into an empty folder with \`${OURS_FLAGS.cold.join(' ')}\`, so nothing from earlier builds is used and the search index is left to its own row; this is the figure compared with Hugo and Eleventy.`],
  ['ours: search index (Pagefind)', "the next build, with caches and search on, over the unchanged pages: the time is the `search index N s` the build prints (Pagefind indexing the article records), memory is the whole build's; this build also fills the ingest cache the rebuilds use, since `--no-cache` writes none (above `--search-max` articles, 10,000 by default, an untimed `--no-search` build does that instead: Pagefind's time grows with the corpus)."],
  ['ours: rebuild, nothing changed', `a second build into the same folder with the caches on and \`${OURS_FLAGS.rebuild.join(' ')}\` and no seed changed, run before each edit: the floor of any rebuild, and a warm-up that puts our seeds back in the ingest cache.`],
  ['ours: rebuild, one seed changed', "the same rebuild after one word of the last sentence of one front-matter seed from the middle of the archive changed (in the working copy); pages are the pages written of the site's total."],
  ['ours: rebuild, one seed added', 'the same rebuild after the article the corpus generator would write next was added to the working copy.'],
  ['ours: rebuild, one seed with a new photo added', 'the same rebuild after the next generated front-matter article was added with a photo of its own (1600×1000 JPEG bytes no image cache has met): the build encodes it in every width and format the site serves and publishes those files with the article (the corpus itself has no photos).'],
  ['ours: preview shows one seed changed', `\`npm start\` (drafts included, \`--now ${BUILD_NOW}\`, its own output folder) on the working copy as the rebuilds left it, once its first build is served: the time from writing one more one-word change to the same seed until a GET of that article's page returns HTML with the new word; memory is the server's process tree (npm included) and CPU s its CPU time in that window. The notes give the first build's time (untimed) and Eleventy's own rebuild time.`],
  ['ours: preview shows one seed added', "on the same running preview, the time from writing the next generated article until the preview has printed its first `[newsroom] …: <status> → <url>` line (`previewed` when its page was shown before the rebuild, src/publish/preview-fast.ts; `published` or `draft` after it) and a GET of that URL (or of the one a later line names, should the rebuild move an undated article to its story's date) returns its page."],
  ['bare Eleventy (article pages + list)', 'Eleventy 3 with one Nunjucks layout on a converted copy of the corpus: one page per article plus one list page.'],
  ['Hugo (article pages + list)', 'Hugo with no theme, a single and a list layout and taxonomies, RSS and sitemaps off, on the same converted copy: one page per article plus one list page.'],
  ['story clustering (bench-stories)', "scripts/bench-stories.ts on its own synthetic corpus: the time is the clustering alone, memory the whole process's."],
];

function targetsTable(rows: readonly TargetRow[]): string {
  return table(
    ['target', 'articles', 'measured', 'target value', 'met'],
    rows.map((t) => [t.target, `${int(t.articles)}${t.atIssueSize ? '' : ' *'}`, t.measured, t.limit, t.atIssueSize ? mark(t.met) : `(${mark(t.met)})`]),
    new Set([1]),
  );
}

/** Markdown table with padded columns, so it also reads well in a terminal. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const { facts } = report;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(`Generated by \`${report.command}\` on ${facts.date}.`, '');
  out.push(
    `- Machine: ${facts.nproc} cores (${facts.cpu}), ${facts.memoryGB} GB RAM, ${facts.os}`,
    `- Node ${facts.node}; Eleventy ${facts.eleventy}; ${facts.hugo}`,
    `- Corpus generator v${facts.generatorVersion}; commit ${facts.commit ?? 'none'}${facts.changedFromCommit === undefined ? ' (built in place)' : ` plus ${facts.changedFromCommit} changed files of the working tree, built from a snapshot`}; memory measured with ${facts.rssMethod}`,
    `- Load average (1 / 5 / 15 min) at start: ${facts.loadAtStart}; at end: ${report.loadAtEnd ?? dash} (${facts.nproc} cores; other work runs on this machine, so the load column gives each run's 1-minute load at its start and CPU s is the steadier figure)`,
    `- A Node process starts in ${facts.nodeStart.seconds.toFixed(2)} s${facts.nodeStart.withoutExtraCerts === undefined ? '' : ` (${facts.nodeStart.withoutExtraCerts.toFixed(2)} s without NODE_EXTRA_CA_CERTS, which is set here: Node then loads certificates at startup)`}; \`npm run build\` starts two (npm, then the build)`,
    `- Each figure is the fastest of ${facts.repeat} run${facts.repeat === 1 ? '' : 's'}`,
    '',
  );

  out.push('## Results', '');
  const rows: string[][] = [];
  for (const s of report.sizes) {
    for (const r of s.results) {
      rows.push([
        int(s.size),
        r.label,
        r.status,
        fmt(r.wallSeconds, (x) => x.toFixed(2)),
        fmt(r.cpuSeconds, (x) => x.toFixed(1)),
        fmt(r.peakRssMB, int),
        fmt(r.maxProcRssMB, int),
        pagesCell(r),
        fmt(r.pagesPerSecond, int),
        fmt(r.load, (x) => x.toFixed(2)),
      ]);
    }
  }
  out.push(table(['articles', 'run', 'status', 'wall s', 'CPU s', 'peak RSS MB (tree)', 'largest process MB', 'pages', 'pages/s', 'load'], rows, new Set([0, 3, 4, 5, 6, 7, 8, 9])), '');

  out.push(
    '## Ours relative to the baselines and to its own full build',
    '',
    'Below 1× means ours is faster or smaller. Ours builds the full site; the baselines build one page per article plus a list. The rebuild columns are each rebuild\'s wall time as a share of the cold full build\'s.',
    '',
  );
  out.push(
    table(
      ['articles', 'time ours/Hugo', 'RSS ours/Hugo', 'time ours/Eleventy', 'RSS ours/Eleventy', 'unchanged/full', 'changed/full', 'added/full'],
      report.sizes.map((s) => [
        int(s.size),
        ratio(s.oursVsHugo.time),
        ratio(s.oursVsHugo.rss),
        ratio(s.oursVsEleventy.time),
        ratio(s.oursVsEleventy.rss),
        percent(s.rebuildVsFull.unchanged),
        percent(s.rebuildVsFull.changed),
        percent(s.rebuildVsFull.added),
      ]),
      new Set([0, 1, 2, 3, 4, 5, 6, 7]),
    ),
    '',
  );

  out.push('## Targets (issue #6)', '', targetsTable(evaluateTargets(report)), '');
  out.push(`\\* The issue sets this target at ${int(ISSUE_SIZE)} articles; at this size it is shown for scale, in parentheses.`, '');

  out.push('## What each row measures', '');
  for (const [label, meaning] of ROW_MEANINGS) out.push(`- **${label}**: ${meaning}`);
  out.push('');

  out.push('## Corpora', '');
  for (const s of report.sizes) {
    const c = s.corpus;
    out.push(`- ${int(s.size)} articles: ${int(c.files)} files, ${(c.bytes / 2 ** 20).toFixed(1)} MB, ${c.reused ? 'reused from disk' : `generated in ${c.seconds.toFixed(1)} s`}`);
  }
  out.push('');

  const notes = report.sizes.flatMap((s) => s.results.filter((r) => r.note !== undefined));
  if (notes.length > 0) {
    out.push('## Notes', '');
    for (const r of notes) {
      const note = r.note ?? '';
      // Failures carry a stderr tail, which needs a code block; one-line notes read better as a list.
      if ((r.status === 'ok' || r.status === 'unavailable') && !note.includes('\n')) out.push(`- ${r.label}, ${int(r.size)} articles: ${note}`);
      else out.push('', `### ${r.label}, ${int(r.size)} articles: ${r.status}`, '', '```', note.replace(/```/g, "'''"), '```', '');
    }
    out.push('');
  }

  out.push(
    '## How it is measured',
    '',
    '- Wall time: from spawning the command to its exit, on a warm page cache, after `sync`. With `--repeat N` each step runs N times and its fastest run is reported; every cold build starts from an empty folder with `--no-cache`, and every repeated rebuild makes a new change.',
    '- Peak RSS (tree): the larger of the summed RSS of the whole process tree, sampled from /proc every 100 ms, and the exact peak of the largest single process (GNU time `%M`). For ours this includes npm and the tsx launcher.',
    '- CPU s: user + system CPU time of the whole process tree (GNU time `%U` + `%S`). On a busy machine it moves much less than wall time, so compare it when the load average is high.',
    '- Pages: `.html` files in the output folder; for a rebuild, the pages it wrote of the site\'s total, from the build\'s `Pages:` line. Pages/s: pages divided by wall time (not given for rebuilds).',
    `- Ours: \`npm run build -- --seeds <copy> --out <out> --now ${BUILD_NOW} <flags>\` on a copy of the corpus in bench/out/ (modification times kept), so edits never touch bench/corpus/.`,
    '- Our build and the stories benchmark run from a snapshot of the working tree taken at the start (`bench/out/tree/`, with its own `.cache/`): other engineers edit and build in the same checkout, and an edit to src/ (page fingerprints and the ingest cache carry a hash of the code) or another build (the ingest cache holds only the last build\'s seeds) would otherwise turn a timed rebuild into a full one. The snapshot\'s bundles, the commands\' and the worker threads\', are made before anything is timed (`node scripts/run.mjs bundle`: 2 to 6 s, paid once by the first build after an edit or `npm ci`).',
    `- Preview rows: pages polled every 15 ms over HTTP; before the next edit the run waits for the preview's rebuild to end and its output to go quiet. The edited article's URL comes from \`npm run check -- --json --drafts --now ${BUILD_NOW}\` before the server starts. The first edit also waits until the server has stopped adding inotify watches (a safeguard: the preview now has its watches in place before it says it is serving; an earlier version, with Eleventy's watcher, was still adding them 3 s after that at 10,000 seeds, and an edit to a seed not yet watched was never seen; the note gives the wait). The server is stopped with SIGINT to its process group (SIGTERM, then SIGKILL, if it lingers).`,
    '- Baselines read a converted copy of the same articles (Markdown with YAML front matter; bare seeds get a title; `tags` renamed `keywords` so that neither baseline builds tag collections), prepared before timing starts.',
    '',
  );
  return out.join('\n');
}

export function renderJson(report: BenchReport): string {
  return JSON.stringify({ ...report, targets: evaluateTargets(report) }, null, 2);
}
