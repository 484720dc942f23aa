/**
 * The site-wide story step (enrich/stories.ts) compares every article with
 * the others: 0.7–1.6 s at 10k seeds, the largest part of a warm build once
 * the records come from the persistent cache. What it finds (each article's
 * story, duplicate or original: stories/index.ts relateStories) depends only
 * on what the story code reads: each compared article's file, title, text
 * (its revision stands for it) and written date. So the relations are kept
 * on disk (`stories.bin` beside the record cache) under a hash of those and
 * of the story code, and a build whose hash matches reuses them without
 * comparing anything: after edits to tags, sections, bylines, images or the
 * dek, a touched seed, a scheduled article coming due. Applying them to the
 * records (story ids, duplicates, dates from stories: `applyRelations`) is
 * cheap and runs in every build, on the records as they are.
 *
 * When the step does run (after an edit, say), most of its work is still
 * the same: phase 1 of the story code reads and tokenises every text, and
 * what it finds in an article depends only on that article. Its per-article
 * records (stories/records.ts) are kept by revision in `story-terms.bin`
 * beside this cache, and in memory between the dev server's rebuilds
 * (`keepInMemory`); then only articles new or edited since the file was
 * written are read (and their texts decoded), with the same result. The file
 * is rewritten only once that is more than a few (`worthRewriting`).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { sourceGraphHash } from "../threads/source-hash.ts";
import { checkedFileStore, readCheckedFile } from "./checked-file.ts";
import type { FileResult } from "./file.ts";
import { applyRelations, storyInputs } from "../enrich/stories.ts";
import type { StoryInput, StoryRecords, StoryRelations, TermRecords } from "../stories/index.ts";

interface Stored {
  key: string;
  relations: Array<[file: string, relations: StoryRelations]>;
}

const FILE = "stories.bin";
const TERMS_FILE = "story-terms.bin";

/**
 * The story step over `results` (in place): its relations found again, or
 * reused from `cacheDir` when what it reads is what it was.
 */
export async function applyStoriesCached(
  results: FileResult[],
  timeZone: string,
  cacheDir: string | undefined,
  /** The process will run the step again (the dev server): keep its records in memory too. */
  keepInMemory = false,
): Promise<"reused" | "ran"> {
  const compared = storyInputs(results);
  const key = cacheDir && relationsKey(compared.inputs);
  const file = cacheDir && path.join(cacheDir, FILE);
  const stored = file ? readCheckedFile(file) : undefined;
  if (isStored(stored) && stored.key === key) {
    applyRelations(compared, new Map(stored.relations), timeZone);
    return "reused";
  }
  // Imported only when it runs: loading the story code is 0.1 s of a build that reuses its relations.
  const [{ relateStories }, { TermRecords }] = await Promise.all([import("../stories/index.ts"), import("../stories/records.ts")]);
  const terms = cacheDir ? openTermRecords(cacheDir, TermRecords, keepInMemory) : undefined;
  const relations = relateStories(compared.inputs, {}, terms?.records);
  if (file && key) checkedFileStore(file).write({ key, relations: [...relations] } satisfies Stored);
  terms?.keep();
  applyRelations(compared, relations, timeZone);
  return "ran";
}

/** A hash of the story code and of what it reads (the text through its hash). Length-prefixed: a path or title may hold any character. */
function relationsKey(inputs: ReadonlyArray<Required<StoryInput>>): string {
  const h = createHash("sha256").update(`${sourceGraphHash(new URL("../stories/index.ts", import.meta.url))}\0${inputs.length}\0`);
  for (const { file, title, revision, date } of inputs) h.update(`${file.length}:${file}${title.length}:${title}${revision}\0${date ?? ""}\0`);
  return h.digest("base64url");
}

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
 * of articles no longer there are dropped.
 */
function openTermRecords(cacheDir: string, Records: typeof TermRecords, keepInMemory: boolean): { records: StoryRecords; keep(): void } {
  const file = path.join(cacheDir, TERMS_FILE);
  const key = sourceGraphHash(new URL("../stories/records.ts", import.meta.url));
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
      const saved = worthRewriting(onDisk, next) && checkedFileStore(file).write({ key, records: next.toPlain() } satisfies StoredTerms);
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
 * at 10,000 articles (23 MB). So it is rewritten once enough records are missing or stale.
 */
function worthRewriting(before: TermRecords, next: TermRecords): boolean {
  let missing = 0;
  for (const r of next.revisions) if (before.find(r) < 0) missing++;
  const stale = before.size - (next.size - missing);
  if (missing === 0 && stale === 0) return false;
  return missing > REREAD_MAX || missing + stale > REREAD_SHARE * next.size;
}

function isStored(v: unknown): v is Stored {
  return !!v && typeof v === "object" && typeof (v as Stored).key === "string" && Array.isArray((v as Stored).relations);
}
