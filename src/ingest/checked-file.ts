/**
 * A cache file that vouches for itself: its first 32 bytes are the SHA-256 of
 * the rest, so a damaged, truncated or foreign file reads as nothing rather
 * than as a wrong value. Written to a temporary file and renamed into place,
 * so a build killed mid-write leaves the old file or the new one, never half.
 */
import { createHash, randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const SHA_BYTES = 32;

/** SHA-256 in hex: of a checked file's payload, and of each section of a cache pack (batch.ts). */
export const packSha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Write `value` (V8-serialized) to `file`, atomically. Temporary files end in `.tmp`. */
export function writeCheckedFile(file: string, value: unknown): void {
  const payload = v8.serialize(value);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  // Two writes rather than one concatenated copy: the payload can be tens of megabytes.
  const fd = openSync(tmp, "w");
  try {
    writeAll(fd, Buffer.from(packSha(payload), "hex"));
    writeAll(fd, payload);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/** The value in `file`, or undefined when it is missing, unreadable or does not match its checksum. */
export function readCheckedFile(file: string): unknown {
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(SHA_BYTES);
    if (bytes.length <= SHA_BYTES || packSha(payload) !== bytes.subarray(0, SHA_BYTES).toString("hex")) return undefined;
    return v8.deserialize(payload);
  } catch {
    return undefined;
  }
}

/**
 * `file` as a store for a cache: what does not read back is nothing, and a write that fails is
 * dropped, since a cache only saves time and its failure is no failure of the build (`write` says
 * whether it was saved).
 */
export const checkedFileStore = (file: string) => ({
  read: () => readCheckedFile(file),
  write(value: unknown): boolean {
    try {
      writeCheckedFile(file, value);
      return true;
    } catch (cause) {
      if (process.env.NEWSROOM_DEBUG) console.error(new Error(`${file} not saved`, { cause }));
      return false;
    }
  },
});
