/**
 * The story step's two files beside the record cache: `stories.bin`, the
 * relations last found and the hash of what they were found from, and
 * `story-terms.bin`, the phase-1 records of every article by revision
 * (stories-cache.ts says when each is used). Used by this thread and by the
 * story thread (stories-worker.ts), so it imports nothing of the per-file
 * pipeline: the keys that name the code (source-hash.ts) are computed by the
 * caller, whose `import.meta.url` points at the sources.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { checkedFileStore, readCheckedFile } from "./checked-file.ts";
import type { StoryRecords, StoryRelations, TermRecords } from "../stories/index.ts";
import { packRelations, type PackedRelations } from "./stories-wire.ts";

export const RELATIONS_FILE = "stories.bin";
export const TERMS_FILE = "story-terms.bin";
/** The records TERMS_FILE lacks, of the articles edited or added since it was written, while they are few. */
export const NEWER_TERMS_FILE = "story-terms-newer.bin";

/** Relations by position in the inputs `key` stands for (they name the files, in order). */
export interface StoredRelations {
  key: string;
  relations: PackedRelations;
}

export function isStoredRelations(v: unknown): v is StoredRelations {
  if (!v || typeof v !== "object" || typeof (v as StoredRelations).key !== "string") return false;
  const r = (v as Partial<StoredRelations>).relations;
  return !!r && typeof r.stories === "string" && Array.isArray(r.duplicates) && Array.isArray(r.derived);
}

export const saveRelations = (cacheDir: string, key: string, relations: ReadonlyMap<string, StoryRelations>): boolean =>
  checkedFileStore(path.join(cacheDir, RELATIONS_FILE)).write({ key, relations: packRelations(relations) } satisfies StoredRelations);

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
 * Phase-1 records for this run, from memory or `story-terms.bin` (and
 * `story-terms-newer.bin`); `keep` (after the run) keeps the run's records,
 * those of the articles it was given, in memory when asked, and saves them
 * when worth it: then records of articles no longer there are dropped.
 * `key`: the hash of the code that makes records (stories/records.ts and what
 * it imports).
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
  const [file, newerFile] = [path.join(cacheDir, TERMS_FILE), path.join(cacheDir, NEWER_TERMS_FILE)];
  const read = (from: string) => {
    const stored = readCheckedFile(from) as Partial<StoredTerms> | undefined;
    return stored?.key === key ? Records.fromPlain(stored.records) : undefined;
  };
  const inMemory = kept?.file === file && kept.key === key ? kept : undefined;
  const onDisk = inMemory?.onDisk ?? read(file) ?? Records.empty();
  const newer = inMemory ? undefined : read(newerFile);
  const records: StoryRecords = { previous: inMemory?.records ?? onDisk, made: newer && [newer] };
  return {
    records,
    keep(): void {
      const { next } = records;
      if (next === undefined) return;
      const missing = next.revisions.filter((r) => onDisk.find(r) < 0);
      const stale = onDisk.size - (next.size - missing.length);
      let saved = false;
      if (missing.length + stale > 0 && (missing.length > REREAD_MAX || missing.length + stale > REREAD_SHARE * next.size)) {
        saved = checkedFileStore(file).write({ key, records: next.toPlain() } satisfies StoredTerms);
        if (saved) rmSync(newerFile, { force: true });
      } else if (rewriteWhenChanged && missing.length > 0) {
        // The story thread, which would wait for the text of an article with no record: the few records the file lacks, on their own.
        checkedFileStore(newerFile).write({ key, records: next.only(missing).toPlain() } satisfies StoredTerms);
      }
      kept = keepInMemory ? { file, key, records: next, onDisk: saved ? next : onDisk } : undefined;
    },
  };
}

/**
 * At most this many articles, and this share of them, are left without a record in
 * `story-terms.bin` rather than the file rewritten: a missing record costs the next run a read of
 * the article (well under a millisecond), or, on the story thread, a smaller file beside it
 * (NEWER_TERMS_FILE), and a record of an article gone is never looked up; rewriting the file after
 * each edit cost 0.1–0.2 s at 10,000 articles (23 MB), beside the rest of the build.
 */
const REREAD_MAX = 64;
const REREAD_SHARE = 0.02;
