/**
 * The story step of a rebuild, on a second thread (stories-worker.ts) while
 * this one decodes the cached records: at 10,000 seeds the step takes about
 * as long as the decoding (0.3–0.4 s each), at 100,000 some 6 s against 3 s.
 * It can start that early because the record cache keeps, beside each
 * record, what the step reads of it besides its text (disk-cache.ts `story`),
 * and the seeds that changed are parsed first (files.ts). Its relations are
 * used only when the records, once decoded, give the very inputs it was
 * started with (stories-cache.ts); on any failure the step runs here.
 */
import { MessageChannel, type Worker } from "node:worker_threads";
import { prepareWorker, startWorkerNow } from "../threads/start-worker.ts";
import type { StoryRelations } from "../stories/index.ts";
import type { FromStoryThread, StoryRun, StoryThreadData, TextAnswer } from "./stories-worker.ts";
import type { StoryKeys } from "./stories-store.ts";
import { packInputs, unpackRelations, type StoryInputFields } from "./stories-wire.ts";

export const STORY_WORKER = new URL("./stories-worker.ts", import.meta.url);

export interface StoryThread {
  /**
   * Run the step on the thread over `inputs` (texts given up front by position); the relations,
   * or undefined when it failed (the caller runs the step itself).
   */
  run(inputs: readonly StoryInputFields[], texts: StoryRun["texts"], textOf: (at: number) => string | undefined): Promise<Map<string, StoryRelations> | undefined>;
  /** Stop the thread (not needed, or its answer no longer wanted). */
  cancel(): void;
}

/**
 * The thread, started now (it starts while this thread lists and looks up
 * the seeds); undefined when its bundle is not made yet (`prepareStoryThread`).
 * Every thread opened must be run or cancelled.
 */
export function openStoryThread(cacheDir: string, keys: StoryKeys): StoryThread | undefined {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  try {
    worker = startWorkerNow(STORY_WORKER, { workerData: { cacheDir, keys, port: port2, flag } satisfies StoryThreadData, transferList: [port2] });
  } catch {
    worker = undefined;
  }
  if (!worker) {
    port1.close();
    return undefined;
  }
  const w = worker;
  const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
  running.add(exited);
  void exited.then(() => running.delete(exited));
  let textOf: (at: number) => string | undefined = () => undefined;
  let files: string[] = [];
  let asked = 0;
  const answer = (m: TextAnswer) => {
    port1.postMessage(m);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const relations = new Promise<Map<string, StoryRelations> | undefined>((resolve) => {
    w.on("message", (m: FromStoryThread) => {
      if ("need" in m) {
        asked++;
        let text: string | undefined;
        try {
          text = textOf(m.need);
        } catch {
          text = undefined;
        }
        answer(text === undefined ? { error: `the text of input ${m.need} is not available` } : { text });
      } else if ("relations" in m) {
        if (process.env.NEWSROOM_DEBUG) console.error(`story thread: answered at ${(performance.now() / 1000).toFixed(2)} s, ${asked} texts asked for`);
        resolve(unpackRelations(files, m.relations));
      } else {
        if (process.env.NEWSROOM_DEBUG) console.error(`the story thread failed: ${m.error}`);
        resolve(undefined);
      }
    });
    w.once("error", () => resolve(undefined));
    w.once("exit", () => resolve(undefined));
  }).finally(() => port1.close());
  return {
    run(inputs, texts, textOfInput) {
      textOf = textOfInput;
      files = inputs.map((input) => input.file);
      w.postMessage({ inputs: packInputs(inputs), texts } satisfies StoryRun);
      return relations;
    },
    cancel: () => void w.terminate(),
  };
}

/** Threads still running: after their answer a thread saves its records (stories-store.ts). */
const running = new Set<Promise<void>>();

/** Resolves once every story thread has ended, its records saved (a build waits for this before it ends). */
export const storyThreadsDone = async (): Promise<void> => {
  await Promise.all(running);
};

/** Make the thread's bundle now (in the background), so that the first rebuild that starts it does not wait for it. */
export const prepareStoryThread = (): Promise<unknown> => prepareWorker(STORY_WORKER);
