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

/** 40-bit FNV-1a style hash of a string, as 10 lowercase hex characters. */
export function hex40(s: string, salt = 0): string {
  // Two independent 32-bit FNV-1a passes; take 20 bits of each.
  let a = (FNV_OFFSET ^ salt) >>> 0;
  let b = (0x9747b28c ^ Math.imul(salt, 0x5bd1e995)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = fmix32(a);
  b = fmix32(b);
  const hi = (a >>> 12).toString(16).padStart(5, "0");
  const lo = (b >>> 12).toString(16).padStart(5, "0");
  return hi + lo;
}
