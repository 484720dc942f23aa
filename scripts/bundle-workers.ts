/**
 * Makes the bundles of the build's worker threads now (src/threads/start-worker.ts), as
 * `node scripts/run.mjs bundle` makes the commands' own: that command runs this after them, so that
 * the first build after an edit, an `npm ci` or a checkout (the benchmark's first timed one)
 * does not make them while it runs. Fails if one cannot be made.
 */
import { PARSE_WORKER } from "../src/ingest/pool.ts";
import { STORY_WORKER } from "../src/ingest/stories-thread.ts";
import { FILE_WRITER } from "../src/publish/file-writer.ts";
import { prepareWorker } from "../src/threads/start-worker.ts";

const entries = [PARSE_WORKER, STORY_WORKER, FILE_WRITER];
const made = await Promise.all(entries.map((entry) => prepareWorker(entry)));
const failed = entries.filter((_, i) => typeof made[i] !== "string");
if (failed.length) throw new Error(`could not bundle ${failed.map((u) => u.pathname).join(", ")}`);
