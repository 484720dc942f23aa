/**
 * The story thread (stories-thread.ts): runs the story step of a rebuild
 * while the main thread decodes the cached records. It is given what the
 * step reads of every compared article but the texts, and the texts of the
 * articles parsed in this build; the phase-1 records (`story-terms.bin`,
 * loaded then: loading them while the main thread listed the seeds slowed
 * it more than it saved) stand for the others. A text it still needs (an
 * article with no record, or one whose duplicate key equals another's) it
 * asks the main thread for, and waits: the main thread answers once its
 * records are decoded.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { relateStories, TermRecords, type StoryInput } from "../stories/index.ts";
import { openStoryRecords, type StoryKeys } from "./stories-store.ts";
import { packRelations, unpackInputs, type PackedInputs, type PackedRelations } from "./stories-wire.ts";

export interface StoryThreadData {
  cacheDir: string;
  /** The hashes of the code the kept records and coverages depend on (stories-cache.ts storyKeys). */
  keys: StoryKeys;
  /** Text answers arrive here; `flag[0]` turns 1 when one is posted. */
  port: MessagePort;
  flag: Int32Array;
}

/** The run, posted once the inputs are known. */
export interface StoryRun {
  /** Per compared article, in the main thread's order, what the step reads of it but its text (stories-wire.ts). */
  inputs: PackedInputs;
  /** Texts given up front, by position in `inputs`. */
  texts: Array<[at: number, text: string]>;
}

export type TextAnswer = { text: string } | { error: string };
export type FromStoryThread = { need: number } | { relations: PackedRelations } | { error: string };

/** A text asked for is given up on after this long (the main thread falls back to the step itself). */
const TEXT_TIMEOUT_MS = 120_000;

const data = workerData as StoryThreadData;
const port = parentPort!;

/** An input whose text is asked for when read (a class: 10,000 object literals with a getter took up to 20 ms). */
class ThreadInput implements StoryInput {
  constructor(
    readonly file: string,
    readonly title: string,
    readonly date: string | null,
    readonly revision: string,
    readonly at: number,
    readonly textOf: (at: number) => string,
  ) {}

  get text(): string {
    return this.textOf(this.at);
  }
}

function run({ inputs: packed, texts }: StoryRun, terms: ReturnType<typeof openStoryRecords>): void {
  const given = unpackInputs(packed);
  if (!given) throw new Error("the inputs did not unpack");
  const { files, titles, dates, revisions } = given;
  const known = new Map(texts);
  const textOf = (at: number): string => {
    const text = known.get(at);
    if (text !== undefined) return text;
    port.postMessage({ need: at } satisfies FromStoryThread);
    if (Atomics.wait(data.flag, 0, 0, TEXT_TIMEOUT_MS) === "timed-out") throw new Error(`no answer for the text of ${files[at]}`);
    Atomics.store(data.flag, 0, 0);
    const answer = receiveMessageOnPort(data.port)?.message as TextAnswer | undefined;
    if (!answer || "error" in answer) throw new Error(answer?.error ?? `no text for ${files[at]}`);
    known.set(at, answer.text);
    return answer.text;
  };
  const inputs = files.map((file, at) => new ThreadInput(file, titles[at]!, dates[at]!, revisions[at]!, at, textOf));
  const relations = relateStories(inputs, {}, terms.records);
  port.postMessage({ relations: packRelations(relations) } satisfies FromStoryThread);
  // After the answer, while the main thread goes on (it waits for this before the build ends: storyThreadsDone).
  terms.keep();
}

port.once("message", (m: StoryRun) => {
  try {
    run(m, openStoryRecords(data.cacheDir, TermRecords, data.keys, { rewriteWhenChanged: true, spare: true }));
  } catch (cause) {
    port.postMessage({ error: String((cause as Error)?.stack ?? cause) } satisfies FromStoryThread);
  }
  data.port.close();
});
