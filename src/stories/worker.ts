/**
 * Worker side of the parallel phase 1 (see parallel.ts): receives batches of
 * articles, runs a TermCollector over them and, on `done`, sends back its
 * TermChunk through the given port, then raises the shared flag.
 */
import { workerData, parentPort, type MessagePort } from "node:worker_threads";
import { TermCollector, type TermChunk } from "./terms.ts";

interface Data {
  flag: SharedArrayBuffer;
  port: MessagePort;
  expected: number;
}
type Message = { titles: string[]; texts: string[] } | { done: true };

const { flag, port, expected } = workerData as Data;
const state = new Int32Array(flag);
Atomics.store(state, 1, 1); // alive
const collector = new TermCollector(expected);

parentPort!.on("message", (m: Message) => {
  try {
    if ("done" in m) {
      const chunk: TermChunk = collector.finish();
      const buffers = Object.values(chunk).map((a: ArrayBufferView) => a.buffer as ArrayBuffer);
      port.postMessage({ chunk }, buffers);
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      parentPort!.close();
      return;
    }
    for (let i = 0; i < m.texts.length; i++) collector.add(m.titles[i]!, m.texts[i]!);
  } catch (e) {
    port.postMessage({ error: String((e as Error)?.stack ?? e) });
    Atomics.store(state, 0, 2);
    Atomics.notify(state, 0);
  }
});
