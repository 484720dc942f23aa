/**
 * Phase 1 of story relations: the only pass over the full texts. Each
 * article is tokenised once; its words are interned into dense term ids and
 * the article keeps
 *  - its distinct content terms with term frequency and an "entity" bit
 *    (for story similarity and the candidate index),
 *  - its content words in order as 16-bit fingerprints with sentence breaks
 *    (for copy detection, so no text is tokenised twice),
 *  - the exact-duplicate key of its body.
 * The collector itself (TermCollector) is in kernel.ts; this module has the
 * data types, the single-thread driver and the merge of two threads' chunks.
 * Collected with `keep`, an article's entries with their flags, and the hash
 * of each term id, are its phase-1 record, which records.ts keeps between
 * runs.
 */
import { kernel } from "./tokenize.ts";
import { shared } from "./vec.ts";

export const { K_STOP, K_NUMBER, K_QUOTE, TF_MAX, ENTITY_BIT, E_NUMBER, E_QUOTE, TermCollector, fingerprint, combine32, QUOTE_SALT } = kernel;
export type TermCollector = InstanceType<typeof TermCollector>;

export interface TermData {
  nTerms: number;
  /** Per term id: K_* bits. */
  kind: Uint8Array;
  /** Per term id: number of articles containing it. */
  df: Int32Array;
  /** termStart[i]..termStart[i+1] index termIds/termInfo for article i. */
  termStart: Int32Array;
  termIds: Int32Array;
  termInfo: Uint8Array;
  /**
   * sentStart[i]..sentStart[i+1] index sentStream for article i: the content
   * words of its body in text order as fingerprints 1..65535 (term hash mod
   * 65535, plus 1), with 0 between sentences.
   */
  sentStart: Int32Array;
  sentStream: Uint16Array;
  /** Word tokens in each body. */
  words: Int32Array;
  /** Exact-duplicate key of each body (see TokenBuffer.dupH1). */
  keyH1: Uint32Array;
  keyH2: Uint32Array;
  keyLen: Int32Array;
  /**
   * Collected with `keep`: per entry of termIds, its E_* flags (some
   * occurrence in the article is a number; the first is a quote bigram), and
   * per term id, its hash. With them the entries can be interned again
   * (records.ts) with the ids, frequencies and kinds a scan would give.
   */
  termFlags?: Uint8Array;
  termHash?: Int32Array;
}

export interface TermInput {
  title: string;
  text: string;
}

/**
 * Everything one thread produced for a contiguous range of articles, in the
 * order it processed them (see TermCollector `reverse`), with its own term ids.
 */
export interface TermChunk {
  /**
   * Interning table: slot s holds a term hash at 4s and local id + 1 at
   * 4s + 1 (0: empty), then df and kind (not up to date for frequent terms:
   * use `df` and `kind`).
   */
  table: Int32Array;
  nTerms: number;
  /** Per local term id: K_* bits and document frequency. */
  kind: Uint8Array;
  df: Int32Array;
  /** Per article (local index): offsets into termIds/termInfo and sentStream, length n + 1. */
  termStart: Int32Array;
  termIds: Int32Array;
  termInfo: Uint8Array;
  sentStart: Int32Array;
  sentStream: Uint16Array;
  words: Int32Array;
  keyH1: Uint32Array;
  keyH2: Uint32Array;
  keyLen: Int32Array;
  /** With `keep` (see TermData; hashes are in `table`). */
  termFlags?: Uint8Array;
}

/** Local id of hash h in a chunk's interning table, -1 when absent. */
function lookup(table: Int32Array, h: number): number {
  const mask = (table.length >>> 2) - 1;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const v = table[4 * s + 1]!;
    if (v === 0) return -1;
    if (table[4 * s] === h) return v - 1;
  }
}

/** Hash of each local id of a chunk (from its interning table). */
function hashesOf(c: TermChunk): Int32Array {
  const out = new Int32Array(c.nTerms);
  const t = c.table;
  for (let s = 0; s < t.length; s += 4) if (t[s + 1] !== 0) out[t[s + 1]! - 1] = t[s]!;
  return out;
}

/** A single forward chunk as TermData (its ids become the global ids). */
export function fromChunk(c: TermChunk): TermData {
  const { table: _table, ...rest } = c;
  return c.termFlags ? { ...rest, termHash: hashesOf(c) } : rest;
}

/**
 * Merges the chunk of the first articles (`head`, forward) and the chunk of
 * the remaining ones (`tail`, in reverse order) into one TermData in article
 * order. Ids of `head` are kept; terms of `tail` are mapped by hash. The
 * arrays later phases read on both threads are shared. Kept hashes and flags
 * (both chunks collected with `keep`) are merged the same way.
 */
export function mergeChunks(head: TermChunk, tail: TermChunk): TermData {
  const nh = head.nTerms;
  // Local ids of `tail` → global ids; new terms get ids after those of `head`.
  const map = new Int32Array(tail.nTerms);
  let nTerms = nh;
  {
    const t = tail.table;
    for (let s = 0; s < t.length; s += 4) {
      const v = t[s + 1]!;
      if (v === 0) continue;
      const g = lookup(head.table, t[s]!);
      map[v - 1] = g >= 0 ? g : -1;
    }
    // New terms numbered in the tail's id order (deterministic, unlike table order after growth).
    for (let x = 0; x < map.length; x++) if (map[x] === -1) map[x] = nTerms++;
  }
  const kind = shared(Uint8Array, nTerms);
  const df = shared(Int32Array, nTerms);
  kind.set(head.kind);
  df.set(head.df);
  for (let x = 0; x < map.length; x++) {
    const g = map[x]!;
    const k = tail.kind[x]!;
    // The first occurrence in article order decides K_QUOTE: in `head` when the term is there.
    kind[g] = g < nh ? kind[g]! | (k & K_NUMBER) : k;
    df[g] = df[g]! + tail.df[x]!;
  }
  const Nh = head.words.length;
  const Nt = tail.words.length;
  const N = Nh + Nt;
  const Th = head.termIds.length;
  const Sh = head.sentStream.length;
  const T = Th + tail.termIds.length;
  const SS = Sh + tail.sentStream.length;
  const termStart = shared(Int32Array, N + 1);
  const sentStart = shared(Int32Array, N + 1);
  const termIds = shared(Int32Array, T);
  const termInfo = shared(Uint8Array, T);
  const sentStream = shared(Uint16Array, SS);
  termStart.set(head.termStart.subarray(0, Nh));
  sentStart.set(head.sentStart.subarray(0, Nh));
  termIds.set(head.termIds);
  termInfo.set(head.termInfo);
  sentStream.set(head.sentStream);
  const words = new Int32Array(N);
  const keyH1 = new Uint32Array(N);
  const keyH2 = new Uint32Array(N);
  const keyLen = new Int32Array(N);
  words.set(head.words);
  keyH1.set(head.keyH1);
  keyH2.set(head.keyH2);
  keyLen.set(head.keyLen);
  let t0 = Th;
  let s0 = Sh;
  const tIds = tail.termIds;
  const tStream = tail.sentStream;
  for (let i = Nh; i < N; i++) {
    const l = N - 1 - i; // local index in `tail`
    termStart[i] = t0;
    sentStart[i] = s0;
    for (let p = tail.termStart[l]!, e = tail.termStart[l + 1]!; p < e; p++) termIds[t0++] = map[tIds[p]!]!;
    termInfo.set(tail.termInfo.subarray(tail.termStart[l]!, tail.termStart[l + 1]!), termStart[i]!);
    sentStream.set(tStream.subarray(tail.sentStart[l]!, tail.sentStart[l + 1]!), s0);
    s0 += tail.sentStart[l + 1]! - tail.sentStart[l]!;
    words[i] = tail.words[l]!;
    keyH1[i] = tail.keyH1[l]!;
    keyH2[i] = tail.keyH2[l]!;
    keyLen[i] = tail.keyLen[l]!;
  }
  termStart[N] = T;
  sentStart[N] = SS;
  const td: TermData = { nTerms, kind, df, termStart, termIds, termInfo, sentStart, sentStream, words, keyH1, keyH2, keyLen };
  if (head.termFlags && tail.termFlags) {
    // Only records.ts reads these: plain arrays.
    const termFlags = new Uint8Array(T);
    termFlags.set(head.termFlags);
    for (let i = Nh; i < N; i++) {
      const l = N - 1 - i;
      termFlags.set(tail.termFlags.subarray(tail.termStart[l]!, tail.termStart[l + 1]!), termStart[i]!);
    }
    const termHash = new Int32Array(nTerms);
    termHash.set(hashesOf(head));
    const tailHash = hashesOf(tail);
    for (let x = 0; x < map.length; x++) termHash[map[x]!] = tailHash[x]!;
    Object.assign(td, { termFlags, termHash });
  }
  return td;
}

/** Total length of the texts (to size buffers). */
export function textLength(docs: readonly TermInput[], from = 0, to = docs.length): number {
  let n = 0;
  for (let i = from; i < to; i++) n += docs[i]!.text.length + docs[i]!.title.length;
  return n;
}

/** Phase 1 on the current thread (`keep`: with the records, TermData.termHashes / termFlags). */
export function collectTerms(docs: readonly TermInput[], keep = false): TermData {
  const c = new TermCollector(textLength(docs), false, keep);
  for (const d of docs) c.add(d.title, d.text);
  return fromChunk(c.finish());
}
