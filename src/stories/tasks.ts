/**
 * The per-article and per-pair work of phases 2–5, as tasks over a range
 * [from, to) that either thread can run (parallel.ts `forBlocks`): each
 * function is self-contained (its body refers only to its parameters and
 * JavaScript built-ins) so the helper thread can compile it from its source
 * text, and it reads shared typed arrays and writes either shared arrays at
 * its own indices or a result of its own, so the outcome never depends on
 * which thread ran which range.
 *
 * Floating-point operations are those of the straightforward version, in
 * the same order and precision (weights are float32 × float32 in double;
 * `dense`, `acc`, posting weights and pair scores are stored as float32),
 * so scores are bit-for-bit reproducible.
 */

/** Per-thread scratch memory, kept between calls of the same task. */
export type Scratch = Record<string, Int32Array | Float32Array | Float64Array | Uint8Array | number | undefined>;

export interface WeighArgs {
  termStart: Int32Array;
  termIds: Int32Array;
  termInfo: Uint8Array;
  kind: Uint8Array;
  df: Int32Array;
  /** Per term: idf × kind boost (float32). */
  idf: Float32Array;
  /** Per tf: 1 + ln tf (float32). */
  tfw: Float32Array;
  tfMask: number;
  entityBit: number;
  entityBoost: number;
  quoteBit: number;
  maxDf: number;
  /** Index terms per article (K). */
  k: number;
  // Outputs, per article i:
  norm: Float64Array;
  /** Number of distinct terms that are not quote bigrams. */
  plain: Int32Array;
  /** Selected index terms: positions into termIds at i·K, their number in idxCount[i]. */
  idxSel: Int32Array;
  idxCount: Int32Array;
}

/**
 * Phase 2: vector norm of each article and its index terms, the K heaviest
 * terms with document frequency in [2, maxDf] (names, repeated and rare
 * words); ties at the cut go to the earlier in the text.
 */
export function weighTask(a: WeighArgs, from: number, to: number, scratch: Scratch): void {
  const { termStart, termIds: ids, termInfo: info, kind, df, idf, tfw, norm, plain, idxSel, idxCount } = a;
  const { tfMask, entityBit, entityBoost, quoteBit, maxDf, k: K } = a;
  let selPos = scratch.selPos as Int32Array | undefined;
  let selKey = scratch.selKey as Float64Array | undefined;
  let work = scratch.work as Float64Array | undefined;
  for (let i = from; i < to; i++) {
    const s0 = termStart[i]!;
    const s1 = termStart[i + 1]!;
    if (selPos === undefined || selKey === undefined || work === undefined || selPos.length < s1 - s0) {
      const cap = Math.max(1024, 2 * (s1 - s0));
      scratch.selPos = selPos = new Int32Array(cap);
      scratch.selKey = selKey = new Float64Array(cap);
      scratch.work = work = new Float64Array(cap);
    }
    let sum = 0;
    let n = 0;
    let nq = 0;
    for (let p = s0; p < s1; p++) {
      const t = ids[p]!;
      const v = info[p]!;
      let w = tfw[v & tfMask]! * idf[t]!;
      if ((v & entityBit) !== 0) w *= entityBoost;
      sum += w * w;
      if ((kind[t]! & quoteBit) === 0) nq++;
      const f = df[t]!;
      if (f < 2 || f > maxDf) continue;
      selPos[n] = p;
      selKey[n] = w;
      n++;
    }
    norm[i] = Math.sqrt(sum);
    plain[i] = nq;
    const out = i * K;
    if (n <= K) {
      for (let x = 0; x < n; x++) idxSel[out + x] = selPos[x]!;
      idxCount[i] = n;
      continue;
    }
    // The K-th largest weight (quickselect for rank n - K in ascending order).
    for (let x = 0; x < n; x++) work[x] = selKey[x]!;
    const r = n - K;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const pivot = work[(lo + hi) >>> 1]!;
      let l = lo;
      let h = hi;
      while (l <= h) {
        while (work[l]! < pivot) l++;
        while (work[h]! > pivot) h--;
        if (l <= h) {
          const tmp = work[l]!;
          work[l] = work[h]!;
          work[h] = tmp;
          l++;
          h--;
        }
      }
      if (r <= h) hi = h;
      else if (r >= l) lo = l;
      else break;
    }
    const cut = work[r]!;
    let above = 0;
    for (let x = 0; x < n; x++) if (selKey[x]! > cut) above++;
    let ties = K - above;
    let c = 0;
    for (let x = 0; x < n; x++) {
      const w = selKey[x]!;
      if (w > cut || (w === cut && ties-- > 0)) idxSel[out + c++] = selPos[x]!;
    }
    idxCount[i] = c;
  }
}

export interface CandidateArgs {
  n: number;
  nTerms: number;
  termStart: Int32Array;
  termIds: Int32Array;
  termInfo: Uint8Array;
  kind: Uint8Array;
  idf: Float32Array;
  tfw: Float32Array;
  tfMask: number;
  entityBit: number;
  entityBoost: number;
  quoteBit: number;
  k: number;
  norm: Float64Array;
  idxSel: Int32Array;
  idxCount: Int32Array;
  /** Posting lists (CSR by term): articles ascending, weights as float32. */
  postStart: Int32Array;
  postDoc: Int32Array;
  postW: Float32Array;
  /** Per index term (like idxSel): where the article itself sits in the term's posting list. */
  postAt: Int32Array;
  /** Minimum cosine of a pair to keep. */
  floor: number;
}

/** Scored pairs (i < j) of a range of articles i, in order, and counters. */
export interface CandidateBlock {
  a: Int32Array;
  b: Int32Array;
  /** Cosine similarity (float32). */
  s: Float32Array;
  /** Shared distinct terms that are not quote bigrams. */
  shared: Int32Array;
  accumulated: number;
  candidates: number;
}

/**
 * Phase 3: for each article i, the later articles j sharing index terms
 * with it: weights of shared index terms are accumulated over the posting
 * lists; j is a candidate when they share two (one when either has fewer
 * than 4 index terms) and the shared terms alone give at least a fifth of
 * `floor`. Candidates get their exact cosine (i scattered into a dense
 * vector, j's terms looked up in it), kept when ≥ floor.
 */
export function candidateTask(a: CandidateArgs, from: number, to: number, scratch: Scratch): CandidateBlock {
  const { n: N, termStart, termIds: ids, termInfo: info, kind, idf, tfw, norm, idxSel, idxCount, postStart, postDoc, postW, postAt } = a;
  const { tfMask, entityBit, entityBoost, quoteBit, k: K, floor } = a;
  let acc = scratch.acc as Float32Array | undefined;
  let cnt = scratch.cnt as Int32Array | undefined;
  let touched = scratch.touched as Int32Array | undefined;
  let dense = scratch.dense as Float32Array | undefined;
  if (acc === undefined || cnt === undefined || touched === undefined || acc.length < N) {
    scratch.acc = acc = new Float32Array(N);
    scratch.cnt = cnt = new Int32Array(N);
    scratch.touched = touched = new Int32Array(N);
  }
  if (dense === undefined || dense.length < a.nTerms) scratch.dense = dense = new Float32Array(a.nTerms);
  let cap = 1024;
  let pa = new Int32Array(cap);
  let pb = new Int32Array(cap);
  let ps = new Float32Array(cap);
  let sh = new Int32Array(cap);
  let np = 0;
  let accumulated = 0;
  let candidates = 0;
  const lowFloor = floor * 0.2;
  for (let i = from; i < to; i++) {
    let nt = 0;
    const ci = idxCount[i]!;
    for (let x = i * K, e = i * K + ci; x < e; x++) {
      const p = idxSel[x]!;
      const t = ids[p]!;
      const v = info[p]!;
      let wi = tfw[v & tfMask]! * idf[t]!;
      if ((v & entityBit) !== 0) wi *= entityBoost;
      // Postings are ascending: the later articles follow i's own posting.
      const lo = postAt[x]! + 1;
      const end = postStart[t + 1]!;
      accumulated += end - lo;
      for (let q = lo; q < end; q++) {
        const j = postDoc[q]!;
        if (cnt[j] === 0) touched[nt++] = j;
        cnt[j] = cnt[j]! + 1;
        acc[j] = acc[j]! + wi * postW[q]!;
      }
    }
    if (nt === 0) continue;
    let scattered = false;
    const ni = norm[i]!;
    const i0 = termStart[i]!;
    const i1 = termStart[i + 1]!;
    // Examination order is that of the posting lists: deterministic.
    for (let x = 0; x < nt; x++) {
      const j = touched[x]!;
      const c = cnt[j]!;
      const partial = acc[j]!;
      cnt[j] = 0;
      acc[j] = 0;
      // One shared index term is enough only when either has fewer than 4.
      if (c < 2 && ci >= 4 && idxCount[j]! >= 4) continue;
      const nj = norm[j]!;
      if (ni === 0 || nj === 0 || partial / (ni * nj) < lowFloor) continue;
      candidates++;
      if (!scattered) {
        for (let p = i0; p < i1; p++) {
          const v = info[p]!;
          let w = tfw[v & tfMask]! * idf[ids[p]!]!;
          if ((v & entityBit) !== 0) w *= entityBoost;
          dense[ids[p]!] = w;
        }
        scattered = true;
      }
      let dot = 0;
      let shared = 0;
      for (let p = termStart[j]!, e = termStart[j + 1]!; p < e; p++) {
        const t = ids[p]!;
        const w = dense[t]!;
        if (w !== 0) {
          const v = info[p]!;
          let wj = tfw[v & tfMask]! * idf[t]!;
          if ((v & entityBit) !== 0) wj *= entityBoost;
          dot += w * wj;
          if ((kind[t]! & quoteBit) === 0) shared++;
        }
      }
      const cos = dot / (ni * nj);
      if (cos >= floor) {
        if (np === cap) {
          cap *= 2;
          const na = new Int32Array(cap);
          na.set(pa);
          pa = na;
          const nb = new Int32Array(cap);
          nb.set(pb);
          pb = nb;
          const ns = new Float32Array(cap);
          ns.set(ps);
          ps = ns;
          const nh = new Int32Array(cap);
          nh.set(sh);
          sh = nh;
        }
        pa[np] = i;
        pb[np] = j;
        ps[np] = cos;
        sh[np] = shared;
        np++;
      }
    }
    if (scattered) for (let p = i0; p < i1; p++) dense[ids[p]!] = 0;
  }
  return { a: pa.slice(0, np), b: pb.slice(0, np), s: ps.slice(0, np), shared: sh.slice(0, np), accumulated, candidates };
}

export interface CoverageArgs {
  /** Content-word fingerprints of all articles, 0 between sentences (terms.ts). */
  stream: Uint16Array;
  sentStart: Int32Array;
  /** Pairs to examine: candidate copy and original. */
  copy: Int32Array;
  orig: Int32Array;
  /** Sentences with fewer distinct content words are ignored (datelines). */
  minSentenceWords: number;
  /** Dice overlap from which a sentence of the copy counts as kept. */
  sentenceMatch: number;
  /** Output per pair: the copy's coverage. */
  coverage: Float64Array;
}

/**
 * Phase 5: copy coverage of each examined pair, the share of the copy's
 * content words that sit in sentences whose best Dice overlap with one
 * sentence of the original reaches `sentenceMatch` (1 for a verbatim copy, 0
 * when either is empty). See derive.ts for why this separates copies and
 * paraphrases from independent reports.
 *
 * The fingerprints of a pair go into a small open-addressing table of its
 * own (a few KB, in L1 cache): for the original's, the list of its
 * sentences containing each; for the copy's, the last copy sentence that
 * counted it (so each distinct word counts once per sentence).
 */
export function coverageTask(a: CoverageArgs, from: number, to: number, scratch: Scratch): void {
  const { stream: st, sentStart, copy, orig, minSentenceWords, sentenceMatch, coverage } = a;
  // Slot arrays (valid when tStamp matches the pair), node lists, per-sentence sizes and counts.
  let tKey = (scratch.tKey as Int32Array | undefined) ?? new Int32Array(1024);
  let tHead = (scratch.tHead as Int32Array | undefined) ?? new Int32Array(1024);
  let tStamp = (scratch.tStamp as Int32Array | undefined) ?? new Int32Array(1024);
  let tSeen = (scratch.tSeen as Int32Array | undefined) ?? new Int32Array(1024);
  let nodeSent = (scratch.nodeSent as Int32Array | undefined) ?? new Int32Array(1024);
  let nodeNext = (scratch.nodeNext as Int32Array | undefined) ?? new Int32Array(1024);
  let sentSize = (scratch.sentSize as Int32Array | undefined) ?? new Int32Array(256);
  let counts = (scratch.counts as Int32Array | undefined) ?? new Int32Array(256);
  let touched = (scratch.sTouched as Int32Array | undefined) ?? new Int32Array(256);
  let pairGen = (scratch.pairGen as number | undefined) ?? 0;
  let sentGen = (scratch.sentGen as number | undefined) ?? 0;
  for (let x = from; x < to; x++) {
    const c = copy[x]!;
    const o = orig[x]!;
    const cA = sentStart[c]!;
    const cB = sentStart[c + 1]!;
    const oA = sentStart[o]!;
    const oB = sentStart[o + 1]!;
    // Table of at least twice as many slots as distinct fingerprints can be.
    let mask = 255;
    while (mask + 1 < 2 * (oB - oA + cB - cA)) mask = 2 * mask + 1;
    if (tKey.length <= mask) {
      tKey = new Int32Array(mask + 1);
      tHead = new Int32Array(mask + 1);
      tStamp = new Int32Array(mask + 1);
      tSeen = new Int32Array(mask + 1);
      pairGen = 0;
      sentGen = 0;
    }
    if (nodeSent.length < oB - oA) {
      nodeSent = new Int32Array((oB - oA) * 2);
      nodeNext = new Int32Array((oB - oA) * 2);
    }
    if (sentSize.length < oB - oA + 1) {
      sentSize = new Int32Array((oB - oA + 1) * 2);
      counts = new Int32Array(sentSize.length);
      touched = new Int32Array(sentSize.length);
    }
    if (pairGen >= 0x7ffffff0 || sentGen >= 0x7fffffff - (cB - cA) - 1) {
      tStamp.fill(0);
      tSeen.fill(0);
      pairGen = 0;
      sentGen = 0;
    }
    const pg = ++pairGen;
    // Index the original: fingerprint → its sentences (each listed once per sentence).
    let k = 0;
    let size = 0;
    let node = 0;
    for (let p = oA; p <= oB; p++) {
      const f = p < oB ? st[p]! : 0;
      if (f === 0) {
        if (size > 0) {
          sentSize[k++] = size;
          size = 0;
        }
        continue;
      }
      let s = f & mask;
      while (tStamp[s] === pg && tKey[s] !== f) s = (s + 1) & mask;
      if (tStamp[s] !== pg) {
        tStamp[s] = pg;
        tKey[s] = f;
        tHead[s] = -1;
      } else if (nodeSent[tHead[s]!] === k) continue; // already in this sentence
      nodeSent[node] = k;
      nodeNext[node] = tHead[s]!;
      tHead[s] = node++;
      size++;
    }
    if (k === 0) {
      coverage[x] = 0;
      continue;
    }
    // Match each sentence of the copy.
    let total = 0;
    let covered = 0;
    let nt = 0;
    size = 0;
    let sg = ++sentGen;
    for (let p = cA; p <= cB; p++) {
      const f = p < cB ? st[p]! : 0;
      if (f === 0) {
        if (size > 0) {
          let best = 0;
          for (let y = 0; y < nt; y++) {
            const s = touched[y]!;
            const no = sentSize[s]!;
            if (no >= minSentenceWords) {
              const dice = (2 * counts[s]!) / (size + no);
              if (dice > best) best = dice;
            }
            counts[s] = 0;
          }
          nt = 0;
          if (size >= minSentenceWords) {
            total += size;
            if (best >= sentenceMatch) covered += size;
          }
          size = 0;
          sg = ++sentGen;
        }
        continue;
      }
      let s = f & mask;
      while (tStamp[s] === pg && tKey[s] !== f) s = (s + 1) & mask;
      if (tStamp[s] !== pg) {
        // Not in the original: only counts towards the sentence's size.
        tStamp[s] = pg;
        tKey[s] = f;
        tHead[s] = -1;
      } else if (tSeen[s] === sg) continue;
      tSeen[s] = sg;
      size++;
      for (let q = tHead[s]!; q >= 0; q = nodeNext[q]!) {
        const t = nodeSent[q]!;
        if (counts[t] === 0) touched[nt++] = t;
        counts[t] = counts[t]! + 1;
      }
    }
    coverage[x] = total === 0 ? 0 : covered / total;
  }
  Object.assign(scratch, { tKey, tHead, tStamp, tSeen, nodeSent, nodeNext, sentSize, counts, sTouched: touched, pairGen, sentGen });
}
