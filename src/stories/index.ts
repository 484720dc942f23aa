/**
 * Story coverage: groups articles about the same event ("story"), flags
 * exact duplicates and copies / rewrites / paraphrases. Pure and
 * synchronous; deterministic (inputs are first sorted by file name, all
 * hashes have fixed seeds, all tie-breaks are by that order).
 *
 *  1. terms.ts / kernel.ts — the only pass over the texts: tokenise each
 *     article into 32-bit word hashes (typed arrays, no per-token objects),
 *     intern them, keep per article its distinct content terms (tf, "entity"
 *     bit for words capitalised away from a sentence start, quote bigrams for
 *     consecutive words inside double quotes), its content words as 16-bit
 *     fingerprints with sentence breaks, and a 64-bit duplicate key. Given
 *     the records of an earlier run (records.ts), only articles whose
 *     revision has none are read; the others are interned from their record.
 *  2. Weights: (1 + ln tf) · idf · boost (names ×2, numbers and quote bigrams
 *     ×1.5); idf counts at least 1000 documents so small collections are not
 *     ruled by chance document frequencies (tasks.ts weighTask).
 *  3. Candidates, never all pairs: each article puts its `indexTerms`
 *     heaviest terms with document frequency in [2, maxDf] in an inverted
 *     index (capped posting lists); articles sharing two of them (one when an
 *     article has very few) get their exact cosine similarity (candidateTask).
 *     Given the weights and scored pairs of an earlier run (reuse.ts),
 *     phases 2–3 are done again only for the articles an edit affected.
 *  4. Exact duplicates: equal duplicate keys, confirmed by comparing the
 *     normalised bodies (white space, quote marks, case).
 *  5. Copies: for candidate pairs with cosine ≥ copyCandidateThreshold, the
 *     later article (see "original order") is a copy of the earlier when most
 *     of its vocabulary occurs there (MIN_CONTAINMENT, cheap) and then most of
 *     its sentences align with one sentence of the earlier (derive.ts,
 *     coverageTask; coverage ≥ copyThreshold). That coverage is the
 *     reported similarity. Given the coverages of an earlier run
 *     (coverages.ts), a pair it examined is not aligned again.
 *  6. Stories: union-find over duplicate and copy links, then over the other
 *     pairs with cosine ≥ storyThreshold, strongest first, between articles at
 *     most windowDays apart when both are dated, never widening a story's span
 *     of dates beyond windowDays (an undated article joins on content alone
 *     but cannot bridge two dated stories far apart).
 *
 * Original order (who copies whom, and whose file names the story id): dated
 * before undated, earlier first, then more words, then file name.
 *
 * From PARALLEL_MIN_DOCS articles, when the machine has a second core, a
 * helper thread shares phases 1–3 and 5 (parallel.ts); the output is the
 * same bit for bit.
 */
import { normalizedEquals } from "./tokenize.ts";
import { allocator, IntVec, type Alloc } from "./vec.ts";
import { ENTITY_BIT, K_NUMBER, K_QUOTE, TF_MAX, collectTerms, type TermData, type TermInput } from "./terms.ts";
import { Helper, forBlocks } from "./parallel.ts";
import { candidateTask, coverageTask, weighTask, type WeighArgs } from "./tasks.ts";
import { availableParallelism } from "node:os";
import { MIN_SENTENCE_WORDS, SENTENCE_MATCH } from "./derive.ts";
import { UnionFind } from "./unionfind.ts";
import { hash40, hex40Of } from "./hash.ts";
import { collectReusing, TermRecords } from "./records.ts";
import { CopyCoverages } from "./coverages.ts";
import { identities, rescore, reusable, reweigh, runOptionsKey, runState } from "./reuse.ts";
import type { RunState } from "./run-state.ts";

export { TermRecords } from "./records.ts";
export { CopyCoverages } from "./coverages.ts";
export type { RunState } from "./run-state.ts";

export interface StoryInput {
  /** Path relative to the seeds folder, unique; used for stable tie-breaks. */
  file: string;
  title: string;
  /**
   * Plain body text (paragraphs separated by blank lines), no markup. May be
   * a getter: it is read only for articles without a record (see
   * `StoryRecords`) and for articles whose duplicate key equals another's.
   */
  readonly text: string;
  /** ISO 8601 with offset when the article has a real date, null when undated. */
  date: string | null;
  /** Stands for `title` and `text` (Article.textHash): the key of the article's phase-1 record. */
  revision?: string;
}

/**
 * Phase-1 records between runs (records.ts): `previous` and `made` are read,
 * `next` is set by the run to the records of its inputs (those with a
 * revision), which is what to keep for the next one.
 */
export interface StoryRecords {
  /** The records kept from earlier runs; absent when none are kept between runs (then the run sets no `next`). */
  previous?: TermRecords;
  /**
   * Records made for this run (records.ts `recordsOf`: by the threads that parsed its articles),
   * and the few kept beside `previous` (src/ingest/stories-store.ts), emptied by the run once
   * read: 2.4 MB per thousand articles, not to be held through it.
   */
  made?: TermRecords[];
  next?: TermRecords;
  /** Copy coverages kept from earlier runs (coverages.ts): pairs found there are not aligned again. */
  coverages?: CopyCoverages;
  /** Set by a run given `coverages`: those of the pairs it examined, what to keep for the next one. */
  nextCoverages?: CopyCoverages;
  /** Phases 2–3 of an earlier run (reuse.ts): only the articles an edit affected are weighed and scored again. */
  previousRun?: RunState;
  /** Set by a run given `previousRun` (undefined or not): its own, what to keep for the next one. */
  nextRun?: RunState;
}

export interface StoryRelations {
  /** Stable id shared by articles about the same event: 10 hex chars from the earliest member's file. */
  story: string;
  /** File this one repeats exactly (after normalising white space, quote marks, case). */
  duplicateOf?: string;
  /** This is a copy / rewrite / paraphrase of that file; similarity in [0,1], 2 decimals. */
  derivedFrom?: { file: string; similarity: number };
}

/** Tunable thresholds; the defaults are what `relateStories` uses. */
export interface StoryOptions {
  /** Cosine similarity from which two articles are the same story. */
  storyThreshold: number;
  /** Cosine similarity from which a pair is examined as a possible copy. */
  copyCandidateThreshold: number;
  /** Sentence coverage (derive.ts) from which an article is a copy. */
  copyThreshold: number;
  /** Maximum distance between dated members of a story, in days. */
  windowDays: number;
  /** Number of heaviest terms (tf·idf·boost) each article puts in the candidate index. */
  indexTerms: number;
  /** Posting-list cap: terms in more articles than this are not indexed (at least 64). */
  maxDf: number;
  /**
   * Threads (1 or 2); by default 2 from PARALLEL_MIN_DOCS
   * articles on when the machine has more than one core. Same output either way.
   */
  threads?: number;
}

export const DEFAULT_OPTIONS: StoryOptions = {
  storyThreshold: 0.35,
  copyCandidateThreshold: 0.4,
  copyThreshold: 0.7,
  windowDays: 3,
  indexTerms: 32,
  maxDf: 100,
};

/**
 * Below this many articles the helper thread costs more than it saves: it
 * has to compile the kernel and the tasks again (several hundred ms of CPU),
 * and the two vCPUs here do not scale like two cores. At 20,000 articles it
 * saves ~7 % of wall time on an idle machine for ~50 % more CPU.
 */
export const PARALLEL_MIN_DOCS = 40_000;
const BOOST_ENTITY = 2;
const BOOST_NUMBER = 1.5;
const BOOST_QUOTE = 1.5;
const MIN_IDF_DOCS = 1000;
/** An article needs this many content words to be called a copy of another. */
const MIN_COPY_WORDS = 8;
/**
 * Share of a candidate copy's distinct content words that must occur in the
 * original before sentences are aligned (copies and paraphrases keep most of
 * their vocabulary: 0.65–1; independent reports of one event 0.3–0.45).
 */
const MIN_CONTAINMENT = 0.45;


const DAY_MS = 86_400_000;


/** Pair scored during candidate generation (also returned by `analyzeStories`). */
export interface ScoredPair {
  a: string;
  b: string;
  similarity: number;
}

export interface StoryAnalysis {
  relations: Map<string, StoryRelations>;
  /** Candidate pairs whose cosine reached min(storyThreshold, copyCandidateThreshold), for diagnostics. */
  pairs: ScoredPair[];
  /** Copy coverage of examined pairs: later file, earlier file, coverage. */
  coverages: { copy: string; original: string; coverage: number }[];
  stats: {
    documents: number;
    /** Articles whose texts were read (the others came from records). */
    read: number;
    /** Articles weighed and scored (the others kept an earlier run's phases 2–3: `StoryRecords.previousRun`). */
    reweighed: number;
    /** Distinct terms in the articles. */
    terms: number;
    indexed: number;
    accumulated: number;
    candidates: number;
    scored: number;
    /** Pairs examined as possible copies, and how many of them were aligned (the others' coverages were kept: `StoryRecords.coverages`). */
    examined: number;
    aligned: number;
    /** Threads that did the work (2 with the helper thread). */
    threads: number;
    /** With the helper thread: what it did (articles of phase 1, task blocks) and errors it reported (each redone here). */
    helper?: { docs: number; blocks: number; errors: number };
    /** Milliseconds per phase (sort, terms, weights, index, candidates, originals, duplicates, copies, stories). */
    timings: Record<string, number>;
    /** CPU milliseconds per phase, both threads (user + system, process-wide: includes whatever else the process runs). */
    cpu: Record<string, number>;
  };
}

/** Story relations of `inputs`; with `records`, reusing and renewing phase-1 records (same result either way). */
export function relateStories(inputs: readonly StoryInput[], options: Partial<StoryOptions> = {}, records?: StoryRecords): Map<string, StoryRelations> {
  return run(inputs, { ...DEFAULT_OPTIONS, ...options }, false, records).relations;
}

/** Same as `relateStories`, plus the scored pairs (for `check` reports, tuning and tests). */
export function analyzeStories(inputs: readonly StoryInput[], options: Partial<StoryOptions> = {}, records?: StoryRecords): StoryAnalysis {
  return run(inputs, { ...DEFAULT_OPTIONS, ...options }, true, records);
}

function run(inputs: readonly StoryInput[], opt: StoryOptions, diagnostics: boolean, records: StoryRecords | undefined): StoryAnalysis {
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let phase = "";
  let phaseStart = performance.now();
  let cpuStart = process.cpuUsage();
  const mark = (next: string): void => {
    const now = performance.now();
    const c = process.cpuUsage();
    if (phase) {
      timings[phase] = Math.round(now - phaseStart);
      cpu[phase] = Math.round((c.user - cpuStart.user + c.system - cpuStart.system) / 1000);
    }
    phase = next;
    phaseStart = now;
    cpuStart = c;
  };
  mark("sort");
  const N = inputs.length;
  // The helper thread boots while this one sorts.
  const threads = opt.threads ?? (N >= PARALLEL_MIN_DOCS && availableParallelism() > 1 ? 2 : 1);
  const helper = threads > 1 && N >= 2 ? Helper.start() : null;
  try {
    return relate(inputs, opt, diagnostics, records, helper, mark, timings, cpu);
  } finally {
    helper?.close();
  }
}

/** Block sizes for forBlocks: small enough to balance two threads, big enough to cost little to hand out. */
const WEIGH_BLOCK = 2048;
const CANDIDATE_BLOCK = 1024;
const COVERAGE_BLOCK = 256;

function relate(
  inputs: readonly StoryInput[],
  opt: StoryOptions,
  diagnostics: boolean,
  records: StoryRecords | undefined,
  helper: Helper | null,
  mark: (next: string) => void,
  timings: Record<string, number>,
  cpu: Record<string, number>,
): StoryAnalysis {
  // ---- 0. Stable order: by file name (code unit order, locale-independent).
  const N = inputs.length;
  let sorted = true;
  for (let i = 1; i < N && sorted; i++) sorted = inputs[i - 1]!.file < inputs[i]!.file;
  let docs = inputs;
  // Where each input went in `docs` (null: they came sorted), to give the relations back in input order.
  let position: Int32Array | null = null;
  if (!sorted) {
    const byFile = Array.from(inputs.keys()).sort((x, y) => (inputs[x]!.file < inputs[y]!.file ? -1 : inputs[x]!.file > inputs[y]!.file ? 1 : 0));
    docs = byFile.map((k) => inputs[k]!);
    position = new Int32Array(N);
    byFile.forEach((k, i) => (position![k] = i));
  }
  for (let i = 1; i < N; i++) {
    if (docs[i]!.file === docs[i - 1]!.file) throw new Error(`relateStories: duplicate file ${docs[i]!.file}`);
  }
  // Arrays both threads read are shared when there is a helper.
  const alloc = allocator(helper !== null);

  mark("terms");
  // ---- 1. Tokenise, intern, per-document term lists (terms.ts), reading only articles without a record (records.ts).
  let td: TermData;
  let read = N;
  if (records === undefined) td = helper !== null ? helper.collectTerms(docs) : collectTerms(docs);
  else {
    // With a helper, the arrays it reads are shared (not copied to it at every task).
    const scan = (some: readonly TermInput[]): TermData => (helper !== null ? helper.collectTerms(some, true) : collectTerms(some, true));
    const got = collectReusing(docs, records.previous ?? TermRecords.empty(), scan, {
      share: helper !== null,
      made: records.made?.splice(0),
      next: records.previous !== undefined,
    });
    records.next = got.next;
    read = got.read;
    td = got.td;
  }
  const { nTerms, kind, df, termStart, termIds, termInfo, sentStart, sentStream, words, keyH1, keyH2, keyLen } = td;
  const dates = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const d = docs[i]!.date;
    dates[i] = d === null ? NaN : Date.parse(d);
  }

  mark("weights");
  // ---- 2. Weights: (1 + ln tf) · idf · boosts; norms and index terms (tasks.ts weighTask).
  const nIdf = Math.max(N, MIN_IDF_DOCS);
  const idf = alloc(Float32Array, nTerms);
  for (let id = 0; id < nTerms; id++) {
    const f = df[id]!;
    if (f > 0) {
      let w = Math.log(1 + nIdf / f);
      const k = kind[id]!;
      if ((k & K_QUOTE) !== 0) w *= BOOST_QUOTE;
      else if ((k & K_NUMBER) !== 0) w *= BOOST_NUMBER;
      idf[id] = w;
    }
  }
  const tfw = new Float32Array(TF_MAX + 1);
  for (let f = 1; f <= TF_MAX; f++) tfw[f] = 1 + Math.log(f);
  const K = opt.indexTerms;
  const weights = {
    termStart,
    termIds,
    termInfo,
    kind,
    df,
    idf,
    tfw,
    tfMask: TF_MAX,
    entityBit: ENTITY_BIT,
    entityBoost: BOOST_ENTITY,
    quoteBit: K_QUOTE,
    maxDf: Math.max(64, opt.maxDf),
    k: K,
    norm: alloc(Float64Array, N),
    plain: alloc(Int32Array, N),
    idxSel: alloc(Int32Array, N * K),
    idxCount: alloc(Int32Array, N),
  };
  const floor = Math.min(opt.storyThreshold, opt.copyCandidateThreshold);
  const runKey = runOptionsKey(K, weights.maxDf, floor);
  // What this run keeps for the next, and what it may take of the last one's (reuse.ts); only when asked for (records given a `previousRun`).
  const ids = records && "previousRun" in records ? identities(docs) : undefined;
  const reuse = records?.previousRun && reusable(records.previousRun, ids, td, runKey);
  if (reuse) reweigh(reuse, weights);
  else forBlocks(helper, weighTask, weights, N, WEIGH_BLOCK);
  const { norm, plain, idxSel, idxCount } = weights;

  mark("index");
  // ---- 3. Candidate index: posting lists of the index terms (CSR by term, articles ascending); a run reusing the last one's pairs makes only those it needs (reuse.ts rescore).
  let indexed = 0;
  for (let i = 0; i < N; i++) indexed += idxCount[i]!;
  const candidateArgs = { ...weights, n: N, nTerms, floor };
  const index = reuse ? undefined : postings(weights, N, nTerms, indexed, alloc);

  mark("candidates");
  // ---- 3b. Shared index terms, then exact cosine for promising pairs (tasks.ts candidateTask).
  const blocks = reuse ? [rescore(reuse, candidateArgs)] : forBlocks(helper, candidateTask, { ...candidateArgs, ...index! }, N, CANDIDATE_BLOCK);
  let nPairs = 0;
  let accumulated = 0;
  let candidates = 0;
  for (const b of blocks) {
    nPairs += b.a.length;
    accumulated += b.accumulated;
    candidates += b.candidates;
  }
  const pairA = new Int32Array(nPairs);
  const pairB = new Int32Array(nPairs);
  const pairS = new Float32Array(nPairs);
  const pairShared = new Int32Array(nPairs);
  {
    let at = 0;
    for (const b of blocks) {
      pairA.set(b.a, at);
      pairB.set(b.b, at);
      pairS.set(b.s, at);
      pairShared.set(b.shared, at);
      at += b.a.length;
    }
  }
  if (ids) records!.nextRun = runState(ids, runKey, td, weights, { a: pairA, b: pairB, s: pairS, shared: pairShared });

  mark("originals");
  // ---- Original order: dated before undated, earlier first, then longer, then file name.
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  order.sort((x, y) => {
    const dx = dates[x]!;
    const dy = dates[y]!;
    const ux = Number.isNaN(dx);
    const uy = Number.isNaN(dy);
    if (ux !== uy) return ux ? 1 : -1;
    if (!ux && dx !== dy) return dx - dy;
    if (words[x] !== words[y]) return words[y]! - words[x]!;
    return x - y; // docs are sorted by file name
  });
  const rank = new Int32Array(N);
  for (let r = 0; r < N; r++) rank[order[r]!] = r;

  mark("duplicates");
  // ---- 4. Exact duplicates: equal keys (articles in original order), confirmed on the normalised texts.
  const dupOf = new Int32Array(N).fill(-1);
  {
    // Groups of equal keyH1 as lists in original order (slot → head, article
    // → next) in an open-addressing table: no object per article.
    let mask = 1;
    while (mask < 2 * N) mask = 2 * mask + 1;
    const slotKey = new Int32Array(mask + 1);
    const head = new Int32Array(mask + 1).fill(-1);
    const next = new Int32Array(N).fill(-1);
    for (let r = N - 1; r >= 0; r--) {
      const i = order[r]!;
      if (keyLen[i] === 0) continue;
      const k = keyH1[i]! | 0;
      let s = k & mask;
      while (head[s] !== -1 && slotKey[s] !== k) s = (s + 1) & mask;
      slotKey[s] = k;
      next[i] = head[s]!;
      head[s] = i;
    }
    const firsts: number[] = [];
    for (let s = 0; s <= mask; s++) {
      const g = head[s]!;
      if (g === -1 || next[g] === -1) continue;
      // Each article is a duplicate of the first earlier one with the same text.
      firsts.length = 0;
      for (let i = g; i !== -1; i = next[i]!) {
        let first = -1;
        for (const f of firsts) {
          if (keyH2[f] === keyH2[i] && keyLen[f] === keyLen[i] && normalizedEquals(docs[f]!.text, docs[i]!.text)) {
            first = f;
            break;
          }
        }
        if (first === -1) firsts.push(i);
        else dupOf[i] = first;
      }
    }
  }

  mark("copies");
  // ---- 5. Copies among candidate pairs.
  const derivedOf = new Int32Array(N).fill(-1);
  const derivedSim = new Float32Array(N);
  const coverages: StoryAnalysis["coverages"] = [];
  let examined = 0;
  let aligned = 0;
  {
    // Which pairs to examine: the later article (by the original order) is
    // the candidate copy. Cheap filter first: the share of its distinct
    // content words found in the earlier one (term containment, counted
    // while scoring the pair); only pairs passing it get the sentence
    // alignment (tasks.ts coverageTask).
    const exCopy = new IntVec(256);
    const exOrig = new IntVec(256);
    let stamp: Int32Array | null = null;
    let stampGen = 0;
    for (let e = 0; e < nPairs; e++) {
      if (pairS[e]! < opt.copyCandidateThreshold) continue;
      const a = pairA[e]!;
      const b = pairB[e]!;
      const copy = rank[a]! > rank[b]! ? a : b;
      let orig = copy === a ? b : a;
      if (dupOf[copy] !== -1) continue;
      let hit = pairShared[e]!;
      const total = plain[copy]!;
      if (dupOf[orig] !== -1) {
        // The original is itself a duplicate: compare with its own original
        // (same body, but the title's terms may differ).
        orig = dupOf[orig]!;
        if (orig === copy) continue;
        stamp ??= new Int32Array(nTerms);
        stampGen++;
        for (let p = termStart[orig]!; p < termStart[orig + 1]!; p++) stamp[termIds[p]!] = stampGen;
        hit = 0;
        for (let p = termStart[copy]!; p < termStart[copy + 1]!; p++) {
          const t = termIds[p]!;
          if ((kind[t]! & K_QUOTE) === 0 && stamp[t] === stampGen) hit++;
        }
      }
      if (total < MIN_COPY_WORDS || hit < MIN_CONTAINMENT * total) continue;
      exCopy.push(copy);
      exOrig.push(orig);
    }
    examined = exCopy.length;
    const copyOf = exCopy.view();
    const origOf = exOrig.view();
    const coverage = new Float64Array(examined);
    // Pairs whose coverage an earlier run kept (by revisions) are not aligned again; the others are, on both threads.
    const kept = records?.coverages;
    const toAlign = new IntVec(256);
    for (let x = 0; x < examined; x++) {
      const c = kept && docs[copyOf[x]!]!.revision;
      const o = kept && docs[origOf[x]!]!.revision;
      const known = c && o ? kept.get(c, o) : undefined;
      if (known === undefined) toAlign.push(x);
      else coverage[x] = known;
    }
    aligned = toAlign.length;
    const alignCopy = alloc(Int32Array, aligned);
    const alignOrig = alloc(Int32Array, aligned);
    const alignedCoverage = alloc(Float64Array, aligned);
    toAlign.view().forEach((x, y) => {
      alignCopy[y] = copyOf[x]!;
      alignOrig[y] = origOf[x]!;
    });
    forBlocks(
      helper,
      coverageTask,
      { stream: sentStream, sentStart, copy: alignCopy, orig: alignOrig, minSentenceWords: MIN_SENTENCE_WORDS, sentenceMatch: SENTENCE_MATCH, coverage: alignedCoverage },
      aligned,
      COVERAGE_BLOCK,
    );
    toAlign.view().forEach((x, y) => (coverage[x] = alignedCoverage[y]!));
    const next = kept && (records.nextCoverages = new CopyCoverages());
    for (let x = 0; x < examined; x++) {
      const copy = copyOf[x]!;
      const orig = origOf[x]!;
      const cov = coverage[x]!;
      const c = next && docs[copy]!.revision;
      const o = next && docs[orig]!.revision;
      if (c && o) next.set(c, o, cov);
      if (diagnostics) coverages.push({ copy: docs[copy]!.file, original: docs[orig]!.file, coverage: cov });
      if (cov < opt.copyThreshold) continue;
      const cur = derivedOf[copy]!;
      // Compared as stored (float32), so that equal coverages go to the earlier original whichever pair comes first.
      const kept32 = Math.fround(cov);
      if (cur === -1 || kept32 > derivedSim[copy]! || (kept32 === derivedSim[copy]! && rank[orig]! < rank[cur]!)) {
        derivedOf[copy] = orig;
        derivedSim[copy] = kept32;
      }
    }
  }

  mark("stories");
  // ---- 6. Stories.
  const uf = new UnionFind(N);
  const minDate = Float64Array.from(dates);
  const maxDate = Float64Array.from(dates);
  const windowMs = opt.windowDays * DAY_MS;
  const join = (x: number, y: number, force: boolean): void => {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) return;
    const lo2 = pick(minDate[rx]!, minDate[ry]!, Math.min);
    const hi2 = pick(maxDate[rx]!, maxDate[ry]!, Math.max);
    if (!force && !Number.isNaN(lo2)) {
      const span = hi2 - lo2;
      const allowed = Math.max(windowMs, spanOf(rx), spanOf(ry));
      if (span > allowed) return;
    }
    const r = uf.union(rx, ry);
    minDate[r] = lo2;
    maxDate[r] = hi2;
  };
  const spanOf = (r: number): number => (Number.isNaN(minDate[r]!) ? 0 : maxDate[r]! - minDate[r]!);
  for (let i = 0; i < N; i++) {
    if (dupOf[i] !== -1) join(i, dupOf[i]!, true);
    if (derivedOf[i] !== -1) join(i, derivedOf[i]!, true);
  }
  {
    const sel: number[] = [];
    for (let e = 0; e < nPairs; e++) {
      if (pairS[e]! < opt.storyThreshold) continue;
      const a = pairA[e]!;
      const b = pairB[e]!;
      const da = dates[a]!;
      const db = dates[b]!;
      if (!Number.isNaN(da) && !Number.isNaN(db) && Math.abs(da - db) > windowMs) continue;
      sel.push(e);
    }
    sel.sort((x, y) => pairS[y]! - pairS[x]! || pairA[x]! - pairA[y]! || pairB[x]! - pairB[y]!);
    for (const e of sel) join(pairA[e]!, pairB[e]!, false);
  }

  // Story ids: from the file of the first member in original order (hashes compared as numbers, written once).
  const storyId = new Array<string>(N);
  {
    const rootId = new Array<string | undefined>(N);
    const used = new Set<number>();
    for (let r = 0; r < N; r++) {
      const i = order[r]!;
      const root = uf.find(i);
      let id = rootId[root];
      if (id === undefined) {
        let salt = 0;
        let h = hash40(docs[i]!.file, salt);
        while (used.has(h)) h = hash40(docs[i]!.file, ++salt);
        used.add(h);
        rootId[root] = id = hex40Of(h);
      }
      storyId[i] = id;
    }
  }

  const rels = new Array<StoryRelations>(N);
  for (let i = 0; i < N; i++) {
    const rel: StoryRelations = { story: storyId[i]! };
    if (dupOf[i] !== -1) rel.duplicateOf = docs[dupOf[i]!]!.file;
    else if (derivedOf[i] !== -1) {
      rel.derivedFrom = { file: docs[derivedOf[i]!]!.file, similarity: Math.round(Math.min(1, derivedSim[i]!) * 100) / 100 };
    }
    rels[i] = rel;
  }
  // In input order.
  const relations = new Map<string, StoryRelations>();
  for (let k = 0; k < N; k++) relations.set(inputs[k]!.file, rels[position === null ? k : position[k]!]!);

  mark("");
  let terms = 0;
  for (let id = 0; id < nTerms; id++) if (df[id]! > 0) terms++;
  const pairs: ScoredPair[] = [];
  if (diagnostics) {
    for (let e = 0; e < nPairs; e++) {
      pairs.push({ a: docs[pairA[e]!]!.file, b: docs[pairB[e]!]!.file, similarity: pairS[e]! });
    }
  }
  return {
    relations,
    pairs,
    coverages,
    stats: { documents: N, read, reweighed: reuse ? reuse.count : N, terms, indexed, accumulated, candidates, scored: nPairs, examined, aligned, threads: helper === null ? 1 : 2, ...(helper !== null && { helper: helper.done }), timings, cpu },
  };
}

/** The candidate index over every article's index terms (tasks.ts CandidateArgs: postStart, postDoc, postW, postAt). */
function postings(
  w: Pick<WeighArgs, "termIds" | "termInfo" | "idf" | "tfw" | "idxSel" | "idxCount" | "k">,
  N: number,
  nTerms: number,
  indexed: number,
  alloc: Alloc,
): { postStart: Int32Array; postDoc: Int32Array; postW: Float32Array; postAt: Int32Array } {
  const { termIds, termInfo, idf, tfw, idxSel, idxCount, k: K } = w;
  const postStart = alloc(Int32Array, nTerms + 1);
  for (let i = 0; i < N; i++) {
    for (let x = i * K; x < i * K + idxCount[i]!; x++) {
      const t = termIds[idxSel[x]!]! + 1;
      postStart[t] = postStart[t]! + 1;
    }
  }
  for (let t = 0; t < nTerms; t++) postStart[t + 1] = postStart[t + 1]! + postStart[t]!;
  const postDoc = alloc(Int32Array, indexed);
  const postW = alloc(Float32Array, indexed);
  const postAt = alloc(Int32Array, N * K);
  const fill = postStart.slice(0, nTerms);
  for (let i = 0; i < N; i++) {
    for (let x = i * K, e = i * K + idxCount[i]!; x < e; x++) {
      const p = idxSel[x]!;
      const t = termIds[p]!;
      const v = termInfo[p]!;
      let wt = tfw[v & TF_MAX]! * idf[t]!;
      if ((v & ENTITY_BIT) !== 0) wt *= BOOST_ENTITY;
      const at = fill[t]!;
      fill[t] = at + 1;
      postDoc[at] = i;
      postW[at] = wt;
      postAt[x] = at;
    }
  }
  return { postStart, postDoc, postW, postAt };
}

function pick(a: number, b: number, f: (x: number, y: number) => number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return f(a, b);
}
