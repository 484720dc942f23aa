/**
 * Phases 2–3 kept between runs. After an edit, most of a run's weights and
 * scored pairs are what the last run found: an article's weights (norm,
 * index terms) read only its own entries and the df and kind of its terms
 * (tasks.ts weighTask), and a pair's score only the two articles' entries and
 * weights (candidateTask). So when the articles are the same files as last
 * time, every one with a revision, the run needs to weigh and score again
 * only the `affected` articles: those whose revision changed, and those
 * holding a term whose df or kind changed (an edit moves the df of the words
 * it adds or removes). Every other article keeps its weights, every pair of
 * two such articles its score, and no pair between them appears or goes:
 * whether two articles are candidates depends on their index terms alone,
 * and a term's posting list holds whoever has it among theirs (no cap cuts a
 * list: a term above maxDf is left out whole, and its df did not move).
 * Phases 4–6 then run as usual on the pairs (they are cheap, and dates may
 * have changed). The result is the full run's, bit for bit
 * (tests/stories/reuse.test.ts), and a run with more than a quarter of its
 * articles affected does it all again instead.
 *
 * What a run keeps is `RunState`: per article its weights, its index terms
 * as positions among its entries (ids differ between runs; an article's
 * entries, which its revision stands for, come in the same order: records.ts),
 * per term of the run its hash, df and kind, and the scored pairs.
 */
import type { RunState } from "./run-state.ts";
import { weighTask, type CandidateBlock, type CandidateArgs, type Scratch, type WeighArgs } from "./tasks.ts";
import type { TermData } from "./terms.ts";

/** The options that decide phases 2–3 (the constants are the story code's, which the caller's keys name). */
export const runOptionsKey = (indexTerms: number, maxDf: number, floor: number): string => `${indexTerms} ${maxDf} ${floor}`;

/** A run that may take the last one's phases 2–3 for all but `affected` articles. */
export interface Reuse {
  state: RunState;
  /** 1 for the articles to weigh and score again. */
  affected: Uint8Array;
  count: number;
}

/** Above this share of affected articles, phases 2–3 run in full. */
const MAX_AFFECTED_SHARE = 0.25;

/** The articles' files and revisions as RunState keeps them; undefined when one has no revision (its text could change unseen). */
export function identities(docs: ReadonlyArray<{ file: string; revision?: string }>): { files: string[]; revisions: string[] } | undefined {
  const files: string[] = [];
  const revisions: string[] = [];
  for (const d of docs) {
    if (d.revision === undefined) return undefined;
    files.push(d.file);
    revisions.push(d.revision);
  }
  return { files, revisions };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * How this run may reuse `state`: undefined when the articles are not the same files (`ids`, theirs),
 * one lacks a revision, the options differ, or too many are affected.
 */
export function reusable(state: RunState, ids: ReturnType<typeof identities>, td: TermData, options: string): Reuse | undefined {
  const hashes = td.termHash;
  if (!ids || !hashes || state.options !== options || !sameList(state.files, ids.files)) return undefined;
  const N = ids.files.length;
  const affected = new Uint8Array(N);
  let count = 0;
  for (let i = 0; i < N; i++) {
    if (state.revisions[i] !== ids.revisions[i]) {
      affected[i] = 1;
      count++;
    }
  }
  if (count > MAX_AFFECTED_SHARE * N) return undefined;
  const moved = movedTerms(state, td, hashes);
  const { termStart, termIds } = td;
  for (let i = 0; i < N; i++) {
    if (affected[i]) continue;
    for (let p = termStart[i]!; p < termStart[i + 1]!; p++) {
      if (moved[termIds[p]!]) {
        affected[i] = 1;
        count++;
        break;
      }
    }
  }
  return count > MAX_AFFECTED_SHARE * N ? undefined : { state, affected, count };
}

/**
 * Per term id of `td`, 1 when its df or kind differs from the last run's (a term it did not have
 * counts as df 0). Ids are usually the last run's for most terms (records.ts `extend`): those are
 * compared in place, the others through their hashes (all of them after the records file was
 * written again, which renumbers them: 20 ms at 10k articles, 110,000 terms).
 */
function movedTerms(state: RunState, td: TermData, hashes: Int32Array): Uint8Array {
  const { nTerms, df, kind } = td;
  const moved = new Uint8Array(nTerms);
  const prevN = state.termHash.length;
  const apart: number[] = [];
  const both = Math.min(nTerms, prevN);
  for (let t = 0; t < both; t++) {
    if (hashes[t] !== state.termHash[t]) apart.push(t);
    else if (df[t] !== state.df[t] || kind[t] !== state.kind[t]) moved[t] = 1;
  }
  for (let t = both; t < nTerms; t++) apart.push(t);
  if (apart.length === 0) return moved;
  // A hash in place in both runs is nowhere else in either: the others' old ids are among the last run's ids not in place.
  const was = new Map<number, number>();
  for (const t of apart) if (t < prevN) was.set(state.termHash[t]!, t);
  for (let t = both; t < prevN; t++) was.set(state.termHash[t]!, t);
  for (const t of apart) {
    const u = was.get(hashes[t]!);
    if (u === undefined ? df[t] !== 0 : df[t] !== state.df[u] || kind[t] !== state.kind[u]) moved[t] = 1;
  }
  return moved;
}

/** weighTask's outputs: the last run's for the articles not affected, weighed again for the others. */
export function reweigh({ state, affected }: Reuse, a: WeighArgs): void {
  const { termStart, norm, plain, idxSel, idxCount, k: K } = a;
  const scratch: Scratch = {};
  for (let i = 0; i < affected.length; i++) {
    if (affected[i]) {
      weighTask(a, i, i + 1, scratch);
      continue;
    }
    norm[i] = state.norm[i]!;
    plain[i] = state.plain[i]!;
    const c = (idxCount[i] = state.idxCount[i]!);
    for (let x = i * K; x < i * K + c; x++) idxSel[x] = termStart[i]! + state.idxRel[x]!;
  }
}

/** What rescore reads: candidateTask's arguments but the posting lists, which it makes for the few terms it needs. */
export type RescoreArgs = Omit<CandidateArgs, "postStart" | "postDoc" | "postW" | "postAt">;

/**
 * candidateTask's pairs for the whole run: the last run's between articles not affected, and
 * those of each affected article scored again, each pair as candidateTask scores it (i < j).
 * An affected article's candidates are the articles sharing one of its index terms, so only
 * those terms' posting lists are made (`affectedPostings`), not the whole index (20–30 ms at
 * 10,000 articles, most of it for terms no affected article has).
 */
export function rescore({ state, affected }: Reuse, a: RescoreArgs): CandidateBlock {
  const { n: N, termIds: ids, idxSel, idxCount, k: K } = a;
  const pa: number[] = [];
  const pb: number[] = [];
  const ps: number[] = [];
  const sh: number[] = [];
  for (let e = 0; e < state.pairA.length; e++) {
    const [i, j] = [state.pairA[e]!, state.pairB[e]!];
    if (affected[i] || affected[j]) continue;
    pa.push(i);
    pb.push(j);
    ps.push(state.pairS[e]!);
    sh.push(state.pairShared[e]!);
  }
  const { listOf, start, doc } = affectedPostings(affected, a);
  const pair = new PairScorer(a);
  const seen = new Int32Array(N).fill(-1);
  let candidates = 0;
  for (let d = 0; d < N; d++) {
    if (!affected[d]) continue;
    // Every article sharing an index term with d; a pair of two affected articles is scored from the earlier one.
    for (let x = d * K; x < d * K + idxCount[d]!; x++) {
      const l = listOf[ids[idxSel[x]!]!]!;
      for (let q = start[l]!; q < start[l + 1]!; q++) {
        const j = doc[q]!;
        if (j === d || seen[j] === d || (affected[j] && j < d)) continue;
        seen[j] = d;
        const [lo, hi] = j < d ? [j, d] : [d, j];
        const scored = pair.score(lo, hi);
        if (scored === undefined) continue;
        candidates++;
        // Compared before float32 rounding, as candidateTask does.
        if (scored.cos < a.floor) continue;
        pa.push(lo);
        pb.push(hi);
        ps.push(scored.cos);
        sh.push(scored.shared);
      }
    }
  }
  return { a: Int32Array.from(pa), b: Int32Array.from(pb), s: Float32Array.from(ps), shared: Int32Array.from(sh), accumulated: 0, candidates };
}

/**
 * The posting lists of the affected articles' index terms, articles ascending as in the whole
 * index: term t's list is `doc[start[listOf[t]]]` up to `doc[start[listOf[t] + 1]]` (listOf[t]
 * is -1 for the other terms).
 */
function affectedPostings(affected: Uint8Array, a: RescoreArgs): { listOf: Int32Array; start: Int32Array; doc: Int32Array } {
  const { n: N, nTerms, termIds: ids, idxSel, idxCount, k: K } = a;
  const listOf = new Int32Array(nTerms).fill(-1);
  let lists = 0;
  for (let d = 0; d < N; d++) {
    if (!affected[d]) continue;
    for (let x = d * K; x < d * K + idxCount[d]!; x++) {
      const t = ids[idxSel[x]!]!;
      if (listOf[t] === -1) listOf[t] = lists++;
    }
  }
  const start = new Int32Array(lists + 2);
  for (let i = 0; i < N; i++) {
    for (let x = i * K; x < i * K + idxCount[i]!; x++) {
      const l = listOf[ids[idxSel[x]!]!]!;
      if (l >= 0) start[l + 2] = start[l + 2]! + 1;
    }
  }
  for (let l = 2; l < lists + 2; l++) start[l] = start[l]! + start[l - 1]!;
  // start[l + 1] is where list l is filled up to, and where it ends once filled.
  const doc = new Int32Array(start[lists + 1]!);
  for (let i = 0; i < N; i++) {
    for (let x = i * K; x < i * K + idxCount[i]!; x++) {
      const l = listOf[ids[idxSel[x]!]!]!;
      if (l >= 0) doc[start[l + 1]!++] = i;
    }
  }
  return { listOf, start, doc };
}

/**
 * One pair (i < j) as candidateTask scores it, with the same arithmetic in the same order: the
 * shared index terms' weights accumulated in float32 in the order of i's index terms (j's as its
 * posting would hold them: float32), the same cut-offs, then the exact cosine over j's entries
 * against i's weights (float32). Its loops repeat candidateTask's rather than share them: a task
 * goes to the helper thread as its source text (parallel.ts), so it can call nothing outside itself.
 */
class PairScorer {
  readonly #a: RescoreArgs;
  readonly #dense: Float32Array;
  /** Per term id: j's weight for it (float32), while j's index terms are marked. */
  readonly #indexW: Float32Array;
  readonly #indexed: Uint8Array;

  constructor(a: RescoreArgs) {
    this.#a = a;
    this.#dense = new Float32Array(a.nTerms);
    this.#indexW = new Float32Array(a.nTerms);
    this.#indexed = new Uint8Array(a.nTerms);
  }

  /** undefined: not a candidate. */
  score(i: number, j: number): { cos: number; shared: number } | undefined {
    const { termStart, termIds: ids, termInfo: info, kind, idf, tfw, norm, idxSel, idxCount, k: K } = this.#a;
    const { tfMask, entityBit, entityBoost, quoteBit, floor } = this.#a;
    const [indexW, indexed, dense] = [this.#indexW, this.#indexed, this.#dense];
    const cj = idxCount[j]!;
    for (let y = j * K; y < j * K + cj; y++) {
      const p = idxSel[y]!;
      const t = ids[p]!;
      const v = info[p]!;
      let wj = tfw[v & tfMask]! * idf[t]!;
      if ((v & entityBit) !== 0) wj *= entityBoost;
      indexed[t] = 1;
      indexW[t] = wj;
    }
    const acc = new Float32Array(1);
    let c = 0;
    const ci = idxCount[i]!;
    for (let x = i * K; x < i * K + ci; x++) {
      const p = idxSel[x]!;
      const t = ids[p]!;
      if (!indexed[t]) continue;
      const v = info[p]!;
      let wi = tfw[v & tfMask]! * idf[t]!;
      if ((v & entityBit) !== 0) wi *= entityBoost;
      c++;
      acc[0] = acc[0]! + wi * indexW[t]!;
    }
    for (let y = j * K; y < j * K + cj; y++) indexed[ids[idxSel[y]!]!] = 0;
    if (c === 0 || (c < 2 && ci >= 4 && cj >= 4)) return undefined;
    const [ni, nj] = [norm[i]!, norm[j]!];
    if (ni === 0 || nj === 0 || acc[0]! / (ni * nj) < floor * 0.2) return undefined;
    const [i0, i1] = [termStart[i]!, termStart[i + 1]!];
    for (let p = i0; p < i1; p++) {
      const v = info[p]!;
      let w = tfw[v & tfMask]! * idf[ids[p]!]!;
      if ((v & entityBit) !== 0) w *= entityBoost;
      dense[ids[p]!] = w;
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
    for (let p = i0; p < i1; p++) dense[ids[p]!] = 0;
    return { cos: dot / (ni * nj), shared };
  }
}

/** What this run leaves for the next (copies: the arrays may be shared with the helper thread, or views of a file). */
export function runState(
  ids: { files: string[]; revisions: string[] },
  options: string,
  td: TermData,
  w: { termStart: Int32Array; norm: Float64Array; plain: Int32Array; idxSel: Int32Array; idxCount: Int32Array; k: number },
  pairs: { a: Int32Array; b: Int32Array; s: Float32Array; shared: Int32Array },
): RunState | undefined {
  if (!td.termHash) return undefined;
  const N = w.norm.length;
  const K = w.k;
  const idxRel = new Int32Array(N * K);
  for (let i = 0; i < N; i++) for (let x = i * K; x < i * K + w.idxCount[i]!; x++) idxRel[x] = w.idxSel[x]! - w.termStart[i]!;
  return {
    options,
    ...ids,
    termHash: td.termHash.slice(0, td.nTerms),
    df: td.df.slice(0, td.nTerms),
    kind: td.kind.slice(0, td.nTerms),
    norm: w.norm.slice(),
    plain: w.plain.slice(),
    idxCount: w.idxCount.slice(),
    idxRel,
    pairA: pairs.a.slice(),
    pairB: pairs.b.slice(),
    pairS: pairs.s.slice(),
    pairShared: pairs.shared.slice(),
  };
}
