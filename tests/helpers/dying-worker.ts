/** A stand-in for src/ingest/worker.ts that dies on its first batch (tests of the pool's fallback). */
import { parentPort } from "node:worker_threads";

parentPort!.postMessage({ ready: true });
parentPort!.on("message", () => process.exit(1));
