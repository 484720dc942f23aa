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
 * What is kept is what the step changed, noted as it ran (it is given
 * proxies of the records that note every write, at any depth), not a list of
 * the fields it is known to set: whatever it comes to change, the replay
 * changes too. The step must therefore only change records through what it
 * is given (it cannot send them to another thread as they are: proxies do not
 * clone); the tests replay it against a run.
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
import { lazyTexts } from "./codec.ts";
import type { FileResult } from "./file.ts";
import type { StoryRecords, TermRecords } from "../stories/index.ts";

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
const TERMS_FILE = "story-terms.bin";

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
  /** The process will run the step again (the dev server): keep its records in memory too. */
  keepInMemory = false,
): Promise<"replayed" | "ran"> {
  const key = cacheDir ? storiesKey(results, keys, timeZone) : null;
  const file = cacheDir && path.join(cacheDir, FILE);
  const stored = file && key !== null ? readCheckedFile(file) : undefined;
  if (isStored(stored) && stored.key === key && stored.changes.every((c) => c[0] < results.length)) {
    replay(results, stored.changes);
    return "replayed";
  }
  // Imported only when it runs: loading the story code is 0.1 s of a build that replays it.
  const [{ applyStories }, { TermRecords }] = await Promise.all([import("../enrich/stories.ts"), import("../stories/records.ts")]);
  const terms = cacheDir ? openTermRecords(cacheDir, TermRecords, keepInMemory) : undefined;
  if (!file || key === null) applyStories(results, timeZone, terms?.records);
  else {
    const changes = applyNoting(results, (members) => applyStories(members, timeZone, terms?.records));
    checkedFileStore(file).write({ key, changes } satisfies Stored);
  }
  terms?.keep();
  return "ran";
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

/** What the step changed on one result, by part (RESULT, ENTRY, ARTICLE). */
interface Marks {
  /** Properties of each part set or deleted (directly, or in place below them). */
  keys: [Set<string> | undefined, Set<string> | undefined, Set<string> | undefined];
  /** Objects below an entry or article changed in place (any property reaching one changed). */
  deep: Set<object> | undefined;
}

/**
 * The handler of one proxy: where its object sits in a result (0 the result,
 * 1 its entry or article, `part`, 2 below, under the property `top`). An
 * object per proxy with its methods on the prototype: a closure per proxy
 * cost more than the step it watched, and finding the place in a WeakMap at
 * every trap was a third of the watching.
 */
class Watch implements ProxyHandler<object> {
  constructor(
    private readonly notes: ChangeNotes,
    private readonly at: number,
    private readonly depth: 0 | 1 | 2,
    private readonly part: Part,
    private readonly top: string,
  ) {}

  get(t: object, key: string | symbol): unknown {
    // The object itself as receiver: lazy getters look their record up by it.
    const v: unknown = Reflect.get(t, key);
    if (typeof key !== "string" || typeof v !== "object" || v === null) return v;
    const { notes, at, depth, part, top } = this;
    if (depth === 0 && (key === "entry" || key === "article")) return notes.wrap(v, at, 1, key === "entry" ? ENTRY : ARTICLE, "");
    return notes.wrap(v, at, 2, part, depth === 2 ? top : key);
  }

  set(t: object, key: string | symbol, value: unknown): boolean {
    this.#note(t, key);
    return assign(t, key, this.notes.unwrap(value));
  }

  deleteProperty(t: object, key: string | symbol): boolean {
    this.#note(t, key);
    return Reflect.deleteProperty(t, key);
  }

  defineProperty(t: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.#note(t, key);
    return Reflect.defineProperty(t, key, "value" in descriptor ? { ...descriptor, value: this.notes.unwrap(descriptor.value) } : descriptor);
  }

  #note(t: object, key: string | symbol): void {
    if (typeof key !== "string") return;
    const m = this.notes.marksOf(this.at);
    (m.keys[this.part] ??= new Set()).add(this.depth === 2 ? this.top : key);
    if (this.depth === 2) (m.deep ??= new Set()).add(t);
  }
}

/**
 * Proxies of results that note every change made through them, at any
 * depth, by the result, entry or article property holding it. The maps
 * live as long as one step: plain Maps, cheaper than WeakMaps.
 */
class ChangeNotes {
  /** By result (index): what changed, if anything. */
  readonly marks: (Marks | undefined)[] = [];
  readonly #proxies = new Map<object, object>();
  readonly #targets = new Map<object, object>();

  wrap(target: object, at: number, depth: 0 | 1 | 2, part: Part, top: string): object {
    let proxy = this.#proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, new Watch(this, at, depth, part, top));
      this.#proxies.set(target, proxy);
      this.#targets.set(proxy, target);
    }
    return proxy;
  }

  marksOf(at: number): Marks {
    return (this.marks[at] ??= { keys: [undefined, undefined, undefined], deep: undefined });
  }

  /** A value put through a proxy: the objects behind any proxies in it (a filtered array holds the proxies it was filtered from). */
  unwrap(v: unknown): unknown {
    if (typeof v !== "object" || v === null) return v;
    const target = this.#targets.get(v);
    if (target) return target;
    for (const k of Object.keys(v)) (v as Plain)[k] = this.unwrap((v as Plain)[k]);
    return v;
  }
}

const holds = (v: unknown, changed: ReadonlySet<object>): boolean =>
  typeof v === "object" && v !== null && (changed.has(v) || Object.values(v).some((x) => holds(x, changed)));

/**
 * Runs `step` on proxies of `results` that note what it changes; returns the
 * changed properties' values afterwards. Noting writes costs next to nothing,
 * where copying 10k records to compare them after cost 0.5 s.
 */
function applyNoting(results: FileResult[], step: (members: FileResult[]) => void): Change[] {
  const notes = new ChangeNotes();
  step(results.map((r, at) => notes.wrap(r, at, 0, RESULT, "") as FileResult));
  const changes: Change[] = [];
  notes.marks.forEach((m: Marks | undefined, at) => {
    if (!m) return;
    const r = results[at]!;
    const objects: [Plain, Plain, Plain | undefined] = [r as unknown as Plain, r.entry as unknown as Plain, r.article as unknown as Plain | undefined];
    for (const part of [RESULT, ENTRY, ARTICLE] as const) {
      const obj = objects[part];
      if (!obj) continue;
      let keys = m.keys[part];
      if (m.deep && part !== RESULT) {
        // An object changed in place may be reachable from other properties too (entry and article share some).
        // (Html and text not decoded yet hold no object: left unread.)
        const texts = lazyTexts(obj);
        for (const k of Object.keys(obj)) if (!texts?.unread(k) && holds(obj[k], m.deep)) (keys ??= new Set()).add(k);
      }
      if (!keys) continue;
      // In the object's own order, so that replayed additions land where the step put them; deletions after.
      for (const k of Object.keys(obj)) if (keys.has(k)) changes.push([at, part, k, true, obj[k]]);
      for (const k of keys) if (!(k in obj)) changes.push([at, part, k, false, undefined]);
    }
  });
  return changes;
}

/**
 * `t[key] = value`, but a new property is defined rather than stored: V8 turns
 * an object with more than a dozen properties into a slow dictionary when one
 * more is added by a computed key (`t[key] = …`, `Reflect.set`), as the story
 * step's `story` was to every article, slowing every later read of them.
 * (An existing property is set, so the lazy bodies' setters still run.)
 */
function assign(t: object, key: string | symbol, value: unknown): boolean {
  if (Object.hasOwn(t, key)) return Reflect.set(t, key, value);
  return Reflect.defineProperty(t, key, { value, writable: true, enumerable: true, configurable: true });
}

function replay(results: FileResult[], changes: readonly Change[]): void {
  for (const [at, part, key, present, value] of changes) {
    const r = results[at]!;
    const target = (part === RESULT ? r : part === ENTRY ? r.entry : r.article) as unknown as Plain | undefined;
    if (!target) continue;
    if (present) assign(target, key, value);
    else delete target[key];
  }
}

function isStored(v: unknown): v is Stored {
  return !!v && typeof v === "object" && typeof (v as Stored).key === "string" && Array.isArray((v as Stored).changes);
}
