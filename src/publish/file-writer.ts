/**
 * Writes files on a thread of its own (file-writer-thread.ts) while this one
 * renders: a build that writes thousands of pages spends about as long in the
 * kernel making their folders and files as in rendering them, and on a second
 * core that time overlaps the rendering. Each page is encoded (UTF-8,
 * straight from the string) into the batch being filled, and batches of
 * about 1 MB are handed over without a copy; this thread waits while too
 * many are still being written, so memory holds a few megabytes, not the site.
 */
import type { Worker } from "node:worker_threads";
import { startWorker, startWorkerNow } from "../threads/start-worker.ts";
import type { Batch, FromWriter, ToWriter, WriterData } from "./file-writer-thread.ts";

export const FILE_WRITER = new URL("./file-writer-thread.ts", import.meta.url);

/** A batch is handed over once it holds this many bytes. */
const BATCH_BYTES = 1 << 20;
/** This thread waits while more batches than this are not written yet. */
const PENDING_MAX = 8;
/** A writer that has not written a batch for this long is taken for dead. */
const STALLED_MS = 60_000;

const encoder = new TextEncoder();

export class FileWriter {
  readonly #worker: Worker;
  readonly #done: Int32Array;
  readonly #ended: Promise<void>;
  #posted = 0;
  #bytes = new Uint8Array(BATCH_BYTES);
  #used = 0;
  #files: string[] = [];
  #ends: number[] = [];
  #names: string[] = [];

  private constructor(worker: Worker, done: Int32Array) {
    this.#worker = worker;
    this.#done = done;
    this.#ended = new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWriter) => {
        if ("failed" in m) reject(new Error(`could not write ${m.failed}`, { cause: m.cause }));
        else resolve();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the file writer stopped (exit code ${code})`)));
    }).finally(() => worker.terminate());
    // Seen even if this thread fails first; `close` hands it on.
    this.#ended.catch(() => undefined);
  }

  /** A writer of files under `dir` (`served`: a server reads it meanwhile, write-in-folder.ts). */
  static async start(dir: string, served = false): Promise<FileWriter> {
    const done = new Int32Array(new SharedArrayBuffer(4));
    const opts = { workerData: { dir, served, done } satisfies WriterData };
    return new FileWriter(startWorkerNow(FILE_WRITER, opts) ?? (await startWorker(FILE_WRITER, opts)), done);
  }

  /** Writes `text` to `file` (relative to the folder), `name` saying what it is should that fail. */
  add(file: string, text: string, name: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = 3 * text.length;
    if (this.#used + room > this.#bytes.length) this.#handOver(room);
    this.#used += encoder.encodeInto(text, this.#bytes.subarray(this.#used)).written;
    this.#files.push(file);
    this.#ends.push(this.#used);
    this.#names.push(name);
  }

  /** Writes what is left; settles once every file is written, or with the first failure. */
  async close(): Promise<void> {
    if (this.#files.length) this.#handOver(0);
    this.#worker.postMessage({ end: true } satisfies ToWriter);
    await this.#ended;
  }

  /** Stops the thread at once, whatever it has not written yet (this thread failed). */
  stop(): void {
    void this.#worker.terminate();
  }

  /** Hands the batch over and starts one with room for at least `room` bytes, once few enough are pending. */
  #handOver(room: number): void {
    if (this.#files.length) {
      const batch: Batch = { files: this.#files, ends: Uint32Array.from(this.#ends), bytes: this.#bytes.subarray(0, this.#used), names: this.#names };
      this.#worker.postMessage(batch satisfies ToWriter, [this.#bytes.buffer]);
      this.#posted++;
    }
    this.#bytes = new Uint8Array(Math.max(BATCH_BYTES, room));
    [this.#used, this.#files, this.#ends, this.#names] = [0, [], [], []];
    // Atomics.wait blocks this thread, which is allowed in Node (not in browsers).
    let since = Date.now();
    for (let done = Atomics.load(this.#done, 0); this.#posted - done > PENDING_MAX; done = Atomics.load(this.#done, 0)) {
      if (Atomics.wait(this.#done, 0, done, 1000) !== "timed-out") since = Date.now();
      else if (Date.now() - since > STALLED_MS) {
        this.stop();
        throw new Error("the file writer stopped writing");
      }
    }
  }
}
