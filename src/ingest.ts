/**
 * Where a seed becomes an Article: the pipeline, stage by stage.
 *
 *   read → decode → front matter → infer → validate → enrich   (per file, here)
 *   → site-wide: stories, unique URLs, order                   (here)
 *   → render (Eleventy, src/render/) → publish (src/publish/)
 *
 * Every file is parsed once; one broken file never stops the others: its
 * error is kept in its report entry, with the cause.
 */
import path from "node:path";
import { decode } from "./decode/index.ts";
import { applyStories } from "./enrich/stories.ts";
import { makeUrlsUnique } from "./enrich/unique_slugs.ts";
import { enrich } from "./enrich/article.ts";
import type { ResolvedImage } from "./enrich/image.ts";
import { fieldsFromFrontMatter } from "./frontmatter/fields.ts";
import { parseFrontMatter } from "./frontmatter/parse.ts";
import { infer } from "./infer/index.ts";
import { gitFirstCommitDates } from "./read/git-dates.ts";
import { readSeedFile } from "./read/read.ts";
import { listSeeds, MAX_SEED_BYTES, type SeedEntry } from "./read/walk.ts";
import type { ReportEntry } from "./report/entry.ts";
import { error, type Message } from "./report/messages.ts";
import type { Article } from "./validate/schema.ts";
import { validate } from "./validate/validate.ts";

export interface IngestOptions {
  seedsDir: string;
  timeZone: string;
  /** Build time: articles dated later are scheduled. */
  now: Date;
  /** Include drafts and scheduled articles (preview). */
  drafts?: boolean;
  /** Per-file results kept between runs (watch mode): unchanged files are not parsed again. */
  cache?: IngestCache;
  /** Called after each file, e.g. for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

export interface Ingested {
  /** What the site shows, newest first. */
  articles: Article[];
  /** Every file under the seeds folder, by path. */
  report: ReportEntry[];
  /** Local images to copy: site URL → absolute source path. */
  assets: Map<string, string>;
}

export interface FileResult {
  entry: ReportEntry;
  article?: Article;
  image?: ResolvedImage;
  millis: number;
}

const READ_CONCURRENCY = 64;

const hasError = (messages: readonly Message[]) => messages.some((m) => m.level === "error");

/** One seed through read → decode → front matter → infer → validate → enrich. */
export function ingestBytes(bytes: Uint8Array, seed: SeedEntry, opts: IngestOptions, gitDates: ReadonlyMap<string, string>): FileResult {
  const entry: ReportEntry = { file: seed.rel, status: "error", url: null, title: null, date: null, sources: {}, messages: [] };
  const done = (more: Partial<FileResult> = {}): FileResult => ({ entry, millis: 0, ...more });

  const decoded = decode(bytes);
  entry.messages.push(...decoded.messages);
  if (decoded.binary || hasError(decoded.messages)) return done();
  if (decoded.text.trim() === "") {
    entry.messages.push(error(bytes.length ? "the file holds only white space; nothing to publish" : "the file is empty; nothing to publish"));
    return done();
  }

  const fm = parseFrontMatter(decoded.text);
  entry.messages.push(...fm.messages);
  if (fm.failed) return done();
  const fields = fieldsFromFrontMatter(fm);
  entry.messages.push(...fields.messages);
  if (fm.body.trim() === "") {
    entry.messages.push(error("the file has front matter but no article text after it", { field: "body", line: fm.bodyLine }));
    return done();
  }

  // A modification time later than the build time (a fresh copy or checkout
  // of old seeds) is clamped to it, so `--now` makes mtime-dated seeds
  // reproducible (the reproducible-builds SOURCE_DATE_EPOCH rule).
  const mtimeMs = Math.min(seed.mtimeMs, opts.now.getTime());
  const inferred = infer(fm.body, fm.bodyLine, fields.candidate, { rel: seed.rel, mtimeMs, gitDates });
  entry.messages.push(...inferred.messages);

  const valid = validate(inferred.candidate);
  entry.sources = valid.sources as Record<string, ReportEntry["sources"][string]>;
  entry.messages.push(...valid.messages);
  if (!valid.data) return done();
  entry.title = valid.data.title;

  const enriched = enrich(valid.data, valid.sources, {
    rel: seed.rel,
    seedsDir: opts.seedsDir,
    timeZone: opts.timeZone,
    nowMillis: opts.now.getTime(),
  });
  entry.messages.push(...enriched.messages);
  const article = enriched.article;
  if (!article || hasError(entry.messages)) return done();
  entry.status = article.status;
  entry.date = article.date;
  return done({ article, image: enriched.image, millis: enriched.millis });
}

async function ingestFile(seed: SeedEntry, opts: IngestOptions, gitDates: ReadonlyMap<string, string>): Promise<FileResult> {
  if (seed.skip) {
    return {
      entry: {
        file: seed.rel, status: seed.skip.level === "error" ? "error" : "skipped", url: null, title: null, date: null, sources: {},
        messages: [{ level: seed.skip.level, message: seed.skip.reason }],
      },
      millis: 0,
    };
  }
  try {
    // Sync read: fs/promises.readFile makes four thread-pool round trips per
    // file, which dominated ingest time at 10k seeds.
    return ingestBytes(readSeedFile(seed.abs, MAX_SEED_BYTES), seed, opts, gitDates);
  } catch (cause) {
    // A bug of ours must not take the other files down; the report says where.
    const reason = cause instanceof Error ? cause.message : String(cause);
    const entry: ReportEntry = {
      file: seed.rel, status: "error", url: null, title: null, date: null, sources: {},
      messages: [error(`could not be read: ${reason}`)],
    };
    if (process.env.NEWSROOM_DEBUG) console.error(new Error(`${seed.rel}: ingest failed`, { cause }));
    return { entry, millis: 0 };
  }
}

/** Run `fn` over `items` with at most `limit` at once, keeping order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Per-file results between runs of `ingest` (watch mode). An entry is reused
 * only while the file's path, size, modification time and git date and the
 * options are the same; the watcher also `forget`s the files it saw change.
 * Callers get copies, so site-wide stages may change them freely.
 */
export class IngestCache {
  readonly #entries = new Map<string, { stamp: string; result: FileResult }>();
  /** Drop the given files (paths relative to the seeds folder), or everything. */
  forget(rels?: Iterable<string>): void {
    if (!rels) this.#entries.clear();
    else for (const rel of rels) this.#entries.delete(rel);
  }
  get size(): number {
    return this.#entries.size;
  }
  async get(seed: SeedEntry, stamp: string, compute: () => Promise<FileResult>): Promise<FileResult> {
    const hit = this.#entries.get(seed.rel);
    if (hit?.stamp === stamp) return copyResult(hit.result);
    const result = await compute();
    this.#entries.set(seed.rel, { stamp, result: copyResult(result) });
    return result;
  }
  /** Keep only files still in the seeds folder. */
  retain(rels: ReadonlySet<string>): void {
    for (const rel of this.#entries.keys()) if (!rels.has(rel)) this.#entries.delete(rel);
  }
}

const copyResult = (r: FileResult): FileResult => ({
  ...r,
  entry: { ...r.entry, sources: { ...r.entry.sources }, messages: [...r.entry.messages] },
  article: r.article && { ...r.article },
});

export async function ingest(opts: IngestOptions): Promise<Ingested> {
  const seedsDir = path.resolve(opts.seedsDir);
  const [seeds, gitDates] = await Promise.all([listSeeds(seedsDir), gitFirstCommitDates(seedsDir)]);
  const { cache, onProgress } = opts;
  cache?.retain(new Set(seeds.map((s) => s.rel)));
  let done = 0;
  const results = await mapLimit(seeds, READ_CONCURRENCY, async (seed) => {
    const run = () => ingestFile(seed, { ...opts, seedsDir }, gitDates);
    const stamp = [seed.abs, seed.size, seed.mtimeMs, gitDates.get(seed.rel) ?? "", opts.now.getTime(), opts.timeZone].join("\0");
    const result = cache && !seed.skip ? await cache.get(seed, stamp, run) : await run();
    onProgress?.(++done, seeds.length);
    return result;
  });

  applyStories(results, opts.timeZone); // site-wide: stories, duplicates, story dates
  const shown = results.filter(
    (r) => r.article && r.entry.status !== "duplicate" && (r.article.status === "published" || opts.drafts),
  );
  makeUrlsUnique(shown.map((r) => r.article!));
  shown.sort((a, b) => b.millis - a.millis || (a.entry.file < b.entry.file ? -1 : 1));

  const assets = new Map<string, string>();
  for (const r of results) {
    if (r.article) r.entry.url = r.article.url;
    if (r.image?.from && r.article) assets.set(r.image.src, r.image.from);
  }
  return { articles: shown.map((r) => r.article!), report: results.map((r) => r.entry), assets };
}
