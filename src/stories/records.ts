/**
 * Phase-1 records kept between runs. Phase 1 (terms.ts) is the one pass over
 * the texts, two thirds of the work, and what it finds in an article depends
 * on nothing but that article's title and text: its distinct terms with tf,
 * entity bit and E_* flags, its fingerprint stream, word count and duplicate
 * key (TermRecordColumns: terms as the ids of the run that made them, with
 * each id's hash). Kept under the article's revision (Article.textHash: a
 * hash of its title and text), a later run reads and tokenises only the articles it has no
 * record for, then interns all of them together (`intern`: by hash, once per
 * distinct term, as mergeChunks does). Later phases never depend on which
 * id a term has, only on its hash's df and kind and on the entries' order
 * (tests/stories/records.test.ts), so a run whose records mostly come from
 * one earlier run's keeps that run's ids (`extend`): it copies their
 * entries as they are and updates the per-term counts kept with them
 * (TermCounts) by the few articles added, dropped or repeated, instead of
 * interning every entry again. Records read for one run alone, with room
 * past their columns' ends (`spare`: the story thread's), are not copied but
 * moved within their own arrays (`assembleInPlace`).
 *
 * The caller keeps them (src/ingest/stories-cache.ts: a file beside the
 * ingest cache, and memory while the dev server runs) and must drop them when
 * this code or what it imports changes (they hold its hashes).
 */
import { E_NUMBER, E_QUOTE, K_NUMBER, K_QUOTE, K_STOP, collectTerms, type TermData, type TermInput } from "./terms.ts";
import { STOPWORDS } from "./stopwords.ts";
import { TokenBuffer } from "./tokenize.ts";
import { allocator, type Alloc } from "./vec.ts";

/**
 * Phase-1 records of a run of articles, as columns: TermData's per-article
 * arrays, whose term ids index `termHash` (each id's hash), and each entry's
 * E_* flags. Ids are those of the run that made them; only hashes mean
 * anything to another run.
 */
export type TermRecordColumns = Pick<TermData, "termStart" | "termIds" | "termInfo" | "sentStart" | "sentStream" | "words" | "keyH1" | "keyH2" | "keyLen"> & {
  termFlags: Uint8Array;
  termHash: Int32Array;
};

/** An article for phase 1 that may have a record: `revision` stands for its title and text. */
export interface RecordInput extends TermInput {
  revision?: string;
}

/**
 * Per term id of a set of records: how many records hold the term, and in how many of them it
 * has the E_NUMBER flag and the E_QUOTE flag. With them a run gets its df and kinds from the
 * records' without a pass over their entries (`extend`).
 */
export interface TermCounts {
  df: Int32Array;
  numbers: Int32Array;
  quotes: Int32Array;
}

/** Records as plain values for a file: the columns, their counts, and the revisions in one string. */
export type PlainRecords = TermRecordColumns & { revisions: string; termDf: Int32Array; termNumbers: Int32Array; termQuotes: Int32Array };

/** Records by revision, as columns (record i is article i of `columns`). */
export class TermRecords {
  #index: Map<string, number> | undefined;
  #counts: TermCounts | undefined;
  #columns: TermRecordColumns;
  /** A run made its own columns in these (`spare`): they are no longer these records'. */
  #spent = false;

  constructor(
    readonly revisions: readonly string[],
    columns: TermRecordColumns,
    counts?: TermCounts,
    /**
     * The entry and sentence columns have memory of their own past their end (checked-file.ts
     * `readCheckedColumns`, `spareRoom`), and the caller will not read these columns again (the
     * story thread, which reads the file once): a run reusing these records as its base makes its
     * columns in theirs, moving their rows instead of copying them all (`assembleInPlace`).
     */
    readonly spare = false,
  ) {
    this.#columns = columns;
    this.#counts = counts;
  }

  get columns(): TermRecordColumns {
    if (this.#spent) throw new Error("phase-1 records read after a run made its own columns in theirs");
    return this.#columns;
  }

  /** The counts of the terms of these records (TermCounts): read with them from a file, else counted once. */
  get counts(): TermCounts {
    return (this.#counts ??= countsOf(this.columns));
  }

  static empty(): TermRecords {
    return new TermRecords([], {
      termStart: new Int32Array(1),
      termIds: new Int32Array(0),
      termInfo: new Uint8Array(0),
      termFlags: new Uint8Array(0),
      termHash: new Int32Array(0),
      sentStart: new Int32Array(1),
      sentStream: new Uint16Array(0),
      words: new Int32Array(0),
      keyH1: new Uint32Array(0),
      keyH2: new Uint32Array(0),
      keyLen: new Int32Array(0),
    });
  }

  get size(): number {
    return this.revisions.length;
  }

  /** The record of `revision`, -1 when there is none. */
  find(revision: string): number {
    if (this.#index === undefined) {
      this.#index = new Map();
      for (let i = 0; i < this.revisions.length; i++) this.#index.set(this.revisions[i]!, i);
    }
    return this.#index.get(revision) ?? -1;
  }

  /** The records of `revisions` (each one here) on their own, their ids renumbered over the terms they hold. */
  only(revisions: readonly string[]): TermRecords {
    const rows = revisions.map((r) => {
      const at = this.find(r);
      if (at < 0) throw new Error(`no phase-1 record for ${r}`);
      return at;
    });
    return new TermRecords(revisions, renumbered(gather(this.columns, rows)).columns);
  }

  toPlain(): PlainRecords {
    // The records of a run that kept an earlier run's ids (`extend`) have ids none of them holds: a file keeps none.
    const { counts } = this;
    const { columns, from } = counts.df.includes(0) ? renumbered(this.columns) : { columns: this.columns, from: undefined };
    const kept = (a: Int32Array) => (from ? from.map((id) => a[id]!) : a);
    const [termDf, termNumbers, termQuotes] = [kept(counts.df), kept(counts.numbers), kept(counts.quotes)];
    const { termStart, termIds, termInfo, termFlags, termHash, sentStart, sentStream, words, keyH1, keyH2, keyLen } = columns;
    // Revisions are base64url: "\n" never occurs in one.
    return { termStart, termIds, termInfo, termFlags, termHash, sentStart, sentStream, words, keyH1, keyH2, keyLen, revisions: this.revisions.join("\n"), termDf, termNumbers, termQuotes };
  }

  /**
   * The room to read a spare record file's entry and sentence columns with (checked-file.ts
   * `readCheckedColumns`): what the few records a run adds before the file is written again (at
   * most 2% or 64 of its records: src/ingest/stories-store.ts) most often take.
   */
  static spareRoom(column: string, length: number): number {
    return column === "termIds" || column === "termInfo" || column === "termFlags" || column === "sentStream" ? 65_536 + Math.ceil(length / 50) : 0;
  }

  /** A run makes its own columns in these (`spare`): these records have none after. */
  spend(): void {
    this.#spent = true;
  }

  /** Records from `toPlain`'s output, undefined for anything else (a file of another format); `spare` as the constructor's. */
  static fromPlain(v: unknown, spare = false): TermRecords | undefined {
    if (typeof v !== "object" || v === null) return undefined;
    const p = v as Partial<Record<keyof PlainRecords, unknown>>;
    const { termStart, termIds, termInfo, termFlags, termHash, sentStart, sentStream, words, keyH1, keyH2, keyLen, revisions, termDf, termNumbers, termQuotes } = p;
    if (
      !(termStart instanceof Int32Array && termIds instanceof Int32Array && termInfo instanceof Uint8Array && termFlags instanceof Uint8Array)
      || !(termHash instanceof Int32Array && sentStart instanceof Int32Array && sentStream instanceof Uint16Array && words instanceof Int32Array)
      || !(keyH1 instanceof Uint32Array && keyH2 instanceof Uint32Array && keyLen instanceof Int32Array && typeof revisions === "string")
      || !(termDf instanceof Int32Array && termNumbers instanceof Int32Array && termQuotes instanceof Int32Array)
    ) return undefined;
    const n = words.length;
    const revs = n === 0 ? [] : revisions.split("\n");
    const starts = (s: Int32Array, total: number): boolean => {
      if (s.length !== n + 1 || s[0] !== 0 || s[n] !== total) return false;
      for (let i = 0; i < n; i++) if (s[i + 1]! < s[i]!) return false;
      return true;
    };
    if (revs.length !== n || keyH1.length !== n || keyH2.length !== n || keyLen.length !== n) return undefined;
    if (termInfo.length !== termIds.length || termFlags.length !== termIds.length) return undefined;
    if (!starts(termStart, termIds.length) || !starts(sentStart, sentStream.length)) return undefined;
    const V = termHash.length;
    if (termDf.length !== V || termNumbers.length !== V || termQuotes.length !== V) return undefined;
    for (let p = 0; p < termIds.length; p++) if (!(termIds[p]! >= 0 && termIds[p]! < V)) return undefined;
    const columns = { termStart, termIds, termInfo, termFlags, termHash, sentStart, sentStream, words, keyH1, keyH2, keyLen };
    return new TermRecords(revs, columns, { df: termDf, numbers: termNumbers, quotes: termQuotes }, spare);
  }
}

/**
 * The records of `docs`, read now: what a parse batch makes of its articles
 * (src/ingest/batch-terms.ts), so that the story step of a build that parses
 * many seeds over several threads does not read their texts again on one.
 */
export function recordsOf(docs: ReadonlyArray<TermInput & { revision: string }>): TermRecords {
  return new TermRecords(docs.map((d) => d.revision), columnsOf(collectTerms(docs, true)));
}

/** Rows `rows` of `c` as new columns (ids still index c.termHash). */
function gather(c: TermRecordColumns, rows: readonly number[]): TermRecordColumns {
  const n = rows.length;
  let terms = 0;
  let stream = 0;
  for (const i of rows) {
    terms += c.termStart[i + 1]! - c.termStart[i]!;
    stream += c.sentStart[i + 1]! - c.sentStart[i]!;
  }
  const out: TermRecordColumns = {
    termStart: new Int32Array(n + 1),
    termIds: new Int32Array(terms),
    termInfo: new Uint8Array(terms),
    termFlags: new Uint8Array(terms),
    termHash: c.termHash,
    sentStart: new Int32Array(n + 1),
    sentStream: new Uint16Array(stream),
    words: new Int32Array(n),
    keyH1: new Uint32Array(n),
    keyH2: new Uint32Array(n),
    keyLen: new Int32Array(n),
  };
  let t = 0;
  let s = 0;
  for (let x = 0; x < n; x++) {
    const i = rows[x]!;
    const a = c.termStart[i]!;
    const b = c.termStart[i + 1]!;
    out.termIds.set(c.termIds.subarray(a, b), t);
    out.termInfo.set(c.termInfo.subarray(a, b), t);
    out.termFlags.set(c.termFlags.subarray(a, b), t);
    t += b - a;
    out.termStart[x + 1] = t;
    const sa = c.sentStart[i]!;
    const sb = c.sentStart[i + 1]!;
    out.sentStream.set(c.sentStream.subarray(sa, sb), s);
    s += sb - sa;
    out.sentStart[x + 1] = s;
    out.words[x] = c.words[i]!;
    out.keyH1[x] = c.keyH1[i]!;
    out.keyH2[x] = c.keyH2[i]!;
    out.keyLen[x] = c.keyLen[i]!;
  }
  return out;
}

/** `c` with its ids renumbered over the terms its entries hold, in order of first use; `from[id]`: the id it had. */
function renumbered(c: TermRecordColumns): { columns: TermRecordColumns; from: Int32Array } {
  const to = new Int32Array(c.termHash.length).fill(-1);
  let n = 0;
  const termIds = c.termIds.map((id) => (to[id] === -1 ? (to[id] = n++) : to[id]!));
  const from = new Int32Array(n);
  to.forEach((x, id) => {
    if (x >= 0) from[x] = id;
  });
  return { columns: { ...c, termIds, termHash: from.map((id) => c.termHash[id]!) }, from };
}

/** The counts of `c`'s terms (TermCounts): each record holds a term once. */
function countsOf(c: TermRecordColumns): TermCounts {
  const V = c.termHash.length;
  const counts: TermCounts = { df: new Int32Array(V), numbers: new Int32Array(V), quotes: new Int32Array(V) };
  addCounts(counts, c.termIds, c.termFlags, 0, c.termIds.length, 1);
  return counts;
}

/** Adds `times` × the entries [from, to) (ids, flags) to `counts`. */
function addCounts({ df, numbers, quotes }: TermCounts, ids: Int32Array, flags: Uint8Array, from: number, to: number, times: number): void {
  const [eNumber, eQuote] = [E_NUMBER, E_QUOTE];
  for (let p = from; p < to; p++) {
    const t = ids[p]!;
    const f = flags[p]!;
    df[t] = df[t]! + times;
    if ((f & eNumber) !== 0) numbers[t] = numbers[t]! + times;
    if ((f & eQuote) !== 0) quotes[t] = quotes[t]! + times;
  }
}

/** A TermData collected with `keep` as record columns. */
function columnsOf(td: TermData): TermRecordColumns {
  const { termFlags, termHash } = td;
  if (termFlags === undefined || termHash === undefined) throw new Error("phase 1 ran without keeping its records");
  return { ...td, termFlags, termHash };
}

/**
 * Phase 1 of articles whose records are in `sources`: article i is record
 * `row[i]` of `sources[source[i]]`. As in mergeChunks, each source's terms
 * are mapped to the run's ids by hash, once per distinct term; the entries
 * then go through that map. Ids are handed out at first occurrence in
 * article order, after the stopwords, which is how a collector numbers them
 * (TermCollector.end), and kinds and frequencies follow its rules: the first
 * occurrence decides K_QUOTE, any one sets K_NUMBER. So the result is the
 * very TermData a scan of every text in this order would give.
 *
 * It is a pass over memory (2.5 million entries at 10,000 articles), so:
 * runs of consecutive records of one source are copied whole, and the one
 * random access per entry is to its term's slot in `slots` (8 bytes: the
 * run's id, then the number of articles times 4 plus the OR of the E_* flags
 * of this source's term), whose sums go to the run's terms afterwards.
 * `share`: the arrays later phases read go on shared memory (a helper
 * thread reads them, as it reads mergeChunks's).
 */
function intern(sources: readonly TermRecordColumns[], source: Int32Array, row: Int32Array, share: boolean): TermData {
  const alloc = allocator(share);
  let vocabulary = 0;
  for (const c of sources) vocabulary += c.termHash.length;
  const stops = stopwordHashes();
  vocabulary += stops.length;
  const kind = new Uint8Array(vocabulary);
  const termHash = new Int32Array(vocabulary);
  // Hash → id of the run (open addressing: hash at 2s, id + 1 at 2s + 1).
  let mask = 1023;
  while (mask + 1 < 2 * vocabulary) mask = 2 * mask + 1;
  const table = new Int32Array(2 * (mask + 1));
  const find = (h: number): number => {
    let s = h & mask;
    while (table[2 * s + 1] !== 0 && table[2 * s] !== h) s = (s + 1) & mask;
    return s;
  };
  // The stopwords first, numbered as every collector numbers them (each once, in order).
  let nTerms = 0;
  for (const h of stops) {
    const s = find(h);
    if (table[2 * s + 1] !== 0) continue;
    table[2 * s] = h;
    table[2 * s + 1] = ++nTerms;
    termHash[nTerms - 1] = h;
    kind[nTerms - 1] = K_STOP;
  }
  // Per source term l: run id + 1 at 2l (0: not seen yet), 4 · articles | flags at 2l + 1 (flags are 2 bits).
  const slotsOf = sources.map((c) => new Int32Array(2 * c.termHash.length));
  // Imported constants read in the loop as locals (an import is a property load, or a getter, at every use).
  const [eQuote, kQuote] = [E_QUOTE, K_QUOTE];
  const columns = assemble(sources, source, row, alloc, (src, a, b, o, termIds) => {
    const { termIds: ids, termFlags: flags, termHash: hashes } = sources[src]!;
    const slots = slotsOf[src]!;
    for (let p = a; p < b; p++) {
      const l2 = 2 * ids[p]!;
      const f = flags[p]!;
      let g = slots[l2]! - 1;
      if (g < 0) {
        const h = hashes[l2 >>> 1]!;
        const s = find(h);
        if (table[2 * s + 1] !== 0) g = table[2 * s + 1]! - 1;
        else {
          // New to the run: its kind comes from this, its first occurrence.
          g = nTerms++;
          table[2 * s] = h;
          table[2 * s + 1] = g + 1;
          termHash[g] = h;
          kind[g] = (f & eQuote) !== 0 ? kQuote : 0;
        }
        slots[l2] = g + 1;
      }
      termIds[o + p - a] = g;
      slots[l2 + 1] = (slots[l2 + 1]! + 4) | f;
    }
  });
  const df = alloc(Int32Array, nTerms);
  const kinds = alloc(Uint8Array, nTerms);
  kinds.set(kind.subarray(0, nTerms));
  for (const slots of slotsOf) {
    for (let l2 = 0; l2 < slots.length; l2 += 2) {
      const g = slots[l2]! - 1;
      if (g < 0) continue;
      df[g] = df[g]! + (slots[l2 + 1]! >>> 2);
      if ((slots[l2 + 1]! & E_NUMBER) !== 0) kinds[g] = kinds[g]! | K_NUMBER;
    }
  }
  return { nTerms, kind: kinds, df, ...columns, termHash: termHash.slice(0, nTerms) };
}


type Columns = Omit<TermData, "nTerms" | "kind" | "df" | "termHash"> & { termFlags: Uint8Array };

/** Writes the run's ids of the entries [from, to) of `sources[src]` into termIds from `at` on. */
type WriteIds = (src: number, from: number, to: number, at: number, termIds: Int32Array) => void;

/**
 * Where the rows of a run whose article i is row `row[i]` of `sources[source[i]]` go: the
 * per-article columns, the entries' and sentences' totals, and its runs of consecutive rows of
 * one source (those of an earlier run's records come in long ones), 8 numbers each: the source,
 * then [from, to) and where it goes of the entries, then the source again and the same of the
 * sentences. `ordered`: the rows of source 0 come in their order, each once.
 */
function layout(sources: readonly TermRecordColumns[], source: Int32Array, row: Int32Array, alloc: Alloc) {
  const N = row.length;
  const termStart = alloc(Int32Array, N + 1);
  const sentStart = alloc(Int32Array, N + 1);
  const words = new Int32Array(N);
  const keyH1 = new Uint32Array(N);
  const keyH2 = new Uint32Array(N);
  const keyLen = new Int32Array(N);
  const runs: number[] = [];
  let o = 0;
  let so = 0;
  let ordered = true;
  for (let i = 0, last = -1; i < N; ) {
    const src = source[i]!;
    const c = sources[src]!;
    const r0 = row[i]!;
    let j = i + 1;
    while (j < N && source[j] === src && row[j] === r0 + (j - i)) j++;
    const r1 = r0 + (j - i);
    if (src === 0) {
      ordered &&= r0 > last;
      last = r1 - 1;
    }
    const [a, e, sa, se] = [c.termStart[r0]!, c.termStart[r1]!, c.sentStart[r0]!, c.sentStart[r1]!];
    for (let x = i; x < j; x++) {
      termStart[x] = o + c.termStart[r0 + x - i]! - a;
      sentStart[x] = so + c.sentStart[r0 + x - i]! - sa;
    }
    words.set(c.words.subarray(r0, r1), i);
    keyH1.set(c.keyH1.subarray(r0, r1), i);
    keyH2.set(c.keyH2.subarray(r0, r1), i);
    keyLen.set(c.keyLen.subarray(r0, r1), i);
    runs.push(src, a, e, o, src, sa, se, so);
    o += e - a;
    so += se - sa;
    i = j;
  }
  termStart[N] = o;
  sentStart[N] = so;
  return { rows: { termStart, sentStart, words, keyH1, keyH2, keyLen }, runs, T: o, S: so, ordered };
}

/** Copies the rows of the runs (`layout`) whose source passes `which` into the entry and sentence columns given. */
function writeRows(
  sources: readonly TermRecordColumns[],
  runs: readonly number[],
  which: (src: number) => boolean,
  to: { termIds: Int32Array; termInfo: Uint8Array; termFlags: Uint8Array; sentStream: Uint16Array },
  writeIds: WriteIds,
): void {
  for (let k = 0; k < runs.length; k += 8) {
    const [src, a, e, at, , sa, se, sAt] = runs.slice(k, k + 8) as [number, number, number, number, number, number, number, number];
    if (!which(src)) continue;
    const c = sources[src]!;
    to.termInfo.set(c.termInfo.subarray(a, e), at);
    to.termFlags.set(c.termFlags.subarray(a, e), at);
    to.sentStream.set(c.sentStream.subarray(sa, se), sAt);
    writeIds(src, a, e, at, to.termIds);
  }
}

/** The per-article columns of a run whose article i is row `row[i]` of `sources[source[i]]` (`layout`), copied a run of consecutive rows at a time. */
function assemble(sources: readonly TermRecordColumns[], source: Int32Array, row: Int32Array, alloc: Alloc, writeIds: WriteIds): Columns {
  const { rows, runs, T, S } = layout(sources, source, row, alloc);
  const to = { termIds: alloc(Int32Array, T), termInfo: alloc(Uint8Array, T), termFlags: new Uint8Array(T), sentStream: alloc(Uint16Array, S) };
  writeRows(sources, runs, () => true, to, writeIds);
  return { ...rows, ...to };
}

/**
 * `assemble`'s columns for a run whose rows of `base` (a spare TermRecords) come in their order,
 * each once, made in base's own columns: its runs of rows the run keeps are moved to where they
 * go, then the other rows written between them, instead of every entry copied into new arrays
 * (2.5 million at 10,000 articles, and the memory for them). Undefined, with base untouched, when
 * its rows do not come so or the run's entries do not fit in the room its columns have.
 */
function assembleInPlace(base: TermRecords, sources: readonly TermRecordColumns[], source: Int32Array, row: Int32Array, writeIds: WriteIds): Columns | undefined {
  const { rows, runs, T, S, ordered } = layout(sources, source, row, allocator(false));
  const b = sources[0]!;
  const to = { termIds: withRoom(b.termIds, T), termInfo: withRoom(b.termInfo, T), termFlags: withRoom(b.termFlags, T), sentStream: withRoom(b.sentStream, S) };
  const { termIds, termInfo, termFlags, sentStream } = to;
  if (!ordered || !termIds || !termInfo || !termFlags || !sentStream) return undefined;
  base.spend();
  // Base's runs keep their order and do not overlap, in either column: those moving towards the
  // start are moved first, from the first, then those moving towards the end, from the last, so
  // that none is written over before it is moved. The other rows go into the gaps left.
  const moveBase = (column: 0 | 4, move: (from: number, to: number, at: number) => void) => {
    const towardsEnd: number[] = [];
    for (let k = column; k < runs.length; k += 8) {
      if (runs[k] !== 0) continue;
      if (runs[k + 3]! <= runs[k + 1]!) move(runs[k + 1]!, runs[k + 2]!, runs[k + 3]!);
      else towardsEnd.push(k);
    }
    for (let x = towardsEnd.length - 1; x >= 0; x--) {
      const k = towardsEnd[x]!;
      move(runs[k + 1]!, runs[k + 2]!, runs[k + 3]!);
    }
  };
  moveBase(0, (from, end, at) => {
    termIds.copyWithin(at, from, end);
    termInfo.copyWithin(at, from, end);
    termFlags.copyWithin(at, from, end);
  });
  moveBase(4, (from, end, at) => sentStream.copyWithin(at, from, end));
  writeRows(sources, runs, (src) => src !== 0, { termIds, termInfo, termFlags, sentStream }, writeIds);
  return { ...rows, termIds: termIds.subarray(0, T), termInfo: termInfo.subarray(0, T), termFlags: termFlags.subarray(0, T), sentStream: sentStream.subarray(0, S) };
}

/** `a` with the room past its end in view, when it holds `length` elements; undefined when not. */
function withRoom<T extends Int32Array | Uint8Array | Uint16Array>(a: T, length: number): T | undefined {
  const room = (a.buffer.byteLength - a.byteOffset) / a.BYTES_PER_ELEMENT;
  const Ctor = a.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => T;
  return room >= length ? new Ctor(a.buffer, a.byteOffset, room) : undefined;
}

/**
 * Phase 1 of articles whose records are mostly rows of `base`: article i is row `row[i]` of
 * `base` when `source[i]` is 0, else of `others[source[i] - 1]`. The run keeps `base`'s ids:
 * runs of its rows are copied as they are, and its counts (TermCounts) give df and kinds once
 * corrected by the rows dropped or repeated; only the other rows' entries are interned (by hash,
 * new terms after `base`'s). Kinds follow intern's rules: a stopword's is K_STOP, K_NUMBER comes
 * with any entry flagged E_NUMBER, K_QUOTE with the first occurrence in article order, which the
 * counts settle unless a term's entries disagree (a word and a quote bigram with one hash): those
 * terms' first occurrences are looked up in the entries. Later phases give what `intern` would.
 */
function extend(base: TermRecords, others: readonly TermRecordColumns[], source: Int32Array, row: Int32Array, share: boolean): TermData {
  const alloc = allocator(share);
  const b = base.columns;
  // The run's ids of the few hashes looked up (the other rows' terms, the stopwords), found in one pass over base's.
  const stops = stopwordHashes();
  let wanted = stops.length;
  for (const c of others) wanted += c.termHash.length;
  const lookup = new HashIds(wanted);
  for (const c of others) for (const h of c.termHash) lookup.add(h);
  for (const h of stops) lookup.add(h);
  b.termHash.forEach((h, id) => lookup.found(h, id));
  const vocabulary = b.termHash.length + wanted;
  const counts: TermCounts = { df: new Int32Array(vocabulary), numbers: new Int32Array(vocabulary), quotes: new Int32Array(vocabulary) };
  const termHash = new Int32Array(vocabulary);
  counts.df.set(base.counts.df);
  counts.numbers.set(base.counts.numbers);
  counts.quotes.set(base.counts.quotes);
  termHash.set(b.termHash);
  let nTerms = b.termHash.length;
  // Base's rows as often as the run has them: its counts hold each once.
  const uses = new Int32Array(base.size);
  for (let i = 0; i < row.length; i++) if (source[i] === 0) uses[row[i]!]!++;
  for (let r = 0; r < base.size; r++) {
    if (uses[r] !== 1) addCounts(counts, b.termIds, b.termFlags, b.termStart[r]!, b.termStart[r + 1]!, uses[r]! - 1);
  }
  const sources = [b, ...others];
  const writeIds: WriteIds = (src, from, to, at, termIds) => {
    const c = sources[src]!;
    if (src === 0) return termIds.set(c.termIds.subarray(from, to), at);
    for (let p = from; p < to; p++) {
      const h = c.termHash[c.termIds[p]!]!;
      let id = lookup.id(h);
      if (id < 0) {
        // New to the run.
        id = nTerms++;
        termHash[id] = h;
        lookup.found(h, id);
      }
      termIds[at + p - from] = id;
    }
  };
  // Shared arrays (a helper thread reads them) are new ones.
  const columns = (base.spare && !share && assembleInPlace(base, sources, source, row, writeIds)) || assemble(sources, source, row, alloc, writeIds);
  const { termStart, termIds, termFlags } = columns;
  for (let i = 0; i < row.length; i++) if (source[i] !== 0) addCounts(counts, termIds, termFlags, termStart[i]!, termStart[i + 1]!, 1);
  const { df: dfs, numbers, quotes } = counts;
  const kind = alloc(Uint8Array, nTerms);
  const df = alloc(Int32Array, nTerms);
  df.set(dfs.subarray(0, nTerms));
  const [STOP, FIRST_DECIDES] = [1, 2];
  const state = new Uint8Array(nTerms);
  for (const h of stops) {
    const id = lookup.id(h);
    if (id < 0) continue;
    kind[id] = K_STOP;
    state[id] = STOP;
  }
  let undecided = 0;
  for (let t = 0; t < nTerms; t++) {
    if (numbers[t]! > 0) kind[t] = kind[t]! | K_NUMBER;
    if (state[t] === STOP || quotes[t] === 0) continue;
    if (quotes[t] === dfs[t]) kind[t] = kind[t]! | K_QUOTE;
    else {
      state[t] = FIRST_DECIDES;
      undecided++;
    }
  }
  for (let p = 0; undecided > 0 && p < termIds.length; p++) {
    const t = termIds[p]!;
    if (state[t] !== FIRST_DECIDES) continue;
    if ((termFlags[p]! & E_QUOTE) !== 0) kind[t] = kind[t]! | K_QUOTE;
    state[t] = 0;
    undecided--;
  }
  return { nTerms, kind, df, ...columns, termHash: termHash.slice(0, nTerms) };
}

/** A few term hashes and the run's id of each (open addressing, small enough to stay in cache while a whole vocabulary is passed through `found`). */
class HashIds {
  readonly #mask: number;
  /** Hash at 2s, id + 1 at 2s + 1 (0: not found yet); `#used[s]`: the slot holds a hash. */
  readonly #table: Int32Array;
  readonly #used: Uint8Array;

  constructor(capacity: number) {
    let mask = 63;
    while (mask + 1 < 2 * capacity) mask = 2 * mask + 1;
    this.#mask = mask;
    this.#table = new Int32Array(2 * (mask + 1));
    this.#used = new Uint8Array(mask + 1);
  }

  #slot(h: number): number {
    let s = h & this.#mask;
    while (this.#used[s] === 1 && this.#table[2 * s] !== h) s = (s + 1) & this.#mask;
    return s;
  }

  add(h: number): void {
    const s = this.#slot(h);
    this.#table[2 * s] = h;
    this.#used[s] = 1;
  }

  /** Records `id` for `h` when `h` was added and has no id yet. */
  found(h: number, id: number): void {
    const s = this.#slot(h);
    if (this.#used[s] === 1 && this.#table[2 * s + 1] === 0) this.#table[2 * s + 1] = id + 1;
  }

  /** The id of `h`, -1 when none was found (or `h` was never added). */
  id(h: number): number {
    const s = this.#slot(h);
    return this.#used[s] === 1 ? this.#table[2 * s + 1]! - 1 : -1;
  }
}

/** The stopwords' hashes, which every collector interns first (TermCollector), tokenised as it does. */
export function stopwordHashes(): Int32Array {
  const tok = new TokenBuffer(16);
  const hashes: number[] = [];
  for (const w of STOPWORDS) {
    tok.count = 0;
    tok.tokenize(w);
    for (let k = 0; k < tok.count; k++) hashes.push(tok.hash[k]! | 0);
  }
  return Int32Array.from(hashes);
}

export interface Collected {
  td: TermData;
  /** The records of `docs` that have a revision (one per revision), to keep for the next run; not made when not asked for. */
  next?: TermRecords;
  /** Articles whose texts were read. */
  read: number;
}

/**
 * Phase 1 over `docs` (in article order) reusing the records of `previous`
 * and of `made` (this build's, from its parse batches: recordsOf): `scan`
 * (the collector with `keep`, on one thread or two) reads only the articles
 * without a record; then all are interned together (`intern`, `share` as
 * there). The texts of the others are never touched, not even for their
 * length.
 */
export function collectReusing(
  docs: readonly RecordInput[],
  previous: TermRecords,
  scan: (docs: readonly TermInput[]) => TermData,
  { share = false, made = [], next = true }: { share?: boolean; made?: readonly TermRecords[]; next?: boolean } = {},
): Collected {
  const N = docs.length;
  const sources = [previous, ...made];
  const find = finder(sources);
  // Record i is row[i] of source[i]; sources.length: the scan of the articles without one.
  const source = new Int32Array(N);
  const row = new Int32Array(N);
  const toRead: RecordInput[] = [];
  let fromPrevious = 0;
  for (let i = 0; i < N; i++) {
    const r = docs[i]!.revision;
    const at = r === undefined ? -1 : find(r);
    if (at >= 0) {
      source[i] = Math.floor(at / ROWS);
      row[i] = at % ROWS;
      if (source[i] === 0) fromPrevious++;
    } else {
      source[i] = sources.length;
      row[i] = toRead.length;
      toRead.push(docs[i]!);
    }
  }
  let td: TermData;
  if (toRead.length === N) td = scan(docs);
  else {
    const columns = sources.map((s) => s.columns);
    if (toRead.length > 0) columns.push(columnsOf(scan(toRead)));
    // Keeping the earlier run's ids pays when most articles have their record there (its terms no article holds stay as ids).
    td = 2 * fromPrevious >= N ? extend(previous, columns.slice(1), source, row, share) : intern(columns, source, row, share);
  }
  return { td, next: next ? nextRecords(docs, td) : undefined, read: toRead.length };
}

/** The next run's records: this run's, once per revision (two files with the same bytes have one). */
function nextRecords(docs: readonly RecordInput[], td: TermData): TermRecords {
  const N = docs.length;
  const runColumns = columnsOf(td);
  const revisions: string[] = [];
  const rows: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < N; i++) {
    const r = docs[i]!.revision;
    if (r === undefined || seen.has(r)) continue;
    seen.add(r);
    revisions.push(r);
    rows.push(i);
  }
  return new TermRecords(revisions, rows.length === N ? runColumns : gather(runColumns, rows));
}

/** Rows per source in `finder`'s answers (source · ROWS + row): more than any run holds. */
const ROWS = 2 ** 26;

/** Where a revision's record is among `sources` (the first that has it: all records of a revision are the same), -1 when none has. */
function finder(sources: readonly TermRecords[]): (revision: string) => number {
  if (sources.length === 1) return (r) => sources[0]!.find(r);
  const at = new Map<string, number>();
  for (let s = sources.length - 1; s >= 0; s--) {
    const { revisions } = sources[s]!;
    if (revisions.length >= ROWS) throw new Error(`phase-1 records: more than ${ROWS} in one source`);
    for (let i = 0; i < revisions.length; i++) at.set(revisions[i]!, s * ROWS + i);
  }
  return (r) => at.get(r) ?? -1;
}
