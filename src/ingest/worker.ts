/**
 * Worker side of the parallel ingest (pool.ts): takes batches of seeds,
 * returns each as a pack whose buffer is transferred to the main thread.
 * A batch that throws is reported, and the main thread runs it itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import { packOutcomes, runItems, type BatchContext, type PackedBatch, type WorkItem } from "./batch.ts";

export type ToWorker = { id: number; items: WorkItem[] };
export type FromWorker = { ready: true } | { id: number; packed: PackedBatch } | { id: number; error: string };

const ctx = workerData as BatchContext;
const port = parentPort!;

port.on("message", (m: ToWorker) => {
  let reply: FromWorker;
  try {
    const packed = packOutcomes(runItems(m.items, ctx));
    reply = { id: m.id, packed };
    port.postMessage(reply, [packed.pack.buffer as ArrayBuffer]);
  } catch (cause) {
    reply = { id: m.id, error: String((cause as Error)?.stack ?? cause) };
    port.postMessage(reply);
  }
});
port.postMessage({ ready: true } satisfies FromWorker);
