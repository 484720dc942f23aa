/** Growable typed arrays. */

/** Growable Int32 array. */
export class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }
  reserve(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < n) cap *= 2;
    const d = new Int32Array(cap);
    d.set(this.data.subarray(0, this.length));
    this.data = d;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Makes a typed array of n elements (zeroed). */
export type Alloc = <T>(Ctor: { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, n: number) => T;

/** Typed arrays later phases read: on shared memory when a helper thread reads them too (`shared`). */
export const allocator = (share: boolean): Alloc => (Ctor, n) => (share ? shared(Ctor, n) : new Ctor(n));

/** A typed array of n elements on a SharedArrayBuffer (zeroed), readable by the helper thread without copying. */
export function shared<T>(Ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, n: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT));
}
