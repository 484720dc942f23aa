/**
 * Benchmark of story clustering (src/stories): generates a deterministic
 * synthetic corpus of N ~600-word articles (tests/stories/synthetic.ts) and
 * times `relateStories` on it, with peak memory and quality against the
 * generator's ground truth.
 *
 *   npx tsx scripts/bench-stories.ts [--n 100000] [--seed 1] [--threads 1|2] [--phases] [--json] [--hash] [--edit | --records]
 *
 * The figure that counts is the clustering time (relateStories); the corpus
 * generation before it is timed separately. Wall time depends on what else
 * the machine runs: the one-minute load average before and after is printed
 * with the figures, and CPU time (both threads) too. With two threads on a
 * busy machine the second one gains little: CPU time is the steadier figure.
 * `--phases` runs analyzeStories instead (the same work plus diagnostics)
 * and prints wall and CPU time per phase. `--hash` prints a SHA-256 of the
 * relations (and, with `--phases`, of the scored pairs and copy coverages):
 * an optimisation must leave it unchanged. `--records` times a rebuild after
 * one edit instead: a first run keeps phase-1 records (src/stories/records.ts),
 * copy coverages (src/stories/coverages.ts) and its weights and scored pairs
 * (src/stories/reuse.ts), they go through the cache file's serialization (timed: what loading them
 * costs), then the run that counts reuses them for every article but one
 * whose text changed; its hash must equal a full run's on the same input
 * (`--hash` without `--records`, with the edit: `--edit`).
 *
 * Run with `node --expose-gc --import tsx scripts/bench-stories.ts` to take
 * the baseline memory figure after a full garbage collection.
 */
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import v8 from "node:v8";
import { analyzeStories, CopyCoverages, relateStories, TermRecords, type StoryInput, type RunState, type StoryRecords, type StoryRelations } from "../src/stories/index.ts";
import { generateCorpus } from "../tests/stories/synthetic.ts";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
const n = Math.floor(arg("n", 100_000));
const seed = Math.floor(arg("seed", 1));
const json = process.argv.includes("--json");
const threadsArg = process.argv.includes("--threads") ? Math.floor(arg("threads", 2)) : undefined;
const phases = process.argv.includes("--phases");
const wantHash = process.argv.includes("--hash");
const withRecords = process.argv.includes("--records");
const edit = withRecords || process.argv.includes("--edit");
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

const t0 = performance.now();
const corpus = generateCorpus(n, seed);
const genMs = performance.now() - t0;
/** The article `--edit` changes (and `--records` reads again): one in the middle, its text one sentence longer. */
const edited = Math.floor(n / 2);
const revisionOf = (d: StoryInput) => createHash("sha256").update(`${d.title}\0${d.text}`).digest("base64url");
let records: StoryRecords | undefined;
let recordsInfo: { firstRunMs: number; serializeMs: number; loadMs: number; megabytes: number } | undefined;
if (withRecords) {
  const inputs = corpus.docs.map((d) => ({ ...d, revision: revisionOf(d) }));
  const first: StoryRecords = { previous: TermRecords.empty(), coverages: new CopyCoverages(), previousRun: undefined };
  const f0 = performance.now();
  relateStories(inputs, threadsArg === undefined ? {} : { threads: threadsArg }, first);
  const f1 = performance.now();
  const bytes = v8.serialize([first.next!.toPlain(), first.nextCoverages!.toPlain(), first.nextRun]);
  const f2 = performance.now();
  const [plainRecords, plainCoverages, previousRun] = v8.deserialize(bytes) as [unknown, unknown, RunState];
  const previous = TermRecords.fromPlain(plainRecords)!;
  const coverages = CopyCoverages.fromPlain(plainCoverages)!;
  previous.find("");
  const f3 = performance.now();
  records = { previous, coverages, previousRun };
  recordsInfo = { firstRunMs: Math.round(f1 - f0), serializeMs: Math.round(f2 - f1), loadMs: Math.round(f3 - f2), megabytes: +(bytes.length / MB).toFixed(1) };
}
if (edit) {
  const d = corpus.docs[edited]!;
  corpus.docs[edited] = { ...d, text: `${d.text} One more sentence about the harbour wall.` };
}
if (records) for (const d of corpus.docs) (d as StoryInput).revision = revisionOf(d);
let words = 0;
let chars = 0;
for (const d of corpus.docs) {
  chars += d.text.length;
  for (let i = 0, inWord = false; i < d.text.length; i++) {
    const space = d.text.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
}
gc?.();
const rssBefore = process.memoryUsage().rss;
const peakBefore = process.resourceUsage().maxRSS * 1024;

const load1 = loadavg()[0]!;
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const options = threadsArg === undefined ? {} : { threads: threadsArg };
let rel: Map<string, StoryRelations>;
let stats: ReturnType<typeof analyzeStories>["stats"] | undefined;
let analysis: ReturnType<typeof analyzeStories> | undefined;
if (phases) {
  analysis = analyzeStories(corpus.docs, options, records);
  rel = analysis.relations;
  stats = analysis.stats;
} else rel = relateStories(corpus.docs, options, records);
const ms = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
const load2 = loadavg()[0]!;
const rssAfter = process.memoryUsage().rss;
const peak = process.resourceUsage().maxRSS * 1024;

// ---- Quality against the ground truth.
const { docs, event, copyOf } = corpus;
const idx = new Map<string, number>();
docs.forEach((d, i) => idx.set(d.file, i));
const pairs = (m: Map<string, number>): number => {
  let s = 0;
  for (const c of m.values()) s += (c * (c - 1)) / 2;
  return s;
};
const predCount = new Map<string, number>();
const trueCount = new Map<string, number>();
const bothCount = new Map<string, number>();
docs.forEach((d, i) => {
  const s = rel.get(d.file)!.story;
  predCount.set(s, (predCount.get(s) ?? 0) + 1);
  trueCount.set(String(event[i]), (trueCount.get(String(event[i])) ?? 0) + 1);
  const k = `${s}|${event[i]}`;
  bothCount.set(k, (bothCount.get(k) ?? 0) + 1);
});
const tp = pairs(bothCount);
const storyPrecision = tp / Math.max(1, pairs(predCount));
const storyRecall = tp / Math.max(1, pairs(trueCount));
let copyTrue = 0;
let copyFound = 0;
let copyFlagged = 0;
let copyRight = 0;
docs.forEach((d, i) => {
  const r = rel.get(d.file)!;
  const of = r.duplicateOf ?? r.derivedFrom?.file;
  if (copyOf[i]! >= 0) copyTrue++;
  if (of !== undefined) {
    copyFlagged++;
    const j = idx.get(of)!;
    // Right when the pair is a true copy pair in either direction, or both copy the same original.
    const right = copyOf[i] === j || copyOf[j] === i || (copyOf[i]! >= 0 && copyOf[i] === copyOf[j]);
    if (right) copyRight++;
    if (right && copyOf[i]! >= 0) copyFound++;
  }
});
const stories = predCount.size;

/**
 * SHA-256 of everything the run decided, in input order (diagnostics too when there are any,
 * sorted: a run that reuses an earlier one's pairs finds the same ones in another order).
 */
function resultHash(): string {
  const h = createHash("sha256");
  for (const d of docs) h.update(`${d.file}\t${JSON.stringify(rel.get(d.file))}\n`);
  if (analysis) {
    const sorted = (lines: string[]) => lines.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    for (const line of sorted(analysis.pairs.map((p) => `${p.a}\t${p.b}\t${p.similarity}\n`))) h.update(line);
    for (const line of sorted(analysis.coverages.map((c) => `${c.copy}\t${c.original}\t${c.coverage}\n`))) h.update(line);
  }
  return h.digest("hex");
}

const result = {
  articles: n,
  words,
  megabytesOfText: +(chars / MB).toFixed(1),
  generateMs: Math.round(genMs),
  relateStoriesMs: Math.round(ms),
  cpuUserMs: Math.round(cpu.user / 1000),
  cpuSystemMs: Math.round(cpu.system / 1000),
  threads: threadsArg ?? "auto",
  ...(recordsInfo && { records: recordsInfo }),
  ...(stats && { phasesWallMs: stats.timings, phasesCpuMs: stats.cpu, helper: stats.helper }),
  loadAverageBefore: +load1.toFixed(2),
  loadAverageAfter: +load2.toFixed(2),
  rssBeforeMB: Math.round(rssBefore / MB),
  rssAfterMB: Math.round(rssAfter / MB),
  peakRssMB: Math.round(peak / MB),
  peakRssGrowthMB: Math.round(Math.max(0, peak - Math.max(peakBefore, rssBefore)) / MB),
  stories,
  trueEvents: trueCount.size,
  storyPairPrecision: +storyPrecision.toFixed(4),
  storyPairRecall: +storyRecall.toFixed(4),
  copiesTrue: copyTrue,
  copiesFlagged: copyFlagged,
  copyPrecision: +(copyRight / Math.max(1, copyFlagged)).toFixed(4),
  copyRecall: +(copyFound / Math.max(1, copyTrue)).toFixed(4),
  ...(wantHash && { resultHash: resultHash() }),
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`stories benchmark: ${n} articles, ${(words / n).toFixed(0)} words each on average, ${result.megabytesOfText} MB of text`);
  console.log(`  corpus generated in ${(genMs / 1000).toFixed(1)} s (not part of the figure below)`);
  if (recordsInfo) {
    console.log(
      `  records: first run ${(recordsInfo.firstRunMs / 1000).toFixed(2)} s; ${recordsInfo.megabytes} MB serialized in ${recordsInfo.serializeMs} ms, loaded in ${recordsInfo.loadMs} ms; below: article ${edited} edited, the others from records`,
    );
  }
  console.log(
    `  ${phases ? "analyzeStories" : "relateStories"}: ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (user + system, all threads; threads: ${result.threads}; load average ${load1.toFixed(2)} before, ${load2.toFixed(2)} after)`,
  );
  if (stats) {
    const row = (r: Record<string, number>): string => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(`  phases, wall ms: ${row(stats.timings)}`);
    console.log(`  phases, CPU ms:  ${row(stats.cpu)}`);
    console.log(`  copies: ${stats.examined} pairs examined, ${stats.aligned} of them aligned; ${stats.reweighed} articles weighed and scored (the others kept the first run's)`);
    if (stats.helper) console.log(`  helper thread: ${stats.helper.docs} articles of phase 1, ${stats.helper.blocks} task blocks, ${stats.helper.errors} errors`);
  }
  console.log(`  memory: RSS ${result.rssBeforeMB} MB before, ${result.rssAfterMB} MB after, peak ${result.peakRssMB} MB (+${result.peakRssGrowthMB} MB during the run)`);
  console.log(`  ${stories} stories for ${result.trueEvents} true events; same-story pairs precision ${storyPrecision.toFixed(4)}, recall ${storyRecall.toFixed(4)}`);
  console.log(`  copies: ${copyFlagged} flagged of ${copyTrue} true; precision ${result.copyPrecision}, recall ${result.copyRecall}`);
  if (result.resultHash) console.log(`  result hash (${phases ? "relations, pairs, coverages" : "relations"}): ${result.resultHash}`);
}
