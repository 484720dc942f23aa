/**
 * `npm start` keeps the last build's site data between builds, for the page
 * of a seed saved meanwhile (preview-fast.ts). While a rebuild makes the next
 * site data, both are in memory: at 100,000 seeds about 1 GB each, so the
 * preview peaked at 3.3 GB where a build of the same seeds needs 1.4 GB.
 * When the heap already holds a fifth of its limit as a rebuild starts (from
 * some 70,000 seeds with a 4 GB limit, 35,000 with 2 GB), the last build's
 * data is let go first, so that the rebuild's own does not come on top of
 * it: V8 sizes the limit from the machine's memory (4 GB on a machine of
 * 16 GB or more, 2 GB on one of 8 GB), and a heap near its limit spends its
 * time collecting garbage, then stops the process. A seed saved
 * while such a rebuild runs is shown when it ends (the next build is queued
 * for it), as every page was before preview-fast.ts.
 */
import { getHeapStatistics } from "node:v8";
import { envNumber } from "../site/env-number.ts";

/**
 * The share of the heap limit the heap may hold as a rebuild starts, the last build's data kept:
 * a fifth, or `NEWSROOM_PREVIEW_KEEP_SHARE` (0: always let go; 1 or more: always keep). The heap
 * between builds of 100,000 seeds held 1.04–1.38 GB of a 4.1 GB limit (garbage included), of
 * 10,000 seeds 0.15–0.3 GB.
 */
function keepBelow(): number {
  const share = envNumber("NEWSROOM_PREVIEW_KEEP_SHARE");
  return share !== undefined && share >= 0 ? share : 1 / 5;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * For a rebuild starting now: undefined when it may keep the last build's site data while it runs;
 * otherwise what the terminal is told, once, as the data is let go.
 */
export function letGoNote(): string | undefined {
  const [used, limit] = [process.memoryUsage().heapUsed, getHeapStatistics().heap_size_limit];
  if (used < keepBelow() * limit) return undefined;
  return `the heap holds ${mb(used)} of its ${mb(limit)} limit: while this site rebuilds, the last build's data is let go, and a seed saved meanwhile is shown when the rebuild ends`;
}
