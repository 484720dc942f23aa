/**
 * Worker side of the parallel ingest (pool.ts): takes batches of seeds,
 * returns each as a pack whose buffer is transferred to the main thread,
 * with the story step's records of its articles when asked (batch-terms.ts).
 * A batch that throws is reported, and the main thread runs it itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import { packOutcomes, runItems, type BatchContext, type PackedBatch, type WorkItem } from "./batch.ts";
import { batchTerms } from "./batch-terms.ts";
import type { PlainRecords } from "../stories/records.ts";

export type ToWorker = { id: number; items: WorkItem[]; terms: boolean };
export type FromWorker = { ready: true } | { id: number; packed: PackedBatch; terms?: PlainRecords } | { id: number; error: string };

const ctx = workerData as BatchContext;
const port = parentPort!;

port.on("message", (m: ToWorker) => {
  let reply: FromWorker;
  try {
    const outcomes = runItems(m.items, ctx);
    const packed = packOutcomes(outcomes);
    const terms = m.terms ? batchTerms(outcomes.map((o) => o.result)).toPlain() : undefined;
    reply = { id: m.id, packed, terms };
    // The records' arrays move with the pack, not copied.
    const buffers = new Set<ArrayBuffer>([packed.pack.buffer as ArrayBuffer]);
    if (terms) for (const v of Object.values(terms)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
    port.postMessage(reply, [...buffers]);
  } catch (cause) {
    reply = { id: m.id, error: String((cause as Error)?.stack ?? cause) };
    port.postMessage(reply);
  }
});
port.postMessage({ ready: true } satisfies FromWorker);
