/**
 * The site-wide story step (enrich/stories.ts) compares every article with
 * the others: 0.7–1.6 s at 10k seeds, the largest part of a warm build once
 * the records come from the persistent cache. Its outcome depends only on the
 * records it is given and the time zone, so it is kept on disk
 * (`stories.bin` beside the record cache) under a key that stands for all of
 * them: each record's key (files.ts: path, hash of the bytes, what else it
 * depended on) and status, the time zone, and the hash of the story code and
 * the per-file pipeline. A build whose key matches replays the step's
 * changes instead of running it; any added, removed or edited seed, or a
 * scheduled article coming due, changes the key and the step runs again.
 *
 * What is kept is what the step changed, found by comparing every record
 * with a copy taken before it ran, not a list of the fields it is known to
 * set: whatever it comes to change, the replay changes too.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { sourceGraphHash } from "../threads/source-hash.ts";
import { readCheckedFile, writeCheckedFile } from "./checked-file.ts";
import { lazyTexts, type LazyTexts } from "./codec.ts";
import type { FileResult } from "./file.ts";

/** Which object of a result a change is on: the result itself, its entry, its article. */
const RESULT = 0;
const ENTRY = 1;
const ARTICLE = 2;
type Part = typeof RESULT | typeof ENTRY | typeof ARTICLE;

/** One property the step set (or deleted: `present` false) on one result. */
type Change = [at: number, part: Part, key: string, present: boolean, value: unknown];

interface Stored {
  key: string;
  changes: Change[];
}

const FILE = "stories.bin";

/**
 * Run the story step over `results` (in place), or replay it from the cache
 * in `cacheDir` when its inputs are what they were. `keys` are files.ts
 * record keys; with one unknown, the step simply runs.
 */
export async function applyStoriesCached(
  results: FileResult[],
  keys: readonly (string | null)[],
  timeZone: string,
  cacheDir: string | undefined,
): Promise<"replayed" | "ran"> {
  const key = cacheDir ? storiesKey(results, keys, timeZone) : null;
  const file = cacheDir && path.join(cacheDir, FILE);
  const stored = file && key !== null ? readCheckedFile(file) : undefined;
  if (isStored(stored) && stored.key === key && stored.changes.every((c) => c[0] < results.length)) {
    replay(results, stored.changes);
    return "replayed";
  }
  // Imported only when it runs: loading the story code is 0.1 s of a build that replays it.
  const { applyStories } = await import("../enrich/stories.ts");
  if (!file || key === null) {
    applyStories(results, timeZone);
    return "ran";
  }
  const before = results.map(copyResultDeep);
  applyStories(results, timeZone);
  try {
    writeCheckedFile(file, { key, changes: changesSince(before, results) } satisfies Stored);
  } catch (cause) {
    // The cache only ever saves time.
    if (process.env.NEWSROOM_DEBUG) console.error(new Error("story cache not saved", { cause }));
  }
  return "ran";
}

/** A hash of everything the story step reads; null when a record's origin is unknown. */
function storiesKey(results: readonly FileResult[], keys: readonly (string | null)[], timeZone: string): string | null {
  const h = createHash("sha256");
  // This module's import graph holds the story code and the per-file pipeline (through file.ts).
  h.update(`${sourceGraphHash(new URL(import.meta.url))}\0${timeZone}\0${results.length}\0`);
  for (let i = 0; i < results.length; i++) {
    const k = keys[i];
    if (k === null || k === undefined) return null;
    // Status is the one part of a record that is not fixed by its key: it moves with the build time.
    // Length-prefixed: a path may hold any character but "/" and NUL.
    h.update(`${k.length}:${k}\0${results[i]!.entry.status}\0${results[i]!.article?.status ?? ""}\0`);
  }
  return h.digest("base64url");
}

type Plain = Record<string, unknown>;

/**
 * A property not decoded yet (codec.ts: html or text of a cached record),
 * left unread: reading it would decode it. Two stand for the same value when
 * they are the same property of the same stored record.
 */
class Unread {
  constructor(
    readonly texts: LazyTexts,
    readonly key: string,
  ) {}
  value(): unknown {
    return this.texts.take(this.key);
  }
  same(other: Unread): boolean {
    return other.texts.record === this.texts.record && other.key === this.key;
  }
}

const settled = (v: unknown): unknown => (v instanceof Unread ? v.value() : v);

/** `o[k]`, or an Unread for a property not decoded yet (`texts`: lazyTexts(o)). */
const property = (o: object, k: string, texts: LazyTexts | undefined): unknown =>
  texts?.unread(k) ? new Unread(texts, k) : (o as Plain)[k];

/** A copy that shares nothing mutable with the original (strings are shared: they cannot change). */
function copyDeep(v: unknown): unknown {
  if (typeof v !== "object" || v === null || v instanceof Unread) return v;
  if (Array.isArray(v)) return v.map(copyDeep);
  const texts = lazyTexts(v);
  const out: Plain = {};
  for (const k of Object.keys(v)) out[k] = copyDeep(property(v, k, texts));
  return out;
}

interface ResultCopy {
  /** The result's own properties, as they were (entry and article by reference, to see them replaced). */
  own: Plain;
  entry: Plain;
  article: Plain | undefined;
}

const copyResultDeep = (r: FileResult): ResultCopy => ({
  own: { ...r },
  entry: copyDeep(r.entry) as Plain,
  article: r.article && (copyDeep(r.article) as Plain),
});

function sameDeep(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Unread && b instanceof Unread && a.same(b)) return true;
  if (a instanceof Unread || b instanceof Unread) return sameDeep(settled(a), settled(b));
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameDeep(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ta = lazyTexts(a);
  const tb = lazyTexts(b);
  // Same keys in the same order: a reordered object serializes differently, so it counts as a change.
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameDeep(property(a, k, ta), property(b, k, tb)));
}

/** Every property (of a result, its entry or its article) whose value differs from the copy. */
function changesSince(before: readonly ResultCopy[], after: readonly FileResult[]): Change[] {
  const changes: Change[] = [];
  const compare = (at: number, part: Part, was: Plain, now: object) => {
    const texts = lazyTexts(now);
    for (const k of Object.keys(now)) {
      const value = property(now, k, texts);
      if (!(k in was) || !sameDeep(was[k], value)) changes.push([at, part, k, true, settled(value)]);
    }
    for (const k of Object.keys(was)) if (!(k in now)) changes.push([at, part, k, false, undefined]);
  };
  after.forEach((r, at) => {
    const was = before[at]!;
    // Entry and article compared property by property while they are the same objects; replaced ones are changes of the result.
    compare(at, RESULT, was.own, r);
    if (r.entry === was.own.entry) compare(at, ENTRY, was.entry, r.entry);
    if (r.article !== undefined && r.article === was.own.article) compare(at, ARTICLE, was.article!, r.article);
  });
  return changes;
}

function replay(results: FileResult[], changes: readonly Change[]): void {
  for (const [at, part, key, present, value] of changes) {
    const r = results[at]!;
    const target = (part === RESULT ? r : part === ENTRY ? r.entry : r.article) as unknown as Plain | undefined;
    if (!target) continue;
    if (present) target[key] = value;
    else delete target[key];
  }
}

function isStored(v: unknown): v is Stored {
  return !!v && typeof v === "object" && typeof (v as Stored).key === "string" && Array.isArray((v as Stored).changes);
}
