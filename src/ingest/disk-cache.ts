/**
 * Per-file results kept on disk between builds (`.cache/ingest/`), so a build
 * of unchanged seeds decodes, parses and renders no Markdown at all.
 *
 * A record is reused for a seed only when all of these match what it was made
 * from: the path, the SHA-256 of the file's bytes, the time zone, the pipeline
 * (the index carries a hash of the ingest code, its dependencies and the
 * runtime: source-hash.ts) and whatever else the record turned out to depend
 * on (file.ts FileDeps: the git date or modification time when the date was
 * guessed from them, how a front-matter image resolved, checked again on
 * disk). The status (draft/scheduled/published) depends on the build time, so
 * it is recomputed for every build rather than stored.
 *
 * Reading and hashing every seed cost a third of a warm build at 10k seeds,
 * so an entry also keeps the stat the listing saw (size, modification and
 * change time, inode): while all of them are unchanged the bytes are taken as
 * unchanged, as git's index does. Any write moves the change time (which,
 * unlike mtime, no tool can set back), and a save by rename makes a new inode.
 * A stat is only kept when it is older than the listing by more than RACY_MS
 * (src/read/settled.ts); a file modified later than that is hashed on the
 * next build (git's "racily clean" rule). When the stat differs, the hash
 * still decides, and a file merely touched has its new stat kept.
 *
 * Layout: `packs/<id>.pack` hold encoded records back to back (one per worker
 * batch, written as the batch arrives); `index.bin` maps each seed path to its
 * record, keeps most records whole but their bodies as one line of text each
 * (thin-record.ts: a rebuild makes them from that), and is written last,
 * atomically (temporary file + rename), so a build
 * killed at any point leaves either the old index or the new one. While few
 * entries differ from it, a build writes only those, and the paths gone, to
 * `index-newer.bin` (JOURNAL_MAX), which names the index.bin it amends and is
 * ignored beside any other. Every file
 * carries a SHA-256 checked on reading: a damaged, truncated or foreign file
 * is a miss, never a wrong record. Packs nobody refers to are deleted (after a
 * grace period, in case another build is still writing them); packs mostly
 * dead are rewritten.
 */
import { randomUUID } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { resolveImage, seedsRoot } from "../enrich/image.ts";
import { settledBefore } from "../read/settled.ts";
import type { SeedEntry } from "../read/walk.ts";
import type { Message } from "../report/messages.ts";
import { sourceGraphHash } from "../threads/source-hash.ts";
import { buildPack, type PackedBatch } from "./batch.ts";
import { packSha, readCheckedFile, writeCheckedFile } from "./checked-file.ts";
import { decodeResult, storedHtmlLength, type EncodedResult } from "./codec.ts";
import { imageOutcome, type FileContext, type FileDeps, type FileResult } from "./file.ts";
import type { StoryIdentity } from "../enrich/stories.ts";
import { packTexts } from "./pack-texts.ts";
import { SharedObjects, thinLine, thinResult } from "./thin-record.ts";

/** The hash of this module's import graph: the whole per-file pipeline and the codec. */
export const pipelineVersion = (): string => sourceGraphHash(new URL(import.meta.url));

export interface CacheEntry {
  rel: string;
  size: number;
  hash: string;
  timeZone: string;
  deps: FileDeps;
  /** The seed's stat when the record was last checked; null: too recent to vouch for the bytes. */
  stat: SeedStat | null;
  pack: string;
  offset: number;
  length: number;
  textOffset: number;
  textLength: number;
  /** What the story step reads of the record besides its text (enrich/stories.ts), so a rebuild can start it before decoding records. */
  story: StoryIdentity | null;
  /** The record as one line (thin-record.ts), made from that instead of its meta; "": decoded from the meta. */
  thin: string;
}

type SeedStat = [mtimeMs: number, ctimeMs: number, ino: number];

/** A pack file's size, and its sections (batch.ts Pack): where the texts start, each section's SHA-256. */
interface PackInfo {
  bytes: number;
  metaBytes: number;
  sha: string;
  textSha: string;
}

/**
 * What index.bin holds (after its checksum), column by column: each text column is one string,
 * its values joined by NUL (which no path, hash, zone, date, JSON text or title holds: titles are
 * one line without control characters), and the numbers are one Float64Array. Reading 10,000
 * entries is then a few large values for v8.deserialize, not 200,000 small ones (as tuples, that
 * took 16–37 ms of the start of every rebuild at 10k seeds, before the story step could start).
 */
interface IndexData {
  version: string;
  /** Made afresh for each index.bin written: what a journal names as its base. */
  generation: string;
  packs: [id: string, bytes: number, metaBytes: number, sha: string, textSha: string][];
  count: number;
  rels: string;
  hashes: string;
  timeZones: string;
  /** FileDeps as JSON. */
  deps: string;
  /** The story identity's title, date ("" when undated) and revision ("" for all three without one). */
  titles: string;
  dates: string;
  revisions: string;
  /** CacheEntry.thin. */
  thins: string;
  /** Per entry, NUMBERS values in this order. */
  numbers: Float64Array;
}

/** What index-newer.bin holds: the entries that differ from those of index.bin `base` (its generation), and the paths it has that are gone. */
interface JournalData extends IndexData {
  base: string;
  /** Joined by NUL. */
  removed: string;
}

/** The numbers of an entry: its stat (NaN: none kept), where its record is, and its story identity (STORY_*). */
const NUMBERS = ["size", "mtimeMs", "ctimeMs", "ino", "pack", "offset", "length", "textOffset", "textLength", "story"] as const;
/** Where each number is among an entry's. */
const AT = Object.fromEntries(NUMBERS.map((name, i) => [name, i])) as Record<(typeof NUMBERS)[number], number>;
const STORY_NONE = 0;
const STORY_DATED = 1;
const STORY_UNDATED = 2;
const SEP = "\u0000";

/**
 * The most entries (this many, or this share of the index) written to the journal rather than the
 * index rewritten: at 10,000 seeds, the index took 25–30 ms of every rebuild's main thread to
 * write, while the story step ran beside it; one edited seed is one entry.
 */
export const JOURNAL_MAX = 64;
const JOURNAL_SHARE = 0.02;
const INDEX_FILE = "index.bin";
const JOURNAL_FILE = "index-newer.bin";

/** Unreferenced packs younger than this may belong to a build still running. */
const GRACE_MS = 15 * 60_000;
/** Packs with fewer live records than this are merged when there are several. */
const SMALL_PACK = 32;

export class DiskCache {
  readonly dir: string;
  readonly version: string;
  /** The entries of index.bin alone, and its generation (none: no index read). */
  readonly #base = new Map<string, CacheEntry>();
  /** The entries of index.bin, as amended by its journal (the same map without one). */
  #old = this.#base;
  #generation: string | undefined;
  readonly #packs = new Map<string, PackInfo>();
  readonly #next = new Map<string, CacheEntry>();
  readonly #writes: Promise<void>[] = [];
  #failedPacks = new Set<string>();
  /** Packs this process wrote: unreferenced ones need no grace period. */
  readonly #mine = new Set<string>();
  /** Packs records were read from, whose texts may still be read: kept even when compacted away (the next build collects them). */
  readonly #lazilyRead = new Set<string>();

  /** The real path of the seeds folder whose images `matches` checks. */
  #seedsRoot: { dir: string; root: string } | undefined;

  /** When the seeds were listed (ms since the epoch); undefined: no stat is kept. */
  readonly #listedAt: number | undefined;

  private constructor(dir: string, version: string, listedAt: number | undefined) {
    this.dir = dir;
    this.version = version;
    this.#listedAt = listedAt;
  }

  get #packDir(): string {
    return path.join(this.dir, "packs");
  }

  #packFile(id: string): string {
    return path.join(this.#packDir, `${id}.pack`);
  }

  /**
   * The cache in `dir` (created on save); an unreadable, damaged or outdated
   * index reads as empty. `listedAt`: when the seeds given to it were listed
   * (taken before the listing started); without it no stat is kept, and every
   * seed is hashed.
   */
  static open(dir: string, version = pipelineVersion(), listedAt?: number): DiskCache {
    const cache = new DiskCache(path.resolve(dir), version, listedAt);
    const data = readIndex(path.join(cache.dir, INDEX_FILE));
    if (data?.version !== version) return cache;
    cache.#add(data, cache.#base);
    cache.#generation = data.generation;
    const journal = readIndex(path.join(cache.dir, JOURNAL_FILE));
    if (journal && isJournal(journal) && journal.version === version && journal.base === data.generation) {
      cache.#old = new Map(cache.#base);
      cache.#add(journal, cache.#old);
      for (const rel of journal.removed === "" ? [] : journal.removed.split(SEP)) cache.#old.delete(rel);
    }
    return cache;
  }

  /** The packs and entries of an index or journal. */
  #add(data: IndexData, into: Map<string, CacheEntry>): void {
    for (const [id, bytes, metaBytes, sha, textSha] of data.packs) this.#packs.set(id, { bytes, metaBytes, sha, textSha });
    readEntries(data, into);
  }

  /** The stat to keep for `seed`: null when it is unknown or too recent to vouch for the bytes (RACY_MS). */
  #statOf(seed: SeedEntry): SeedStat | null {
    const { mtimeMs, ctimeMs, ino } = seed;
    if (this.#listedAt === undefined || ctimeMs === undefined || ino === undefined) return null;
    return settledBefore(Math.max(mtimeMs, ctimeMs), this.#listedAt) ? [mtimeMs, ctimeMs, ino] : null;
  }

  /** Whether the seed's stat is the one kept with `entry`: its bytes are then the ones hashed then. */
  unchanged(entry: CacheEntry, seed: SeedEntry): boolean {
    const s = entry.stat;
    return s !== null && s[0] === seed.mtimeMs && s[1] === seed.ctimeMs && s[2] === seed.ino && entry.size === seed.size;
  }

  /** `entry`, found by its hash to answer for `seed`, with the seed's current stat. */
  restamped(entry: CacheEntry, seed: SeedEntry): CacheEntry {
    const stat = this.#statOf(seed);
    const old = entry.stat;
    const same = stat === null ? old === null : old !== null && stat.every((v, i) => v === old[i]);
    return same ? entry : { ...entry, stat };
  }

  get size(): number {
    return this.#old.size;
  }

  /** The entry that may answer for this seed: same path and size (the hash decides). */
  candidate(seed: SeedEntry): CacheEntry | undefined {
    const e = this.#old.get(seed.rel);
    return e && e.size === seed.size ? e : undefined;
  }

  /** Whether `entry` answers for this seed, whose bytes hash to `hash`, in this build. */
  matches(entry: CacheEntry, hash: string, seed: SeedEntry, ctx: FileContext): boolean {
    if (entry.hash !== hash || entry.timeZone !== ctx.timeZone) return false;
    const { git, mtime, image } = entry.deps;
    if (git !== undefined && git !== (ctx.git ?? null)) return false;
    if (mtime !== undefined && mtime !== Math.min(seed.mtimeMs, ctx.nowMillis)) return false;
    if (image) {
      const messages: Message[] = [];
      // The seeds folder's real path found once a build, not once an image (two system calls each, 1,500 images at 10k seeds).
      if (this.#seedsRoot?.dir !== ctx.seedsDir) this.#seedsRoot = { dir: ctx.seedsDir, root: seedsRoot(ctx.seedsDir) };
      const now = resolveImage(image.written, seed.rel, ctx.seedsDir, messages, this.#seedsRoot.root);
      if (imageOutcome(now, messages) !== image.outcome) return false;
    }
    return true;
  }

  /**
   * Read the records of `hits` (from their lines, else from the metas of
   * each pack, read and checked once) and hand each to `onResult`; returns
   * the positions that could not be read (damaged packs). Html and text are read when first needed, their
   * section checked then (pack-texts.ts); should that fail (the pack damaged or collected
   * since), `recover` makes the record again from its seed.
   */
  readHits(
    hits: readonly { entry: CacheEntry; at: number }[],
    onResult: (at: number, result: FileResult, entry: CacheEntry) => void,
    recover: (at: number, entry: CacheEntry) => Uint8Array,
  ): number[] {
    const byPack = new Map<string, { entry: CacheEntry; at: number }[]>();
    for (const h of hits) {
      const list = byPack.get(h.entry.pack);
      if (list) list.push(h);
      else byPack.set(h.entry.pack, [h]);
    }
    const failed: number[] = [];
    const shared = new SharedObjects();
    for (const [id, list] of byPack) {
      // A pack gone or of another size (collected or damaged since) answers for none of its records.
      if (!this.#present(id)) {
        for (const h of list) failed.push(h.at);
        continue;
      }
      this.#lazilyRead.add(id);
      // The metas only for records not kept as a line (or whose line does not read).
      let metas: Buffer | null | undefined;
      const metasOf = () => (metas === undefined ? (metas = this.#readSection(id, "meta") ?? null) : metas);
      const file = this.#packFile(id);
      const { metaBytes } = this.#packs.get(id)!;
      const section = () => this.#readSection(id, "texts");
      for (const h of list) {
        const { offset, length, textOffset, textLength, thin } = h.entry;
        const textsOfRecord = () => packTexts(file, metaBytes, textOffset, textLength, section) ?? recover(h.at, h.entry);
        const result =
          (thin === "" ? undefined : unlessThrown(() => thinResult(thin, h.entry.rel, textsOfRecord, textLength, shared))) ??
          unlessThrown(() => {
            const all = metasOf();
            return all ? decodeResult(all.subarray(offset, offset + length), textsOfRecord) : undefined;
          });
        if (result) {
          onResult(h.at, result, h.entry);
          this.#next.set(h.entry.rel, h.entry);
        } else {
          failed.push(h.at);
        }
      }
    }
    return failed;
  }

  /** Whether a pack is listed, not given up, and on disk at its size; given up when not. */
  #present(id: string): boolean {
    const info = this.#packs.get(id);
    if (!info || this.#failedPacks.has(id)) return false;
    if (statSync(this.#packFile(id), { throwIfNoEntry: false })?.size === info.bytes) return true;
    this.#failedPacks.add(id);
    return false;
  }

  /** One section of a pack, checked against its SHA-256; undefined (and the pack given up) when missing or damaged. */
  #readSection(id: string, section: "meta" | "texts"): Buffer | undefined {
    const info = this.#packs.get(id);
    if (!info || this.#failedPacks.has(id)) return undefined;
    try {
      const file = this.#packFile(id);
      const fd = openSync(file, "r");
      let bytes: Buffer | undefined;
      try {
        if (fstatSync(fd).size === info.bytes) {
          const [start, end, sha] = section === "meta" ? [0, info.metaBytes, info.sha] : [info.metaBytes, info.bytes, info.textSha];
          bytes = Buffer.allocUnsafe(end - start);
          if (readSync(fd, bytes, 0, bytes.length, start) !== bytes.length || packSha(bytes) !== sha) bytes = undefined;
        }
      } finally {
        closeSync(fd);
      }
      if (bytes) return bytes;
      // Damaged: gone, so that the next build makes its records again (its texts may be found damaged only after the index was saved).
      rmSync(file, { force: true });
    } catch {
      // Missing (another build collected it) or unreadable: a miss.
    }
    this.#failedPacks.add(id);
    return undefined;
  }

  /**
   * Keep a batch's records (the pack is written in the background): `results` as the per-file
   * stage made them, and `stories` each one's story identity.
   */
  store(seeds: readonly SeedEntry[], timeZone: string, packed: PackedBatch, results: readonly FileResult[], stories: ReadonlyArray<StoryIdentity | null>): void {
    const cacheable = packed.records.some((r) => r.hash !== null);
    if (!cacheable) return;
    const id = randomUUID();
    this.#mine.add(id);
    this.#packs.set(id, { bytes: packed.pack.length, metaBytes: packed.metaBytes, sha: packed.sha, textSha: packed.textSha });
    packed.records.forEach((r, i) => {
      const seed = seeds[i]!;
      const { hash, deps, offset, length, textOffset, textLength } = r;
      if (hash !== null) {
        const thin = thinLine(results[i]!, seed.rel, storedHtmlLength(packed.pack.subarray(offset))) ?? "";
        const entry = { rel: seed.rel, size: seed.size, hash, timeZone, deps, stat: this.#statOf(seed), pack: id, offset, length, textOffset, textLength, story: stories[i] ?? null, thin };
        this.#next.set(seed.rel, entry);
      }
    });
    this.#writes.push(
      (async () => {
        mkdirSync(this.#packDir, { recursive: true });
        await writeFile(this.#packFile(id), packed.pack);
      })().catch(() => {
        this.#failedPacks.add(id);
      }),
    );
  }

  /**
   * Write the index for the seeds `rels` of this build: this build's entries,
   * else the previous ones (files not looked at, e.g. answered from memory in
   * watch mode); then rewrite sparse packs and delete unreferenced ones.
   * Nothing is written when the index would say what it says already.
   * Never throws: the cache only ever saves time.
   */
  async save(rels: Iterable<string>): Promise<void> {
    try {
      await Promise.all(this.#writes);
      const usable = (e: CacheEntry | undefined): e is CacheEntry => !!e && this.#packs.has(e.pack) && !this.#failedPacks.has(e.pack);
      const entries: CacheEntry[] = [];
      for (const rel of rels) {
        const e = this.#next.get(rel) ?? this.#old.get(rel);
        if (usable(e)) entries.push(e);
      }
      // Nothing new, moved or re-stamped: the index on disk already says all this (and was compacted when written).
      if (entries.length === this.#old.size && entries.every((e) => this.#old.get(e.rel) === e)) return;
      this.#compact(entries);
      const kept = entries.filter(usable);
      if (!this.#writeJournal(kept)) this.#writeIndex(kept);
      this.#collect(new Set([...kept.map((e) => e.pack), ...this.#lazilyRead]));
    } catch (cause) {
      if (process.env.NEWSROOM_DEBUG) console.error(new Error("ingest cache not saved", { cause }));
    }
  }

  /** Rewrite packs that are mostly dead, and merge small ones, into one new pack. */
  #compact(entries: CacheEntry[]): void {
    const live = new Map<string, { bytes: number; count: number }>();
    for (const e of entries) {
      const l = live.get(e.pack) ?? { bytes: 0, count: 0 };
      l.bytes += e.length + e.textLength;
      l.count++;
      live.set(e.pack, l);
    }
    const sparse = [...live].filter(([id, l]) => l.bytes * 2 < this.#packs.get(id)!.bytes).map(([id]) => id);
    const small = [...live].filter(([id, l]) => l.count < SMALL_PACK && !sparse.includes(id)).map(([id]) => id);
    const chosen = new Set([...sparse, ...(small.length + sparse.length > 1 ? small : [])]);
    if (chosen.size === 0 || (chosen.size === 1 && sparse.length === 0)) return;
    const sections = new Map<string, { metas: Buffer; texts: Buffer } | undefined>();
    const sectionsOf = (pack: string) => {
      if (!sections.has(pack)) {
        const metas = this.#readSection(pack, "meta");
        const texts = metas && this.#readSection(pack, "texts");
        sections.set(pack, metas && texts ? { metas, texts } : undefined);
      }
      return sections.get(pack);
    };
    const moved: CacheEntry[] = [];
    const records: EncodedResult[] = [];
    for (const e of entries) {
      const from = chosen.has(e.pack) ? sectionsOf(e.pack) : undefined;
      if (!from) continue;
      moved.push(e);
      records.push({ meta: from.metas.subarray(e.offset, e.offset + e.length), texts: from.texts.subarray(e.textOffset, e.textOffset + e.textLength) });
    }
    if (moved.length === 0) return;
    const { places, ...built } = buildPack(records);
    const id = randomUUID();
    this.#mine.add(id);
    mkdirSync(this.#packDir, { recursive: true });
    writeFileSync(this.#packFile(id), built.pack);
    this.#packs.set(id, { bytes: built.pack.length, metaBytes: built.metaBytes, sha: built.sha, textSha: built.textSha });
    const byRel = new Map(moved.map((e, i) => [e.rel, { ...e, ...places[i]!, pack: id }]));
    for (let i = 0; i < entries.length; i++) {
      const e = byRel.get(entries[i]!.rel);
      if (e && chosen.has(entries[i]!.pack)) entries[i] = e;
    }
  }

  /** The entries as a new index.bin, its journal gone (it amends the one replaced). */
  #writeIndex(entries: readonly CacheEntry[]): void {
    writeCheckedFile(path.join(this.dir, INDEX_FILE), this.#indexData(entries, randomUUID()));
    rmSync(path.join(this.dir, JOURNAL_FILE), { force: true });
  }

  /**
   * Those of the entries that differ from index.bin's, and its paths not among them, as its
   * journal; false (nothing written) when there is no index.bin to amend or they are too many.
   */
  #writeJournal(entries: readonly CacheEntry[]): boolean {
    const generation = this.#generation;
    if (generation === undefined) return false;
    const limit = Math.max(JOURNAL_MAX, JOURNAL_SHARE * entries.length);
    const changed = entries.filter((e) => this.#base.get(e.rel) !== e);
    if (changed.length > limit) return false;
    const present = new Set(entries.map((e) => e.rel));
    const removed = [...this.#base.keys()].filter((rel) => !present.has(rel));
    if (changed.length + removed.length > limit) return false;
    const journal: JournalData = { ...this.#indexData(changed, generation), base: generation, removed: removed.join(SEP) };
    writeCheckedFile(path.join(this.dir, JOURNAL_FILE), journal);
    return true;
  }

  #indexData(entries: readonly CacheEntry[], generation: string): IndexData {
    const ids = [...new Set(entries.map((e) => e.pack))];
    const at = new Map(ids.map((id, i) => [id, i]));
    const numbers = new Float64Array(entries.length * NUMBERS.length);
    entries.forEach((e, i) => {
      const [mtimeMs, ctimeMs, ino] = e.stat ?? [NaN, NaN, NaN];
      const story = e.story === null ? STORY_NONE : e.story[1] === null ? STORY_UNDATED : STORY_DATED;
      // In NUMBERS order.
      numbers.set([e.size, mtimeMs, ctimeMs, ino, at.get(e.pack)!, e.offset, e.length, e.textOffset, e.textLength, story], i * NUMBERS.length);
    });
    const column = (value: (e: CacheEntry) => string) => entries.map(value).join(SEP);
    return {
      version: this.version,
      generation,
      packs: ids.map((id) => {
        const { bytes, metaBytes, sha, textSha } = this.#packs.get(id)!;
        return [id, bytes, metaBytes, sha, textSha];
      }),
      count: entries.length,
      rels: column((e) => e.rel),
      hashes: column((e) => e.hash),
      timeZones: column((e) => e.timeZone),
      deps: column((e) => JSON.stringify(e.deps)),
      titles: column((e) => e.story?.[0] ?? ""),
      dates: column((e) => e.story?.[1] ?? ""),
      revisions: column((e) => e.story?.[2] ?? ""),
      thins: column((e) => e.thin),
      numbers,
    };
  }

  /** Delete packs (and temporary files) no index refers to, once past the grace period. */
  #collect(keep: ReadonlySet<string>): void {
    const now = Date.now();
    for (const [dir, isGarbage] of [
      [this.#packDir, (f: string) => f.endsWith(".pack") && !keep.has(f.slice(0, -5))],
      [this.dir, (f: string) => f.endsWith(".tmp")],
    ] as const) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (!isGarbage(name)) continue;
        const full = path.join(dir, name);
        try {
          const mine = name.endsWith(".pack") && this.#mine.has(name.slice(0, -5));
          if (mine || now - statSync(full).mtimeMs > GRACE_MS) rmSync(full, { force: true });
        } catch {
          // Gone already.
        }
      }
    }
  }
}

/** What `make` gives; undefined should it throw (bytes that do not read as a record). */
function unlessThrown<T>(make: () => T | undefined): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

function readIndex(file: string): IndexData | undefined {
  const value = readCheckedFile(file);
  return isIndexData(value) ? value : undefined;
}

const TEXT_COLUMNS = ["rels", "hashes", "timeZones", "deps", "titles", "dates", "revisions", "thins"] as const;

function isIndexData(v: unknown): v is IndexData {
  if (!v || typeof v !== "object") return false;
  const d = v as Partial<IndexData>;
  return (
    typeof d.version === "string" && typeof d.generation === "string" && Array.isArray(d.packs) && typeof d.count === "number" &&
    d.numbers instanceof Float64Array && d.numbers.length === d.count * NUMBERS.length &&
    TEXT_COLUMNS.every((c) => typeof d[c] === "string")
  );
}

const isJournal = (d: IndexData): d is JournalData => typeof (d as Partial<JournalData>).base === "string" && typeof (d as Partial<JournalData>).removed === "string";

/** Most records depend on nothing but their bytes (read only). */
const NO_DEPS: FileDeps = Object.freeze({});

/** The entries of an index that name a pack it lists, by seed path, into `into`. */
function readEntries(data: IndexData, into: Map<string, CacheEntry>): void {
  const columns = TEXT_COLUMNS.map((c) => (data.count === 0 ? [] : data[c].split(SEP)));
  if (!columns.every((column) => column.length === data.count)) return;
  const [rels, hashes, timeZones, deps, titles, dates, revisions, thins] = columns;
  // Plain indexing: this runs once a build, before the optimising compiler has seen it.
  const n = data.numbers;
  for (let i = 0, x = 0; i < data.count; i++, x += NUMBERS.length) {
    const pack = data.packs[n[x + AT.pack]!]?.[0];
    if (!pack) continue;
    const story = n[x + AT.story];
    const rel = rels![i]!;
    into.set(rel, {
      rel,
      size: n[x + AT.size]!,
      hash: hashes![i]!,
      timeZone: timeZones![i]!,
      deps: deps![i] === "{}" ? NO_DEPS : (JSON.parse(deps![i]!) as FileDeps),
      stat: Number.isNaN(n[x + AT.mtimeMs]) ? null : [n[x + AT.mtimeMs]!, n[x + AT.ctimeMs]!, n[x + AT.ino]!],
      pack,
      offset: n[x + AT.offset]!,
      length: n[x + AT.length]!,
      textOffset: n[x + AT.textOffset]!,
      textLength: n[x + AT.textLength]!,
      story: story === STORY_NONE ? null : [titles![i]!, story === STORY_UNDATED ? null : dates![i]!, revisions![i]!],
      thin: thins![i]!,
    });
  }
}
