/**
 * A second thread for the story pipeline, used while `relateStories` stays
 * synchronous: the main thread posts work to a worker and later blocks on a
 * shared counter (Atomics.wait), taking the worker's results with
 * receiveMessageOnPort.
 *
 * The worker runs code from source text (kernel.ts `textKernel` and the
 * tasks of tasks.ts are self-contained functions), so it needs no
 * TypeScript loader and starts in a few tens of milliseconds, where a
 * worker importing the .ts modules through tsx spends half a second of CPU.
 *
 *  - Phase 1 (`collectTerms`): the worker collects terms for the first
 *    articles, fed in batches; this thread works from the last article
 *    backwards and hands the worker its next batch whenever it has fewer
 *    than IN_FLIGHT queued. The split point follows whichever thread gets
 *    more CPU (the machine may be busy; the worker starts late).
 *  - Phases 2–5 (`forBlocks`): a range is cut into blocks; both threads
 *    claim blocks from a shared counter until none is left. Results are
 *    per block, so the output is the same whoever ran what.
 *
 * Big arrays are SharedArrayBuffer-backed (see `shared`) and cross threads
 * without copying. Every failure falls back to this thread, so the output
 * is always that of the single-thread path.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { textKernel, type CharTables } from "./kernel.ts";
import { kernel } from "./tokenize.ts";
import { STOPWORDS } from "./stopwords.ts";
import { TermCollector, mergeChunks, textLength, type TermChunk, type TermData, type TermInput } from "./terms.ts";
import type { Scratch } from "./tasks.ts";
export { shared } from "./vec.ts";

/** Articles per message to the worker (about 1 MB of text). */
const BATCH = 256;
/** Batches the worker may have queued: enough that it never idles, few enough to keep the split balanced. */
const IN_FLIGHT = 2;
/** Give up on a worker that has not even started after this long. */
const START_TIMEOUT_MS = 10_000;
/** Give up waiting for the worker's blocks after this long without progress. */
const STALL_MS = 30_000;

/** A unit of work over [from, to) (see tasks.ts for the rules such a function follows). */
export type Task<A, R> = (args: A, from: number, to: number, scratch: Scratch) => R;

/** Shared flag slots. */
interface Slots {
  status: number; // phase 1: 0 running, 1 chunk posted, 2 failed
  alive: number; // 1 once the worker runs
  done: number; // phase 1 batches the worker has finished
}
const SLOTS: Slots = { status: 0, alive: 1, done: 2 };

interface WorkerInit {
  flag: SharedArrayBuffer;
  slots: Slots;
  port: MessagePort;
  stopwords: readonly string[];
  tables: CharTables;
}

type ToWorker =
  | {
      kind: "docs";
      /** Titles and bodies as UTF-16 code units, each followed by a space; `at` has their starts and the end. */
      units: ArrayBuffer;
      at: Int32Array;
      expectedChars: number;
      /** Keep the records (TermCollector `keep`). */
      keep: boolean;
    }
  | { kind: "finish"; keep: boolean }
  | { kind: "task"; id: number; name: string; src?: string; args: unknown; n: number; block: number; ctr: SharedArrayBuffer };

type FromWorker =
  | { kind: "chunk"; chunk: TermChunk }
  | { kind: "error"; error: string }
  | { kind: "block"; id: number; b: number; r?: unknown; error?: string };

/**
 * The worker's program. Self-contained like the kernel: it receives the
 * kernel and its port as arguments and refers to nothing else.
 */
function workerMain(
  makeKernel: typeof textKernel,
  parent: { on(event: "message", f: (m: ToWorker) => void): void },
  init: WorkerInit,
): void {
  const { flag, slots, port } = init;
  const state = new Int32Array(flag);
  const k = makeKernel(init.stopwords, init.tables);
  let collector: InstanceType<typeof k.TermCollector> | null = null;
  const tasks = new Map<string, Task<unknown, unknown>>();
  const scratch = new Map<string, Scratch>();
  const buffersOf = (r: unknown): ArrayBuffer[] => {
    const out = new Set<ArrayBuffer>();
    if (r !== null && typeof r === "object") {
      for (const v of Object.values(r)) {
        if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      }
    }
    return [...out];
  };
  parent.on("message", (m: ToWorker) => {
    if (m.kind === "task") {
      const ctr = new Int32Array(m.ctr);
      let fn = tasks.get(m.name);
      try {
        if (fn === undefined) {
          if (m.src === undefined) throw new Error(`task ${m.name} unknown`);
          fn = new Function(`return (${m.src});`)() as Task<unknown, unknown>;
          tasks.set(m.name, fn);
        }
      } catch (e) {
        // Claim nothing: the main thread does every block.
        port.postMessage({ kind: "error", error: String((e as Error)?.stack ?? e) });
        return;
      }
      let s = scratch.get(m.name);
      if (s === undefined) {
        scratch.set(m.name, (s = {}));
        for (let w = 0; w < 16; w++) fn(m.args, 0, 0, s); // see warmUp
      }
      const nBlocks = Math.ceil(m.n / m.block);
      for (;;) {
        const b = Atomics.add(ctr, 0, 1);
        if (b >= nBlocks) break;
        try {
          const r = fn(m.args, b * m.block, Math.min(m.n, (b + 1) * m.block), s);
          port.postMessage({ kind: "block", id: m.id, b, r }, buffersOf(r));
        } catch (e) {
          port.postMessage({ kind: "block", id: m.id, b, error: String((e as Error)?.stack ?? e) });
        }
        Atomics.add(ctr, 1, 1);
        Atomics.notify(ctr, 1);
      }
      return;
    }
    try {
      if (m.kind === "docs") {
        collector ??= new k.TermCollector(m.expectedChars, false, m.keep);
        const u = new Uint16Array(m.units);
        const at = m.at;
        for (let x = 0; x + 2 < at.length; x += 2) collector.addUnits(u, at[x]!, at[x + 1]! - 1, at[x + 1]!, at[x + 2]! - 1);
        Atomics.add(state, slots.done, 1);
      } else {
        collector ??= new k.TermCollector(undefined, false, m.keep);
        const chunk = collector.finish();
        collector = null;
        port.postMessage({ kind: "chunk", chunk }, buffersOf(chunk));
        Atomics.store(state, slots.status, 1);
        Atomics.notify(state, slots.status);
      }
    } catch (e) {
      port.postMessage({ kind: "error", error: String((e as Error)?.stack ?? e) });
      Atomics.store(state, slots.status, 2);
      Atomics.notify(state, slots.status);
    }
  });
  Atomics.store(state, slots.alive, 1);
}

export class Helper {
  /** What the worker did: phase-1 articles, task blocks; and errors it reported (each fell back to this thread). */
  readonly done = { docs: 0, blocks: 0, errors: 0 };
  private readonly state: Int32Array;
  private readonly sent = new Set<string>();
  private taskSeq = 0;
  private broken = false;
  private readonly started = Date.now();

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    flag: SharedArrayBuffer,
  ) {
    this.state = new Int32Array(flag);
  }

  /** Starts the worker (it boots while this thread goes on); null when threads are unavailable. */
  static start(): Helper | null {
    const flag = new SharedArrayBuffer(16);
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { flag, slots: SLOTS, port: port2, stopwords: STOPWORDS, tables: kernel.tables };
    // esbuild (tsx) keeps function names through a `__name` helper that the
    // extracted source still calls; in the worker it only has to exist.
    // A failure to start is reported through the flag at once: this thread
    // may be blocked waiting for the worker, and cannot see its events.
    const source =
      "globalThis.__name ??= (f) => f;\n" +
      "const { parentPort, workerData } = require('node:worker_threads');\n" +
      "try {\n" +
      `  const textKernel = (${textKernel.toString()});\n` +
      `  (${workerMain.toString()})(textKernel, parentPort, workerData);\n` +
      "} catch (e) {\n" +
      "  const state = new Int32Array(workerData.flag);\n" +
      "  Atomics.store(state, workerData.slots.status, 2);\n" +
      "  Atomics.notify(state, workerData.slots.status);\n" +
      "  throw e;\n" +
      "}\n";
    try {
      const worker = new Worker(source, { eval: true, workerData: init, transferList: [port2] });
      // Errors are noticed through the shared flags; never let them crash the process.
      worker.on("error", () => {});
      worker.unref();
      return new Helper(worker, port1, flag);
    } catch {
      port1.close();
      return null;
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  /** Phase 1 on both threads (see the module comment); same result as terms.ts collectTerms. */
  collectTerms(docs: readonly TermInput[], keep = false): TermData {
    const N = docs.length;
    const chars = textLength(docs);
    const state = this.state;
    let front = 0; // articles [0, front) go to the worker
    let back = N; // articles [back, N) are done here
    let sent = 0; // batches posted
    // Texts go as UTF-16 in a transferred buffer: one native copy here
    // (which the worker's tokeniser would otherwise make itself), none there.
    const send = (): void => {
      const end = Math.min(front + BATCH, back);
      const at = new Int32Array(2 * (end - front) + 1);
      let n = 0;
      for (let i = front; i < end; i++) n += docs[i]!.title.length + docs[i]!.text.length + 2;
      const bytes = Buffer.from(new ArrayBuffer(2 * n));
      let p = 0;
      for (let i = front, x = 0; i < end; i++) {
        at[x++] = p;
        p += bytes.write(docs[i]!.title, 2 * p, "utf16le") >>> 1;
        bytes.writeUInt16LE(0x20, 2 * p++);
        at[x++] = p;
        p += bytes.write(docs[i]!.text, 2 * p, "utf16le") >>> 1;
        bytes.writeUInt16LE(0x20, 2 * p++);
      }
      at[at.length - 1] = p;
      const units = bytes.buffer as ArrayBuffer;
      this.worker.postMessage({ kind: "docs", units, at, expectedChars: Math.ceil(chars * 0.55), keep } satisfies ToWorker, [units, at.buffer]);
      front = end;
      sent++;
    };
    const mine = new TermCollector(Math.ceil(chars * 0.55), true, keep);
    while (back > front) {
      if (!this.broken && sent - Atomics.load(state, SLOTS.done) < IN_FLIGHT && back - front > BATCH) send();
      const stop = Math.max(front, back - 16);
      while (back > stop) {
        back--;
        const d = docs[back]!;
        mine.add(d.title, d.text);
      }
    }
    const tail = mine.finish();
    let head: TermChunk | null = null;
    if (front > 0 && !this.broken) {
      this.post({ kind: "finish", keep });
      for (;;) {
        const s = Atomics.load(state, SLOTS.status);
        if (s !== 0) {
          for (let m = this.receive(); m !== undefined; m = this.receive()) if (m.kind === "chunk") head = m.chunk;
          break;
        }
        if (Atomics.load(state, SLOTS.alive) === 0 && Date.now() - this.started > START_TIMEOUT_MS) break;
        Atomics.wait(state, SLOTS.status, 0, 50);
      }
    }
    if (head !== null) this.done.docs += front;
    else {
      // The worker failed (it may have died before it could say so): do its share here.
      if (front > 0) {
        this.broken = true;
        this.done.errors = Math.max(this.done.errors, 1);
      }
      const c = new TermCollector(textLength(docs, 0, front), false, keep);
      for (let i = 0; i < front; i++) c.add(docs[i]!.title, docs[i]!.text);
      head = c.finish();
    }
    return mergeChunks(head, tail);
  }

  /**
   * Runs `task` over [0, n) in blocks of `block` on both threads; the
   * results in block order. Arrays in `args` should be `shared`.
   */
  forBlocks<A, R>(task: Task<A, R>, args: A, n: number, block: number): R[] {
    const nBlocks = Math.ceil(n / block);
    if (this.broken || nBlocks < 2) return forBlocks(null, task, args, n, block);
    const ctr = new Int32Array(new SharedArrayBuffer(8)); // next block, finished blocks
    const id = ++this.taskSeq;
    const name = task.name;
    this.post({ kind: "task", id, name, src: this.sent.has(name) ? undefined : task.toString(), args, n, block, ctr: ctr.buffer as SharedArrayBuffer });
    this.sent.add(name);
    const results = new Array<R>(nBlocks);
    const have = new Uint8Array(nBlocks);
    const scratch: Scratch = {};
    warmUp(task, args, scratch);
    for (;;) {
      const b = Atomics.add(ctr, 0, 1);
      if (b >= nBlocks) break;
      results[b] = task(args, b * block, Math.min(n, (b + 1) * block), scratch);
      have[b] = 1;
      Atomics.add(ctr, 1, 1);
    }
    // Wait for the blocks the worker took.
    let done = Atomics.load(ctr, 1);
    let progress = Date.now();
    while (done < nBlocks) {
      Atomics.wait(ctr, 1, done, 100);
      const d = Atomics.load(ctr, 1);
      if (d !== done) {
        done = d;
        progress = Date.now();
      } else if (Date.now() - progress > STALL_MS) {
        this.broken = true;
        break;
      }
    }
    for (let m = this.receive(); m !== undefined; m = this.receive()) {
      if (m.kind === "block" && m.id === id && m.error === undefined) {
        results[m.b] = m.r as R;
        have[m.b] = 1;
        this.done.blocks++;
      }
    }
    // Anything missing (a failed block, a stalled worker) is done here.
    for (let b = 0; b < nBlocks; b++) {
      if (have[b] === 0) results[b] = task(args, b * block, Math.min(n, (b + 1) * block), scratch);
    }
    return results;
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private receive(): FromWorker | undefined {
    const m = receiveMessageOnPort(this.port)?.message as FromWorker | undefined;
    if (m !== undefined && (m.kind === "error" || (m.kind === "block" && m.error !== undefined))) this.done.errors++;
    return m;
  }
}

/** `helper.forBlocks`, or the same on this thread alone. */
export function forBlocks<A, R>(helper: Helper | null, task: Task<A, R>, args: A, n: number, block: number): R[] {
  if (helper !== null) return helper.forBlocks(task, args, n, block);
  const nBlocks = Math.ceil(n / block);
  const results = new Array<R>(nBlocks);
  const scratch: Scratch = {};
  warmUp(task, args, scratch);
  for (let b = 0; b < nBlocks; b++) results[b] = task(args, b * block, Math.min(n, (b + 1) * block), scratch);
  return results;
}

/**
 * Runs a task over an empty range a few times before the real blocks. A
 * block's loops get hot within the first call, so the optimising compiler
 * compiles them on the spot (on-stack replacement) before the code after
 * them has run with type feedback (V8 only starts recording it after a few
 * calls); every later call would then enter the optimised loop, reach that
 * code and fall back to the interpreter (20 times per phase here).
 */
function warmUp<A, R>(task: Task<A, R>, args: A, scratch: Scratch): void {
  for (let i = 0; i < 16; i++) task(args, 0, 0, scratch);
}
