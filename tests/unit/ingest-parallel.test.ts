/**
 * The per-file stages over worker threads give exactly what one thread gives:
 * same records, same report, same order, on the real seeds, every ingest and
 * hostile fixture and a few hundred generated seeds of every shape. A worker
 * that dies hands its batches back to the main thread.
 */
import assert from "node:assert/strict";
import { cpSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { ingest, type IngestOptions, type IngestStats } from "../../src/ingest.ts";
import type { WorkItem } from "../../src/ingest/batch.ts";
import { WorkerPool } from "../../src/ingest/pool.ts";
import { lazyTexts } from "../../src/ingest/codec.ts";
import { listSeeds } from "../../src/read/walk.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";

const MTIME = new Date("2025-10-01T08:00:00Z");

function touchAll(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) touchAll(p);
    utimesSync(p, MTIME, MTIME);
  }
}

const seedsDir = tempDir("parallel");
cpSync(path.join(ROOT, "seeds"), path.join(seedsDir, "real"), { recursive: true });
cpSync(path.join(ROOT, "tests/fixtures/ingest"), path.join(seedsDir, "ingest"), { recursive: true });
cpSync(path.join(ROOT, "tests/fixtures/hostile"), path.join(seedsDir, "hostile"), { recursive: true });
writeArticles(path.join(seedsDir, "generated"), 0, 320);
touchAll(seedsDir);

const base: IngestOptions = { seedsDir, timeZone: "Europe/London", now: new Date("2026-11-22T12:00:00Z") };

async function run(extra: Partial<IngestOptions>) {
  let stats: IngestStats | undefined;
  const result = await ingest({ ...base, ...extra, onStats: (s) => (stats = s) });
  return { result, stats: stats! };
}

test("worker threads give the records one thread gives, in the same order", async () => {
  const single = await run({ workers: 0 });
  assert.equal(single.stats.workers, 0);
  assert.ok(single.result.report.length > 400, "the corpus is a few hundred files");
  for (const workers of [1, 2]) {
    const parallel = await run({ workers, parallelMin: 0 });
    assert.equal(parallel.stats.workers, workers, "the workers ran");
    assert.equal(parallel.stats.parsed, single.stats.parsed);
    assert.deepStrictEqual(parallel.result, single.result, `${workers} worker(s)`);
  }
});

test("seeds parsed over threads bring the story step their phase-1 records: it reads no text again but to confirm a duplicate", async () => {
  const readTexts = (r: Awaited<ReturnType<typeof run>>["result"]) => r.articles.filter((a) => !lazyTexts(a)?.unread("text")).map((a) => a.file);
  const single = await run({ workers: 0 });
  assert.ok(readTexts(single.result).length > 300, "in one thread the story step reads every text it compares");
  const { result } = await run({ workers: 1, parallelMin: 0 });
  const originals = new Set(result.report.flatMap((e) => (e.duplicateOf ? [e.duplicateOf] : [])));
  assert.ok(originals.size > 0, "the corpus has exact duplicates");
  const read = readTexts(result);
  assert.ok(read.length > 0);
  for (const file of read) assert.ok(originals.has(file), `${file}: its text was read again`);
});

test("a worker that dies hands its batches back: every file still gets its record", async () => {
  const seeds = (await listSeeds(seedsDir)).filter((s) => !s.skip).slice(0, 60);
  const items: WorkItem[] = seeds.map((s) => ({ abs: s.abs, rel: s.rel, size: s.size, mtimeMs: s.mtimeMs }));
  const ctx = { seedsDir, timeZone: "UTC", nowMillis: base.now.getTime() };
  const pool = WorkerPool.start(1, ctx, new URL("../helpers/dying-worker.ts", import.meta.url));
  const got = new Map<number, string>();
  try {
    await pool.run(items, { batchSize: 8, mainWorks: false, wantPacks: false }, ({ start, results }) => {
      results.forEach((r, k) => got.set(start + k, r.entry.file));
    });
  } finally {
    pool.close();
  }
  assert.deepEqual([...got.keys()].sort((a, b) => a - b), items.map((_, i) => i));
  assert.deepEqual(items.map((_, i) => got.get(i)), items.map((it) => it.rel));
});
