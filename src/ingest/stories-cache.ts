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
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { sourceGraphHash } from "../threads/source-hash.ts";
import { readCheckedFile, writeCheckedFile } from "./checked-file.ts";
import { lazyTexts } from "./codec.ts";
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
  const changes = applyNoting(results, (members) => applyStories(members, timeZone));
  try {
    writeCheckedFile(file, { key, changes } satisfies Stored);
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

/** Where an object sits in a result: 0 the result, 1 its entry or article (`part`), 2 below, under the property `top`. */
interface Place {
  at: number;
  depth: 0 | 1 | 2;
  part: Part;
  top: string;
}

/**
 * Proxies of results that note every change made through them, at any
 * depth, by the result, entry or article property holding it. One handler
 * for all of them (a closure per proxy cost more than the step it watched).
 */
class ChangeNotes implements ProxyHandler<object> {
  /** By result: "part\0key" of each property changed. */
  readonly marks = new Map<number, Set<string>>();
  /** By result: objects below an entry or article changed in place (any property reaching one changed). */
  readonly deep = new Map<number, Set<object>>();
  readonly #places = new WeakMap<object, Place>();
  readonly #proxies = new WeakMap<object, object>();
  readonly #targets = new WeakMap<object, object>();

  wrap(target: object, place: Place): object {
    let proxy = this.#proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, this);
      this.#proxies.set(target, proxy);
      this.#targets.set(proxy, target);
      this.#places.set(target, place);
    }
    return proxy;
  }

  #note(t: object, key: string | symbol): void {
    if (typeof key !== "string") return;
    const { at, depth, part, top } = this.#places.get(t)!;
    const marks = this.marks.get(at) ?? new Set<string>();
    marks.add(`${part}\0${depth === 2 ? top : key}`);
    this.marks.set(at, marks);
    if (depth === 2) {
      const deep = this.deep.get(at) ?? new Set<object>();
      deep.add(t);
      this.deep.set(at, deep);
    }
  }

  /** A value put through a proxy: the objects behind any proxies in it (a filtered array holds the proxies it was filtered from). */
  #unwrap(v: unknown): unknown {
    if (typeof v !== "object" || v === null) return v;
    const target = this.#targets.get(v);
    if (target) return target;
    for (const k of Object.keys(v)) (v as Plain)[k] = this.#unwrap((v as Plain)[k]);
    return v;
  }

  get(t: object, key: string | symbol): unknown {
    // The object itself as receiver: lazy getters look their record up by it.
    const v: unknown = Reflect.get(t, key);
    if (typeof key !== "string" || typeof v !== "object" || v === null) return v;
    const { at, depth, part, top } = this.#places.get(t)!;
    if (depth === 0 && (key === "entry" || key === "article")) return this.wrap(v, { at, depth: 1, part: key === "entry" ? ENTRY : ARTICLE, top: "" });
    return this.wrap(v, { at, depth: 2, part, top: depth === 2 ? top : key });
  }

  set(t: object, key: string | symbol, value: unknown): boolean {
    this.#note(t, key);
    return Reflect.set(t, key, this.#unwrap(value));
  }

  deleteProperty(t: object, key: string | symbol): boolean {
    this.#note(t, key);
    return Reflect.deleteProperty(t, key);
  }

  defineProperty(t: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.#note(t, key);
    return Reflect.defineProperty(t, key, "value" in descriptor ? { ...descriptor, value: this.#unwrap(descriptor.value) } : descriptor);
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
  step(results.map((r, at) => notes.wrap(r, { at, depth: 0, part: RESULT, top: "" }) as FileResult));
  const changes: Change[] = [];
  for (const [at, keys] of notes.marks) {
    const r = results[at]!;
    const parts: [Part, Plain | undefined][] = [[RESULT, r as unknown as Plain], [ENTRY, r.entry as unknown as Plain], [ARTICLE, r.article as unknown as Plain | undefined]];
    const changed = notes.deep.get(at);
    for (const [part, obj] of parts) {
      if (!obj) continue;
      // An object changed in place may be reachable from other properties too (entry and article share some).
      // (Html and text not decoded yet hold no object: left unread.)
      const texts = lazyTexts(obj);
      if (changed && part !== RESULT) for (const k of Object.keys(obj)) if (!texts?.unread(k) && holds(obj[k], changed)) keys.add(`${part}\0${k}`);
      // In the object's own order, so that replayed additions land where the step put them; deletions after.
      for (const k of Object.keys(obj)) if (keys.has(`${part}\0${k}`)) changes.push([at, part, k, true, obj[k]]);
      for (const pk of keys) {
        const [p, k] = pk.split("\0") as [string, string];
        if (Number(p) === part && !(k in obj)) changes.push([at, part, k, false, undefined]);
      }
    }
  }
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
