/** Union-find over 0..n-1 with path halving; the root is always the smallest rank. */
export class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x]! !== x) {
      const g = p[p[x]!]!;
      p[x] = g;
      x = g;
    }
    return x;
  }
  /** Joins the sets of a and b; the smaller root index becomes the root. Returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (rb < ra) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    return ra;
  }
}
