/**
 * Per-file results as bytes: how workers hand records to the main thread
 * (one transferred buffer per batch, no second copy) and how the persistent
 * cache stores them (the same bytes, written as they are).
 *
 * A record is V8's serialization of the result, except the article's `html`
 * and `text`, which are most of its size and are stored as UTF-8: V8 writes
 * a string with one curly quote as UTF-16, which doubled the cache (186 MB
 * instead of 102 MB for 10k seeds). Layout: three little-endian u32 lengths
 * (meta, html, text), then the three parts.
 *
 * Records read back from the persistent cache may leave `html` and `text`
 * encoded until first read (`lazy`): they are most of a record, decoding
 * them was a third of a warm build at 10k seeds, and a build that renders
 * only what changed may never read most of them. Reading or assigning either
 * makes it a plain property again; copies ({...a}, structured clone, JSON)
 * read it like any other.
 */
import v8 from "node:v8";
import type { FileResult } from "./file.ts";

const HEAD = 12;

export function encodeResult(result: FileResult): Buffer {
  const a = result.article;
  const html = a ? Buffer.from(a.html, "utf8") : undefined;
  const text = a ? Buffer.from(a.text, "utf8") : undefined;
  const meta = v8.serialize(a ? { ...result, article: { ...a, html: "", text: "" } } : result);
  const out = Buffer.allocUnsafe(HEAD + meta.length + (html?.length ?? 0) + (text?.length ?? 0));
  out.writeUInt32LE(meta.length, 0);
  out.writeUInt32LE(html?.length ?? 0, 4);
  out.writeUInt32LE(text?.length ?? 0, 8);
  meta.copy(out, HEAD);
  html?.copy(out, HEAD + meta.length);
  text?.copy(out, HEAD + meta.length + (html?.length ?? 0));
  return out;
}

/** The result encoded in `bytes`; throws on bytes that are not one. `lazy`: html and text decoded on first read. */
export function decodeResult(bytes: Uint8Array, lazy = false): FileResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEAD) throw new Error("truncated record");
  const metaLen = buf.readUInt32LE(0);
  const htmlLen = buf.readUInt32LE(4);
  const textLen = buf.readUInt32LE(8);
  if (HEAD + metaLen + htmlLen + textLen !== buf.length) throw new Error("record lengths do not add up");
  const value: unknown = v8.deserialize(buf.subarray(HEAD, HEAD + metaLen));
  if (!isFileResult(value)) throw new Error("not a per-file result");
  if (value.article) {
    const start = HEAD + metaLen;
    const set = lazy ? defineLazyText : defineText;
    set(value.article, "html", buf, start, start + htmlLen);
    set(value.article, "text", buf, start + htmlLen, start + htmlLen + textLen);
  }
  return value;
}

type TextKey = "html" | "text";

function defineText(target: Record<TextKey, string>, key: TextKey, buf: Buffer, start: number, end: number): void {
  target[key] = buf.toString("utf8", start, end);
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

/** `target[key]` decoded from `buf` when first read; the property stays where it was among the others. */
function defineLazyText(target: Record<TextKey, string>, key: TextKey, buf: Buffer, start: number, end: number): void {
  let decoded: string | undefined;
  // Dropped once decoded, so that a pack whose records were all read can be freed.
  let source: Buffer | undefined = buf;
  // Methods of a literal, not function expressions: tsx wraps each of those in a naming helper, 20k calls per warm build.
  const descriptor = {
    enumerable: true,
    configurable: true,
    get(this: object): string {
      if (decoded === undefined) {
        decoded = source!.toString("utf8", start, end);
        source = undefined;
      }
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
