/** Command-line options shared by `npm run build` and `npm run check`. */
import path from "node:path";
import { parseArgs } from "node:util";
import type { IngestOptions } from "../src/ingest.ts";
import type { Site } from "../src/site/settings.ts";

/** The persistent per-file cache (src/ingest/disk-cache.ts), in the project's `.cache/`. */
export const INGEST_CACHE_DIR = path.resolve(import.meta.dirname, "../.cache/ingest");

export interface CliOptions extends IngestOptions {
  outDir: string;
  json: boolean;
  strict: boolean;
  /** Build the Pagefind index (`--no-search`: leave it out, e.g. to time the pages alone). */
  search: boolean;
  /** Print how long each step took (`--timings`). */
  timings: boolean;
}

export function parseCli(argv: string[], site: Site): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: "string", default: "seeds" },
      out: { type: "string", default: "_site" },
      now: { type: "string" },
      drafts: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      "no-search": { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
    },
    strict: true,
  });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now ${JSON.stringify(values.now)} is not an ISO 8601 date-time`);
  return {
    seedsDir: path.resolve(values.seeds),
    outDir: path.resolve(values.out),
    now,
    drafts: values.drafts,
    json: values.json,
    strict: values.strict,
    search: !values["no-search"],
    timings: values.timings,
    timeZone: site.timeZone,
    // Records of unchanged seeds are reused from here; --no-cache reads every seed again.
    cacheDir: values["no-cache"] ? undefined : INGEST_CACHE_DIR,
  };
}

/** Print the error for a person, not a stack trace, and exit 2 (bad usage). */
export function fail(cause: unknown): never {
  console.error(`error: ${cause instanceof Error ? cause.message : String(cause)}`);
  if (process.env.NEWSROOM_DEBUG) console.error(cause);
  process.exit(2);
}
