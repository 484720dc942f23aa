/**
 * Per-file ingest over several threads. The seeds are cut into batches kept
 * in one queue; each worker has at most IN_FLIGHT batches posted to it (so
 * it never waits for the next one, and a slow or late worker takes fewer),
 * and the main thread, when it works too, takes batches from the same queue
 * between handling messages. Results are delivered per batch with the
 * batch's position, so the caller puts them in seed order whatever thread
 * ran them: the output is the same as one thread's.
 *
 * Workers start as soon as the pool is created (startWorker bundles them),
 * which the caller does before it knows the exact work, so start-up overlaps
 * with listing and cache look-ups. A worker that fails to start, crashes or
 * throws hands its batches back; with no worker left the main thread does
 * everything.
 */
import type { Worker } from "node:worker_threads";
import { startWorker } from "../threads/start-worker.ts";
import { packOutcomes, runItems, unpack, type BatchContext, type PackedBatch, type WorkItem } from "./batch.ts";
import type { FileResult } from "./file.ts";
import type { TermRecords } from "../stories/records.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

/** Batches posted to a worker and not yet answered. */
const IN_FLIGHT = 2;
/** A worker not ready by then is given up (its batches go to the others). */
const START_TIMEOUT_MS = 60_000;

export interface BatchDone {
  /** Index in the items given to `run` of the batch's first seed. */
  start: number;
  results: FileResult[];
  /** The encoded batch: always from a worker; from the main thread only when `wantPacks`. */
  packed?: PackedBatch;
  /** The story step's records of the batch's articles, when asked (`terms`) and received intact. */
  terms?: TermRecords;
}

export interface RunOptions {
  batchSize: number;
  /** The main thread takes batches too (else it only hands them out and decodes results). */
  mainWorks: boolean;
  /** Encode batches the main thread runs (the persistent cache stores packs). */
  wantPacks: boolean;
  /** Make the story step's records of each batch's articles (batch-terms.ts), in the thread that parsed it. */
  terms?: typeof import("./batch-terms.ts");
}

interface Slot {
  worker?: Worker;
  alive: boolean;
  ready: boolean;
  inFlight: Set<number>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The module the parsing workers run. */
export const PARSE_WORKER = new URL("./worker.ts", import.meta.url);

export class WorkerPool {
  readonly #ctx: BatchContext;
  readonly #entry: URL;
  readonly #slots: Slot[];
  readonly #started: Promise<void>[];
  #closed = false;
  /** The current run's handlers (set by `run`): a worker started, died, or answered. */
  #onChange: () => void = () => {};
  #message: (slot: Slot, m: FromWorker) => void = () => {};

  private constructor(count: number, ctx: BatchContext, entry: URL) {
    this.#ctx = ctx;
    this.#entry = entry;
    this.#slots = Array.from({ length: count }, () => ({ alive: true, ready: false, inFlight: new Set<number>() }));
    this.#started = this.#slots.map((slot) => this.#start(slot));
  }

  /** Start `count` workers for builds with this context (`entry`: another worker module, for tests). */
  static start(count: number, ctx: BatchContext, entry = PARSE_WORKER): WorkerPool {
    return new WorkerPool(count, ctx, entry);
  }

  async #start(slot: Slot): Promise<void> {
    try {
      const worker = await startWorker(this.#entry, { workerData: this.#ctx });
      if (this.#closed) {
        void worker.terminate();
        throw new Error("pool closed");
      }
      slot.worker = worker;
      const timer = setTimeout(() => {
        if (!slot.ready) void worker.terminate();
      }, START_TIMEOUT_MS);
      timer.unref();
      worker.on("message", (m: FromWorker) => {
        if ("ready" in m) {
          slot.ready = true;
          clearTimeout(timer);
        }
        this.#message(slot, m);
      });
      // Errors end the worker; its batches are handed back on "exit".
      worker.on("error", () => {});
      worker.on("exit", () => {
        slot.alive = false;
        this.#onChange();
      });
    } catch {
      slot.alive = false;
    }
    this.#onChange();
  }

  /** Run `items` in batches; `onBatch` gets each batch's results as they come. Call once. */
  run(items: readonly WorkItem[], opts: RunOptions, onBatch: (done: BatchDone) => void): Promise<void> {
    const B = Math.max(1, opts.batchSize);
    const queue: number[] = [];
    for (let s = 0; s < items.length; s += B) queue.push(s);
    let remaining = queue.length;
    if (remaining === 0) return Promise.resolve();
    const slice = (start: number) => items.slice(start, start + B);

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let mainRunning = false;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        this.#onChange = () => {};
        this.#message = () => {};
        // Idle from now on: never what keeps the process alive, even if nobody calls close().
        for (const slot of this.#slots) slot.worker?.unref();
        if (error === undefined) resolve();
        else reject(error);
      };
      const complete = (done: BatchDone) => {
        if (settled) return;
        try {
          onBatch(done);
        } catch (cause) {
          finish(cause);
          return;
        }
        if (--remaining === 0) finish();
      };
      const here = (start: number) => {
        const outcomes = runItems(slice(start), this.#ctx);
        const results = outcomes.map((o) => o.result);
        complete({ start, results, packed: opts.wantPacks ? packOutcomes(outcomes) : undefined, terms: opts.terms?.batchTerms(results) });
      };
      const mainLoop = async () => {
        if (mainRunning) return;
        mainRunning = true;
        try {
          while (queue.length && !settled) {
            here(queue.shift()!);
            await nextTurn(); // let worker replies in
          }
        } catch (cause) {
          finish(cause);
        }
        mainRunning = false;
      };
      const feed = (slot: Slot) => {
        while (slot.alive && slot.worker && slot.inFlight.size < IN_FLIGHT && queue.length) {
          const start = queue.shift()!;
          slot.inFlight.add(start);
          slot.worker.postMessage({ id: start, items: slice(start), terms: !!opts.terms } satisfies ToWorker);
        }
      };
      this.#message = (slot, m) => {
        if ("ready" in m) return;
        slot.inFlight.delete(m.id);
        if ("error" in m) {
          // Likely a bug that would strike again elsewhere: run it here, where it ends as error entries.
          if (process.env.NEWSROOM_DEBUG) console.error(`ingest worker: ${m.error}`);
          try {
            here(m.id);
          } catch (cause) {
            finish(cause);
          }
        } else {
          let results: FileResult[];
          try {
            results = unpack(m.packed);
          } catch {
            queue.unshift(m.id);
            void mainLoop();
            return;
          }
          const terms = m.terms && opts.terms?.receivedTerms(m.terms);
          complete({ start: m.id, results, packed: m.packed, terms });
        }
        feed(slot);
      };
      this.#onChange = () => {
        for (const slot of this.#slots) {
          if (!slot.alive && slot.inFlight.size) {
            queue.unshift(...slot.inFlight);
            slot.inFlight.clear();
          }
          feed(slot);
        }
        if (this.#slots.every((s) => !s.alive) && queue.length) void mainLoop();
      };
      this.#onChange();
      if (opts.mainWorks) void mainLoop();
    });
  }

  /** Stop the workers (whatever they were doing). */
  close(): void {
    this.#closed = true;
    for (const slot of this.#slots) {
      slot.alive = false;
      void slot.worker?.terminate();
    }
  }

  /** Resolves once every worker has started or failed to (for measurements). */
  started(): Promise<void> {
    return Promise.all(this.#started).then(() => {});
  }
}
