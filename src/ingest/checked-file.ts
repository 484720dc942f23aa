/**
 * A cache file that vouches for itself: its first 32 bytes are the SHA-256 of
 * the rest, so a damaged, truncated or foreign file reads as nothing rather
 * than as a wrong value. Written to a temporary file and renamed into place,
 * so a build killed mid-write leaves the old file or the new one, never half.
 *
 * The rest is a value in one of two formats (`FileFormat`): V8's
 * serialization, for any value, or `COLUMNS`, for a flat object of typed
 * arrays and JSON values, whose arrays are read back as views of the file's
 * bytes. V8's deserializer copies every typed array: for the story step's
 * phase-1 records (25 MB at 10k articles, 234 MB at 100k) that was a second
 * allocation of the file's size and 13–14 ms at 10k, 73–391 ms at 100k, on
 * the path of a rebuild.
 */
import { createHash, randomUUID } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { readFully } from "./read-fully.ts";
import path from "node:path";
import v8 from "node:v8";

const SHA_BYTES = 32;

/** SHA-256 in hex: of a checked file's payload, and of each section of a cache pack (batch.ts). */
export const packSha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** How a value becomes a checked file's payload (as pieces, written one after the other) and back; `decode` may throw. */
export interface FileFormat {
  encode(value: unknown): Uint8Array[];
  decode(payload: Buffer): unknown;
}

export const V8: FileFormat = {
  encode: (value) => [v8.serialize(value)],
  decode: (payload) => v8.deserialize(payload),
};

const TYPED = { Int32Array, Uint32Array, Uint16Array, Uint8Array, Float32Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;
/** The column type of `v`; undefined for a value that is no typed array (it goes to the JSON head). */
function typedName(name: string, v: unknown): TypedName | undefined {
  if (!ArrayBuffer.isView(v)) return undefined;
  const type = (Object.keys(TYPED) as TypedName[]).find((t) => v.constructor === TYPED[t]);
  // A Buffer, DataView or BigInt64Array would otherwise be written as JSON and read back as something else.
  if (type === undefined) throw new Error(`column ${name}: a ${v.constructor.name} cannot be stored as a column`);
  return type;
}

/** Columns start at multiples of 8 bytes from the payload's start, so that any of them can be viewed where it lies. */
const ALIGN = 8;
/** How many bytes after `length` bytes reach the next multiple of ALIGN. */
const padLength = (length: number) => (ALIGN - (length % ALIGN)) % ALIGN;
const padding = (length: number) => new Uint8Array(padLength(length));

/** A COLUMNS payload's JSON head: the values that are no typed array, then each column's name, type and length, in order. */
interface ColumnsHead {
  values: Record<string, unknown>;
  columns: Array<[name: string, type: TypedName, length: number]>;
}

/**
 * A flat object: its typed arrays as their bytes, its other values as JSON.
 * The payload is a u32 (little-endian) length, a JSON head of that length
 * (`values`, and `columns` as [name, type, length] in order), then each
 * column's bytes, each starting at a multiple of 8, in the machine's byte
 * order (a cache stays on the machine that wrote it).
 */
export const COLUMNS: FileFormat = {
  encode(value) {
    const { values, columns }: ColumnsHead = { values: {}, columns: [] };
    const bytes: Uint8Array[] = [];
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const type = typedName(name, v);
      if (type === undefined) values[name] = v;
      else {
        const column = v as Typed;
        columns.push([name, type, column.length]);
        bytes.push(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
      }
    }
    const head = Buffer.from(JSON.stringify({ values, columns }), "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    const pieces: Uint8Array[] = [length, head, padding(4 + head.length)];
    for (const b of bytes) pieces.push(b, padding(b.length));
    return pieces;
  },
  decode(payload) {
    const headEnd = 4 + payload.readUInt32LE(0);
    const { values, columns } = JSON.parse(payload.toString("utf8", 4, headEnd)) as ColumnsHead;
    const out: Record<string, unknown> = { ...values };
    // A file's bytes as read (readFileSync): never a SharedArrayBuffer.
    const buffer = payload.buffer as ArrayBuffer;
    let at = headEnd + padLength(headEnd);
    for (const [name, type, length] of columns) {
      const Ctor = TYPED[type];
      const size = length * Ctor.BYTES_PER_ELEMENT;
      if (at + size > payload.length) throw new Error("truncated column");
      const offset = payload.byteOffset + at;
      // A view where the bytes lie; a copy when they do not start at a multiple of the element size (a small file in Node's buffer pool).
      out[name] = offset % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(buffer, offset, length) : new Ctor(buffer.slice(offset, offset + size));
      at += size + padLength(size);
    }
    return out;
  },
};

/** Write `value` to `file` in `format` (V8's serialization unless told), atomically. Temporary files end in `.tmp`. */
export function writeCheckedFile(file: string, value: unknown, format: FileFormat = V8): void {
  const pieces = format.encode(value);
  const sha = createHash("sha256");
  for (const piece of pieces) sha.update(piece);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  // Piece by piece rather than one concatenated copy: a payload can be hundreds of megabytes.
  const fd = openSync(tmp, "w");
  try {
    writeAll(fd, sha.digest());
    for (const piece of pieces) writeAll(fd, piece);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/** The value in `file` (written in `format`), or undefined when it is missing, unreadable or does not match its checksum. */
export function readCheckedFile(file: string, format: FileFormat = V8): unknown {
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(SHA_BYTES);
    if (bytes.length <= SHA_BYTES || packSha(payload) !== bytes.subarray(0, SHA_BYTES).toString("hex")) return undefined;
    return format.decode(payload);
  } catch {
    return undefined;
  }
}

/**
 * The value in a `COLUMNS` file, or undefined as `readCheckedFile` gives it, with each column read
 * into memory of its own: `room(name, length)` more elements past its end for a column that its
 * reader may grow in place (the story thread's phase-1 records: stories/records.ts `spare`),
 * where in one buffer it would run into the next column.
 */
export function readCheckedColumns(file: string, room: (name: string, length: number) => number): unknown {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    const sha = createHash("sha256");
    let at = 0;
    /** The next bytes of the file into `into`, hashed unless told. */
    const readInto = (into: Uint8Array, hashed = true) => {
      if (!readFully(fd!, into, at)) throw new Error("truncated");
      at += into.length;
      if (hashed) sha.update(into);
    };
    const expected = Buffer.alloc(SHA_BYTES);
    readInto(expected, false);
    const length = Buffer.alloc(4);
    readInto(length);
    const headLength = length.readUInt32LE(0);
    const head = Buffer.alloc(headLength + padLength(4 + headLength));
    readInto(head);
    const { values, columns } = JSON.parse(head.toString("utf8", 0, headLength)) as ColumnsHead;
    const out: Record<string, unknown> = { ...values };
    for (const [name, type, count] of columns) {
      const Ctor = TYPED[type];
      const bytes = count * Ctor.BYTES_PER_ELEMENT;
      // The padding after the column is read (and hashed) into the start of its room.
      const buffer = new ArrayBuffer(bytes + padLength(bytes) + Math.max(0, room(name, count)) * Ctor.BYTES_PER_ELEMENT);
      readInto(new Uint8Array(buffer, 0, bytes + padLength(bytes)));
      out[name] = new Ctor(buffer, 0, count);
    }
    return at === size && sha.digest().equals(expected) ? out : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * `file` as a store for a cache: what does not read back is nothing, and a write that fails is
 * dropped, since a cache only saves time and its failure is no failure of the build (`write` says
 * whether it was saved).
 */
export const checkedFileStore = (file: string, format: FileFormat = V8) => ({
  read: () => readCheckedFile(file, format),
  write(value: unknown): boolean {
    try {
      writeCheckedFile(file, value, format);
      return true;
    } catch (cause) {
      if (process.env.NEWSROOM_DEBUG) console.error(new Error(`${file} not saved`, { cause }));
      return false;
    }
  },
});
