/**
 * Per-file results between runs of `ingest` in one process (watch mode). An
 * entry is reused only while the file's path, size, modification time and
 * git date and the options are the same (the stamp); the watcher also
 * `forget`s the files it saw change. Callers get copies, so site-wide stages
 * may change them freely.
 */
import { articleCopier } from "./codec.ts";
import type { FileResult } from "./file.ts";

export class IngestCache {
  readonly #entries = new Map<string, { stamp: string; copy: () => FileResult }>();
  /** Drop the given files (paths relative to the seeds folder), or everything. */
  forget(rels?: Iterable<string>): void {
    if (!rels) this.#entries.clear();
    else for (const rel of rels) this.#entries.delete(rel);
  }
  get size(): number {
    return this.#entries.size;
  }
  /** A copy of the result kept for `rel`, if its stamp is still `stamp`. */
  lookup(rel: string, stamp: string): FileResult | undefined {
    const hit = this.#entries.get(rel);
    return hit?.stamp === stamp ? hit.copy() : undefined;
  }
  store(rel: string, stamp: string, result: FileResult): void {
    this.#entries.set(rel, { stamp, copy: resultCopier(result) });
  }
  /** Keep only files still in the seeds folder. */
  retain(rels: ReadonlySet<string>): void {
    for (const rel of this.#entries.keys()) if (!rels.has(rel)) this.#entries.delete(rel);
  }
}

/**
 * Copies of `r` as it is now, deep enough that the site-wide stages may
 * change them: they replace, never edit, anything deeper.
 */
function resultCopier(r: FileResult): () => FileResult {
  const copyEntry = (e: FileResult["entry"]) => ({ ...e, sources: { ...e.sources }, messages: [...e.messages] });
  const rest = { ...r };
  const entry = copyEntry(r.entry);
  const article = r.article && articleCopier(r.article);
  return () => ({ ...rest, entry: copyEntry(entry), article: article?.() });
}
