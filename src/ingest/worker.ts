/**
 * Worker side of the parallel ingest (pool.ts): takes batches of seeds,
 * returns each as a pack whose buffer is transferred to the main thread,
 * with the story step's records of its articles when asked (batch-terms.ts).
 * A batch that throws is reported, and the main thread runs it itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import { packOutcomes, runItems, type BatchContext, type PackedBatch, type WorkItem } from "./batch.ts";
import type { PlainRecords } from "../stories/records.ts";

export type ToWorker = { id: number; items: WorkItem[]; terms: boolean };
export type FromWorker = { ready: true } | { id: number; packed: PackedBatch; terms?: PlainRecords } | { id: number; error: string };

const ctx = workerData as BatchContext;
const port = parentPort!;

/** Loaded with the first batch that asks for records: the story code builds its tables when loaded (30 ms). */
let maker: Promise<typeof import("./batch-terms.ts")> | undefined;

port.on("message", async (m: ToWorker) => {
  let reply: FromWorker;
  try {
    const made = m.terms ? await (maker ??= import("./batch-terms.ts")) : undefined;
    const outcomes = runItems(m.items, ctx);
    const packed = packOutcomes(outcomes);
    const terms = made?.batchTerms(outcomes.map((o) => o.result)).toPlain();
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
