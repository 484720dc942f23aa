/**
 * Integer hashing helpers. Everything here is deterministic (fixed seeds) so
 * story ids and candidate selection never depend on run or platform.
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Murmur3 finaliser: spreads the bits of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 40-bit FNV-1a style hash of a string, as a number below 2^40 (`hex40Of` writes it). */
export function hash40(s: string, salt = 0): number {
  // Two independent 32-bit FNV-1a passes; take 20 bits of each.
  let a = (FNV_OFFSET ^ salt) >>> 0;
  let b = (0x9747b28c ^ Math.imul(salt, 0x5bd1e995)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (fmix32(a) >>> 12) * 2 ** 20 + (fmix32(b) >>> 12);
}

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/** A 40-bit hash as 10 lowercase hex characters (one string made: `toString(16)` of a number past 2^31 took 0.9 µs, a tenth of a 100k story step's ids). */
export function hex40Of(h: number): string {
  const hi = Math.floor(h / 2 ** 20);
  const lo = h % 2 ** 20;
  const d = HEX;
  return String.fromCharCode(d[hi >>> 16]!, d[(hi >>> 12) & 15]!, d[(hi >>> 8) & 15]!, d[(hi >>> 4) & 15]!, d[hi & 15]!, d[lo >>> 16]!, d[(lo >>> 12) & 15]!, d[(lo >>> 8) & 15]!, d[(lo >>> 4) & 15]!, d[lo & 15]!);
}
