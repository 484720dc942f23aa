/**
 * Allocation-free tokeniser. One pass over the characters of a text writes the
 * 32-bit hash of each word (lowercased, lightly stemmed) and a few flags into
 * reusable typed arrays. No per-token strings or objects are created.
 */

/** Token flags. */
export const CAP = 1; // first letter upper-case in the source
export const SENT_START = 2; // first word of a sentence / of a quotation
export const IN_QUOTE = 4; // inside a double-quoted span
export const NUMERIC = 8; // contains a digit

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

// FNV-1a parameters (local copies: imported bindings are slower in hot loops).
const OFFSET = 0x811c9dc5 | 0;
const PRIME = 0x01000193;
const OFFSET_I32 = OFFSET;
const PRIME_I32 = PRIME;
const CAP_F = 1;
const SENT_START_F = 2;
const IN_QUOTE_F = 4;
const NUMERIC_F = 8;
/** Folded form of each code unit for duplicate keys; 0 marks white space. */
const FOLD = new Uint16Array(65536);

/** Class and lower-case form of every UTF-16 code unit, built once. */
// CLASS_LOWER[c]: letters WORD_MIN | lower-case unit, digits DIGIT_MIN | unit,
// anything else class << 16 | unit (classes < 16, so below WORD_MIN).
const CLASS_LOWER = new Int32Array(65536);
const WORD_MIN = 0x100000;
const DIGIT_MIN = 0x300000;
const CLASS = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
(() => {
  for (let c = 0; c < 65536; c++) {
    let lower = c;
    let cls = C_OTHER;
    if (c >= 0x30 && c <= 0x39) cls = C_DIGIT;
    else if (c >= 0x41 && c <= 0x5a) {
      cls = C_LETTER;
      lower = c + 32;
    } else if (c >= 0x61 && c <= 0x7a) cls = C_LETTER;
    else if (c >= 0xc0 && !(c >= 0xd800 && c <= 0xdfff)) {
      const ch = String.fromCharCode(c);
      // Letters of any script (Latin-1 and beyond); everything else separates.
      if (/\p{L}|\p{M}/u.test(ch)) {
        cls = C_LETTER;
        const l = ch.toLowerCase();
        if (l.length === 1) lower = l.charCodeAt(0);
      } else if (/\p{Nd}/u.test(ch)) cls = C_DIGIT;
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
})();

(() => {
  for (let c = 0; c < 65536; c++) {
    // Word units compare >= WORD_MIN, digits >= DIGIT_MIN.
    const k = CLASS[c]!;
    CLASS_LOWER[c] = k === C_LETTER ? WORD_MIN | LOWER[c]! : k === C_DIGIT ? DIGIT_MIN | c : (k << 16) | c;
  }
  const space = /\s/u;
  for (let c = 0; c < 65536; c++) {
    const k = CLASS[c];
    if (c === 0 || (c < 0xd800 || c > 0xdfff) && space.test(String.fromCharCode(c))) FOLD[c] = 0;
    else if (k === C_APOS) FOLD[c] = 0x27;
    else if (k === C_DQUOTE_OPEN || k === C_DQUOTE_CLOSE || k === C_DQUOTE_TOGGLE) FOLD[c] = 0x22;
    else FOLD[c] = LOWER[c]!;
  }
})();



/** Reusable output buffers of the tokeniser. */
export class TokenBuffer {
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
    const len = this.unitCount;
    // Local copies: module-level bindings cost a check on every access in hot loops.
    const cls = CLASS;
    const lower = LOWER;
    const L = C_LETTER;
    const D = C_DIGIT;
    let hashOut = this.hash;
    let flagsOut = this.flags;
    let sentOut = this.sent;
    let cap = hashOut.length;
    let count = this.count;
    let ws = -1; // start of the current word, -1 when between words
    let numeric = false; // current word has a digit
    let sentence = firstSentence;
    let sentHasTokens = false;
    let atSentStart = true;
    let inQuote = false;
    const fold = FOLD;
    let d1 = OFFSET_I32;
    let d2 = 0x9747b28c | 0;
    let dn = 0;

    let h = OFFSET_I32; // FNV-1a of the current word so far (lower-cased, apostrophes and commas skipped)
    let n = 0; // units hashed
    let l1 = 0; // last unit hashed
    let skipped = false; // the word contains a skipped apostrophe or comma
    const cl = CLASS_LOWER;
    for (let i = 0; i <= len; i++) {
      const c = u[i]!; // u[len] is a space
      const e = cl[c]!;
      if (e >= WORD_MIN) {
        // letter or digit: e = class << 16 | lower-case unit
        if (ws < 0) {
          ws = i;
          numeric = false;
          skipped = false;
          h = OFFSET_I32;
          n = 0;
        }
        if (e >= DIGIT_MIN) numeric = true;
        l1 = e & 0xffff;
        h = Math.imul(h ^ l1, PRIME_I32);
        n++;
        continue;
      }
      const k = e >>> 16; // class of a non-word unit
      if (ws < 0) {
        // Between words: the character joins the duplicate key unless it is
        // white space, and may change sentence or quotation state.
        const f = fold[c]!;
        if (f !== 0) {
          d1 = Math.imul(d1 ^ (f | 0x10000), PRIME_I32);
          d2 = Math.imul(d2 ^ (f | 0x10000), 0x5bd1e995);
          d2 ^= d2 >>> 15;
          dn++;
        }
        if (k !== C_OTHER && k !== C_APOS && k !== C_COMMA) {
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
        continue;
      }
      let end = i; // the word is u[ws..end), minus skipped apostrophes and commas
      if (k === C_APOS && i + 1 < len) {
        const n1 = u[i + 1]!;
        if (cls[n1] === L) {
          const k2 = i + 2 < len ? cls[u[i + 2]!]! : C_OTHER;
          if ((n1 === 0x73 || n1 === 0x53) && k2 !== L && k2 !== D) i++; // possessive 's: drop, end word
          else {
            skipped = true; // apostrophe inside a word: not hashed, the word goes on
            continue;
          }
        }
      } else if ((k === C_DOT || k === C_COMMA) && numeric && i + 1 < len && cls[u[i + 1]!] === D) {
        // decimal point (hashed) / thousands separator (skipped) inside a number
        if (c === 0x2e) {
          l1 = c;
          h = Math.imul(h ^ c, PRIME_I32);
          n++;
        } else skipped = true;
        continue;
      }
      // The word ends here. Duplicate key: the word as written (folded), then a possessive.
      let dw = h;
      if (skipped) {
        dw = OFFSET_I32;
        for (let j = ws; j < end; j++) dw = Math.imul(dw ^ fold[u[j]!]!, PRIME_I32);
      }
      if (k === C_APOS) {
        dw = Math.imul(dw ^ 0x27, PRIME_I32);
        if (i !== end) dw = Math.imul(dw ^ 0x73, PRIME_I32); // the possessive 's
      }
      d1 = Math.imul(d1 ^ dw, PRIME_I32);
      d2 = Math.imul(d2 ^ dw, 0x5bd1e995);
      d2 ^= d2 >>> 15;
      dn++;
      // Plural stemming on the term hash: "-ies" → "-y", "-s" dropped (not "-ss", "-us", "-is").
      if (l1 === 0x73 && n >= 4 && !numeric) h = stem(u, ws, end, h, lower, cls);
      // murmur3 finaliser
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      let fl = numeric ? NUMERIC_F : lower[u[ws]!] !== u[ws] ? CAP_F : 0;
      if (atSentStart) fl |= SENT_START_F;
      if (inQuote) fl |= IN_QUOTE_F;
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
      count++;
      sentHasTokens = true;
      atSentStart = false;
      ws = -1;
      end = 0;
      // Re-examine the separator itself (sentence end, quote mark...).
      i--;
      if (k === C_APOS) i++; // nothing more to do for an apostrophe (or the skipped possessive)
    }
    this.count = count;
    this.dupH1 = d1 >>> 0;
    this.dupH2 = d2 >>> 0;
    this.dupLen = dn;
    return sentHasTokens ? sentence + 1 : sentence;
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
    return total >= 5 ? rehash(u, ws, end, 3, 0x79, lower, cls) : h;
  }
  if (l2 === 0x73 || l2 === 0x75 || l2 === 0x69) return h;
  return rehash(u, ws, end, 1, -1, lower, cls);
}

/** FNV-1a of u[ws..end) minus its last `drop` kept units, then `extra` (if >= 0). */
function rehash(u: Uint16Array, ws: number, end: number, drop: number, extra: number, lower: Uint16Array, cls: Uint8Array): number {
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

/** Hash of a single word exactly as the tokeniser would produce it. */
export function wordHash(word: string): number {
  const b = new TokenBuffer(8);
  b.tokenize(word);
  if (b.count !== 1) throw new Error(`not a single word: ${word}`);
  return b.hash[0]!;
}

/**
 * Exact-duplicate key of `text` (see TokenBuffer.dupH1): equal for texts
 * that are equal after normalising white space, quote marks and case.
 */
export function normalizedKey(text: string): { h1: number; h2: number; len: number } {
  const b = new TokenBuffer(256);
  b.tokenize(text);
  return { h1: b.dupH1, h2: b.dupH2, len: b.dupLen };
}

/**
 * The text normalised for exact-duplicate comparison: lower-cased,
 * typographic quotes folded to ' and ", runs of white space collapsed to
 * one space, trimmed.
 */
export function normalizedText(text: string): string {
  const fold = FOLD;
  const out = new Uint16Array(text.length);
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = fold[text.charCodeAt(i)]!;
    if (c === 0) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      out[n++] = 0x20;
      pendingSpace = false;
    }
    out[n++] = c;
  }
  return Buffer.from(out.buffer, 0, n * 2).toString("utf16le");
}
