/**
 * Phase 1 of story relations: the only pass over the full texts. Each
 * article is tokenised once; its words are interned into dense term ids and
 * the article keeps
 *  - its distinct content terms with term frequency and an "entity" bit
 *    (for story similarity and the candidate index),
 *  - its content words in order as 16-bit fingerprints with sentence breaks
 *    (for copy detection, so no text is tokenised twice),
 *  - the exact-duplicate key of its body.
 * Hot loop: typed arrays and locals only, one cache line per term lookup.
 */
import { CAP, IN_QUOTE, NUMERIC, SENT_START, TokenBuffer } from "./tokenize.ts";
import { STOPWORDS } from "./stopwords.ts";
import { combine32 } from "./hash.ts";
import { IntVec } from "./vec.ts";

// Per-term kind bits.
export const K_STOP = 1;
export const K_NUMBER = 2;
export const K_QUOTE = 4;
// Per (article, term) info byte: tf in the low 7 bits, entity bit on top.
export const TF_MAX = 127;
export const ENTITY_BIT = 128;

const QUOTE_SALT = 0x51ed270b;
const ENTITY_MASK = CAP | SENT_START | NUMERIC;
const KIND_SHIFT = 27;
const ID_MASK = (1 << KIND_SHIFT) - 1;

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
}

export interface TermInput {
  title: string;
  text: string;
}

/**
 * Open-addressing table keyed by 32-bit term hash. Slot s is four ints at
 * 4s: the hash, (id + 1) | kind << 27 (0 when empty), 1 + the last article
 * that used the term, and the term's position in that article's term list.
 */
class SlotTable {
  slots: Int32Array;
  mask: number;
  size = 0;
  constructor(capacityPow2: number) {
    this.slots = new Int32Array(capacityPow2 * 4);
    this.mask = capacityPow2 - 1;
  }
  /** Base index (4s) of the slot of `h`, inserting it (with `kind`) when absent. */
  find(h: number, kind: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    for (;;) {
      const b = s << 2;
      const v = slots[b + 1]!;
      if (v === 0) {
        const id = this.size++;
        slots[b] = h;
        slots[b + 1] = (id + 1) | (kind << KIND_SHIFT);
        if (this.size * 2 > mask + 1) {
          this.rehash();
          return this.find(h, kind);
        }
        return b;
      }
      if (slots[b] === h) return b;
      s = (s + 1) & mask;
    }
  }
  private rehash(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 4);
    const mask = cap - 1;
    for (let o = 0; o < old.length; o += 4) {
      if (old[o + 1] === 0) continue;
      let s = old[o]! & mask;
      while (slots[(s << 2) + 1] !== 0) s = (s + 1) & mask;
      const b = s << 2;
      slots[b] = old[o]!;
      slots[b + 1] = old[o + 1]!;
      slots[b + 2] = old[o + 2]!;
      slots[b + 3] = old[o + 3]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Everything one thread produced for a contiguous range of articles. */
export interface TermChunk {
  /** Per local term id: its 32-bit hash and K_* bits. */
  termHash: Int32Array;
  termKind: Uint8Array;
  /** Per article (local index): offsets into termIds/termInfo and sentStream, length N + 1. */
  termStart: Int32Array;
  termIds: Int32Array;
  termInfo: Uint8Array;
  sentStart: Int32Array;
  sentStream: Uint16Array;
  words: Int32Array;
  keyH1: Uint32Array;
  keyH2: Uint32Array;
  keyLen: Int32Array;
}

/** Incremental phase 1 over a sequence of articles (see collectTerms). */
export class TermCollector {
  private readonly table = new SlotTable(1 << 17);
  private readonly tok = new TokenBuffer(8192);
  private readonly termStart: IntVec = new IntVec(1024);
  private readonly sentStart: IntVec = new IntVec(1024);
  private readonly wordsV: IntVec = new IntVec(1024);
  private readonly keyH1V: IntVec = new IntVec(1024);
  private readonly keyH2V: IntVec = new IntVec(1024);
  private readonly keyLenV: IntVec = new IntVec(1024);
  private termIds: Int32Array;
  private termInfo: Uint8Array;
  private tn = 0;
  private stream: Uint16Array;
  private sn = 0;
  private n = 0;

  constructor(expectedDocs = 1024) {
    this.termIds = new Int32Array(Math.max(4096, expectedDocs * 64));
    this.termInfo = new Uint8Array(this.termIds.length);
    this.stream = new Uint16Array(Math.max(4096, expectedDocs * 96));
    const tok = this.tok;
    for (const w of STOPWORDS) {
      tok.count = 0;
      tok.tokenize(w);
      for (let t = 0; t < tok.count; t++) {
        const b = this.table.find(tok.hash[t]! | 0, K_STOP);
        this.table.slots[b + 1] = this.table.slots[b + 1]! | (K_STOP << KIND_SHIFT);
      }
    }
  }

  add(title: string, text: string): void {
    const table = this.table;
    const tok = this.tok;
    const i = this.n++;
    let tn = this.tn;
    let sn = this.sn;
    this.termStart.push(tn);
    this.sentStart.push(sn);
    tok.count = 0;
    tok.tokenize(title);
    const titleCount = tok.count;
    tok.tokenize(text);
    const count = tok.count;
    this.wordsV.push(count - titleCount);
    this.keyH1V.push(tok.dupH1 | 0);
    this.keyH2V.push(tok.dupH2 | 0);
    this.keyLenV.push(tok.dupLen);
    if (tn + 2 * count > this.termIds.length) {
      const cap = Math.max(this.termIds.length * 2, tn + 2 * count);
      const a = new Int32Array(cap);
      a.set(this.termIds.subarray(0, tn));
      this.termIds = a;
      const b = new Uint8Array(cap);
      b.set(this.termInfo.subarray(0, tn));
      this.termInfo = b;
    }
    if (sn + 2 * count > this.stream.length) {
      const a = new Uint16Array(Math.max(this.stream.length * 2, sn + 2 * count));
      a.set(this.stream.subarray(0, sn));
      this.stream = a;
    }
    const termIds = this.termIds;
    const termInfo = this.termInfo;
    const stream = this.stream;
    // Local copies of module constants (cheaper in the hot loop).
    const fCAP = CAP;
    const fSENT = SENT_START;
    const fQUOTE = IN_QUOTE;
    const fNUM = NUMERIC;
    const eMASK = ENTITY_MASK;
    const stopBits = K_STOP << KIND_SHIFT;
    const numBits = K_NUMBER << KIND_SHIFT;
    const idMask = ID_MASK;
    const tfMax = TF_MAX;
    const eBIT = ENTITY_BIT;
    const doc = i + 1;
    let prevQuote = -1; // hash of the previous content word inside the current quotation
    let prevSent = -1;
    let streamSent = -1;
    const hashes = tok.hash;
    const flags = tok.flags;
    const sents = tok.sent;
    for (let k = 0; k < count; k++) {
      const h = hashes[k]! | 0;
      const b = table.find(h, 0);
      const slots = table.slots;
      const idk = slots[b + 1]!;
      if ((idk & stopBits) !== 0) continue;
      const id = (idk & idMask) - 1;
      const fl = flags[k]!;
      if ((fl & fNUM) !== 0 && (idk & numBits) === 0) slots[b + 1] = idk | numBits;
      const inBody = k >= titleCount;
      const e = inBody && (fl & eMASK) === fCAP ? eBIT : 0;
      if (slots[b + 2] !== doc) {
        slots[b + 2] = doc;
        slots[b + 3] = tn;
        termIds[tn] = id;
        termInfo[tn] = e | 1;
        tn++;
      } else {
        const p = slots[b + 3]!;
        const v = termInfo[p]!;
        termInfo[p] = ((v & tfMax) < tfMax ? v + 1 : v) | e;
      }
      if (!inBody) continue;
      const sentence = sents[k]!;
      if (sentence !== streamSent) {
        if (streamSent !== -1) stream[sn++] = 0;
        streamSent = sentence;
      }
      // Fingerprint from the hash (not the id): the same in every thread.
      stream[sn++] = ((h >>> 0) % 65535) + 1;
      // Quote bigrams: consecutive content words inside one quotation.
      if ((fl & fQUOTE) !== 0) {
        if (prevQuote !== -1 && sentence === prevSent && (fl & fSENT) === 0) {
          const bq = table.find(combine32(prevQuote, h >>> 0, QUOTE_SALT) | 0, K_QUOTE);
          const sq = table.slots;
          const qid = (sq[bq + 1]! & idMask) - 1;
          if (sq[bq + 2] !== doc) {
            sq[bq + 2] = doc;
            sq[bq + 3] = tn;
            termIds[tn] = qid;
            termInfo[tn] = 1;
            tn++;
          } else {
            const p = sq[bq + 3]!;
            const v = termInfo[p]!;
            if ((v & tfMax) < tfMax) termInfo[p] = v + 1;
          }
        }
        prevQuote = h >>> 0;
        prevSent = sentence;
      } else prevQuote = -1;
    }
    this.tn = tn;
    this.sn = sn;
  }

  finish(): TermChunk {
    this.termStart.push(this.tn);
    this.sentStart.push(this.sn);
    const size = this.table.size;
    const termHash = new Int32Array(size);
    const termKind = new Uint8Array(size);
    const slots = this.table.slots;
    for (let b = 0; b < slots.length; b += 4) {
      const idk = slots[b + 1]!;
      if (idk === 0) continue;
      const id = (idk & ID_MASK) - 1;
      termHash[id] = slots[b]!;
      termKind[id] = idk >>> KIND_SHIFT;
    }
    return {
      termHash,
      termKind,
      termStart: this.termStart.view().slice(),
      termIds: this.termIds.slice(0, this.tn),
      termInfo: this.termInfo.slice(0, this.tn),
      sentStart: this.sentStart.view().slice(),
      sentStream: this.stream.slice(0, this.sn),
      words: this.wordsV.view().slice(),
      keyH1: new Uint32Array(this.keyH1V.view()),
      keyH2: new Uint32Array(this.keyH2V.view()),
      keyLen: this.keyLenV.view().slice(),
    };
  }
}

/**
 * Merges chunks (consecutive article ranges, in order) into one TermData:
 * term ids of the first chunk are kept, the others are mapped by hash.
 */
export function mergeChunks(chunks: readonly TermChunk[]): TermData {
  if (chunks.length === 1) {
    const c = chunks[0]!;
    const df = new Int32Array(c.termHash.length);
    for (let p = 0; p < c.termIds.length; p++) df[c.termIds[p]!] = df[c.termIds[p]!]! + 1;
    const { termHash, termKind, ...rest } = c;
    return { nTerms: termHash.length, kind: termKind, df, ...rest };
  }
  const ids = new Map<number, number>();
  const hashes: number[] = [];
  const kinds: number[] = [];
  const maps: Int32Array[] = [];
  for (const c of chunks) {
    const map = new Int32Array(c.termHash.length);
    for (let t = 0; t < c.termHash.length; t++) {
      const h = c.termHash[t]!;
      let g = ids.get(h);
      if (g === undefined) {
        g = hashes.length;
        ids.set(h, g);
        hashes.push(h);
        kinds.push(c.termKind[t]!);
      } else kinds[g] = kinds[g]! | c.termKind[t]!;
      map[t] = g;
    }
    maps.push(map);
  }
  const nTerms = hashes.length;
  let N = 0;
  let T = 0;
  let S = 0;
  for (const c of chunks) {
    N += c.words.length;
    T += c.termIds.length;
    S += c.sentStream.length;
  }
  const out: TermData = {
    nTerms,
    kind: Uint8Array.from(kinds),
    df: new Int32Array(nTerms),
    termStart: new Int32Array(N + 1),
    termIds: new Int32Array(T),
    termInfo: new Uint8Array(T),
    sentStart: new Int32Array(N + 1),
    sentStream: new Uint16Array(S),
    words: new Int32Array(N),
    keyH1: new Uint32Array(N),
    keyH2: new Uint32Array(N),
    keyLen: new Int32Array(N),
  };
  let n0 = 0;
  let t0 = 0;
  let s0 = 0;
  chunks.forEach((c, ci) => {
    const map = maps[ci]!;
    const n = c.words.length;
    for (let i = 0; i < n; i++) {
      out.termStart[n0 + i] = c.termStart[i]! + t0;
      out.sentStart[n0 + i] = c.sentStart[i]! + s0;
    }
    for (let p = 0; p < c.termIds.length; p++) out.termIds[t0 + p] = map[c.termIds[p]!]!;
    out.termInfo.set(c.termInfo, t0);
    out.sentStream.set(c.sentStream, s0);
    out.words.set(c.words, n0);
    out.keyH1.set(c.keyH1, n0);
    out.keyH2.set(c.keyH2, n0);
    out.keyLen.set(c.keyLen, n0);
    n0 += n;
    t0 += c.termIds.length;
    s0 += c.sentStream.length;
  });
  out.termStart[N] = T;
  out.sentStart[N] = S;
  for (let p = 0; p < T; p++) out.df[out.termIds[p]!] = out.df[out.termIds[p]!]! + 1;
  return out;
}

/** Phase 1 on the current thread. */
export function collectTerms(docs: readonly TermInput[]): TermData {
  const c = new TermCollector(docs.length);
  for (const d of docs) c.add(d.title, d.text);
  return mergeChunks([c.finish()]);
}
