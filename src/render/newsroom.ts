/**
 * The one place Eleventy gets article records from. `scripts/build.ts`
 * configures it from the command line; `npm start` (Eleventy's own CLI) from
 * environment variables. Ingest runs once per build and is shared by the
 * templates and the report.
 */
import { ingest, type IngestOptions, type Ingested } from "../ingest.ts";
import { loadSite, type Site } from "../site/settings.ts";

function fromEnvironment(site: Site): IngestOptions {
  return {
    seedsDir: process.env.NEWSROOM_SEEDS ?? "seeds",
    timeZone: site.timeZone,
    now: process.env.NEWSROOM_NOW ? new Date(process.env.NEWSROOM_NOW) : new Date(),
    drafts: process.env.NEWSROOM_DRAFTS === "1",
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

/** Seeds changed (watch mode): read them again on the next build. */
export function forgetNewsroom(): void {
  cached = undefined;
}
