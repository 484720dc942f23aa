/**
 * The thread that writes a build's files (file-writer.ts): it is given their
 * bytes in batches and makes their folders and files with synchronous calls,
 * while the main thread renders the next pages. After a failure it writes
 * nothing more but still counts the batches it is given, so the main thread,
 * which waits on that count, never waits for ever; the failure is told once.
 */
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { writeInFolder } from "./write-in-folder.ts";

export interface WriterData {
  /** The folder the files' paths are relative to. */
  dir: string;
  /** A server reads the folder meanwhile: each file is renamed into place (write-in-folder.ts). */
  served: boolean;
  /** `[0]`: batches done, counted up after each (file-writer.ts waits on it). */
  done: Int32Array;
}

/** Files to write: file i is `bytes` from `ends[i - 1]` (0 for the first) to `ends[i]`. */
export interface Batch {
  files: string[];
  ends: Uint32Array;
  bytes: Uint8Array;
  /** What each file is, for an error message: `/2025/09/02/slug/ (from wire/a.md)`. */
  names: string[];
}

export type ToWriter = Batch | { end: true };
export type FromWriter = { ended: true } | { failed: string; cause: unknown };

const { dir, served, done } = workerData as WriterData;
const port = parentPort!;
const made = new Set<string>();
let failed = false;

function write(batch: Batch): void {
  let start = 0;
  for (let i = 0; i < batch.files.length && !failed; i++) {
    try {
      writeInFolder(path.join(dir, batch.files[i]!), batch.bytes.subarray(start, batch.ends[i]!), made, served);
    } catch (cause) {
      failed = true;
      port.postMessage({ failed: batch.names[i]!, cause } satisfies FromWriter);
    }
    start = batch.ends[i]!;
  }
}

port.on("message", (m: ToWriter) => {
  if ("end" in m) {
    port.postMessage({ ended: true } satisfies FromWriter);
    port.close();
    return;
  }
  write(m);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
