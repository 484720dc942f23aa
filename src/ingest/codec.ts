/**
 * Per-file results as bytes: how workers hand records to the main thread
 * (one transferred buffer per batch, no second copy) and how the persistent
 * cache stores them (the same bytes, written as they are).
 *
 * A record is two parts. Its meta is V8's serialization of the result
 * without the article's `html` and `text`, after two little-endian u32
 * lengths (html, text). Its texts are `html` then `text` as UTF-8: they are
 * most of a record, and V8 writes a string with one curly quote as UTF-16,
 * which doubled the cache (186 MB instead of 102 MB for 10k seeds). A pack
 * (batch.ts) keeps the metas of its records together and their texts after
 * them, so a warm build reads and checks only the metas.
 *
 * Records do not hold `html` and `text` as strings: they fetch these UTF-8
 * bytes when either is read and decode them then (`texts` given as a
 * function), from the persistent cache's pack or, for records parsed in this
 * build, from a temporary file (body-spill.ts). Decoding them was a third of
 * a warm build at 10k seeds, a build that renders only what changed may
 * never read most of them, and held as strings they took 170 MB at 10k seeds
 * (V8 keeps a string with one curly quote as UTF-16). Each is read about
 * once (the story step reads the text, the article page the html).
 * Assigning either replaces the stored value; copies ({...a}, structured
 * clone, JSON) read it like any other property.
 */
import v8 from "node:v8";
import type { Article } from "../validate/schema.ts";
import { spill, unspill } from "./body-spill.ts";
import type { FileResult } from "./file.ts";

const HEAD = 8;
const NO_BYTES = Buffer.alloc(0);

export interface EncodedResult {
  meta: Buffer;
  /** html then text, UTF-8 (empty without an article). */
  texts: Buffer;
}

/** An article's html then text as UTF-8, as a record stores them, and the length of each. */
function utf8Texts(a: Pick<Article, "html" | "text">): { bytes: Buffer; htmlLen: number; textLen: number } {
  const [html, text] = [Buffer.from(a.html, "utf8"), Buffer.from(a.text, "utf8")];
  return { bytes: Buffer.concat([html, text]), htmlLen: html.length, textLen: text.length };
}

/** An article's html and text as a record stores them. */
export const encodeTexts = (a: Pick<Article, "html" | "text">): Buffer => utf8Texts(a).bytes;

export function encodeResult(result: FileResult): EncodedResult {
  const a = result.article;
  const serialized = v8.serialize(a ? { ...result, article: withoutTexts(a) } : result);
  const texts = a ? utf8Texts(a) : { bytes: NO_BYTES, htmlLen: 0, textLen: 0 };
  const meta = Buffer.allocUnsafe(HEAD + serialized.length);
  meta.writeUInt32LE(texts.htmlLen, 0);
  meta.writeUInt32LE(texts.textLen, 4);
  serialized.copy(meta, HEAD);
  return { meta, texts: texts.bytes };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The length in UTF-8 of the html of the record whose meta starts `meta`. */
export const storedHtmlLength = (meta: Uint8Array): number => asBuffer(meta).readUInt32LE(0);

/**
 * The result encoded in `meta` and `texts`; throws on bytes that are not one.
 * `texts` as a function (called when html or text is read; it may throw) or
 * as their offset in the spill file: read then.
 */
export function decodeResult(meta: Uint8Array, texts: Uint8Array | (() => Uint8Array) | SpillOffset): FileResult {
  const buf = asBuffer(meta);
  if (buf.length < HEAD) throw new Error("truncated record");
  const htmlLen = buf.readUInt32LE(0);
  const textLen = buf.readUInt32LE(4);
  const value: unknown = v8.deserialize(buf.subarray(HEAD));
  if (!isFileResult(value)) throw new Error("not a per-file result");
  if (value.article) {
    const source = typeof texts === "number" ? TextSource.spilled(texts, htmlLen, textLen) : new TextSource(texts, htmlLen, textLen);
    if (typeof texts !== "object") {
      value.article = withLazyTexts(value.article, source);
    } else {
      value.article.html = source.take("html");
      value.article.text = source.take("text");
    }
  } else if (typeof texts === "object" && texts.length !== 0) {
    throw new Error("record lengths do not add up");
  }
  return value;
}

type TextKey = "html" | "text";
/** Each property's bit in a TextSource's record of what was read. */
const READ: Record<TextKey, number> = { html: 1, text: 2 };

/** Where a record's html and text bytes are, fetched and decoded on every read (they stay where they lie: a cache pack, the spill file). */
class TextSource {
  #bytes: Buffer | undefined;
  #fetch: (() => Uint8Array) | undefined;
  /** Properties read (or assigned) since, as READ bits: no longer "unread". */
  #read = 0;
  /** Values assigned to the properties since (they replace the stored ones). Fields, not a set and an object: one is made for each of 10,000s of records. */
  #html: string | undefined;
  #text: string | undefined;
  readonly #htmlLen: number;
  readonly #textLen: number;

  static spilled(at: SpillOffset, htmlLen: number, textLen: number): TextSource {
    return new TextSource(() => unspill(at, htmlLen + textLen), htmlLen, textLen);
  }

  constructor(texts: Uint8Array | (() => Uint8Array), htmlLen: number, textLen: number) {
    if (typeof texts === "function") this.#fetch = texts;
    else this.#bytes = asBuffer(texts);
    this.#htmlLen = htmlLen;
    this.#textLen = textLen;
  }

  /** Another source of the same stored values, with this one's assignments (for a copy of its record). */
  copy(): TextSource {
    const copy = new TextSource(this.#bytes ?? this.#fetch!, this.#htmlLen, this.#textLen);
    [copy.#html, copy.#text, copy.#read] = [this.#html, this.#text, this.#read];
    return copy;
  }

  /** The property's value: as assigned, else as stored. */
  get(key: TextKey): string {
    return (key === "html" ? this.#html : this.#text) ?? this.take(key);
  }

  set(key: TextKey, value: string): void {
    if (key === "html") this.#html = value;
    else this.#text = value;
    this.#read |= READ[key];
  }

  /** Whether the property still holds the stored value and was never read. */
  unread(key: TextKey): boolean {
    return (this.#read & READ[key]) === 0;
  }

  /** The stored value, decoded. */
  take(key: TextKey): string {
    // Fetched on every read, not kept: where the bytes come from (a cache pack, the spill file) holds them.
    const bytes = this.#bytes ?? asBuffer(this.#fetch!());
    if (bytes.length !== this.#htmlLen + this.#textLen) throw new Error("record lengths do not add up");
    this.#read |= READ[key];
    return key === "html" ? bytes.toString("utf8", 0, this.#htmlLen) : bytes.toString("utf8", this.#htmlLen);
  }
}

/** Where the lazy properties of each record read from the cache come from. */
const sources = new WeakMap<object, TextSource>();

function sourceOf(o: object): TextSource {
  // The object itself, unless the getter was reached through one inheriting from it.
  for (let at: object | null = o; at; at = Object.getPrototypeOf(at) as object | null) {
    const source = sources.get(at);
    if (source) return source;
  }
  throw new Error("a lazily decoded record lost its source");
}

/**
 * One accessor pair per property for every record, not one per record, and
 * the properties stay accessors once read: redefining a property (a closure
 * per record, or turning an accessor back into a value) made V8 keep each
 * article as a slow dictionary and cost more than the decoding it put off.
 */
const lazyDescriptor = (key: TextKey): PropertyDescriptor => ({
  enumerable: true,
  configurable: true,
  get(this: object): string {
    return sourceOf(this).get(key);
  },
  set(this: object, value: string) {
    sourceOf(this).set(key, value);
  },
});
const LAZY: Record<TextKey, PropertyDescriptor> = { html: lazyDescriptor("html"), text: lazyDescriptor("text") };

/** The article's other properties, in their order (a fresh object). */
function withoutTexts(a: Article): Omit<Article, TextKey> {
  const { html: _html, text: _text, ...rest } = a;
  return rest;
}

/**
 * `a`, which has no `html` and `text` of its own, with both taken from
 * `source` when read (they come last among its properties). Both are added in
 * one step: an article given its properties one by one (`out[k] = …`, as an
 * earlier version copied them) became a slow dictionary to V8, and every later
 * read of it slower.
 */
function withLazyTexts(a: Omit<Article, TextKey>, source: TextSource): Article {
  const out = Object.defineProperties(a, LAZY) as Article;
  sources.set(out, source);
  return out;
}

/** An article of `fields`, its html and text decoded from `texts` (html's `htmlLen` bytes, then text's) when first read. */
export const withTextsFrom = (fields: Omit<Article, TextKey>, texts: () => Uint8Array, htmlLen: number, textLen: number): Article =>
  withLazyTexts(fields, new TextSource(texts, htmlLen, textLen));

/**
 * `result` with its article's html and text moved to the spill file and read
 * from there when read (as records from workers and the cache read them from
 * where they lie): for records parsed in this thread. One already kept that
 * way is returned as it is.
 */
export function withCompactTexts(result: FileResult): FileResult {
  const a = result.article;
  if (!a || sources.has(a)) return result;
  const { bytes, htmlLen, textLen } = utf8Texts(a);
  return { ...result, article: withLazyTexts(withoutTexts(a), TextSource.spilled(spill(bytes), htmlLen, textLen)) };
}

/** An offset in the spill file (body-spill.ts). */
type SpillOffset = number;

/**
 * Makes copies of `a` (each its own object, with the same values); copies of
 * an article whose html and text are kept as bytes keep them so, undecoded.
 * The maker reads `a` once, so each copy costs one plain object copy (the
 * preview's in-memory cache hands out a copy of every record per rebuild).
 */
export function articleCopier(a: Article): () => Article {
  const source = sources.get(a)?.copy();
  if (!source) {
    const fields = { ...a };
    return () => ({ ...fields });
  }
  // Descriptors, not `{ ...a }`: spreading reads, and so decodes, both bodies.
  const { html: _html, text: _text, ...others } = Object.getOwnPropertyDescriptors(a);
  const fields: object = Object.defineProperties({}, others);
  return () => {
    const copy = Object.defineProperties({ ...fields }, LAZY) as Article;
    sources.set(copy, source.copy());
    return copy;
  };
}

/**
 * Whether a lazy property still holds the stored value, not decoded yet: how
 * the tests check that a build decoded only the texts it had to. Undefined
 * for an object without lazy properties.
 */
export interface LazyTexts {
  unread(key: string): boolean;
}

export function lazyTexts(o: object): LazyTexts | undefined {
  const source = sources.get(o);
  if (!source) return undefined;
  return {
    unread: (key) => (key === "html" || key === "text") && source.unread(key) && Object.getOwnPropertyDescriptor(o, key)?.get === LAZY[key].get,
  };
}

/** Enough of a shape check to catch bytes from another format; checksums catch the rest. */
function isFileResult(v: unknown): v is FileResult {
  if (!v || typeof v !== "object") return false;
  const r = v as Partial<FileResult>;
  return typeof r.millis === "number" && !!r.entry && typeof r.entry.file === "string" && Array.isArray(r.entry.messages)
    && (r.article === undefined || typeof r.article === "object");
}
