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
 * beside this cache; then only articles new or edited since the file was
 * written are read (and their texts decoded), with the same result. The file
 * is rewritten only once that is more than a few (stories-store.ts). So are
 * the copy check's coverages of the pairs it examined (`story-coverages.bin`,
 * stories/coverages.ts): only pairs with an edited article are aligned again. Seeds
 * parsed over several threads come with their records, made as they were
 * parsed (batch-terms.ts): a first build reads none of their texts here.
 *
 * In a rebuild whose records come from the persistent cache, the step can
 * start before they are decoded, on a second thread (`startStories`,
 * stories-thread.ts); its relations are used when the decoded records give
 * the very inputs it started from, and the step runs here otherwise.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { sourceGraphHash } from "../threads/source-hash.ts";
import { readCheckedFile } from "./checked-file.ts";
import type { FileResult } from "./file.ts";
import { applyRelations, storyInputs, type StoryIdentity } from "../enrich/stories.ts";
import type { StoryRelations } from "../stories/index.ts";
import type { TermRecords } from "../stories/records.ts";
import { isStoredRelations, openStoryRecords, RELATIONS_FILE, saveRelations, TERMS_FILE, type StoryKeys } from "./stories-store.ts";
import { unpackRelations, type StoryInputFields } from "./stories-wire.ts";
import { openStoryThread, prepareStoryThread, type StoryThread } from "./stories-thread.ts";

/** How the story step got its relations: kept from the last build, found on the story thread, or here. */
export type StoryStep = "reused" | "thread" | "ran";

/** The step as started before the records were decoded (`startStories`). */
export interface EarlyStories {
  inputs: StoryInputFields[];
  key: string;
  stored: unknown;
  /** The thread's relations; undefined when the stored relations answer for these inputs (the thread is then stopped). */
  relations?: Promise<Map<string, StoryRelations> | undefined>;
}

/**
 * A thread for the story step of a rebuild, started now so that it is up once the seeds are
 * listed and looked up (stories-thread.ts); undefined when none can start (its bundle is not made
 * yet) or when there are no records to start from (a first build). Pass it to `startStories`, or
 * cancel it.
 */
export function openStories(cacheDir: string): StoryThread | undefined {
  if (!existsSync(path.join(cacheDir, TERMS_FILE))) return undefined;
  return openStoryThread(cacheDir, storyKeys());
}

/**
 * The story step for the story identities of every seed (files.ts `onStoryIdentities`): the
 * relations' key and stored relations looked up, and when they do not answer, the step run on
 * `thread`, else the thread stopped. `textOf(i)`: the text of the i-th seed once this thread has
 * it (now: the seeds parsed in this build; the others once their records are decoded).
 */
export function startStories(
  seeds: ReadonlyArray<{ file: string; identity: StoryIdentity | null }>,
  cacheDir: string,
  thread: StoryThread,
  textOf: (seed: number) => string | undefined,
): EarlyStories {
  const inputs: StoryInputFields[] = [];
  const at: number[] = [];
  seeds.forEach(({ file, identity }, i) => {
    if (!identity) return;
    const [title, date, revision] = identity;
    inputs.push({ file, title, date, revision });
    at.push(i);
  });
  const texts: Array<[number, string]> = [];
  at.forEach((seed, x) => {
    const text = textOf(seed);
    if (text !== undefined) texts.push([x, text]);
  });
  const run = () => thread.run(inputs, texts, (x) => textOf(at[x]!));
  // An article parsed in this build (a text to give) nearly always changed what the step reads: the
  // thread starts first, the build waits for it, and it is stopped should the stored relations hold.
  const started = texts.length > 0 ? run() : undefined;
  const key = relationsKey(inputs);
  const stored = readCheckedFile(path.join(cacheDir, RELATIONS_FILE));
  if (isStoredRelations(stored) && stored.key === key) {
    thread.cancel();
    return { inputs, key, stored };
  }
  return { inputs, key, stored, relations: started ?? run() };
}

export interface StoryStepOptions {
  /** The step as started before the records were decoded (`startStories`). */
  early?: EarlyStories;
  /** Phase-1 records made as seeds were parsed (files.ts `onStoryRecords`): their texts are not read again. Emptied by the step. */
  made?: TermRecords[];
}

/**
 * The story step over `results` (in place): its relations found again, or
 * reused from `cacheDir` when what it reads is what it was.
 */
export async function applyStoriesCached(
  results: FileResult[],
  timeZone: string,
  cacheDir: string | undefined,
  { early, made = [] }: StoryStepOptions = {},
): Promise<StoryStep> {
  const compared = storyInputs(results);
  const same = early !== undefined && sameInputs(early.inputs, compared.inputs);
  const key = cacheDir && (same ? early.key : relationsKey(compared.inputs));
  const stored = same ? early.stored : cacheDir && readCheckedFile(path.join(cacheDir, RELATIONS_FILE));
  const reused = isStoredRelations(stored) && stored.key === key ? unpackRelations(compared.inputs.map((c) => c.file), stored.relations) : undefined;
  if (reused) {
    applyRelations(compared, reused, timeZone);
    return "reused";
  }
  // The thread's relations were found for other inputs (a record changed while the build ran): the step runs here.
  const fromThread = same ? await early.relations : undefined;
  if (fromThread) {
    if (cacheDir && key) saveRelations(cacheDir, key, fromThread);
    applyRelations(compared, fromThread, timeZone);
    return "thread";
  }
  // Imported only when it runs: loading the story code is 0.1 s of a build that reuses its relations.
  const [{ relateStories }, { TermRecords }] = await Promise.all([import("../stories/index.ts"), import("../stories/records.ts")]);
  const terms = cacheDir ? openStoryRecords(cacheDir, TermRecords, storyKeys()) : undefined;
  // Without a cache, nothing is kept for the next build: the made records are read, none are made.
  const records = terms?.records ?? (made.length ? {} : undefined);
  if (records) records.made = [...(records.made ?? []), ...made];
  const relations = relateStories(compared.inputs, {}, records);
  if (cacheDir && key) saveRelations(cacheDir, key, relations);
  terms?.keep();
  // The next rebuild may run the step on a second thread: its bundle is made meanwhile, not then.
  if (cacheDir) void prepareStoryThread();
  applyRelations(compared, relations, timeZone);
  return "ran";
}

const sameInputs = (a: readonly StoryInputFields[], b: readonly StoryInputFields[]): boolean =>
  a.length === b.length && a.every((x, i) => x.file === b[i]!.file && x.title === b[i]!.title && x.date === b[i]!.date && x.revision === b[i]!.revision);

/** The hash of the story code as a whole. */
const storyCodeKey = (): string => sourceGraphHash(new URL("../stories/index.ts", import.meta.url));

/** What kept phase-1 records depend on (the code that makes them: they hold its term hashes), and kept coverages. */
const storyKeys = (): StoryKeys => ({ terms: sourceGraphHash(new URL("../stories/records.ts", import.meta.url)), coverages: storyCodeKey() });

/**
 * A hash of the story code and of what it reads (the text through its hash). Length-prefixed: a
 * path or title may hold any character. One string hashed at once: an update per article took
 * twice as long (8 ms at 10k).
 */
function relationsKey(inputs: readonly StoryInputFields[]): string {
  let text = `${storyCodeKey()}\0${inputs.length}\0`;
  for (const { file, title, revision, date } of inputs) text += `${file.length}:${file}${title.length}:${title}${revision}\0${date ?? ""}\0`;
  return createHash("sha256").update(text).digest("base64url");
}
