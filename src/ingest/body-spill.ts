/**
 * Article bodies parsed in this process, kept in a temporary file instead of
 * in memory: a record holds where its html and text lie and reads them back
 * when they are read (codec.ts), about twice per article in a full build
 * (the story step, the article page). Bodies are most of a record; at 100k
 * seeds, 850 MB that the process no longer holds (the file's pages are the
 * operating system's cache, given back under pressure).
 *
 * The file is removed as soon as it is open (POSIX keeps it until the
 * process closes it, so nothing is left behind, even after a crash);
 * where that is refused (Windows), it is removed at exit.
 */
import { closeSync, openSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { readFully } from "./read-fully.ts";

let fd: number | undefined;
let size = 0;

/** The file's descriptor, opening it if need be. */
function spillFile(): number {
  if (fd !== undefined) return fd;
  const file = path.join(tmpdir(), `newsroom-bodies-${process.pid}-${randomUUID()}`);
  fd = openSync(file, "w+", 0o600);
  try {
    unlinkSync(file);
  } catch {
    process.once("exit", () => {
      if (fd !== undefined) closeSync(fd);
      rmSync(file, { force: true });
    });
  }
  return fd;
}

/** Appends `bytes`; returns their offset in the file. */
export function spill(bytes: Uint8Array): number {
  const at = size;
  const f = spillFile();
  for (let done = 0; done < bytes.length; ) done += writeSync(f, bytes, done, bytes.length - done, at + done);
  size += bytes.length;
  return at;
}

/** `length` bytes from `offset`, as spilled. */
export function unspill(offset: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  if (!readFully(spillFile(), bytes, offset)) throw new Error("the spilled article bodies are shorter than recorded");
  return bytes;
}
