/** Phase-1 records compared without their run's term ids (which differ with the thread split, mergeChunks). */
import type { TermRecords } from "../../src/stories/records.ts";

/** Each entry's hash, tf byte and flags, and the rest of the columns. */
export function byHash(r: TermRecords): unknown {
  const { termStart, termIds, termInfo, termFlags, termHash, ...rest } = r.toPlain();
  return { termStart, entries: Array.from(termIds, (id, p) => `${termHash[id]} ${termInfo[p]} ${termFlags[p]}`), ...rest };
}
