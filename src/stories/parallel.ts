/**
 * Phase 1 split over two threads while keeping `relateStories` synchronous:
 * a worker (worker.ts) collects terms for the first part of the articles,
 * fed in batches, while this thread does the rest; the main thread then
 * blocks on a shared flag (Atomics.wait) and takes the worker's result with
 * receiveMessageOnPort. Results are merged in article order, so the output is
 * identical to the single-thread path. Any failure falls back to it.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { TermCollector, mergeChunks, type TermChunk, type TermData, type TermInput } from "./terms.ts";

const BATCH = 1000;
/** Give up on a worker that has not even started after this long. */
const START_TIMEOUT_MS = 10_000;

export function collectTermsParallel(docs: readonly TermInput[]): TermData | null {
  const N = docs.length;
  const split = Math.floor(N * 0.5);
  const flag = new SharedArrayBuffer(8);
  const state = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const self = new URL(import.meta.url);
    if (self.pathname.endsWith(".ts")) {
      // Running TypeScript through tsx: worker threads do not inherit its
      // loader, so a small bootstrap registers it before importing worker.ts.
      let tsxApi: string;
      try {
        tsxApi = import.meta.resolve("tsx/esm/api");
      } catch {
        port1.close();
        return null;
      }
      const bootstrap =
        "const { workerData } = require('node:worker_threads');" +
        "import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.url); });";
      worker = new Worker(bootstrap, {
        eval: true,
        workerData: { flag, port: port2, expected: split, tsxApi, url: new URL("./worker.ts", self).href },
        transferList: [port2],
      });
    } else {
      worker = new Worker(new URL("./worker.js", self), {
        workerData: { flag, port: port2, expected: split },
        transferList: [port2],
      });
    }
    // Errors are noticed through the shared flag; never let them crash the process.
    worker.on("error", () => {});
  } catch {
    port1.close();
    return null;
  }
  const started = Date.now();
  // Feed the worker batch by batch while this thread works on its own part.
  let sent = 0;
  const feed = (): void => {
    const end = Math.min(split, sent + BATCH);
    const titles: string[] = [];
    const texts: string[] = [];
    for (let i = sent; i < end; i++) {
      titles.push(docs[i]!.title);
      texts.push(docs[i]!.text);
    }
    worker.postMessage({ titles, texts });
    sent = end;
    if (sent === split) worker.postMessage({ done: true });
  };
  feed();
  const mine = new TermCollector(N - split);
  for (let i = split; i < N; i++) {
    if ((i - split) % BATCH === 0 && sent < split) feed();
    const d = docs[i]!;
    mine.add(d.title, d.text);
  }
  while (sent < split) feed();
  const own = mine.finish();

  let theirs: TermChunk | null = null;
  for (;;) {
    const s = Atomics.load(state, 0);
    if (s !== 0) {
      const msg = receiveMessageOnPort(port1)?.message as { chunk?: TermChunk; error?: string } | undefined;
      if (s === 1 && msg?.chunk) theirs = msg.chunk;
      break;
    }
    if (Atomics.load(state, 1) === 0 && Date.now() - started > START_TIMEOUT_MS) break;
    Atomics.wait(state, 0, 0, 50);
  }
  port1.close();
  void worker.terminate();
  if (theirs === null) {
    // Fallback: do the worker's share here.
    const c = new TermCollector(split);
    for (let i = 0; i < split; i++) c.add(docs[i]!.title, docs[i]!.text);
    theirs = c.finish();
  }
  return mergeChunks([theirs, own]);
}
