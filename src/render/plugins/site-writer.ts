/**
 * The site, written on every Eleventy build (one-off, or each rebuild of
 * `npm start`): the ingested records are grouped once (site-data.ts), article
 * images are processed, and every page of the page table
 * (src/render/site-pages.ts) whose inputs changed since the last build is
 * rendered by its typed template and written into Eleventy's output folder
 * (src/publish/write-site.ts).
 *
 * Why not one Eleventy template per kind of page, paginated over the
 * records? We did that first. At 10,000 articles Eleventy's page pipeline
 * took 10 to 15 s for 13,091 pages (0.8 to 1.1 ms each, measured with its
 * own counter) where our templates render them in about 2 s, and it renders
 * every page again whenever global data changes (Eleventy #108, #2992), so a
 * one-seed edit cost as much as a full build. Eleventy keeps the rest: the
 * configuration, the dev server with live reload and watching.
 *
 * Search: a one-off build starts Pagefind (in its own process) on the
 * records as soon as it knows they changed, while pages are written.
 */
import type { UserConfig } from "@11ty/eleventy";
import path from "node:path";
import { removeWithEmptyParents } from "../../publish/atomic.ts";
import { outputFile } from "../../publish/paths.ts";
import { goneFiles, planSite, searchChanged, writeSitePages, type Manifest, type SitePlan } from "../../publish/write-site.ts";
import { buildTime, getSite, isWatching, loadNewsroom, newsroomOptions } from "../newsroom.ts";
import { newsroomData, type Newsroom } from "../site-data.ts";
import { processImages } from "./images.ts";
import { IMAGE_STORE } from "./image-store.ts";
import { SEARCH_STORE } from "./search-store.ts";
import { copyStaticFiles, staticFiles } from "./static-assets.ts";
import { prepareSearch } from "./search.ts";
import { timed } from "../../report/timings.ts";
import { letGoNote } from "../../publish/preview-memory.ts";
import { releasePackTexts } from "../../ingest/pack-texts.ts";

export interface WriterOptions {
  /** The site the next build changes (the live output's manifest): only what differs is written. None: every page. */
  since?: Manifest;
  /** Build the search index in one-off builds (default true). */
  search?: boolean;
}

let options: WriterOptions = {};
let lastPlan: SitePlan | undefined;
/** npm start: the last build's site data and output folder (src/publish/preview-fast.ts renders from them). */
let lastPreview: { newsroom: Newsroom; outDir: string } | undefined;
/** npm start: pages written between builds (preview-fast.ts), which the next build writes again or removes. */
const writtenBetween = new Set<string>();
/** npm start: the last build finished writing the preview folder (none is under way or failed since). */
let previewWritten = false;
/** npm start: builds started. From the second on, the server reads the folder while it is written (it waits for the first). */
let previewBuilds = 0;

/** Set by `npm run build` before it runs Eleventy. */
export function configureSiteWriter(opts: WriterOptions): void {
  options = opts;
}

/** `npm run build`: what the build wrote (for its summary and its manifest). */
export const lastSiteWrite = (): SitePlan | undefined => lastPlan;

/** npm start: what the last build wrote from, for a page rendered between builds. */
export const lastPreviewBuild = () => lastPreview;

/** npm start: the manifest of the preview folder as it is now, or undefined while a build or a page written between builds made it otherwise. */
export const previewManifest = (): Manifest | undefined => (previewWritten && writtenBetween.size === 0 ? options.since : undefined);

/**
 * npm start: a page was written between builds, from data the next build may
 * see otherwise (its fingerprint would not say so): that build writes it
 * again, or removes it if the site no longer has it.
 */
export function writtenBetweenBuilds(url: string): void {
  writtenBetween.add(url);
}

export function siteWriter(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.before", async () => {
    const outDir = path.resolve(eleventyConfig.directories.output);
    previewWritten = false;
    const watching = isWatching();
    const served = watching && previewBuilds++ > 0;
    if (watching) letLastBuildGo();
    const [ingested, site] = [await loadNewsroom(), getSite()];
    // Taken now: a page written while this build runs is written again by the next one (which its change queued).
    const between = [...writtenBetween];
    writtenBetween.clear();
    const since = forget(options.since, between);
    // The image store is a cache like the records' (--no-cache, NEWSROOM_NO_CACHE=1: none), and so is the search index's (search-store.ts).
    const caching = newsroomOptions().cacheDir !== undefined;
    const { images, kept } = await timed("images", () => processImages(ingested.assets, outDir, { previous: since?.images, store: caching ? IMAGE_STORE : undefined }));
    const newsroom = timed("group articles", () => newsroomData(ingested, site, { now: buildTime(), images }));
    // The dev server keeps its search index up to date whatever the options.
    const search = watching || options.search !== false;
    const statics = staticFiles();
    const plan = timed("plan pages", () => planSite(newsroom, since, { inPlace: watching, search, images: kept, statics }));
    // For `npm run build`, which indexes after the pages (scripts/build.ts); started now when they change.
    if (!watching) {
      const job = { newsroom, parts: plan.searchParts, fingerprints: plan.manifest.search, store: caching ? SEARCH_STORE : undefined };
      prepareSearch(job, { eagerInto: search && searchChanged(plan) ? outDir : undefined });
    }
    // Before the pages, which may link a file new to them.
    copyStaticFiles(statics, outDir);
    await timed("write pages", () => writeSitePages(plan, outDir, { served }));
    if (watching) {
      // The preview writes in place: pages of removed or retitled seeds go now.
      const gone = [...goneFiles(plan), ...between.filter((url) => !(url in plan.manifest.pages)).map(outputFile)];
      for (const file of gone) await removeWithEmptyParents(path.join(outDir, file), outDir);
      options = { ...options, since: plan.manifest };
      // Kept for early pages, which read no body but the saved seed's.
      releasePackTexts();
      lastPreview = { newsroom, outDir };
      previewWritten = true;
    } else {
      // Its pages render from the site data: the preview, which keeps it for preview-fast.ts alone, keeps no plan.
      lastPlan = plan;
    }
  });
}

/** The terminal was told that rebuilds let the last build's data go (preview-memory.ts). */
let releaseTold = false;

/** npm start, as a rebuild starts: the last build's site data let go, if keeping it while the rebuild runs would fill too much of the heap. */
function letLastBuildGo(): void {
  const note = lastPreview && letGoNote();
  if (!note) return;
  lastPreview = undefined;
  if (!releaseTold) console.log(`[newsroom] ${note}`);
  releaseTold = true;
}

/** `since` without `urls`: their pages count as not written yet. */
function forget(since: Manifest | undefined, urls: readonly string[]): Manifest | undefined {
  if (!since || urls.length === 0) return since;
  const pages = { ...since.pages };
  for (const url of urls) delete pages[url];
  return { ...since, pages };
}
