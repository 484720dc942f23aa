/**
 * One seed through decode → front matter → infer → validate → enrich. Runs in
 * the main thread or in a worker (worker.ts), so it takes plain values and
 * returns plain records (structured-clone safe).
 *
 * Besides the record it says what the record depended on other than the
 * file's bytes, its path and the time zone: the git date or modification
 * time (only when the date was guessed from them) and how a front-matter
 * image was found on disk. The persistent cache (disk-cache.ts) reuses a
 * record only while those are unchanged.
 */
import { createHash } from "node:crypto";
import { decode } from "../decode/index.ts";
import { enrich } from "../enrich/article.ts";
import { resolveImage, type ResolvedImage } from "../enrich/image.ts";
import { fieldsFromFrontMatter } from "../frontmatter/fields.ts";
import { parseFrontMatter } from "../frontmatter/parse.ts";
import { infer } from "../infer/index.ts";
import type { InferContext } from "../infer/state.ts";
import { readSeedFile } from "../read/read.ts";
import { MAX_SEED_BYTES, type SeedEntry } from "../read/walk.ts";
import type { ReportEntry } from "../report/entry.ts";
import { error, type Message } from "../report/messages.ts";
import type { Article } from "../validate/schema.ts";
import { validate } from "../validate/validate.ts";

export interface FileResult {
  entry: ReportEntry;
  article?: Article;
  image?: ResolvedImage;
  millis: number;
}

/** What a record depended on besides bytes, path and time zone (absent: not consulted). */
export interface FileDeps {
  /** The file's first-commit date as seen (null: none). */
  git?: string | null;
  /** The modification time used, already clamped to the build time. */
  mtime?: number;
  /** A front-matter image as written, and how it resolved (imageOutcome). */
  image?: { written: string; outcome: string };
}

/** Everything about the build a per-file result may depend on. */
export interface FileContext {
  seedsDir: string;
  timeZone: string;
  nowMillis: number;
  /** This file's first-commit date, if in git. */
  git?: string;
  /** Hash of the pipeline code (disk-cache.ts pipelineVersion), given by the main thread: articles then get a `revision`. */
  pipeline?: string;
}

const hasError = (messages: readonly Message[]) => messages.some((m) => m.level === "error");

/** How a front-matter image resolved, as one comparable string. */
export const imageOutcome = (image: ResolvedImage | undefined, messages: readonly Message[]): string => JSON.stringify([image ?? null, messages]);

/**
 * Infer asks for the git date through a map; this one holds only this
 * file's date and notes that it was asked.
 */
class WatchedGitDates extends Map<string, string> {
  readonly #onRead: () => void;
  constructor(rel: string, date: string | undefined, onRead: () => void) {
    super(date === undefined ? [] : [[rel, date]]);
    this.#onRead = onRead;
  }
  override get(key: string): string | undefined {
    this.#onRead();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.#onRead();
    return super.has(key);
  }
}

/** The per-file pipeline, noting what the result depended on. */
export function ingestTracked(bytes: Uint8Array, seed: SeedEntry, ctx: FileContext): { result: FileResult; deps: FileDeps } {
  const deps: FileDeps = {};
  const entry: ReportEntry = { file: seed.rel, status: "error", url: null, title: null, date: null, sources: {}, messages: [] };
  const done = (more: Partial<FileResult> = {}) => ({ result: { entry, millis: 0, ...more }, deps });

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
  const mtimeMs = Math.min(seed.mtimeMs, ctx.nowMillis);
  const context: InferContext = {
    rel: seed.rel,
    get mtimeMs() {
      deps.mtime = mtimeMs;
      return mtimeMs;
    },
    gitDates: new WatchedGitDates(seed.rel, ctx.git, () => (deps.git = ctx.git ?? null)),
  };
  const inferred = infer(fm.body, fm.bodyLine, fields.candidate, context);
  entry.messages.push(...inferred.messages);

  const valid = validate(inferred.candidate);
  entry.sources = valid.sources as Record<string, ReportEntry["sources"][string]>;
  entry.messages.push(...valid.messages);
  if (!valid.data) return done();
  entry.title = valid.data.title;

  const enriched = enrich(valid.data, valid.sources, {
    rel: seed.rel,
    seedsDir: ctx.seedsDir,
    timeZone: ctx.timeZone,
    nowMillis: ctx.nowMillis,
    resolveImage: (written, rel, seedsDir, messages) => {
      const mine: Message[] = [];
      const image = resolveImage(written, rel, seedsDir, mine);
      deps.image = { written, outcome: imageOutcome(image, mine) };
      messages.push(...mine);
      return image;
    },
  });
  entry.messages.push(...enriched.messages);
  const article = enriched.article;
  if (!article || hasError(entry.messages)) return done();
  entry.status = article.status;
  entry.date = article.date;
  return done({ article, image: enriched.image, millis: enriched.millis });
}

/** A file the walk refused (symlink, hidden, too large, …): its report entry. */
export function skippedResult(seed: SeedEntry): FileResult {
  const skip = seed.skip!;
  return {
    entry: {
      file: seed.rel, status: skip.level === "error" ? "error" : "skipped", url: null, title: null, date: null, sources: {},
      messages: [{ level: skip.level, message: skip.reason }],
    },
    millis: 0,
  };
}

function failedResult(seed: SeedEntry, cause: unknown): FileResult {
  // A bug of ours must not take the other files down; the report says where.
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (process.env.NEWSROOM_DEBUG) console.error(new Error(`${seed.rel}: ingest failed`, { cause }));
  return {
    entry: { file: seed.rel, status: "error", url: null, title: null, date: null, sources: {}, messages: [error(`could not be read: ${reason}`)] },
    millis: 0,
  };
}

/** What an article's html and text are made from: the bytes, the pipeline, the zone and whatever else the record read. */
const revisionOf = (hash: string, pipeline: string, timeZone: string, deps: FileDeps) =>
  createHash("sha256").update(`${hash}\0${pipeline}\0${timeZone}\0${JSON.stringify(deps)}`).digest("base64url");

/** The cache key part that stands for the file's bytes. */
export const contentHash = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("base64url");

export interface SeedOutcome {
  result: FileResult;
  /** Hash of the bytes the result was made from; null: not cacheable (unreadable, or a bug). */
  hash: string | null;
  deps: FileDeps;
}

/** Read one seed and run it through the pipeline; never throws. */
export function ingestSeed(seed: SeedEntry, ctx: FileContext): SeedOutcome {
  let bytes: Uint8Array;
  try {
    // Sync read: fs/promises.readFile makes four thread-pool round trips per
    // file, which dominated ingest time at 10k seeds.
    bytes = readSeedFile(seed.abs, MAX_SEED_BYTES);
  } catch (cause) {
    return { result: failedResult(seed, cause), hash: null, deps: {} };
  }
  try {
    const { result, deps } = ingestTracked(bytes, seed, ctx);
    const hash = contentHash(bytes);
    if (result.article && ctx.pipeline) result.article.revision = revisionOf(hash, ctx.pipeline, ctx.timeZone, deps);
    return { result, hash, deps };
  } catch (cause) {
    return { result: failedResult(seed, cause), hash: null, deps: {} };
  }
}
