/**
 * What a story run keeps of phases 2–3 for the next (reuse.ts says how it is
 * used). No imports: the build's main thread reads and writes it beside the
 * phase-1 records (src/ingest/stories-store.ts) without loading the story code.
 */

/** What a run leaves for the next one (StoryRecords.previousRun). */
export interface RunState {
  /** The options phases 2–3 read (`runOptionsKey`). */
  options: string;
  /** The articles' files and revisions in the run's (file name) order. */
  files: string[];
  revisions: string[];
  /** Per term id of the run. */
  termHash: Int32Array;
  df: Int32Array;
  kind: Uint8Array;
  /** Per article: weighTask's outputs, the index terms as positions among the article's entries (K per article). */
  norm: Float64Array;
  plain: Int32Array;
  idxCount: Int32Array;
  idxRel: Int32Array;
  /** The scored pairs (candidateTask's, a < b). */
  pairA: Int32Array;
  pairB: Int32Array;
  pairS: Float32Array;
  pairShared: Int32Array;
}

/** Enough of a shape check for a state read from a file (checksums catch damage). */
export function isRunState(v: unknown): v is RunState {
  if (!v || typeof v !== "object") return false;
  const s = v as Partial<RunState>;
  const N = s.norm?.length ?? -1;
  const P = s.pairA?.length ?? -1;
  const T = s.termHash?.length ?? -1;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.length === N && list.every((x) => typeof x === "string");
  return typeof s.options === "string" && strings(s.files) && strings(s.revisions)
    && s.termHash instanceof Int32Array && s.df instanceof Int32Array && s.df.length === T && s.kind instanceof Uint8Array && s.kind.length === T
    && s.norm instanceof Float64Array && s.plain instanceof Int32Array && s.plain.length === N && s.idxCount instanceof Int32Array && s.idxCount.length === N
    && s.idxRel instanceof Int32Array && N > 0 && s.idxRel.length % N === 0
    && s.pairA instanceof Int32Array && s.pairB instanceof Int32Array && s.pairB.length === P && s.pairS instanceof Float32Array && s.pairS.length === P
    && s.pairShared instanceof Int32Array && s.pairShared.length === P;
}
