/**
 * Copy / rewrite / paraphrase detection between two articles.
 *
 * Each article is a sequence of sentences, each reduced to its set of
 * content words (lower-cased, plural-folded, stopwords removed; stored as
 * 16-bit fingerprints by terms.ts). Every sentence of the candidate copy is
 * matched to its best sentence of the original by Dice overlap. A copy keeps
 * most sentences almost intact; a paraphrase keeps the facts, names,
 * numbers and quoted words of each sentence, so most of its sentences still
 * overlap strongly with one sentence of the original; two independent
 * reports of the same event (even sharing a few wire paragraphs) match only
 * a minority of their sentences.
 */

/** A sentence with fewer content words than this is ignored (datelines, "Mongolia"). */
export const MIN_SENTENCE_WORDS = 3;
/** Dice overlap from which a sentence counts as kept from the original. */
export const SENTENCE_MATCH = 0.4;

const FP = 65536;

export class Deriver {
  /** Per fingerprint: generation of the sentence that last saw it (de-duplication). */
  private readonly seen = new Int32Array(FP);
  private seenGen = 0;
  /** Per fingerprint: head of its list of original sentences, valid when headGen matches. */
  private readonly head = new Int32Array(FP);
  private readonly headGen = new Int32Array(FP);
  private pairGen = 0;
  private nodeSent = new Int32Array(1024);
  private nodeNext = new Int32Array(1024);
  private sentSize = new Int32Array(64);
  private counts = new Int32Array(64);
  private touched = new Int32Array(64);

  constructor(private readonly stream: Uint16Array) {}

  private nextSeen(): number {
    if (++this.seenGen === 0x7fffffff) {
      this.seen.fill(0);
      this.seenGen = 1;
    }
    return this.seenGen;
  }

  /**
   * Share of the copy's content (stream[cA..cB)) found in the original
   * (stream[oA..oB)): the fraction of its content words that sit in
   * sentences whose best Dice overlap with one sentence of the original
   * reaches SENTENCE_MATCH. 1 for a verbatim copy, 0 when either is empty.
   */
  coverage(cA: number, cB: number, oA: number, oB: number): number {
    const st = this.stream;
    const seen = this.seen;
    const head = this.head;
    const headGen = this.headGen;
    if (++this.pairGen === 0x7fffffff) {
      headGen.fill(0);
      this.pairGen = 1;
    }
    const pg = this.pairGen;
    if (this.nodeSent.length < oB - oA) {
      this.nodeSent = new Int32Array((oB - oA) * 2);
      this.nodeNext = new Int32Array((oB - oA) * 2);
    }
    const nodeSent = this.nodeSent;
    const nodeNext = this.nodeNext;
    // Index the original: fingerprint -> its sentences (each listed once per sentence).
    let k = 0;
    let size = 0;
    let node = 0;
    let gen = this.nextSeen();
    for (let p = oA; p <= oB; p++) {
      const f = p < oB ? st[p]! : 0;
      if (f === 0) {
        if (size > 0) {
          if (k >= this.sentSize.length) this.growSentences(k + 1);
          this.sentSize[k++] = size;
          size = 0;
          gen = this.nextSeen();
        }
        continue;
      }
      if (seen[f] === gen) continue;
      seen[f] = gen;
      if (headGen[f] !== pg) {
        headGen[f] = pg;
        head[f] = -1;
      }
      nodeSent[node] = k;
      nodeNext[node] = head[f]!;
      head[f] = node++;
      size++;
    }
    if (k === 0) return 0;
    if (this.counts.length < k) this.growSentences(k);
    const sentSize = this.sentSize;
    const counts = this.counts;
    const touched = this.touched;
    // Match each sentence of the copy.
    let total = 0;
    let covered = 0;
    let nt = 0;
    size = 0;
    gen = this.nextSeen();
    for (let p = cA; p <= cB; p++) {
      const f = p < cB ? st[p]! : 0;
      if (f === 0) {
        if (size > 0) {
          let best = 0;
          for (let x = 0; x < nt; x++) {
            const s = touched[x]!;
            const no = sentSize[s]!;
            if (no >= MIN_SENTENCE_WORDS) {
              const dice = (2 * counts[s]!) / (size + no);
              if (dice > best) best = dice;
            }
            counts[s] = 0;
          }
          nt = 0;
          if (size >= MIN_SENTENCE_WORDS) {
            total += size;
            if (best >= SENTENCE_MATCH) covered += size;
          }
          size = 0;
          gen = this.nextSeen();
        }
        continue;
      }
      if (seen[f] === gen) continue;
      seen[f] = gen;
      size++;
      if (headGen[f] !== pg) continue;
      for (let q = head[f]!; q >= 0; q = nodeNext[q]!) {
        const s = nodeSent[q]!;
        if (counts[s] === 0) touched[nt++] = s;
        counts[s] = counts[s]! + 1;
      }
    }
    return total === 0 ? 0 : covered / total;
  }

  /** Number of content words in sentences of at least MIN_SENTENCE_WORDS distinct words. */
  contentWords(a: number, b: number): number {
    const st = this.stream;
    const seen = this.seen;
    let total = 0;
    let size = 0;
    let gen = this.nextSeen();
    for (let p = a; p <= b; p++) {
      const f = p < b ? st[p]! : 0;
      if (f === 0) {
        if (size >= MIN_SENTENCE_WORDS) total += size;
        size = 0;
        gen = this.nextSeen();
        continue;
      }
      if (seen[f] === gen) continue;
      seen[f] = gen;
      size++;
    }
    return total;
  }

  private growSentences(n: number): void {
    const cap = Math.max(n, this.sentSize.length * 2);
    const a = new Int32Array(cap);
    a.set(this.sentSize);
    this.sentSize = a;
    this.counts = new Int32Array(cap);
    this.touched = new Int32Array(cap);
  }
}
