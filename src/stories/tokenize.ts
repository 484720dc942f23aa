/**
 * Allocation-free tokeniser. One pass over the characters of a text writes the
 * 32-bit hash of each word (lowercased, lightly stemmed) and a few flags into
 * reusable typed arrays. No per-token strings or objects are created.
 * The tokeniser itself lives in kernel.ts (so a worker thread can run it);
 * this module exports this thread's instance and helpers built on it.
 */
import { textKernel } from "./kernel.ts";
import { STOPWORDS } from "./stopwords.ts";

/** This thread's text kernel. */
export const kernel = textKernel(STOPWORDS);

/** Token flags: CAP first letter upper-case in the source, SENT_START first word of a sentence or quotation, IN_QUOTE inside double quotes, NUMERIC contains a digit. */
export const { CAP, SENT_START, IN_QUOTE, NUMERIC, TokenBuffer } = kernel;
export type TokenBuffer = InstanceType<typeof TokenBuffer>;

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
  const fold = kernel.tables.fold;
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

/**
 * `normalizedText(a) === normalizedText(b)`, without building the strings:
 * two cursors over the folded code units, runs of white space compared as
 * one space, leading and trailing white space ignored.
 */
export function normalizedEquals(a: string, b: string): boolean {
  if (a === b) return true;
  const fold = kernel.tables.fold;
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  while (i < na && fold[a.charCodeAt(i)] === 0) i++;
  while (j < nb && fold[b.charCodeAt(j)] === 0) j++;
  for (;;) {
    // Next unit of each: a folded character, 0x20 for a run of white space
    // followed by more text, -1 at the end (trailing white space included).
    let ca = -1;
    if (i < na) {
      ca = fold[a.charCodeAt(i)]!;
      if (ca === 0) {
        while (i < na && fold[a.charCodeAt(i)] === 0) i++;
        ca = i === na ? -1 : 0x20;
      } else i++;
    }
    let cb = -1;
    if (j < nb) {
      cb = fold[b.charCodeAt(j)]!;
      if (cb === 0) {
        while (j < nb && fold[b.charCodeAt(j)] === 0) j++;
        cb = j === nb ? -1 : 0x20;
      } else j++;
    }
    if (ca !== cb) return false;
    if (ca === -1) return true;
  }
}
