/**
 * Copy coverages kept between runs. Phase 5 aligns the sentences of each
 * examined pair (tasks.ts coverageTask): a candidate copy and its original.
 * What it finds reads nothing but the two articles' fingerprint streams,
 * which their revisions stand for (records.ts), so a pair examined in an
 * earlier run need not be aligned again. In the story benchmark's corpus of
 * 10,000 articles (2,264 of them copies), 3,110 pairs are examined; aligning
 * them all was 90 ms of a one-edit run's 340, and after the edit only the
 * edited article's pairs are new.
 *
 * Keyed by the revisions of the copy and of the original, in that order. The
 * caller keeps them beside the phase-1 records (src/ingest/stories-store.ts)
 * and must drop them when the story code changes. No imports: the build's
 * main thread reads them without loading the story code.
 */

/** Coverages as plain values for a file: the pairs as "copy original" lines, and their coverages in that order. */
export interface PlainCoverages {
  pairs: string;
  values: Float64Array;
}

export class CopyCoverages {
  readonly #byPair: Map<string, number>;

  constructor(byPair = new Map<string, number>()) {
    this.#byPair = byPair;
  }

  get size(): number {
    return this.#byPair.size;
  }

  /** The coverage of `copy` by `original` (revisions), undefined when it was not kept. */
  get(copy: string, original: string): number | undefined {
    return this.#byPair.get(`${copy} ${original}`);
  }

  set(copy: string, original: string, coverage: number): void {
    this.#byPair.set(`${copy} ${original}`, coverage);
  }

  /** Whether every pair of `other` is here too (then saving `other` in place of these adds nothing). */
  holdsAll(other: CopyCoverages): boolean {
    for (const pair of other.#byPair.keys()) if (!this.#byPair.has(pair)) return false;
    return true;
  }

  toPlain(): PlainCoverages {
    // Revisions are base64url: neither " " nor "\n" occurs in one.
    return { pairs: [...this.#byPair.keys()].join("\n"), values: Float64Array.from(this.#byPair.values()) };
  }

  /** Coverages from `toPlain`'s output, undefined for anything else (a file of another format). */
  static fromPlain(v: unknown): CopyCoverages | undefined {
    if (typeof v !== "object" || v === null) return undefined;
    const { pairs, values } = v as Partial<Record<keyof PlainCoverages, unknown>>;
    if (typeof pairs !== "string" || !(values instanceof Float64Array)) return undefined;
    const keys = pairs === "" ? [] : pairs.split("\n");
    if (keys.length !== values.length) return undefined;
    return new CopyCoverages(new Map(keys.map((k, i) => [k, values[i]!])));
  }
}
