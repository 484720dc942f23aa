/**
 * Where a seed becomes an Article: the pipeline, stage by stage.
 *
 *   read → decode → front matter → infer → validate → enrich   (per file, here)
 *   → site-wide: stories, unique URLs, order                   (here)
 *   → render (Eleventy, src/render/) → publish (src/publish/)
 *
 * Every file is parsed once; one broken file never stops the others: its
 * error is kept in its report entry, with the cause. The per-file part lives
 * in src/ingest/ (files.ts: caches, worker threads; file.ts: the stages).
 */
import path from "node:path";
import { makeUrlsUnique } from "./enrich/unique_slugs.ts";
import { ingestTracked, type FileResult } from "./ingest/file.ts";
import { ingestFiles, type IngestStats } from "./ingest/files.ts";
import type { IngestCache } from "./ingest/memory-cache.ts";
import { checkedFileStore } from "./ingest/checked-file.ts";
import { applyStoriesCached, openStories, startStories, type EarlyStories, type StoryStep } from "./ingest/stories-cache.ts";
import { BEFORE_SHALLOW_HISTORY, gitFirstCommitDates, WHOLE_HISTORY_HINT } from "./read/git-dates.ts";
import { listSeeds, type SeedEntry } from "./read/walk.ts";
import type { ReportEntry } from "./report/entry.ts";
import type { Article } from "./validate/schema.ts";
import type { TermRecords } from "./stories/records.ts";
import { timed } from "./report/timings.ts";

export { IngestCache } from "./ingest/memory-cache.ts";
export { storyThreadsDone } from "./ingest/stories-thread.ts";
export type { FileResult } from "./ingest/file.ts";
export type { IngestStats } from "./ingest/files.ts";

export interface IngestOptions {
  seedsDir: string;
  timeZone: string;
  /** Build time: articles dated later are scheduled. */
  now: Date;
  /** Include drafts and scheduled articles (preview). */
  drafts?: boolean;
  /** Per-file results kept between runs (watch mode): unchanged files are not parsed again. */
  cache?: IngestCache;
  /** Folder of the persistent per-file cache (`.cache/ingest`); none when absent. */
  cacheDir?: string;
  /** Called after each file, e.g. for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for the per-file stages (0: this thread only); default: the other cores. */
  workers?: number;
  /** Fewer files to parse than this are parsed in this thread (default PARALLEL_MIN, files.ts). */
  parallelMin?: number;
  /** Told where the per-file records came from (caches, pipeline) and how many workers ran. */
  onStats?: (stats: IngestStats) => void;
  /** Run the story step of a rebuild on a second thread while the records are decoded (default true; stories-thread.ts). */
  storyThread?: boolean;
  /** Told how the story step got its relations. */
  onStories?: (how: StoryStep) => void;
  /**
   * Called when this thread has read every record and only waits for the story step's thread: what
   * the caller does next may start then (a build loads Eleventy; loaded after the answer, it added
   * 0.03 s to a one-edit rebuild at 10k, and loaded while the seeds were read it slowed the thread).
   */
  whileStoriesRun?: () => void;
}

export interface Ingested {
  /** What the site shows, newest first. */
  articles: Article[];
  /** Every file under the seeds folder, by path. */
  report: ReportEntry[];
  /** Local images to copy: site URL → absolute source path. */
  assets: Map<string, string>;
  /** What the editor should know of the whole build, not of one file (the commands print them as `note:` lines). */
  notes: string[];
}

/** One seed through decode → front matter → infer → validate → enrich. */
export function ingestBytes(bytes: Uint8Array, seed: SeedEntry, opts: IngestOptions, gitDates: ReadonlyMap<string, string>): FileResult {
  const ctx = { seedsDir: opts.seedsDir, timeZone: opts.timeZone, nowMillis: opts.now.getTime(), git: gitDates.get(seed.rel) };
  return ingestTracked(bytes, seed, ctx).result;
}

export async function ingest(opts: IngestOptions): Promise<Ingested> {
  const seedsDir = path.resolve(opts.seedsDir);
  // With the records from the persistent cache, the story step runs on a second thread while they are
  // decoded (stories-thread.ts). The thread starts first, while the seeds are listed.
  const { cacheDir } = opts;
  const thread = cacheDir && !opts.cache && opts.storyThread !== false ? openStories(cacheDir) : undefined;
  let early: EarlyStories | undefined;
  // The story step's records of the seeds parsed over several threads, made as they were parsed.
  const made: TermRecords[] = [];
  let results: FileResult[];
  let gitDates: ReadonlyMap<string, string>;
  try {
    // Before the walk: the persistent cache trusts a seed's stat only when it is older than this (disk-cache.ts).
    const listedAt = Date.now();
    // git first: its process runs while the (synchronous) walk lists the seeds; its dates are kept beside the cache.
    const gitStore = cacheDir ? checkedFileStore(path.join(cacheDir, "git-dates.bin")) : undefined;
    let seeds: SeedEntry[];
    [gitDates, seeds] = await timed("list seeds, git dates", () => Promise.all([gitFirstCommitDates(seedsDir, gitStore), listSeeds(seedsDir)]));
    // Per file, in seed order (cached, or parsed over worker threads).
    results = await timed("read and parse seeds", () =>
      ingestFiles(seeds, gitDates, {
        ...opts,
        seedsDir,
        listedAt,
        onStoryIdentities:
          thread &&
          ((identities, resultAt) => {
            early = startStories(identities, cacheDir!, thread, (i) => resultAt(i)?.article?.text);
          }),
        onStoryRecords: (records) => made.push(records),
      }),
    );
  } catch (cause) {
    thread?.cancel();
    throw cause;
  }
  if (!early) thread?.cancel();
  if (early?.relations) opts.whileStoriesRun?.();

  // Site-wide, over all files: stories, duplicates, story dates (the relations reused when no title, text or date changed).
  const how = await timed("stories", () => applyStoriesCached(results, opts.timeZone, cacheDir, { early, made }));
  opts.onStories?.(how);
  const shown = results.filter(
    (r) => r.article && r.entry.status !== "duplicate" && (r.article.status === "published" || opts.drafts),
  );
  makeUrlsUnique(shown.map((r) => r.article!));
  shown.sort((a, b) => b.millis - a.millis || (a.entry.file < b.entry.file ? -1 : 1));

  const assets = new Map<string, string>();
  for (const r of results) {
    if (r.article) r.entry.url = r.article.url;
    if (r.image?.from && r.article) assets.set(r.image.src, r.image.from);
  }
  return { articles: shown.map((r) => r.article!), report: results.map((r) => r.entry), assets, notes: shallowCloneNotes(results, gitDates) };
}

/** Seeds dated by their modification time because the seeds folder is a shallow clone (src/read/git-dates.ts): one note for them all. */
function shallowCloneNotes(results: readonly FileResult[], gitDates: ReadonlyMap<string, string>): string[] {
  const count = results.filter((r) => r.entry.sources.date === "mtime" && gitDates.get(r.entry.file) === BEFORE_SHALLOW_HISTORY).length;
  if (count === 0) return [];
  const seeds = count === 1 ? "1 seed without a written date was" : `${count} seeds without a written date were`;
  const hint = WHOLE_HISTORY_HINT[0]!.toUpperCase() + WHOLE_HISTORY_HINT.slice(1);
  return [`${seeds} dated by modification time: the seeds folder is a shallow git clone, which lacks their first commits. ${hint}, or write their dates.`];
}
