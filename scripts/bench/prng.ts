// Small deterministic PRNG for the synthetic corpus.
// Every article gets its own generator seeded from its index, so article N is the
// same bytes whatever corpus size it belongs to (the 1,000 corpus is a prefix of the
// 10,000 one) and the output never depends on generation order.

/** FNV-1a over the string form of the parts: a stable 32-bit seed. */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const s = parts.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for picking words. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /**
   * Skewed pick: low indexes are much more likely (roughly Zipf-like), which is how
   * word and tag frequencies look in real text, so some tag pages get huge.
   */
  pickSkewed<T>(items: readonly T[], skew = 2.2): T {
    const item = items[Math.floor(items.length * Math.pow(this.next(), skew))];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Pick from weighted alternatives; weights need not sum to 1. */
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    const last = options[options.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += (this.int(0x10000) | 0x10000).toString(16).slice(1);
    return out.slice(0, length);
  }
}

/**
 * Skewed pick through a precomputed table: same distribution as `Rng.pickSkewed`
 * (to within 1/4096), without a `Math.pow` per word, which dominated generation time.
 */
export function skewedPicker<T>(items: readonly T[], skew: number): (rng: Rng) => T {
  const size = 4096;
  const table: T[] = [];
  for (let k = 0; k < size; k++) {
    const item = items[Math.floor(items.length * Math.pow((k + 0.5) / size, skew))];
    if (item === undefined) throw new Error('skewed picker over an empty list');
    table.push(item);
  }
  return (rng) => table[rng.int(size)] as T;
}
