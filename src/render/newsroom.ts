/**
 * The one place the site writer (plugins/site-writer.ts) gets article
 * records from. `scripts/build.ts` configures it from the command line;
 * `npm start` (Eleventy's dev server) from environment variables. Ingest runs
 * once per build and is shared by the pages and the report.
 */
import path from "node:path";
import { ingest, IngestCache, type IngestOptions, type Ingested } from "../ingest.ts";
import { loadSite, type Site } from "../site/settings.ts";

/** Eleventy's dev server or watch mode (`npm start`), as opposed to a one-off build. */
export const isWatching = () => ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");

function fromEnvironment(site: Site): IngestOptions {
  return {
    seedsDir: process.env.NEWSROOM_SEEDS ?? "seeds",
    timeZone: site.timeZone,
    now: process.env.NEWSROOM_NOW ? new Date(process.env.NEWSROOM_NOW) : new Date(),
    drafts: process.env.NEWSROOM_DRAFTS === "1",
    // Watching (Eleventy's CLI with --serve/--watch): keep per-file results between rebuilds.
    cache: isWatching() ? new IngestCache() : undefined,
    // Records of unchanged seeds from earlier builds (src/ingest/disk-cache.ts); NEWSROOM_NO_CACHE=1 reads every seed again.
    cacheDir: process.env.NEWSROOM_NO_CACHE === "1" ? undefined : path.resolve(import.meta.dirname, "../../.cache/ingest"),
  };
}

let site: Site | undefined;
let options: IngestOptions | undefined;
let cached: Promise<Ingested> | undefined;

export const getSite = () => (site ??= loadSite());

export function configureNewsroom(opts: IngestOptions): void {
  options = opts;
  cached = undefined;
}

export const loadNewsroom = () => (cached ??= ingest((options ??= fromEnvironment(getSite()))));

/** The build time (`--now`): what the Google News sitemap counts back from. */
export const buildTime = () => (options ??= fromEnvironment(getSite())).now;

/** The options the next ingest runs with (the preview plugin watches their seeds folder). */
export const newsroomOptions = (): IngestOptions => (options ??= fromEnvironment(getSite()));

/**
 * `npm start`: the settings file was saved. The next build renders with what it says now, and a new
 * time zone dates every seed again; but the folder the site is served from (`pathPrefix`) is the
 * dev server's from its start, so it is kept, and the terminal told. Settings that are not valid
 * throw, and the ones before stay.
 */
export function reloadSite(): string[] {
  const [before, next] = [getSite(), loadSite()];
  site = { ...next, pathPrefix: before.pathPrefix };
  if (options && options.timeZone !== next.timeZone) {
    options = { ...options, timeZone: next.timeZone };
    forgetNewsroom();
  }
  return next.pathPrefix === before.pathPrefix ? [] : [`pathPrefix is now ${next.pathPrefix}: stop and start the preview again to serve the site from there`];
}

/**
 * Seeds changed (watch mode): ingest again on the next build. With the paths
 * that changed (relative to the seeds folder), only those files are parsed
 * again when a per-file cache is configured; without, everything is.
 */
export function forgetNewsroom(changedSeeds?: Iterable<string>): void {
  cached = undefined;
  options?.cache?.forget(changedSeeds);
}
