/**
 * The text kernel: the tokeniser (TokenBuffer) and the term collector of
 * phase 1 (TermCollector), the only code that reads article texts.
 *
 * It is one self-contained function: its body refers to nothing but its
 * parameters and the globals every Node thread has (JavaScript's built-ins,
 * TextDecoder; the imports below are types, erased).
 * That lets parallel.ts start a worker thread on its source text
 * (`textKernel.toString()`) without a TypeScript loader: a worker that
 * imports these .ts modules through tsx first spends about half a second of
 * CPU registering the loader, which is all the time it saves on 20,000
 * articles. tokenize.ts and terms.ts export this thread's instance.
 */
import type { TermChunk } from "./terms.ts";

/** Per UTF-16 code unit: class and lower case (built once, shared with the worker). */
export interface CharTables {
  classLower: Int32Array;
  cls: Uint8Array;
  lower: Uint16Array;
  fold: Uint16Array;
}

/** The kernel's classes and constants (return type inferred: see TextKernel). */
export function textKernel(stopwords: readonly string[], given?: CharTables) {
  /** Token flags. */
  const CAP = 1; // first letter upper-case in the source
  const SENT_START = 2; // first word of a sentence / of a quotation
  const IN_QUOTE = 4; // inside a double-quoted span
  const NUMERIC = 8; // contains a digit

  // Character classes.
  const C_OTHER = 0; // separator (space, punctuation, hyphen...)
  const C_LETTER = 1;
  const C_DIGIT = 2;
  const C_APOS = 3; // ' and typographic single quotes
  const C_DQUOTE_OPEN = 4; // “ „ « ‟
  const C_DQUOTE_CLOSE = 5; // ” » (also opens when not inside a quote)
  const C_DQUOTE_TOGGLE = 6; // "
  const C_SENT_END = 7; // . ! ?
  const C_NEWLINE = 8;
  const C_DOT = 9; // '.' is handled separately (decimal point vs end of sentence)
  const C_COMMA = 10; // ',' inside numbers is dropped (thousands separator)

  // FNV-1a parameters.
  const OFFSET = 0x811c9dc5 | 0;
  const PRIME = 0x01000193;
  // CLASS_LOWER[c]: letters WORD_MIN | lower-case unit, digits DIGIT_MIN | unit,
  // anything else class << 16 | unit (classes < 16, so below WORD_MIN).
  const WORD_MIN = 0x100000;
  const DIGIT_MIN = 0x300000;
  const tables = given ?? buildTables();
  const CLASS_LOWER = tables.classLower;
  const CLASS = tables.cls;
  const LOWER = tables.lower;
  /** Folded form of each code unit for duplicate keys; 0 marks white space. */
  const FOLD = tables.fold;

  /** Class and lower-case form of every UTF-16 code unit. */
  function buildTables(): CharTables {
    const CLASS = new Uint8Array(65536);
    const LOWER = new Uint16Array(65536);
    const CLASS_LOWER = new Int32Array(65536);
    const FOLD = new Uint16Array(65536);
    // Each Unicode property is matched by runs over one string of every code unit (surrogates as
    // NUL, which matches none), and lower case is taken 256 units at a time: every thread that
    // tokenises builds these tables, and testing, matching and lowering one unit at a time took
    // 23–60 ms of its start. A block whose lower case is longer (U+0130 İ becomes two units) is
    // lowered unit by unit; tests/stories/tokenize.test.ts checks every unit against that.
    const all = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) all[c] = c >= 0xd800 && c <= 0xdfff ? 0 : c;
    const units = new TextDecoder("utf-16le").decode(all);
    const has = (re: RegExp): Uint8Array => {
      const out = new Uint8Array(65536);
      for (const m of units.matchAll(re)) out.fill(1, m.index, m.index + m[0].length);
      return out;
    };
    const isLetter = has(/[\p{L}\p{M}]+/gu);
    const isDigit = has(/\p{Nd}+/gu);
    const isSpace = has(/\s+/gu);
    /** Each unit's lower case when it is one unit, as `toLowerCase` gives it for the unit alone; otherwise the unit. */
    const lowered = new Uint16Array(65536);
    for (let from = 0; from < 65536; from += 256) {
      const block = units.slice(from, from + 256);
      const low = block.toLowerCase();
      if (low.length === 256) for (let i = 0; i < 256; i++) lowered[from + i] = low.charCodeAt(i);
      else
        for (let i = 0; i < 256; i++) {
          const one = block[i]!.toLowerCase();
          lowered[from + i] = one.length === 1 ? one.charCodeAt(0) : from + i;
        }
    }
    // Lowered in a block, Σ could become final ς (Unicode's Final_Sigma, the one context-dependent
    // mapping outside Lithuanian, Turkish and Azeri); alone it is σ.
    lowered[0x3a3] = 0x3c3;
    for (let c = 0; c < 65536; c++) {
      let lower = c;
      let cls = C_OTHER;
      if (c >= 0x30 && c <= 0x39) cls = C_DIGIT;
      else if (c >= 0x41 && c <= 0x5a) {
        cls = C_LETTER;
        lower = c + 32;
      } else if (c >= 0x61 && c <= 0x7a) cls = C_LETTER;
      else if (c >= 0xc0 && !(c >= 0xd800 && c <= 0xdfff)) {
        // Letters of any script (Latin-1 and beyond); everything else separates.
        if (isLetter[c] === 1) {
          cls = C_LETTER;
          lower = lowered[c]!;
        } else if (isDigit[c] === 1) cls = C_DIGIT;
      } else if (c === 0xaa || c === 0xb5 || c === 0xba) cls = C_LETTER;
      LOWER[c] = lower;
      CLASS[c] = cls;
    }
    CLASS[0x27] = C_APOS; // '
    CLASS[0x2018] = C_APOS; // ‘
    CLASS[0x2019] = C_APOS; // ’
    CLASS[0x201b] = C_APOS; // ‛
    CLASS[0x2bc] = C_APOS; // ʼ
    CLASS[0x22] = C_DQUOTE_TOGGLE; // "
    CLASS[0x201c] = C_DQUOTE_OPEN; // “
    CLASS[0x201e] = C_DQUOTE_OPEN; // „
    CLASS[0x201f] = C_DQUOTE_OPEN; // ‟
    CLASS[0xab] = C_DQUOTE_OPEN; // «
    CLASS[0x201d] = C_DQUOTE_CLOSE; // ”
    CLASS[0xbb] = C_DQUOTE_CLOSE; // »
    CLASS[0x2e] = C_DOT;
    CLASS[0x21] = C_SENT_END;
    CLASS[0x3f] = C_SENT_END;
    CLASS[0x2026] = C_SENT_END; // …
    CLASS[0x2c] = C_COMMA;
    CLASS[0x0a] = C_NEWLINE;
    CLASS[0x0d] = C_NEWLINE;
    CLASS[0x2028] = C_NEWLINE;
    CLASS[0x2029] = C_NEWLINE;
    for (let c = 0; c < 65536; c++) {
      // Word units compare >= WORD_MIN, digits >= DIGIT_MIN.
      const k = CLASS[c]!;
      CLASS_LOWER[c] = k === C_LETTER ? WORD_MIN | LOWER[c]! : k === C_DIGIT ? DIGIT_MIN | c : (k << 16) | c;
    }
    for (let c = 0; c < 65536; c++) {
      const k = CLASS[c];
      if (c === 0 || isSpace[c] === 1) FOLD[c] = 0;
      else if (k === C_APOS) FOLD[c] = 0x27;
      else if (k === C_DQUOTE_OPEN || k === C_DQUOTE_CLOSE || k === C_DQUOTE_TOGGLE) FOLD[c] = 0x22;
      else FOLD[c] = LOWER[c]!;
    }
    return { classLower: CLASS_LOWER, cls: CLASS, lower: LOWER, fold: FOLD };
  }

  /**
   * Where the tokeniser puts an article's content words when it feeds a
   * TermCollector (TokenBuffer.scan): the collector's per-article table of
   * distinct terms (`local`: slot s is stamp, hash and position in termIds
   * at 4s, 4s + 1, 4s + 2, one cache line, one array to check; the current
   * article's slots carry `stamp`), its entries (hash, tf and entity bit,
   * E_* flags) from termIds[t0], and the fingerprint stream.
   */
  interface Sink {
    /** Stopword hashes: a bit per value of the low 16 bits, and an open-addressing set (0: empty). */
    stopBits: Int32Array;
    stopSet: Int32Array;
    stopZero: boolean;
    local: Int32Array;
    /** Slots of `local` minus 1. */
    lMask: number;
    stamp: number;
    termIds: Int32Array;
    termInfo: Uint8Array;
    eFlags: Uint8Array;
    stream: Uint16Array;
    t0: number;
    tn: number;
    sn: number;
    streamSent: number;
    prevQuote: number;
    prevSent: number;
  }

  /** Slots of the per-article table of distinct terms, to begin with (it grows for long articles). */
  const LOCAL_SLOTS = 1024;

  function newSink(stops: readonly number[], capacity: number): Sink {
    let cap = 64;
    while (cap < 4 * stops.length) cap *= 2;
    const stopSet = new Int32Array(cap);
    const stopBits = new Int32Array(2048);
    for (const h of stops) {
      let s = h & (cap - 1);
      while (stopSet[s] !== 0 && stopSet[s] !== h) s = (s + 1) & (cap - 1);
      stopSet[s] = h;
      const b = h & 0xffff;
      stopBits[b >>> 5] = stopBits[b >>> 5]! | (1 << (b & 31));
    }
    return {
      stopBits,
      stopSet,
      stopZero: stops.includes(0),
      local: new Int32Array(4 * LOCAL_SLOTS),
      lMask: LOCAL_SLOTS - 1,
      stamp: 0,
      termIds: new Int32Array(capacity),
      termInfo: new Uint8Array(capacity),
      eFlags: new Uint8Array(capacity),
      stream: new Uint16Array(capacity),
      t0: 0,
      tn: 0,
      sn: 0,
      streamSent: -1,
      prevQuote: -1,
      prevSent: -1,
    };
  }

  /** TokenBuffer.tokenize: no sink. */
  const NO_SINK = newSink([], 0);

  /** Whether h is a stopword hash (after its bit in stopBits said it may be). */
  function isStop(stopSet: Int32Array, mask: number, stopZero: boolean, h: number): boolean {
    if (h === 0) return stopZero;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = stopSet[s]!;
      if (v === h) return true;
      if (v === 0) return false;
    }
  }

  /** A new stamp for the per-article table (all its slots become free). */
  function nextStamp(sink: Sink): void {
    if (++sink.stamp === 0x7fffffff) {
      sink.local.fill(0);
      sink.stamp = 1;
    }
  }

  /** Doubles the per-article table (kept at most half full) and re-inserts the entries termIds[t0..tn). */
  function growLocal(sink: Sink, tn: number): void {
    const size = 2 * (sink.lMask + 1);
    if (sink.local.length < 4 * size) sink.local = new Int32Array(4 * size);
    sink.lMask = size - 1;
    nextStamp(sink);
    const { local, stamp, termIds } = sink;
    for (let p = sink.t0; p < tn; p++) {
      const h = termIds[p]!;
      let s = h & (size - 1);
      while (local[4 * s] === stamp) s = (s + 1) & (size - 1);
      local[4 * s] = stamp;
      local[4 * s + 1] = h;
      local[4 * s + 2] = p;
    }
  }

  /** Reusable output buffers of the tokeniser. */
  class TokenBuffer {
    hash: Uint32Array;
    flags: Uint8Array;
    /** Sentence number of each token (0-based, increasing). */
    sent: Int32Array;
    count = 0;
    /** The text as UTF-16 code units (filled natively by Buffer#write). */
    private units: Uint16Array = new Uint16Array(0);
    private bytes: Buffer = Buffer.alloc(0);
    /** Number of code units of the last text in `units`. */
    unitCount = 0;
    /**
     * Exact-duplicate key of the last text tokenised: two 32-bit hashes and a
     * length over its words (lower-cased, unstemmed) and other non-space
     * characters (quote marks folded). Equal for texts whose
     * `normalizedText` is equal; a match must be confirmed with it.
     */
    dupH1 = 0;
    dupH2 = 0;
    dupLen = 0;

    constructor(capacity = 4096) {
      this.hash = new Uint32Array(capacity);
      this.flags = new Uint8Array(capacity);
      this.sent = new Int32Array(capacity);
    }

    private grow(): void {
      const cap = this.hash.length * 2;
      const h = new Uint32Array(cap);
      h.set(this.hash);
      const f = new Uint8Array(cap);
      f.set(this.flags);
      const s = new Int32Array(cap);
      s.set(this.sent);
      this.hash = h;
      this.flags = f;
      this.sent = s;
    }

    /** Copies `text` into `units` (native UTF-16 copy; much faster to scan than charCodeAt). */
    load(text: string): Uint16Array {
      const need = text.length * 2 + 2;
      if (this.bytes.length < need) {
        this.bytes = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2, 8192));
        this.units = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length >>> 1);
      }
      const n = this.bytes.write(text, 0, "utf16le") >>> 1;
      this.units[n] = 0x20; // sentinel: a space after the text ends the last word
      this.unitCount = n;
      return this.units;
    }

    /**
     * Tokenise `text`, appending to the buffer (set `count = 0` to reset).
     * Words are runs of letters and digits; apostrophes inside words are
     * dropped ("don't" → "dont") and a possessive "'s" is removed; hyphens
     * split words; "4.25" and "100,000" stay one number token; a plural "-s"
     * is dropped and "-ies" becomes "-y" (not after "s", "u", "i").
     * Returns the number of sentences seen (one more than the last index).
     */
    tokenize(text: string, firstSentence = 0): number {
      const u = this.load(text);
      return this.scan(u, 0, this.unitCount, firstSentence, NO_SINK, false);
    }

    /**
     * The tokeniser proper, over u[start, end) (u[end] must be a space).
     * Without a sink, tokens are appended to hash/flags/sent; with one
     * (TermCollector.add), each token goes straight into the collector's
     * per-article structures instead, in the same pass, with the same rules
     * as TermCollector's description of them (`inBody`: the text is the
     * article's body rather than its title).
     */
    scan(u: Uint16Array, start: number, end: number, firstSentence: number, sink: Sink, inBody: boolean): number {
      const len = end;
      // Everything the loops touch is a local: the kernel's constants are
      // closure variables (a load from the context, and a hole check, at
      // every access), and the word loop must keep its few variables in
      // registers.
      const cl = CLASS_LOWER;
      const cls = CLASS;
      const fold = FOLD;
      const lower = LOWER;
      const wordMin = WORD_MIN;
      const digitBit = DIGIT_MIN & ~WORD_MIN; // set in CLASS_LOWER of digits only
      const offset = OFFSET;
      const prime = PRIME;
      const kApos = C_APOS;
      const kDot = C_DOT;
      const kComma = C_COMMA;
      const kLetter = C_LETTER;
      const kDigit = C_DIGIT;
      let hashOut = this.hash;
      let flagsOut = this.flags;
      let sentOut = this.sent;
      let cap = hashOut.length;
      let count = this.count;
      let sentence = firstSentence;
      let sentHasTokens = false;
      let atSentStart = true;
      let inQuote = false;
      // Duplicate key: two running hashes and a length (see dupH1).
      let d1 = offset;
      let d2 = 0x9747b28c | 0;
      let dn = 0;
      let i = start;
      // Sink state, in locals for the loop (written back at the end).
      const collect = sink !== NO_SINK;
      const { stopBits, stopSet, stopZero } = sink;
      const stopMask = stopSet.length - 1;
      let { local, lMask, stamp } = sink;
      const { termIds, termInfo, eFlags, stream, t0 } = sink;
      let { tn, sn, streamSent, prevQuote, prevSent } = sink;
      for (;;) {
        // ---- Between words: skip separators; all but plain spaces join the
        // duplicate key and may change sentence or quotation state.
        let e = 0;
        for (;;) {
          if (i >= len) {
            if (collect) {
              sink.tn = tn;
              sink.sn = sn;
              sink.streamSent = streamSent;
              sink.prevQuote = prevQuote;
              sink.prevSent = prevSent;
            }
            this.count = count;
            this.dupH1 = d1 >>> 0;
            this.dupH2 = d2 >>> 0;
            this.dupLen = dn;
            return sentHasTokens ? sentence + 1 : sentence;
          }
          const c = u[i]!;
          e = cl[c]!;
          if (e >= wordMin) break;
          i++;
          if (c === 0x20) continue;
          const f = fold[c]!;
          if (f !== 0) {
            d1 = Math.imul(d1 ^ (f | 0x10000), prime);
            d2 = Math.imul(d2 ^ (f | 0x10000), 0x5bd1e995);
            d2 ^= d2 >>> 15;
            dn++;
          }
          const k = e >>> 16;
          if (k === C_DOT || k === C_SENT_END || k === C_NEWLINE) {
            if (sentHasTokens) {
              sentence++;
              sentHasTokens = false;
            }
            atSentStart = true;
            if (k === C_NEWLINE) inQuote = false;
          } else if (k === C_DQUOTE_OPEN) {
            inQuote = true;
            atSentStart = true;
          } else if (k === C_DQUOTE_CLOSE) {
            if (inQuote) inQuote = false;
            else {
              inQuote = true;
              atSentStart = true;
            }
          } else if (k === C_DQUOTE_TOGGLE) {
            inQuote = !inQuote;
            if (inQuote) atSentStart = true;
          }
        }
        // ---- A word: runs of letters and digits (FNV-1a of their lower-case
        // forms), joined across an apostrophe followed by a letter (not
        // hashed) and, inside numbers, across "." (hashed) and "," (not).
        const ws = i;
        const first = e;
        let h = offset;
        let all = 0; // OR of the CLASS_LOWER entries: digitBit tells a digit was seen
        let n = 0; // units hashed
        let skipped = false; // an apostrophe or comma was left out of the hash
        let apostrophe = false; // the word ends at an apostrophe...
        let possessive = false; // ...followed by a possessive "s" (dropped)
        for (;;) {
          const segment = i;
          // Two units per iteration: at every iteration V8 checks the arrays'
          // maps again, reloads their data pointers and polls for interrupts.
          for (;;) {
            all |= e;
            h = Math.imul(h ^ (e & 0xffff), prime);
            e = cl[u[++i]!]!; // u[len] is a space: the loop always stops
            if (e < wordMin) break;
            all |= e;
            h = Math.imul(h ^ (e & 0xffff), prime);
            e = cl[u[++i]!]!;
            if (e < wordMin) break;
          }
          n += i - segment;
          const k = e >>> 16;
          if (k === kApos) {
            const n1 = u[i + 1]!;
            if (cls[n1] !== kLetter) {
              apostrophe = true;
              break;
            }
            const k2 = cls[u[i + 2]!]!;
            if ((n1 === 0x73 || n1 === 0x53) && k2 !== kLetter && k2 !== kDigit) {
              apostrophe = true;
              possessive = true;
              break;
            }
            skipped = true;
            e = cl[u[++i]!]!;
            continue;
          }
          if ((k === kDot || k === kComma) && (all & digitBit) !== 0 && cls[u[i + 1]!] === kDigit) {
            if (k === kDot) {
              h = Math.imul(h ^ 0x2e, prime);
              n++;
            } else skipped = true;
            e = cl[u[++i]!]!;
            continue;
          }
          break;
        }
        const end = i; // the word is u[ws..end), minus skipped apostrophes and commas
        const numeric = (all & digitBit) !== 0;
        // Duplicate key: the word as written (folded), then an apostrophe / possessive.
        let dw = h;
        if (skipped) {
          dw = offset;
          for (let j = ws; j < end; j++) dw = Math.imul(dw ^ fold[u[j]!]!, prime);
        }
        if (apostrophe) {
          dw = Math.imul(dw ^ 0x27, prime);
          if (possessive) dw = Math.imul(dw ^ 0x73, prime);
          // The apostrophe (and the possessive "s") is consumed with the word.
          i += possessive ? 2 : 1;
        }
        d1 = Math.imul(d1 ^ dw, prime);
        d2 = Math.imul(d2 ^ dw, 0x5bd1e995);
        d2 ^= d2 >>> 15;
        dn++;
        // Plural stemming on the term hash: "-ies" → "-y", "-s" dropped (not "-ss", "-us", "-is").
        if (n >= 4 && !numeric && (cl[u[end - 1]!]! & 0xffff) === 0x73) h = stem(u, ws, end, h, lower, cls);
        // murmur3 finaliser
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h ^= h >>> 16;
        if (!collect) {
        let fl = numeric ? NUMERIC : (first & 0xffff) !== u[ws] ? CAP : 0;
        if (atSentStart) fl |= SENT_START;
        if (inQuote) fl |= IN_QUOTE;
        if (count === cap) {
          this.count = count;
          this.grow();
          hashOut = this.hash;
          flagsOut = this.flags;
          sentOut = this.sent;
          cap = hashOut.length;
        }
        hashOut[count] = h >>> 0;
        flagsOut[count] = fl;
        sentOut[count] = sentence;
      } else if (((stopBits[(h >>> 5) & 2047]! >>> (h & 31)) & 1) === 0 || !isStop(stopSet, stopMask, stopZero, h)) {
        // A content word: its tf and entity bit, exactly as if updated in
        // place at each occurrence, then the stream and quote bigrams.
        // A name: capitalised (CAP), not a sentence start, not a number (flags computed only here).
        const eb = inBody && !numeric && !atSentStart && (first & 0xffff) !== u[ws] ? ENTITY_BIT : 0;
        for (let s = h & lMask; ; s = (s + 1) & lMask) {
          if (local[4 * s] !== stamp) {
            local[4 * s] = stamp;
            local[4 * s + 1] = h;
            local[4 * s + 2] = tn;
            termIds[tn] = h;
            termInfo[tn] = eb | 1;
            eFlags[tn - t0] = numeric ? E_NUMBER : 0;
            tn++;
            if (2 * (tn - t0) > lMask) {
              growLocal(sink, tn);
              ({ local, lMask, stamp } = sink);
            }
            break;
          }
          if (local[4 * s + 1] === h) {
            const p = local[4 * s + 2]!;
            const v = termInfo[p]!;
            termInfo[p] = ((v & TF_MAX) < TF_MAX ? v + 1 : v) | eb;
            if (numeric) eFlags[p - t0] = eFlags[p - t0]! | E_NUMBER;
            break;
          }
        }
        if (inBody) {
          if (sentence !== streamSent) {
            if (streamSent !== -1) stream[sn++] = 0;
            streamSent = sentence;
          }
          // Fingerprint from the hash (not the id): the same in every thread.
          stream[sn++] = fingerprint(h);
          // Quote bigrams: consecutive content words inside one quotation.
          if (inQuote) {
            if (prevQuote !== -1 && sentence === prevSent && !atSentStart) {
              const q = combine32(prevQuote, h >>> 0, QUOTE_SALT) | 0;
              for (let s = q & lMask; ; s = (s + 1) & lMask) {
                if (local[4 * s] !== stamp) {
                  local[4 * s] = stamp;
                  local[4 * s + 1] = q;
                  local[4 * s + 2] = tn;
                  termIds[tn] = q;
                  termInfo[tn] = 1;
                  eFlags[tn - t0] = E_QUOTE;
                  tn++;
                  if (2 * (tn - t0) > lMask) {
                    growLocal(sink, tn);
                    ({ local, lMask, stamp } = sink);
                  }
                  break;
                }
                if (local[4 * s + 1] === q) {
                  const p = local[4 * s + 2]!;
                  const v = termInfo[p]!;
                  if ((v & TF_MAX) < TF_MAX) termInfo[p] = v + 1;
                  break;
                }
              }
            }
            prevQuote = h >>> 0;
            prevSent = sentence;
          } else prevQuote = -1;
        }
      }
      count++;
        sentHasTokens = true;
        atSentStart = false;
        // A single space after the word (the usual case) changes nothing: skip it here.
        if (!apostrophe && e === 0x20) i++;
      }
    }

  }

  /** Term hash of the word u[ws..end) ending in "s" (hash `h` unstemmed): plural folded. */
  function stem(u: Uint16Array, ws: number, end: number, h: number, lower: Uint16Array, cls: Uint8Array): number {
    // The last three kept units.
    let l1 = 0;
    let l2 = 0;
    let l3 = 0;
    for (let j = end - 1, got = 0; j >= ws && got < 3; j--) {
      const k = cls[u[j]!];
      if (k === C_APOS || k === C_COMMA) continue;
      const x = lower[u[j]!]!;
      if (got === 0) l1 = x;
      else if (got === 1) l2 = x;
      else l3 = x;
      got++;
    }
    if (l1 !== 0x73) return h;
    if (l2 === 0x65 && l3 === 0x69) {
      // at least 5 units? ("ies" alone or "xies" keep)
      let total = 0;
      for (let j = ws; j < end; j++) {
        const k = cls[u[j]!];
        if (k !== C_APOS && k !== C_COMMA) total++;
      }
      return total >= 5 ? rehashWord(u, ws, end, 3, 0x79, lower, cls) : h;
    }
    if (l2 === 0x73 || l2 === 0x75 || l2 === 0x69) return h;
    return rehashWord(u, ws, end, 1, -1, lower, cls);
  }

  /** FNV-1a of u[ws..end) minus its last `drop` kept units, then `extra` (if >= 0). */
  function rehashWord(u: Uint16Array, ws: number, end: number, drop: number, extra: number, lower: Uint16Array, cls: Uint8Array): number {
    let total = 0;
    for (let j = ws; j < end; j++) {
      const k = cls[u[j]!];
      if (k !== C_APOS && k !== C_COMMA) total++;
    }
    const keep = total - drop;
    let h = OFFSET;
    let n = 0;
    for (let j = ws; j < end && n < keep; j++) {
      const x = u[j]!;
      const k = cls[x];
      if (k === C_APOS || k === C_COMMA) continue;
      h = Math.imul(h ^ lower[x]!, PRIME);
      n++;
    }
    if (extra >= 0) h = Math.imul(h ^ extra, PRIME);
    return h;
  }


  // Per-term kind bits.
  const K_STOP = 1;
  const K_NUMBER = 2;
  const K_QUOTE = 4;
  // Per (article, term) info byte: tf in the low 7 bits, entity bit on top.
  const TF_MAX = 127;
  const ENTITY_BIT = 128;

  const QUOTE_SALT = 0x51ed270b;


  /** Murmur3 finaliser: spreads the bits of a 32-bit value (hash.ts has the same; the kernel may import nothing). */
  function fmix32(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  /** Order-dependent combination of two 32-bit hashes (quote bigrams). */
  function combine32(a: number, b: number, salt: number): number {
    let h = Math.imul(a ^ salt, 0x9e3779b1) >>> 0;
    h = (h ^ b) >>> 0;
    return fmix32(Math.imul(h, 0x27d4eb2f) ^ (h >>> 15));
  }

  /** Growable Int32 array. */
  class IntVec {
    data: Int32Array;
    length = 0;
    constructor(capacity: number) {
      this.data = new Int32Array(capacity);
    }
    push(v: number): void {
      if (this.length === this.data.length) {
        const d = new Int32Array(this.data.length * 2);
        d.set(this.data);
        this.data = d;
      }
      this.data[this.length++] = v;
    }
    view(): Int32Array {
      return this.data.subarray(0, this.length);
    }
  }

  /** Term hash → 16-bit fingerprint, (h mod 65535) + 1, in integer arithmetic (2^16 ≡ 1 mod 65535). */
  function fingerprint(h: number): number {
    let x = (h >>> 16) + (h & 0xffff);
    if (x >= 65535) x -= 65535;
    if (x >= 65535) x -= 65535;
    return x + 1;
  }

  // Per-article entry flags (TermCollector.add).
  const E_NUMBER = 1; // some occurrence is a number
  const E_QUOTE = 2; // the first occurrence is a quote bigram

  /** Slots of the table of frequent terms: 2^15 slots of 8 bytes, 256 KB, for up to 2^14 terms. */
  const HOT_SLOTS = 1 << 15;
  /** Articles a term must be in before it moves to the table of frequent terms. */
  const PROMOTE_DF = 2;

  /**
   * Incremental phase 1 over a sequence of articles (see collectTerms).
   *
   * Memory latency dominates (a random access to a table of a few MB costs
   * 40–60 ns here, the price of tokenising 20 characters), so:
   *  - each article is first reduced to its distinct terms in a small table
   *    of its own, which stays in L1 cache, with tf and flags;
   *  - each distinct term is then looked up in the vocabulary, first in a
   *    small table of frequent terms (the first HOT_SLOTS / 2 to reach
   *    PROMOTE_DF articles: with word frequencies following Zipf's law, most
   *    lookups end there), then in the full table;
   *  - a term's document frequency and kind sit next to it (in its slot of
   *    the full table, or in the frequent terms' data, in order of
   *    promotion); per-id arrays are built once at the end;
   *  - an article's lookups are made in passes so their cache misses overlap.
   *
   * `reverse`: the articles come in descending order (the main thread works
   * from the end of the list while a worker takes batches from the front).
   * Output is then in that order too; the one thing order changes is which
   * occurrence of a term comes first, which decides its K_QUOTE bit (a word
   * and a quote bigram can share a hash): it is always the first occurrence in
   * article order, as in a single forward pass.
   *
   * `keep`: also keep each entry's E_* flags (TermChunk.termFlags), which
   * interning reads and then drops: with the rest of an article's output
   * they are its phase-1 record, which depends on nothing but its title and
   * text (records.ts keeps them between runs and interns them again).
   */
  class TermCollector {
    /**
     * Vocabulary: slot s is four ints at 4s: term hash, id + 1 (0: empty),
     * document frequency, K_* bits (see TermChunk.table).
     */
    private table: Int32Array;
    private mask: number;
    /**
     * Frequent terms: slot s holds the hash at 2s and x + 1 at 2s + 1, x
     * their number in order of promotion; hotData[4x..4x+4) is laid out like
     * a `table` slot. A promoted term's frequency counts on there from 0 and
     * its kind goes on there (finish adds the two up). The first promoted
     * are the most frequent: their data share a few cache lines.
     */
    private readonly hot = new Int32Array(2 * HOT_SLOTS);
    private readonly hotData = new Int32Array(4 * (HOT_SLOTS / 2));
    private hotCount = 0;
    /** Sink for the prefetching loads (so they are not optimised away). */
    touch = 0;
    /** Number of terms (ids 0..nTerms-1); the first nStop are the stopwords. */
    private nTerms = 0;
    private readonly nStop: number;
    /** What the tokeniser fills for the current article (see Sink). */
    private readonly sink: Sink;
    /** Per position in termIds of the current article: where the term was found (add). */
    private found = new Int32Array(1024);
    private missed = new Int32Array(1024);
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
    /** With `keep`: per position in termIds, the entry's E_* flags. */
    private termFlags: Uint8Array;

    /** `expectedChars`: total length of the texts to come, to size the buffers once. */
    constructor(
      expectedChars = 1 << 20,
      private readonly reverse = false,
      private readonly keep = false,
    ) {
      this.table = new Int32Array(4 << 16);
      this.mask = (1 << 16) - 1;
      // About one distinct content term per 18 characters and one stream entry per 11 (English news).
      this.termIds = new Int32Array(Math.max(4096, Math.ceil(expectedChars / 16)));
      this.termInfo = new Uint8Array(this.termIds.length);
      this.termFlags = new Uint8Array(keep ? this.termIds.length : 0);
      this.stream = new Uint16Array(Math.max(4096, Math.ceil(expectedChars / 10)));
      const tok = this.tok;
      const stops: number[] = [];
      for (const w of stopwords) {
        tok.count = 0;
        tok.tokenize(w);
        for (let t = 0; t < tok.count; t++) {
          const h = tok.hash[t]! | 0;
          const b = this.intern(h, K_STOP);
          this.table[b + 3] = this.table[b + 3]! | K_STOP;
          stops.push(h);
        }
      }
      this.nStop = this.nTerms;
      this.sink = newSink(stops, 1024);
      if (!warmedUp && expectedChars >= WARM_UP_CHARS) warmUp();
    }

    /** Slot (base index into `table`) of term hash `h`, created with kind `kind` when new. */
    private intern(h: number, kind: number): number {
      const table = this.table;
      const mask = this.mask;
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const b = 4 * s;
        const v = table[b + 1]!;
        if (v === 0) {
          table[b] = h;
          table[b + 1] = ++this.nTerms;
          table[b + 3] = kind;
          // Load factor at most 0.6: short probe sequences, a compact table.
          if (5 * this.nTerms > 3 * (mask + 1)) {
            this.rehash();
            return this.intern(h, kind);
          }
          return b;
        }
        if (table[b] === h) return b;
      }
    }

    /** Copies the term of `table` slot b to the table of frequent terms (frequency from 0). */
    private promote(b: number): void {
      const table = this.table;
      const hot = this.hot;
      const h = table[b]!;
      let s = h & (HOT_SLOTS - 1);
      while (hot[2 * s + 1] !== 0) s = (s + 1) & (HOT_SLOTS - 1);
      const x = this.hotCount++;
      hot[2 * s] = h;
      hot[2 * s + 1] = x + 1;
      this.hotData[4 * x + 1] = table[b + 1]!;
      this.hotData[4 * x + 3] = table[b + 3]!;
    }

    private rehash(): void {
      const old = this.table;
      const table = new Int32Array(old.length * 2);
      const mask = (table.length >>> 2) - 1;
      for (let o = 0; o < old.length; o += 4) {
        if (old[o + 1] === 0) continue;
        let s = old[o]! & mask;
        while (table[4 * s + 1] !== 0) s = (s + 1) & mask;
        table.set(old.subarray(o, o + 4), 4 * s);
      }
      this.table = table;
      this.mask = mask;
    }

    private reserve(terms: number, stream: number): void {
      if (this.tn + terms > this.termIds.length) {
        const cap = Math.max(Math.ceil(this.termIds.length * 1.5), this.tn + terms);
        const a = new Int32Array(cap);
        a.set(this.termIds.subarray(0, this.tn));
        this.termIds = a;
        const b = new Uint8Array(cap);
        b.set(this.termInfo.subarray(0, this.tn));
        this.termInfo = b;
        if (this.keep) {
          const f = new Uint8Array(cap);
          f.set(this.termFlags.subarray(0, this.tn));
          this.termFlags = f;
        }
      }
      if (this.sn + stream > this.stream.length) {
        const a = new Uint16Array(Math.max(Math.ceil(this.stream.length * 1.5), this.sn + stream));
        a.set(this.stream.subarray(0, this.sn));
        this.stream = a;
      }
      if (this.found.length < terms) {
        this.found = new Int32Array(terms);
        this.missed = new Int32Array(terms);
        this.sink.eFlags = new Uint8Array(terms);
      }
    }

    /** Adds the next article. */
    add(title: string, text: string): void {
      const tok = this.tok;
      this.begin(title.length, text.length);
      tok.count = 0;
      tok.scan(tok.load(title), 0, tok.unitCount, 0, this.sink, false);
      const titleCount = tok.count;
      tok.scan(tok.load(text), 0, tok.unitCount, 0, this.sink, true);
      this.end(titleCount);
    }

    /**
     * Adds the next article from UTF-16 code units: title u[ts, te), body
     * u[bs, be), each followed by a space (how the helper thread receives
     * texts: transferred buffers rather than strings).
     */
    addUnits(u: Uint16Array, ts: number, te: number, bs: number, be: number): void {
      const tok = this.tok;
      this.begin(te - ts, be - bs);
      tok.count = 0;
      tok.scan(u, ts, te, 0, this.sink, false);
      const titleCount = tok.count;
      tok.scan(u, bs, be, 0, this.sink, true);
      this.end(titleCount);
    }

    private begin(titleLength: number, textLength: number): void {
      const sink = this.sink;
      this.termStart.push(this.tn);
      this.sentStart.push(this.sn);
      // At most one term per token and one bigram per quoted token, and a
      // token takes at least two characters but for the last; the stream
      // adds sentence breaks.
      this.reserve(titleLength + textLength + 2, textLength + 2);
      const t0 = this.tn;
      sink.termIds = this.termIds;
      sink.termInfo = this.termInfo;
      sink.stream = this.stream;
      sink.t0 = sink.tn = t0;
      sink.sn = this.sn;
      sink.streamSent = sink.prevQuote = sink.prevSent = -1;
      sink.lMask = LOCAL_SLOTS - 1;
      nextStamp(sink);
    }

    /** After both texts of an article are scanned: its counts, keys, and term ids. */
    private end(titleCount: number): void {
      const tok = this.tok;
      const sink = this.sink;
      const t0 = sink.t0;
      const count = tok.count;
      this.wordsV.push(count - titleCount);
      this.keyH1V.push(tok.dupH1 | 0);
      this.keyH2V.push(tok.dupH2 | 0);
      this.keyLenV.push(tok.dupLen);
      const tn = (this.tn = sink.tn);
      this.sn = sink.sn;
      const termIds = this.termIds;
      const eFlags = sink.eFlags;
      if (this.keep) this.termFlags.set(eFlags.subarray(0, tn - t0), t0);

      // The article's distinct terms (hashes in termIds[t0..tn)) → ids.
      const hot = this.hot;
      const hotData = this.hotData;
      const reverse = this.reverse;
      const nStop = this.nStop;
      let table = this.table;
      let mask = this.mask;
      // In passes, so that the cache misses of an article's lookups overlap
      // instead of each stalling in turn (there is no prefetch instruction
      // in JavaScript, but independent loads in a simple loop are issued
      // together): touch the first slot of each term in the table of
      // frequent terms; find them there (where, in `found`; the others in
      // `missed`); touch the others' first slots in the full table and the
      // frequent ones' data; then look up the others and update.
      let touch = 0;
      for (let p = t0; p < tn; p++) touch ^= hot[2 * (termIds[p]! & (HOT_SLOTS - 1))]!;
      const found = this.found;
      const missed = this.missed;
      let nm = 0;
      for (let p = t0; p < tn; p++) {
        const h = termIds[p]!;
        let b = -1;
        for (let s = h & (HOT_SLOTS - 1); ; s = (s + 1) & (HOT_SLOTS - 1)) {
          const v = hot[2 * s + 1]!;
          if (v === 0) break;
          if (hot[2 * s] === h) {
            b = 4 * (v - 1);
            break;
          }
        }
        found[p - t0] = b;
        if (b < 0) missed[nm++] = h;
      }
      for (let x = 0; x < nm; x++) touch ^= table[4 * (missed[x]! & mask) + 1]!;
      for (let p = t0; p < tn; p++) {
        const b = found[p - t0]!;
        if (b >= 0) touch ^= hotData[b + 2]!;
      }
      this.touch = touch;
      for (let p = t0; p < tn; p++) {
        const h = termIds[p]!;
        const ef = eFlags[p - t0]!;
        let slots: Int32Array = hotData;
        let b = found[p - t0]!;
        if (b < 0) {
          slots = table;
          for (let s = h & mask; ; s = (s + 1) & mask) {
            const v = table[4 * s + 1]!;
            if (v === 0) break;
            if (table[4 * s] === h) {
              b = 4 * s;
              break;
            }
          }
          if (b < 0) {
            // New term: its kind comes from this, its first occurrence.
            b = this.intern(h, (ef & E_QUOTE) !== 0 ? K_QUOTE : 0);
            slots = table = this.table;
            mask = this.mask;
          }
        }
        const id = slots[b + 1]! - 1;
        const f = slots[b + 2]! + 1;
        slots[b + 2] = f;
        let k = slots[b + 3]!;
        if ((ef & E_NUMBER) !== 0) k |= K_NUMBER;
        // Descending order: the latest article seen is the earliest so far.
        if (reverse && id >= nStop) k = (ef & E_QUOTE) !== 0 ? k | K_QUOTE : k & ~K_QUOTE;
        slots[b + 3] = k;
        termIds[p] = id;
        if (slots === table && f === PROMOTE_DF && this.hotCount < HOT_SLOTS / 2) this.promote(b);
      }
    }

    finish(): TermChunk {
      this.termStart.push(this.tn);
      this.sentStart.push(this.sn);
      const n = this.nTerms;
      const kind = new Uint8Array(n);
      const df = new Int32Array(n);
      const table = this.table;
      for (let b = 0; b < table.length; b += 4) {
        const v = table[b + 1]!;
        if (v === 0) continue;
        df[v - 1] = table[b + 2]!;
        kind[v - 1] = table[b + 3]!;
      }
      // Promoted terms: frequency since promotion, kind as updated since (number bits from both).
      const hotData = this.hotData;
      for (let b = 0; b < 4 * this.hotCount; b += 4) {
        const v = hotData[b + 1]!;
        df[v - 1] = df[v - 1]! + hotData[b + 2]!;
        kind[v - 1] = (kind[v - 1]! & (K_NUMBER | K_STOP)) | hotData[b + 3]!;
      }
      return {
        table,
        nTerms: n,
        kind,
        df,
        termStart: this.termStart.view().slice(),
        termIds: fit(this.termIds, this.tn),
        termInfo: fit(this.termInfo, this.tn),
        sentStart: this.sentStart.view().slice(),
        sentStream: fit(this.stream, this.sn),
        words: this.wordsV.view().slice(),
        keyH1: new Uint32Array(this.keyH1V.view()),
        keyH2: new Uint32Array(this.keyH2V.view()),
        keyLen: this.keyLenV.view().slice(),
        ...(this.keep && { termFlags: fit(this.termFlags, this.tn) }),
      };
    }
  }

  /** The first n elements: a view when little would be wasted, else a compact copy. */
  function fit<T extends Int32Array | Uint8Array | Uint16Array>(a: T, n: number): T {
    return (n >= a.length * 0.85 ? a.subarray(0, n) : a.slice(0, n)) as T;
  }

  /**
   * Runs the collector once over a small article that takes every path
   * (apostrophes, numbers, quotes of all kinds, plurals, a long tail of
   * distinct words, a word repeated past the tf cap...), both ways and from
   * units, keeping flags or not, before real work. The optimising compiler
   * then sees type feedback for every branch of these large functions; without it, each
   * branch first taken later throws the optimised code away, and compiling
   * them again costs hundreds of milliseconds each time.
   */
  let warmedUp = false;
  /**
   * A collector for less text than this does not warm up: reading a few
   * articles (those without a record, records.ts) takes less time than the
   * warm-up (~0.1 s), and too little for the optimising compiler to step in.
   */
  const WARM_UP_CHARS = 1 << 18;
  function warmUp(): void {
    warmedUp = true;
    let text =
      "The bank's Governor said: \"Rates will fall.\" “We don’t know,” she added… Xi’s talks; 4.25% of 100,000 homes, 80th time! " +
      "Countries, classes, crises, buses and news?\n\n«Quoted» „here‟ and 'there' rock 'n' roll 90s' Ölfeld ΑΘΗΝΑ café naïve, " +
      "again 4.25 and 80th: Rates, Rates. ";
    for (let i = 0; i < 700; i++) text += `w${i} `;
    text += "again ".repeat(140);
    const docs = [text, text.toUpperCase(), "Short one. “Two words” here."];
    for (const reverse of [false, true]) {
      const c = new TermCollector(1 << 12, reverse, reverse);
      for (const d of docs) c.add("A title: “Quoted”", d);
      const u = new Uint16Array(docs[0]!.length + 8);
      for (let i = 0; i < u.length; i++) u[i] = 0x20;
      for (let i = 0; i < docs[0]!.length; i++) u[4 + i] = docs[0]!.charCodeAt(i);
      c.addUnits(u, 0, 3, 4, 4 + docs[0]!.length);
      c.finish();
    }
    const v = new IntVec(1);
    for (let i = 0; i < 3; i++) v.push(i);
  }

  return {
    TokenBuffer,
    TermCollector,
    tables,
    fingerprint,
    combine32,
    QUOTE_SALT,
    CAP,
    SENT_START,
    IN_QUOTE,
    NUMERIC,
    K_STOP,
    K_NUMBER,
    K_QUOTE,
    TF_MAX,
    ENTITY_BIT,
    E_NUMBER,
    E_QUOTE,
  };
}

/** Everything the kernel provides. */
export type TextKernel = ReturnType<typeof textKernel>;
