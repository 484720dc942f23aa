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
 * Records read back from the persistent cache leave `html` and `text`
 * unread until first needed (`texts` given as a function): decoding them was
 * a third of a warm build at 10k seeds, and a build that renders only what
 * changed may never read most of them. Reading or assigning either makes it a
 * plain property again; copies ({...a}, structured clone, JSON) read it like
 * any other.
 */
import v8 from "node:v8";
import type { Article } from "../validate/schema.ts";
import type { FileResult } from "./file.ts";

const HEAD = 8;
const NO_BYTES = Buffer.alloc(0);

export interface EncodedResult {
  meta: Buffer;
  /** html then text, UTF-8 (empty without an article). */
  texts: Buffer;
}

/** An article's html and text as a record stores them. */
export const encodeTexts = (a: Pick<Article, "html" | "text">): Buffer => Buffer.concat([Buffer.from(a.html, "utf8"), Buffer.from(a.text, "utf8")]);

export function encodeResult(result: FileResult): EncodedResult {
  const a = result.article;
  const serialized = v8.serialize(a ? { ...result, article: { ...a, html: "", text: "" } } : result);
  const meta = Buffer.allocUnsafe(HEAD + serialized.length);
  meta.writeUInt32LE(a ? Buffer.byteLength(a.html, "utf8") : 0, 0);
  meta.writeUInt32LE(a ? Buffer.byteLength(a.text, "utf8") : 0, 4);
  serialized.copy(meta, HEAD);
  return { meta, texts: a ? encodeTexts(a) : NO_BYTES };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The result encoded in `meta` and `texts`; throws on bytes that are not one.
 * `texts` as a function: called when html or text is first read (it may throw).
 */
export function decodeResult(meta: Uint8Array, texts: Uint8Array | (() => Uint8Array)): FileResult {
  const buf = asBuffer(meta);
  if (buf.length < HEAD) throw new Error("truncated record");
  const htmlLen = buf.readUInt32LE(0);
  const textLen = buf.readUInt32LE(4);
  const value: unknown = v8.deserialize(buf.subarray(HEAD));
  if (!isFileResult(value)) throw new Error("not a per-file result");
  if (value.article) {
    const source = new TextSource(texts, htmlLen, textLen);
    if (typeof texts === "function") {
      defineLazyText(value.article, "html", source);
      defineLazyText(value.article, "text", source);
    } else {
      value.article.html = source.take("html");
      value.article.text = source.take("text");
    }
  } else if (typeof texts !== "function" && texts.length !== 0) {
    throw new Error("record lengths do not add up");
  }
  return value;
}

type TextKey = "html" | "text";

/** A record's html and text bytes, fetched once, dropped once both are decoded. */
class TextSource {
  #bytes: Buffer | undefined;
  #fetch: (() => Uint8Array) | undefined;
  #pending = 2;
  readonly #htmlLen: number;
  readonly #textLen: number;

  constructor(texts: Uint8Array | (() => Uint8Array), htmlLen: number, textLen: number) {
    if (typeof texts === "function") this.#fetch = texts;
    else this.#bytes = asBuffer(texts);
    this.#htmlLen = htmlLen;
    this.#textLen = textLen;
    this.#check();
  }

  #check(): void {
    if (this.#bytes && this.#bytes.length !== this.#htmlLen + this.#textLen) throw new Error("record lengths do not add up");
  }

  take(key: TextKey): string {
    if (!this.#bytes) {
      this.#bytes = asBuffer(this.#fetch!());
      this.#check();
    }
    const value = key === "html" ? this.#bytes.toString("utf8", 0, this.#htmlLen) : this.#bytes.toString("utf8", this.#htmlLen);
    if (--this.#pending === 0) this.#bytes = this.#fetch = undefined;
    return value;
  }
}

type Getter = () => unknown;
/** Lazily decoded properties by object: their getters, to tell them from a value put there since. */
const lazyGetters = new WeakMap<object, Partial<Record<TextKey, Getter>>>();

/**
 * The properties of `o` not decoded yet, with the getters that would decode
 * them: code that compares records (stories-cache.ts) looks at them without
 * reading them. Undefined when there are none.
 */
export function unreadProperties(o: object): Map<string, Getter> | undefined {
  const getters = lazyGetters.get(o);
  if (!getters) return undefined;
  const unread = new Map<string, Getter>();
  for (const [key, get] of Object.entries(getters)) if (Object.getOwnPropertyDescriptor(o, key)?.get === get) unread.set(key, get);
  if (unread.size === 0) lazyGetters.delete(o);
  return unread.size ? unread : undefined;
}

/** Make a lazy property a plain one holding `value`. */
function settleText(on: object, key: TextKey, value: string): void {
  Object.defineProperty(on, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `target[key]` taken from `source` when first read; the property stays where it was among the others. */
function defineLazyText(target: Record<TextKey, string>, key: TextKey, source: TextSource): void {
  let decoded: string | undefined;
  // Methods of a literal, not function expressions: tsx wraps each of those in a naming helper, 20k calls per warm build.
  const descriptor = {
    enumerable: true,
    configurable: true,
    get(this: object): string {
      decoded ??= source.take(key);
      settleText(this, key, decoded);
      return decoded;
    },
    set(this: object, value: string) {
      settleText(this, key, value);
    },
  };
  Object.defineProperty(target, key, descriptor);
  const getters = lazyGetters.get(target);
  if (getters) getters[key] = descriptor.get;
  else lazyGetters.set(target, { [key]: descriptor.get });
}

/** Enough of a shape check to catch bytes from another format; checksums catch the rest. */
function isFileResult(v: unknown): v is FileResult {
  if (!v || typeof v !== "object") return false;
  const r = v as Partial<FileResult>;
  return typeof r.millis === "number" && !!r.entry && typeof r.entry.file === "string" && Array.isArray(r.entry.messages)
    && (r.article === undefined || typeof r.article === "object");
}
