/**
 * The story step's two files beside the record cache: `stories.bin`, the
 * relations last found and the hash of what they were found from, and
 * `story-terms.bin`, the phase-1 records of every article by revision
 * (stories-cache.ts says when each is used). Used by this thread and by the
 * story thread (stories-worker.ts), so it imports nothing of the per-file
 * pipeline: the keys that name the code (source-hash.ts) are computed by the
 * caller, whose `import.meta.url` points at the sources.
 */
import path from "node:path";
import { checkedFileStore, readCheckedFile } from "./checked-file.ts";
import type { StoryRecords, StoryRelations, TermRecords } from "../stories/index.ts";

export const RELATIONS_FILE = "stories.bin";
export const TERMS_FILE = "story-terms.bin";

export interface StoredRelations {
  key: string;
  relations: Array<[file: string, relations: StoryRelations]>;
}

export function isStoredRelations(v: unknown): v is StoredRelations {
  return !!v && typeof v === "object" && typeof (v as StoredRelations).key === "string" && Array.isArray((v as StoredRelations).relations);
}

export const saveRelations = (cacheDir: string, key: string, relations: ReadonlyMap<string, StoryRelations>): boolean =>
  checkedFileStore(path.join(cacheDir, RELATIONS_FILE)).write({ key, relations: [...relations] } satisfies StoredRelations);

interface StoredTerms {
  /** Hash of the code that made the records (they hold its term hashes). */
  key: string;
  records: unknown;
}

/**
 * The records the last run left in this process, when asked to keep them (a one-off build would
 * only carry them, 2.4 MB per thousand articles, to its end), and those its file holds.
 */
let kept: { file: string; key: string; records: TermRecords; onDisk: TermRecords } | undefined;

/**
 * Phase-1 records for this run, from memory or `story-terms.bin`; `keep`
 * (after the run) keeps the run's records, those of the articles it was
 * given, in memory when asked, and saves them when worth it: then records
 * of articles no longer there are dropped. `key`: the hash of the code that
 * makes records (stories/records.ts and what it imports).
 */
export function openTermRecords(
  cacheDir: string,
  Records: typeof TermRecords,
  key: string,
  { keepInMemory = false, rewriteWhenChanged = false }: {
    keepInMemory?: boolean;
    /** Save whenever a record is missing or stale (the story thread saves after its answer, off the build's path). */
    rewriteWhenChanged?: boolean;
  } = {},
): { records: StoryRecords; keep(): void } {
  const file = path.join(cacheDir, TERMS_FILE);
  const inMemory = kept?.file === file && kept.key === key ? kept : undefined;
  let onDisk = inMemory?.onDisk;
  if (onDisk === undefined) {
    const stored = readCheckedFile(file) as Partial<StoredTerms> | undefined;
    onDisk = (stored?.key === key ? Records.fromPlain(stored.records) : undefined) ?? Records.empty();
  }
  const records: StoryRecords = { previous: inMemory?.records ?? onDisk };
  return {
    records,
    keep(): void {
      const { next } = records;
      if (next === undefined) return;
      const saved = worthRewriting(onDisk, next, rewriteWhenChanged) && checkedFileStore(file).write({ key, records: next.toPlain() } satisfies StoredTerms);
      kept = keepInMemory ? { file, key, records: next, onDisk: saved ? next : onDisk } : undefined;
    },
  };
}

/** At most this many articles, and this share of them, are left to be read again rather than the file rewritten. */
const REREAD_MAX = 64;
const REREAD_SHARE = 0.02;

/**
 * Whether `next` should replace the file holding `before`. A record missing from the file only
 * means that its article is read again by the next run (well under a millisecond each), and a
 * record of an article gone is never looked up; rewriting the file after each edit cost 0.1–0.2 s
 * at 10,000 articles (23 MB). So it is rewritten once enough records are missing or stale, or
 * at once when `always` (the story thread: there an article read again costs a wait for its text).
 */
function worthRewriting(before: TermRecords, next: TermRecords, always: boolean): boolean {
  let missing = 0;
  for (const r of next.revisions) if (before.find(r) < 0) missing++;
  const stale = before.size - (next.size - missing);
  if (missing === 0 && stale === 0) return false;
  return always || missing > REREAD_MAX || missing + stale > REREAD_SHARE * next.size;
}
