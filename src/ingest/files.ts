/**
 * The per-file stage of `ingest`, for every seed, fastest source first:
 *   1. the walk's own verdict (symlinks, hidden files, …);
 *   2. the in-memory cache (watch mode: same stamp, same record);
 *   3. the persistent cache (same bytes, options and pipeline: disk-cache.ts);
 *   4. the pipeline itself: over worker threads when there are enough files
 *      to repay starting them (pool.ts), else in this thread.
 * Results come back in seed order whichever path produced them.
 */
import type { IngestOptions } from "../ingest.ts";
import { availableParallelism } from "node:os";
import { statusOf } from "../enrich/article.ts";
import { readSeedFile } from "../read/read.ts";
import { MAX_SEED_BYTES, type SeedEntry } from "../read/walk.ts";
import { packOutcomes, runItems, type BatchContext, type WorkItem } from "./batch.ts";
import { DiskCache, pipelineVersion, type CacheEntry } from "./disk-cache.ts";
import { encodeTexts, withCompactTexts } from "./codec.ts";
import { contentHash, ingestSeed, skippedResult, type FileResult } from "./file.ts";
import type { IngestCache } from "./memory-cache.ts";
import { storyIdentity, type StoryIdentity } from "../enrich/stories.ts";
import { WorkerPool, type BatchDone } from "./pool.ts";
import type { TermRecords } from "../stories/records.ts";
import { envNumber } from "../site/env-number.ts";

/** What the per-file stage needs of the ingest options (the seeds folder already absolute). */
export type FilesOptions = Omit<IngestOptions, "drafts"> & {
  /** When the seeds were listed (taken before the walk): lets the persistent cache trust a seed's unchanged stat. */
  listedAt?: number;
  /**
   * Told, before any cached record is decoded, what the story step will read of every seed (in
   * seed order; null: not compared), when the persistent cache answers for the seeds and the
   * others are few enough to parse first in this thread (not called otherwise); `resultAt` gives
   * a seed's result once there is one (those parsed, already).
   */
  onStoryIdentities?: (identities: ReadonlyArray<{ file: string; identity: StoryIdentity | null }>, resultAt: (seed: number) => FileResult | undefined) => void;
  /**
   * Given the story step's records of the seeds parsed over several threads, made by the thread
   * that parsed each batch (batch-terms.ts), for the story step to reuse; not called for seeds
   * parsed in this thread alone.
   */
  onStoryRecords?: (records: TermRecords) => void;
};

export interface IngestStats {
  files: number;
  /** From the in-memory cache (watch mode). */
  fromMemory: number;
  /** From the persistent cache. */
  fromDisk: number;
  /** Read and hashed to be looked up in the persistent cache (their stat had changed, or was too recent to trust). */
  rehashed: number;
  /** Run through the pipeline. */
  parsed: number;
  /** Worker threads started (0: all in this thread). */
  workers: number;
}

/**
 * Below this many files to parse, this thread parses them alone. A worker
 * costs its start (0.15–0.2 s, bundled) and a second warm-up of the
 * pipeline's code, and a second thread on this machine's two vCPUs adds
 * about a third to the throughput, not double. Parsing plus the story step
 * (which reads the texts itself when no worker made its records), --no-cache,
 * in this thread against with one worker: 1.2 s against 1.5 s at 1,500 seeds,
 * 1.5–1.6 against 1.7 s at 2,000, the same at 3,000, 3.2–3.4 against
 * 3.0–3.1 s at 5,000, 5.8–7.2 against 4.7–4.9 s at 10,000. (It was 300.)
 */
export const PARALLEL_MIN = 2500;
/**
 * One worker per core beyond the main thread's, which works too. Measured on
 * 2 cores (10k seeds): 1 worker + the main thread was faster than 2 workers
 * with the main thread only handing out batches, and as fast as 2 workers +
 * the main thread for less CPU and memory. Past 3 workers the main thread,
 * decoding every record, would become the limit.
 * NEWSROOM_INGEST_WORKERS overrides it (0: one thread).
 */
const DEFAULT_WORKERS = Math.min(3, Math.max(1, availableParallelism() - 1));

/** Small enough that threads finish close together, large enough that messages stay few. */
const batchSize = (files: number, threads: number) => Math.min(128, Math.max(8, Math.ceil(files / (threads * 6))));

/** A stored record's status for this build's time (the one time-dependent part). */
function withStatus(r: FileResult, nowMillis: number): FileResult {
  if (r.article) {
    const status = statusOf(r.article.draft, r.article.sources.date, r.millis, nowMillis);
    r.article.status = status;
    r.entry.status = status;
  }
  return r;
}

/** Per seed, in seed order. */
export async function ingestFiles(seeds: readonly SeedEntry[], gitDates: ReadonlyMap<string, string>, opts: FilesOptions): Promise<FileResult[]> {
  const total = seeds.length;
  const results = new Array<FileResult>(total);
  let done = 0;
  const put = (at: number, r: FileResult) => {
    results[at] = r;
    opts.onProgress?.(++done, total);
  };
  const nowMillis = opts.now.getTime();
  const ctx: BatchContext = { seedsDir: opts.seedsDir, timeZone: opts.timeZone, nowMillis, pipeline: pipelineVersion() };
  const memory = opts.cache;
  const stampOf = (seed: SeedEntry) => [seed.abs, seed.size, seed.mtimeMs, gitDates.get(seed.rel) ?? "", nowMillis, opts.timeZone].join("\0");
  memory?.retain(new Set(seeds.map((s) => s.rel)));

  const todo: number[] = [];
  let skipped = 0;
  seeds.forEach((seed, at) => {
    if (seed.skip) {
      skipped++;
      return put(at, skippedResult(seed));
    }
    const hit = memory?.lookup(seed.rel, stampOf(seed));
    if (hit) put(at, hit);
    else todo.push(at);
  });

  const disk = opts.cacheDir ? DiskCache.open(opts.cacheDir, undefined, opts.listedAt) : undefined;
  const workers = opts.workers ?? envNumber("NEWSROOM_INGEST_WORKERS") ?? DEFAULT_WORKERS;
  const parallelMin = opts.parallelMin ?? PARALLEL_MIN;
  const parallel = (n: number) => workers > 0 && n >= parallelMin && n > 0;
  // Start workers now when a cold build is likely, so they load while the cache is consulted.
  const likelyMisses = disk ? todo.filter((at) => !disk.candidate(seeds[at]!)).length : todo.length;
  let pool = parallel(likelyMisses) ? WorkerPool.start(workers, ctx) : undefined;

  let parsed = 0;
  let rehashed = 0;
  let usedWorkers = 0;
  /** Runs the pipeline over the seeds at `misses` (seed positions, ascending). */
  const parse = async (misses: number[]): Promise<void> => {
    const items: WorkItem[] = misses.map((at) => {
      const s = seeds[at]!;
      return { abs: s.abs, rel: s.rel, size: s.size, mtimeMs: s.mtimeMs, git: gitDates.get(s.rel) };
    });
    const onBatch = ({ start, results: batch, packed, terms }: BatchDone) => {
      if (terms) opts.onStoryRecords?.(terms);
      batch.forEach((r, k) => {
        put(misses[start + k]!, withCompactTexts(r));
      });
      if (disk && packed) disk.store(misses.slice(start, start + batch.length).map((at) => seeds[at]!), opts.timeZone, packed, batch, batch.map((r) => storyIdentity(r.article)));
    };
    parsed += items.length;
    if (parallel(items.length)) {
      pool ??= WorkerPool.start(workers, ctx);
      usedWorkers = workers;
      // The story step's records, made batch by batch (imported only then: the story code builds its tables when loaded).
      const maker = opts.onStoryRecords && (await import("./batch-terms.ts"));
      const terms = maker && maker.worthMaking(seeds.length) ? maker : undefined;
      await pool.run(items, { batchSize: batchSize(items.length, workers + 1), mainWorks: true, wantPacks: !!disk, terms }, onBatch);
    } else {
      pool?.close();
      pool = undefined;
      const B = 128;
      for (let start = 0; start < items.length; start += B) {
        const outcomes = runItems(items.slice(start, start + B), ctx);
        onBatch({ start, results: outcomes.map((o) => o.result), packed: disk ? packOutcomes(outcomes) : undefined });
      }
    }
  };
  try {
    let misses = todo;
    if (disk) {
      misses = [];
      const hits: { entry: CacheEntry; at: number }[] = [];
      for (const at of todo) {
        const seed = seeds[at]!;
        const entry = disk.candidate(seed);
        const fileCtx = { ...ctx, git: gitDates.get(seed.rel) };
        if (entry && disk.unchanged(entry, seed)) {
          // Same stat as when it was hashed: the same bytes, not read again.
          if (disk.matches(entry, entry.hash, seed, fileCtx)) hits.push({ entry, at });
          else misses.push(at);
          continue;
        }
        let bytes: Uint8Array | undefined;
        try {
          if (entry) {
            rehashed++;
            bytes = readSeedFile(seed.abs, MAX_SEED_BYTES);
          }
        } catch {
          bytes = undefined; // the pipeline reads it again and reports why it cannot
        }
        if (entry && bytes && disk.matches(entry, contentHash(bytes), seed, fileCtx)) hits.push({ entry: disk.restamped(entry, seed), at });
        else misses.push(at);
      }
      // The few seeds that changed first, so that the story step knows all it will read before the records are decoded.
      if (opts.onStoryIdentities && !memory && !parallel(misses.length)) {
        await parse(misses);
        misses = [];
        const identities = new Array<{ file: string; identity: StoryIdentity | null }>(total);
        for (const { entry, at } of hits) identities[at] = { file: entry.rel, identity: entry.story };
        seeds.forEach((seed, at) => (identities[at] ??= { file: seed.rel, identity: storyIdentity(results[at]?.article) }));
        opts.onStoryIdentities(identities, (at) => results[at]);
      }
      // A record's html and text when its pack can no longer give them (damaged or collected since): its seed again, if unchanged.
      const recover = (at: number, entry: CacheEntry): Uint8Array => {
        const seed = seeds[at]!;
        const again = ingestSeed(seed, { ...ctx, git: gitDates.get(seed.rel) });
        if (again.hash !== entry.hash || !again.result.article) throw new Error(`${seed.rel} changed while the site was built; build again`);
        return encodeTexts(again.result.article);
      };
      const unreadable = disk.readHits(
        hits,
        (at, r) => put(at, withStatus(r, nowMillis)),
        recover,
      );
      if (unreadable.length) misses = [...misses, ...unreadable].sort((a, b) => a - b);
    }
    await parse(misses);
  } finally {
    pool?.close();
  }

  if (memory) for (const at of todo) memory.store(seeds[at]!.rel, stampOf(seeds[at]!), results[at]!);
  await disk?.save(seeds.filter((s) => !s.skip).map((s) => s.rel));
  opts.onStats?.({ files: total, fromMemory: total - skipped - todo.length, fromDisk: todo.length - parsed, rehashed, parsed, workers: usedWorkers });
  return results;
}
