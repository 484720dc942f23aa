/**
 * The story step's files beside the record cache: `stories.bin`, the
 * relations last found and the hash of what they were found from,
 * `story-terms.bin`, the phase-1 records of every article by revision, and
 * `story-coverages.bin`, the copy coverages of the pairs the last run examined,
 * and `story-run.bin`, the weights and scored pairs of the last run
 * (stories/reuse.ts; stories-cache.ts says when each is used). Used by this thread and by the
 * story thread (stories-worker.ts), so it imports nothing of the per-file
 * pipeline: the keys that name the code (source-hash.ts) are computed by the
 * caller, whose `import.meta.url` points at the sources.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { checkedFileStore, COLUMNS, readCheckedColumns, readCheckedFile } from "./checked-file.ts";
import type { StoryRecords, StoryRelations, TermRecords } from "../stories/index.ts";
import { CopyCoverages, type PlainCoverages } from "../stories/coverages.ts";
import type { PlainRecords } from "../stories/records.ts";
import { isRunState, type RunState } from "../stories/run-state.ts";
import { packRelations, type PackedRelations } from "./stories-wire.ts";

export const RELATIONS_FILE = "stories.bin";
export const TERMS_FILE = "story-terms.bin";
/** The records TERMS_FILE lacks, of the articles edited or added since it was written, while they are few. */
export const NEWER_TERMS_FILE = "story-terms-newer.bin";
export const COVERAGES_FILE = "story-coverages.bin";
export const RUN_FILE = "story-run.bin";

/** Hashes of the code each kind of kept work depends on (stories-cache.ts `storyKeys`). */
export interface StoryKeys {
  /** Of the code that makes phase-1 records (they hold its term hashes). */
  terms: string;
  /** Of the story code as a whole (coverages depend on the records and on the alignment). */
  coverages: string;
}

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

/**
 * Phase-1 records, copy coverages and the last run's phases 2–3 for this
 * run, from `story-terms.bin` (and `story-terms-newer.bin`),
 * `story-coverages.bin` and `story-run.bin`; `keep` (after the run) saves
 * the run's records, those of the articles it was given, when worth it:
 * then records of articles no longer there are dropped. The run's coverages
 * are saved whenever it aligned a pair the file lacks (a few kilobytes per
 * thousand articles), its phases 2–3 always (0.5 MB per thousand articles).
 */
export function openStoryRecords(
  cacheDir: string,
  Records: typeof TermRecords,
  keys: StoryKeys,
  { rewriteWhenChanged = false, spare = false }: {
    /** Save whenever a record is missing or stale (the story thread saves after its answer, off the build's path). */
    rewriteWhenChanged?: boolean;
    /** The records of `story-terms.bin` are read for this run alone: it may make its own columns in theirs (records.ts `spare`). */
    spare?: boolean;
  } = {},
): { records: StoryRecords; keep(): void } {
  const [file, newerFile, coveragesFile, runFile] = [TERMS_FILE, NEWER_TERMS_FILE, COVERAGES_FILE, RUN_FILE].map((name) => path.join(cacheDir, name)) as [string, string, string, string];
  // Each file holds the hash of the code that made it (StoryKeys) beside the plain values, as
  // columns (checked-file.ts COLUMNS): the arrays are read back as views of the file's bytes.
  const keyed = (stored: unknown, key: string) => ((stored as { key?: unknown } | undefined)?.key === key ? stored : undefined);
  const read = (from: string, key: string) => keyed(readCheckedFile(from, COLUMNS), key);
  const save = (to: string, key: string, plain: PlainRecords | PlainCoverages | RunState) => checkedFileStore(to, COLUMNS).write({ key, ...plain });
  const readRecords = (from: string) => Records.fromPlain(read(from, keys.terms));
  const readSpare = (from: string) => Records.fromPlain(keyed(readCheckedColumns(from, Records.spareRoom), keys.terms), true);
  const onDisk = (spare ? readSpare(file) : readRecords(file)) ?? Records.empty();
  const newer = readRecords(newerFile);
  const coverages = CopyCoverages.fromPlain(read(coveragesFile, keys.coverages)) ?? new CopyCoverages();
  // Phases 2–3 depend on the whole story code, as coverages do.
  const stored = read(runFile, keys.coverages);
  const records: StoryRecords = { previous: onDisk, made: newer && [newer], coverages, previousRun: isRunState(stored) ? stored : undefined };
  return {
    records,
    keep(): void {
      const { next, nextCoverages, nextRun } = records;
      if (nextCoverages && !coverages.holdsAll(nextCoverages)) {
        save(coveragesFile, keys.coverages, nextCoverages.toPlain());
      }
      if (nextRun) save(runFile, keys.coverages, nextRun);
      if (next === undefined) return;
      const missing = next.revisions.filter((r) => onDisk.find(r) < 0);
      const stale = onDisk.size - (next.size - missing.length);
      if (missing.length + stale > 0 && (missing.length > REREAD_MAX || missing.length + stale > REREAD_SHARE * next.size)) {
        if (save(file, keys.terms, next.toPlain())) rmSync(newerFile, { force: true });
      } else if (rewriteWhenChanged && missing.length > 0) {
        // The story thread, which would wait for the text of an article with no record: the few records the file lacks, on their own.
        save(newerFile, keys.terms, next.only(missing).toPlain());
      }
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
