/**
 * Caches swept at most once a day (the page manifests, manifest.ts; the image store,
 * image-store.ts): a mark in their folder, touched by each sweep, says when the last one ran.
 */
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DAY_MS = 24 * 3600_000;

/** The mark's name in a swept folder: the sweep passes over it. */
export const SWEEP_MARK = ".pruned";

/** Whether `dir` is due a sweep (none in the day before `now`); when it is, marks it swept. Throws when the mark cannot be written. */
export function sweepDue(dir: string, now = Date.now()): boolean {
  const mark = path.join(dir, SWEEP_MARK);
  if (now - (statSync(mark, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity) < DAY_MS) return false;
  writeFileSync(mark, "");
  return true;
}
