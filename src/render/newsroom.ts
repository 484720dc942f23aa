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
export const isWatching = (env = process.env) => ["serve", "watch"].includes(env.ELEVENTY_RUN_MODE ?? "");

/** What `npm start` (scripts/serve.ts sets the variables) ingests with. */
export function optionsFromEnvironment(site: Site, env = process.env): IngestOptions {
  // Records of unchanged seeds from earlier builds (src/ingest/disk-cache.ts); NEWSROOM_NO_CACHE=1 reads every seed again.
  const cacheDir = env.NEWSROOM_NO_CACHE === "1" ? undefined : path.resolve(import.meta.dirname, "../../.cache/ingest");
  return {
    seedsDir: env.NEWSROOM_SEEDS ?? "seeds",
    timeZone: site.timeZone,
    now: env.NEWSROOM_NOW ? new Date(env.NEWSROOM_NOW) : new Date(),
    drafts: env.NEWSROOM_DRAFTS === "1",
    // Watching (Eleventy's CLI with --serve/--watch) without that cache: keep per-file results between
    // rebuilds in memory. With it, a rebuild reads them as `npm run build` does, its story step on a
    // thread of its own: a copy of every result kept in memory had made the preview of 100,000 seeds
    // hold 2.6 GB between builds and its rebuilds take 15 s, twice a build's time.
    cache: isWatching(env) && !cacheDir ? new IngestCache() : undefined,
    cacheDir,
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

export const loadNewsroom = () => (cached ??= ingest((options ??= optionsFromEnvironment(getSite()))));

/** The build time (`--now`): what the Google News sitemap counts back from. */
export const buildTime = () => (options ??= optionsFromEnvironment(getSite())).now;

/** The options the next ingest runs with (the preview plugin watches their seeds folder). */
export const newsroomOptions = (): IngestOptions => (options ??= optionsFromEnvironment(getSite()));

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
