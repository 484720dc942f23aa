/**
 * The story step's phase-1 records of a parse batch's articles
 * (stories/records.ts `recordsOf`), made by the thread that parsed the batch,
 * while their texts are at hand. Phase 1 is the one pass over every text,
 * two thirds of the story step; in a build that parses many seeds over
 * several threads (pool.ts) it then runs on all of them, and the story step
 * (stories-cache.ts), which runs on one thread once every seed is parsed,
 * reads none of these texts again. Loaded only for such builds: the story
 * code builds its tables when loaded (30 ms).
 */
import { storyIdentity } from "../enrich/stories.ts";
import { PARALLEL_MIN_DOCS } from "../stories/index.ts";
import { recordsOf, TermRecords } from "../stories/records.ts";
import type { FileResult } from "./file.ts";

/**
 * Whether to make records in a build of `seeds` seeds. Not from PARALLEL_MIN_DOCS on: there the
 * story step reads the texts on two threads itself, and records made per batch, held until it runs,
 * raised the peak memory of a first build of 100,000 seeds from 1.6 to 2.4 GB.
 */
export const worthMaking = (seeds: number): boolean => seeds < PARALLEL_MIN_DOCS;

/** The records of the articles among `results` that the story step compares, as it reads them (enrich/stories.ts). */
export function batchTerms(results: readonly FileResult[]): TermRecords {
  const docs: Array<{ title: string; text: string; revision: string }> = [];
  for (const r of results) {
    const identity = storyIdentity(r.article);
    if (identity) docs.push({ title: identity[0], text: r.article!.text, revision: identity[2] });
  }
  return recordsOf(docs);
}

/** Records a worker sent (`toPlain`), undefined if they are not (the story step then reads those texts itself). */
export const receivedTerms = (plain: unknown): TermRecords | undefined => TermRecords.fromPlain(plain);
