/**
 * Ingest benchmark: the per-file stages and the site-wide step, alone (no
 * rendering), on the benchmark corpus, in the configurations that matter:
 *
 *   single     one thread, no cache (the baseline)
 *   parallel   worker threads, no cache
 *   cold       worker threads, writing an empty persistent cache
 *   warm       the same again: every record from the cache, no seed read (their
 *              stat is unchanged), the story step's relations reused
 *   one-edit   warm, after one seed was edited (on a copy of the corpus; ≤ 10k):
 *              that seed parsed, the story step run
 *
 *   npx tsx scripts/bench-ingest.ts [--sizes 1000,10000] [--runs 3] [--configs warm,one-edit] [--json]
 *
 * `--configs` times only those (cold still runs, untimed, to fill the cache).
 *
 * Each run is a fresh process (peak RSS is per process); the fastest of
 * `--runs` is reported, since other work on a shared machine only ever slows
 * a run down. The load average is printed with the table.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { RACY_MS } from "../src/read/settled.ts";
import { listSeeds } from "../src/read/walk.ts";
import { ensureCorpus } from "./bench/corpus.ts";
import { measure } from "./bench/measure.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const NOW = "2026-11-22T12:00:00Z";

interface ChildArgs {
  seedsDir: string;
  cacheDir?: string;
  workers?: number;
}

interface ChildResult {
  /** Whole ingest, ms (per-file stages + stories + order). */
  ingestMs: number;
  /** Per-file stages only, ms. */
  filesMs: number;
  parsed: number;
  fromDisk: number;
  rehashed: number;
  workers: number;
}

/** In the child: one ingest, timed from inside. */
async function child(args: ChildArgs): Promise<void> {
  const { ingest } = await import("../src/ingest.ts");
  const started = performance.now();
  let filesMs = 0;
  let stats = { parsed: 0, fromDisk: 0, rehashed: 0, workers: 0 };
  await ingest({
    seedsDir: args.seedsDir,
    timeZone: "UTC",
    now: new Date(NOW),
    cacheDir: args.cacheDir,
    workers: args.workers,
    onStats: (s) => {
      filesMs = performance.now() - started;
      stats = s;
    },
  });
  const { parsed, fromDisk, rehashed, workers } = stats;
  const result: ChildResult = { ingestMs: performance.now() - started, filesMs, parsed, fromDisk, rehashed, workers };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

interface Row {
  size: number;
  config: string;
  wallS: number;
  ingestS: number;
  filesS: number;
  cpuS: number | null;
  rssMB: number;
  parsed: number;
  fromDisk: number;
  rehashed: number;
  workers: number;
}

async function runOnce(args: ChildArgs): Promise<Omit<Row, "size" | "config">> {
  const m = await measure(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-ingest.ts"), "--child", JSON.stringify(args)], {
    cwd: ROOT,
    timeoutMs: 60 * 60_000,
  });
  if (m.exitCode !== 0) throw new Error(`ingest failed (${m.exitCode ?? m.signal}):\n${m.stderrTail}`);
  const r = JSON.parse(m.stdoutTail.trim().split("\n").pop()!) as ChildResult;
  return {
    wallS: m.wallSeconds,
    ingestS: r.ingestMs / 1000,
    filesS: r.filesMs / 1000,
    cpuS: m.cpuSeconds,
    rssMB: m.maxProcRssMB,
    parsed: r.parsed,
    fromDisk: r.fromDisk,
    rehashed: r.rehashed,
    workers: r.workers,
  };
}

async function fastest(runs: number, prepare: () => void, args: ChildArgs) {
  let best: Omit<Row, "size" | "config"> | undefined;
  for (let i = 0; i < runs; i++) {
    prepare();
    const r = await runOnce(args);
    if (!best || r.ingestS < best.ingestS) best = r;
  }
  return best!;
}

/** Change one seed's text in a copy of the corpus (same file, new content). */
function editOneSeed(dir: string, rel: string, round: number): void {
  const file = path.join(dir, rel);
  writeFileSync(file, `${readFileSync(file, "utf8")}\nAn added line, edit ${round}.\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      runs: { type: "string", default: "3" },
      configs: { type: "string", default: "single,parallel,cold,warm,one-edit" },
      json: { type: "boolean", default: false },
      child: { type: "string" },
    },
  });
  if (values.child) return child(JSON.parse(values.child) as ChildArgs);
  const runs = Math.max(1, Number(values.runs));
  const wanted = new Set(values.configs.split(","));
  const rows: Row[] = [];
  const loadBefore = loadavg()[0]!;
  for (const size of values.sizes.split(",").map(Number)) {
    const corpus = await ensureCorpus(path.join(ROOT, "bench", "corpus"), size);
    const scratch = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
    const cacheDir = path.join(scratch, "cache");
    const log = (config: string, r: Omit<Row, "size" | "config">) => {
      rows.push({ size, config, ...r });
      process.stderr.write(`[bench-ingest] ${size} ${config}: files ${r.filesS.toFixed(2)} s, ingest ${r.ingestS.toFixed(2)} s, ${Math.round(r.rssMB)} MB\n`);
    };
    if (wanted.has("single")) log("single", await fastest(runs, () => {}, { seedsDir: corpus.dir, workers: 0 }));
    if (wanted.has("parallel")) log("parallel", await fastest(runs, () => {}, { seedsDir: corpus.dir }));
    const cold = await fastest(wanted.has("cold") ? runs : 1, () => rmSync(cacheDir, { recursive: true, force: true }), { seedsDir: corpus.dir, cacheDir });
    if (wanted.has("cold")) log("cold", cold);
    if (wanted.has("warm")) log("warm", await fastest(runs, () => {}, { seedsDir: corpus.dir, cacheDir }));
    if (size <= 10_000 && wanted.has("one-edit")) {
      const copy = path.join(scratch, "seeds");
      cpSync(corpus.dir, copy, { recursive: true, preserveTimestamps: true });
      const copyCache = path.join(scratch, "copy-cache");
      const copied = Date.now();
      await runOnce({ seedsDir: copy, cacheDir: copyCache });
      // The copy's change times are new: one more build once they are older than RACY_MS keeps their stats, as any later build would.
      await sleep(Math.max(0, copied + RACY_MS - Date.now()));
      await runOnce({ seedsDir: copy, cacheDir: copyCache });
      const seeds = (await listSeeds(copy)).filter((s) => !s.skip);
      const edited = seeds[seeds.length >> 1]!.rel;
      let round = 0;
      log("one-edit", await fastest(runs, () => editOneSeed(copy, edited, ++round), { seedsDir: copy, cacheDir: copyCache }));
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ loadBefore, loadAfter: loadavg()[0], runs, rows }, null, 2)}\n`);
    return;
  }
  const lines = [
    `Ingest only (no rendering), fastest of ${runs}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, 2 cores.`,
    "",
    "| articles | config | per-file stages s | whole ingest s | process wall s | CPU s | peak RSS MB | parsed | from cache | of which re-hashed | workers |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) =>
      `| ${r.size} | ${r.config} | ${r.filesS.toFixed(2)} | ${r.ingestS.toFixed(2)} | ${r.wallS.toFixed(2)} | ${r.cpuS?.toFixed(1) ?? "—"} | ${Math.round(r.rssMB)} | ${r.parsed} | ${r.fromDisk} | ${r.rehashed} | ${r.workers} |`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
