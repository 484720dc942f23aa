/**
 * Story coverage: groups articles about the same event ("story"), flags
 * exact duplicates and copies / rewrites / paraphrases. Pure and
 * synchronous; deterministic (inputs are first sorted by file name, all
 * hashes have fixed seeds, all tie-breaks are by that order).
 *
 *  1. terms.ts — the only pass over the texts: tokenise each article into
 *     32-bit word hashes (tokenize.ts: typed arrays, no per-token objects),
 *     intern them, keep per article its distinct content terms (tf, "entity"
 *     bit for words capitalised away from a sentence start, quote bigrams for
 *     consecutive words inside double quotes), its content words as 16-bit
 *     fingerprints with sentence breaks, and a 64-bit duplicate key.
 *     From PARALLEL_MIN_DOCS articles this runs on two threads (parallel.ts).
 *  2. Weights: (1 + ln tf) · idf · boost (names ×2, numbers and quote bigrams
 *     ×1.5); idf counts at least 1000 documents so small collections are not
 *     ruled by chance document frequencies.
 *  3. Candidates, never all pairs: each article puts its `indexTerms`
 *     heaviest terms with document frequency in [2, maxDf] in an inverted
 *     index (capped posting lists); articles sharing two of them (one when an
 *     article has very few) get their exact cosine similarity.
 *  4. Exact duplicates: equal duplicate keys, confirmed by comparing the
 *     normalised bodies (white space, quote marks, case).
 *  5. Copies: for candidate pairs with cosine ≥ copyCandidateThreshold, the
 *     later article (see "original order") is a copy of the earlier when most
 *     of its vocabulary occurs there (MIN_CONTAINMENT, cheap) and then most of
 *     its sentences align with one sentence of the earlier (derive.ts,
 *     coverage ≥ copyThreshold). That coverage is the reported similarity.
 *  6. Stories: union-find over duplicate and copy links, then over the other
 *     pairs with cosine ≥ storyThreshold, strongest first, between articles at
 *     most windowDays apart when both are dated, never widening a story's span
 *     of dates beyond windowDays (an undated article joins on content alone
 *     but cannot bridge two dated stories far apart).
 *
 * Original order (who copies whom, and whose file names the story id): dated
 * before undated, earlier first, then more words, then file name.
 */
import { normalizedText } from "./tokenize.ts";
import { FloatVec, IntVec } from "./vec.ts";
import { ENTITY_BIT, K_NUMBER, K_QUOTE, TF_MAX, collectTerms } from "./terms.ts";
import { collectTermsParallel } from "./parallel.ts";
import { availableParallelism } from "node:os";
import { Deriver } from "./derive.ts";
import { UnionFind } from "./unionfind.ts";
import { hex40 } from "./hash.ts";

export interface StoryInput {
  /** Path relative to the seeds folder, unique; used for stable tie-breaks. */
  file: string;
  title: string;
  /** Plain body text (paragraphs separated by blank lines), no markup. */
  text: string;
  /** ISO 8601 with offset when the article has a real date, null when undated. */
  date: string | null;
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
   * Threads for tokenising (1 or 2); by default 2 from PARALLEL_MIN_DOCS
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

/** Below this many articles a worker thread costs more than it saves. */
export const PARALLEL_MIN_DOCS = 20_000;
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
    terms: number;
    indexed: number;
    accumulated: number;
    candidates: number;
    scored: number;
    /** Milliseconds per phase (sort, terms, weights, index, candidates, originals, duplicates, copies, stories). */
    timings: Record<string, number>;
  };
}

export function relateStories(inputs: readonly StoryInput[], options: Partial<StoryOptions> = {}): Map<string, StoryRelations> {
  return run(inputs, { ...DEFAULT_OPTIONS, ...options }, false).relations;
}

/** Same as `relateStories`, plus the scored pairs (for `check` reports, tuning and tests). */
export function analyzeStories(inputs: readonly StoryInput[], options: Partial<StoryOptions> = {}): StoryAnalysis {
  return run(inputs, { ...DEFAULT_OPTIONS, ...options }, true);
}

function run(inputs: readonly StoryInput[], opt: StoryOptions, diagnostics: boolean): StoryAnalysis {
  const timings: Record<string, number> = {};
  let phase = "";
  let phaseStart = performance.now();
  const mark = (next: string): void => {
    const now = performance.now();
    if (phase) timings[phase] = Math.round(now - phaseStart);
    phase = next;
    phaseStart = now;
  };
  mark("sort");
  // ---- 0. Stable order: by file name (code unit order, locale-independent).
  const docs = inputs.slice().sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  const N = docs.length;
  for (let i = 1; i < N; i++) {
    if (docs[i]!.file === docs[i - 1]!.file) throw new Error(`relateStories: duplicate file ${docs[i]!.file}`);
  }

  mark("terms");
  // ---- 1. Tokenise, intern, per-document term lists (terms.ts).
  const threads = opt.threads ?? (N >= PARALLEL_MIN_DOCS && availableParallelism() > 1 ? 2 : 1);
  const td = (threads > 1 && N >= 2 ? collectTermsParallel(docs) : null) ?? collectTerms(docs);
  const { nTerms, kind, df, termStart, termIds, termInfo, sentStart, sentStream, words, keyH1, keyH2, keyLen } = td;
  const dates = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const d = docs[i]!.date;
    dates[i] = d === null ? NaN : Date.parse(d);
  }

  mark("weights");
  // ---- 2. Weights.
  const nIdf = Math.max(N, MIN_IDF_DOCS);
  const idf = new Float32Array(nTerms);
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
  const TFW = new Float32Array(TF_MAX + 1);
  for (let f = 1; f <= TF_MAX; f++) TFW[f] = 1 + Math.log(f);
  const ids = termIds;
  const info = termInfo;
  const weight = (p: number): number => {
    const v = info[p]!;
    const w = TFW[v & TF_MAX]! * idf[ids[p]!]!;
    return (v & ENTITY_BIT) !== 0 ? w * BOOST_ENTITY : w;
  };
  const norm = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let p = termStart[i]!; p < termStart[i + 1]!; p++) {
      const w = weight(p);
      s += w * w;
    }
    norm[i] = Math.sqrt(s);
  }

  mark("index");
  // ---- 3. Candidate index: each article's K rarest indexable terms.
  const maxDf = Math.max(64, opt.maxDf);
  const K = opt.indexTerms;
  const idxStart = new Int32Array(N + 1);
  const idxPos = new IntVec(N * Math.min(K, 16) + 16); // positions into ids/info
  {
    let selPos = new Int32Array(256);
    let selKey = new Float64Array(256);
    let selSort = new Float64Array(256);
    for (let i = 0; i < N; i++) {
      idxStart[i] = idxPos.length;
      let n = 0;
      const a = termStart[i]!;
      const b = termStart[i + 1]!;
      if (selPos.length < b - a) {
        selPos = new Int32Array(b - a);
        selKey = new Float64Array(b - a);
        selSort = new Float64Array(b - a);
      }
      for (let p = a; p < b; p++) {
        const f = df[ids[p]!]!;
        if (f < 2 || f > maxDf) continue;
        selPos[n] = p;
        selKey[n] = weight(p);
        n++;
      }
      if (n > K) {
        // Heaviest K (names, repeated and rare words); ties by text order.
        const sorted = selSort.subarray(0, n);
        sorted.set(selKey.subarray(0, n));
        sorted.sort();
        const cut = sorted[n - K]!;
        let above = 0;
        for (let x = 0; x < n; x++) if (selKey[x]! > cut) above++;
        let ties = K - above;
        for (let x = 0; x < n; x++) {
          const w = selKey[x]!;
          if (w > cut || (w === cut && ties-- > 0)) idxPos.push(selPos[x]!);
        }
      } else {
        for (let x = 0; x < n; x++) idxPos.push(selPos[x]!);
      }
    }
    idxStart[N] = idxPos.length;
  }
  // Posting lists (CSR), doc ids ascending, with the posting's weight.
  const postStart = new Int32Array(nTerms + 1);
  const idxData = idxPos.data;
  for (let x = 0; x < idxPos.length; x++) {
    const t = ids[idxData[x]!]! + 1;
    postStart[t] = postStart[t]! + 1;
  }
  for (let t = 0; t < nTerms; t++) postStart[t + 1] = postStart[t + 1]! + postStart[t]!;
  const postDoc = new Int32Array(idxPos.length);
  const postW = new Float32Array(idxPos.length);
  {
    const fill = postStart.slice(0, nTerms);
    for (let i = 0; i < N; i++) {
      for (let x = idxStart[i]!; x < idxStart[i + 1]!; x++) {
        const p = idxData[x]!;
        const t = ids[p]!;
        const at = fill[t]!;
        fill[t] = at + 1;
        postDoc[at] = i;
        postW[at] = weight(p);
      }
    }
  }

  mark("candidates");
  // ---- 3b. Accumulate shared index terms, then exact cosine for promising pairs.
  const pairA = new IntVec(1024);
  const pairB = new IntVec(1024);
  const pairS = new FloatVec(1024);
  let candidates = 0;
  let accumulated = 0;
  {
    const acc = new Float32Array(N);
    const cnt = new Int32Array(N);
    const touched = new Int32Array(N);
    const dense = new Float32Array(nTerms);
    const floor = Math.min(opt.storyThreshold, opt.copyCandidateThreshold);
    for (let i = 0; i < N; i++) {
      let nt = 0;
      for (let x = idxStart[i]!; x < idxStart[i + 1]!; x++) {
        const p = idxData[x]!;
        const t = ids[p]!;
        const wi = weight(p);
        // postings are ascending: skip to the first doc after i
        let lo = postStart[t]!;
        let hi = postStart[t + 1]!;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (postDoc[mid]! <= i) lo = mid + 1;
          else hi = mid;
        }
        accumulated += postStart[t + 1]! - lo;
        for (let q = lo; q < postStart[t + 1]!; q++) {
          const j = postDoc[q]!;
          if (cnt[j] === 0) touched[nt++] = j;
          cnt[j] = cnt[j]! + 1;
          acc[j] = acc[j]! + wi * postW[q]!;
        }
      }
      if (nt === 0) continue;
      let scattered = false;
      const ni = norm[i]!;
      // Examination order is that of the posting lists: deterministic.
      for (let x = 0; x < nt; x++) {
        const j = touched[x]!;
        const c = cnt[j]!;
        const partial = acc[j]!;
        cnt[j] = 0;
        acc[j] = 0;
        const nj = norm[j]!;
        // Needs two shared rare terms (one is enough when one side has few index terms),
        // and the rare terms alone must already explain part of the similarity.
        const few = idxStart[i + 1]! - idxStart[i]! < 4 || idxStart[j + 1]! - idxStart[j]! < 4;
        if (c < 2 && !few) continue;
        if (ni === 0 || nj === 0 || partial / (ni * nj) < floor * 0.2) continue;
        candidates++;
        if (!scattered) {
          for (let p = termStart[i]!; p < termStart[i + 1]!; p++) dense[ids[p]!] = weight(p);
          scattered = true;
        }
        let dot = 0;
        for (let p = termStart[j]!; p < termStart[j + 1]!; p++) {
          const w = dense[ids[p]!]!;
          if (w !== 0) dot += w * weight(p);
        }
        const cos = dot / (ni * nj);
        if (cos >= floor) {
          pairA.push(i);
          pairB.push(j);
          pairS.push(cos);
        }
      }
      if (scattered) for (let p = termStart[i]!; p < termStart[i + 1]!; p++) dense[ids[p]!] = 0;
    }
  }
  const nPairs = pairA.length;

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
  // ---- 4. Exact duplicates.
  const dupOf = new Int32Array(N).fill(-1);
  {
    // Group by key (articles in original order), confirm by comparing normalised texts.
    const groups = new Map<number, number[]>();
    for (let r = 0; r < N; r++) {
      const i = order[r]!;
      if (keyLen[i] === 0) continue;
      const k = keyH1[i]! & 0x3fffffff; // small integer keys are cheaper in a Map
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [i]);
      else g.push(i);
    }
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const firsts = new Map<string, number>();
      for (const i of g) {
        const s = `${keyH2[i]}:${keyLen[i]}:${normalizedText(docs[i]!.text)}`;
        const first = firsts.get(s);
        if (first === undefined) firsts.set(s, i);
        else dupOf[i] = first;
      }
    }
  }

  mark("copies");
  // ---- 5. Copies among candidate pairs.
  const derivedOf = new Int32Array(N).fill(-1);
  const derivedSim = new Float32Array(N);
  const coverages: StoryAnalysis["coverages"] = [];
  {
    // Which pairs to examine: the later article (by the original order) is
    // the candidate copy. Cheap filter first: the share of its distinct
    // content words found in the earlier one (term containment); only pairs
    // passing it get the sentence alignment (derive.ts).
    const exCopy = new IntVec(256);
    const exOrig = new IntVec(256);
    const stamp = new Int32Array(nTerms);
    let stampGen = 0;
    for (let e = 0; e < nPairs; e++) {
      if (pairS.data[e]! < opt.copyCandidateThreshold) continue;
      const a = pairA.data[e]!;
      const b = pairB.data[e]!;
      const copy = rank[a]! > rank[b]! ? a : b;
      let orig = copy === a ? b : a;
      if (dupOf[copy] !== -1) continue;
      if (dupOf[orig] !== -1) orig = dupOf[orig]!;
      if (orig === copy) continue;
      stampGen++;
      for (let p = termStart[orig]!; p < termStart[orig + 1]!; p++) stamp[ids[p]!] = stampGen;
      let hit = 0;
      let total = 0;
      for (let p = termStart[copy]!; p < termStart[copy + 1]!; p++) {
        const t = ids[p]!;
        if ((kind[t]! & K_QUOTE) !== 0) continue;
        total++;
        if (stamp[t] === stampGen) hit++;
      }
      if (total < MIN_COPY_WORDS || hit < MIN_CONTAINMENT * total) continue;
      exCopy.push(copy);
      exOrig.push(orig);
    }
    const deriver = new Deriver(sentStream);
    for (let x = 0; x < exCopy.length; x++) {
      const copy = exCopy.data[x]!;
      const orig = exOrig.data[x]!;
      const cov = deriver.coverage(sentStart[copy]!, sentStart[copy + 1]!, sentStart[orig]!, sentStart[orig + 1]!);
      if (diagnostics) coverages.push({ copy: docs[copy]!.file, original: docs[orig]!.file, coverage: cov });
      if (cov < opt.copyThreshold) continue;
      const cur = derivedOf[copy]!;
      if (cur === -1 || cov > derivedSim[copy]! || (cov === derivedSim[copy]! && rank[orig]! < rank[cur]!)) {
        derivedOf[copy] = orig;
        derivedSim[copy] = cov;
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
      if (pairS.data[e]! < opt.storyThreshold) continue;
      const a = pairA.data[e]!;
      const b = pairB.data[e]!;
      const da = dates[a]!;
      const db = dates[b]!;
      if (!Number.isNaN(da) && !Number.isNaN(db) && Math.abs(da - db) > windowMs) continue;
      sel.push(e);
    }
    sel.sort((x, y) => pairS.data[y]! - pairS.data[x]! || pairA.data[x]! - pairA.data[y]! || pairB.data[x]! - pairB.data[y]!);
    for (const e of sel) join(pairA.data[e]!, pairB.data[e]!, false);
  }

  // Story ids: from the file of the first member in original order.
  const storyId = new Array<string>(N);
  {
    const rootId = new Map<number, string>();
    const used = new Set<string>();
    for (let r = 0; r < N; r++) {
      const i = order[r]!;
      const root = uf.find(i);
      let id = rootId.get(root);
      if (id === undefined) {
        let salt = 0;
        id = hex40(docs[i]!.file, salt);
        while (used.has(id)) id = hex40(docs[i]!.file, ++salt);
        used.add(id);
        rootId.set(root, id);
      }
      storyId[i] = id;
    }
  }

  const relations = new Map<string, StoryRelations>();
  for (const d of inputs) relations.set(d.file, undefined as unknown as StoryRelations);
  for (let i = 0; i < N; i++) {
    const rel: StoryRelations = { story: storyId[i]! };
    if (dupOf[i] !== -1) rel.duplicateOf = docs[dupOf[i]!]!.file;
    else if (derivedOf[i] !== -1) {
      rel.derivedFrom = { file: docs[derivedOf[i]!]!.file, similarity: Math.round(Math.min(1, derivedSim[i]!) * 100) / 100 };
    }
    relations.set(docs[i]!.file, rel);
  }

  mark("");
  const pairs: ScoredPair[] = [];
  if (diagnostics) {
    for (let e = 0; e < nPairs; e++) {
      pairs.push({ a: docs[pairA.data[e]!]!.file, b: docs[pairB.data[e]!]!.file, similarity: pairS.data[e]! });
    }
  }
  return {
    relations,
    pairs,
    coverages,
    stats: { documents: N, terms: nTerms, indexed: idxPos.length, accumulated, candidates, scored: nPairs, timings },
  };
}

function pick(a: number, b: number, f: (x: number, y: number) => number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return f(a, b);
}
