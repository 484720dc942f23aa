/**
 * Writes the site's pages (src/render/site-pages.ts). `planSite` keeps only
 * the pages whose fingerprint (page-keys.ts) differs from `previous`, the
 * manifest of the site this build replaces (with none, every page); the plan's
 * manifest describes the site once the plan is published, and `removed` lists
 * the previous site's pages that no longer exist (a seed deleted, retitled or
 * redated).
 *
 * Pages are rendered one at a time and written as they come (synchronous
 * writes of a few kilobytes are faster than a queue of promises), so memory
 * holds one page, not the site. With many list pages to write, a worker
 * thread writes those (page-worker.ts) while this one writes the pages that
 * show article bodies; each then takes what the other has not reached (one
 * shared counter per list), so both finish together. The worker reads the
 * bodies where this thread left them (the spill file of src/ingest/body-spill.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Newsroom } from "../render/site-data.ts";
import { startWorker } from "../threads/start-worker.ts";
import type { FromPageWorker, PageWork } from "./page-worker.ts";
import { isSearchIndexEntry } from "../render/search-parts.ts";
import { sitePages, type SitePage } from "../render/site-pages.ts";
import { fingerprints, withoutBodies, type ArticleModel } from "./page-keys.ts";
import { outputFile } from "./paths.ts";
import { spillFile } from "../ingest/body-spill.ts";
import { spilledTexts } from "../ingest/codec.ts";
import { imageFiles, type KeptImage } from "../render/plugins/images.ts";
import { timed } from "../report/timings.ts";

export interface Manifest {
  /** Page URL → fingerprint. */
  pages: Record<string, string>;
  /** Fingerprint of each part of the search index (its records) by folder, as the live site holds it. */
  search: Record<string, string>;
  /** The articles' keys and places, and which pages show each (page-keys.ts). */
  articles?: ArticleModel;
  /** The processed article images whose files (`img/…`) the site holds, by article image URL (images.ts). */
  images?: Record<string, KeptImage>;
  /** The static files the site holds, relative to its folder (`assets/…`, static-assets.ts). */
  statics?: string[];
}

export interface SitePlan {
  /** The pages to write: new, or changed since the previous manifest. */
  pages: SitePage[];
  /** The site once these pages are published. */
  manifest: Manifest;
  /** URLs of the previous site's pages that are gone. */
  removed: string[];
  /**
   * Files of the previous site, besides its pages, that this one does not have: those of processed
   * images it no longer shows (`img/…`), static files no longer in the project (`assets/…`).
   */
  removedFiles: string[];
  /** The parts of the search index to make (again), by folder. */
  searchParts: string[];
  /** The previous site's parts of the search index that are gone, by folder. */
  searchRemoved: string[];
  /** How many pages the site has. */
  total: number;
  /**
   * Every page is written, for a new folder swapped in for the live site:
   * there is no previous site, or most of its pages changed (a template or
   * the site settings), and moving most of a site into the live one page by
   * page costs more than writing its few unchanged pages again.
   */
  whole: boolean;
}

/** A plan that changes more than this share of the pages is published whole (SitePlan.whole). */
const WHOLE_ABOVE = 0.5;

/**
 * `inPlace`: the pages are written into the live folder (the dev server), never a new one.
 * `search: false`: no search index is made, and the manifest keeps the previous one's parts.
 * `images`: the processed images the site shows (images.ts), `statics`: its static files, for its manifest.
 */
export function planSite(
  newsroom: Newsroom,
  previous?: Manifest,
  { inPlace = false, search = true, images = {}, statics = [] }: { inPlace?: boolean; search?: boolean; images?: Record<string, KeptImage>; statics?: string[] } = {},
): SitePlan {
  const all = sitePages(newsroom);
  const keys = fingerprints(all, newsroom, previous, { search });
  if (process.env.NEWSROOM_DEBUG) console.error(`plan: ${keys.hashed} of ${all.length} pages hashed`);
  const manifest: Manifest = { pages: {}, search: keys.search ?? previous?.search ?? {}, articles: keys.articles, images, statics };
  const pages: SitePage[] = [];
  for (const [i, page] of all.entries()) {
    const key = keys.pages[i]!;
    if (page.url in manifest.pages) throw new Error(`two pages have the URL ${page.url}`);
    manifest.pages[page.url] = key;
    if (previous?.pages[page.url] !== key) pages.push(page);
  }
  const removed = previous ? Object.keys(previous.pages).filter((url) => !(url in manifest.pages)) : [];
  const kept = new Set([...imageFiles(images), ...statics]);
  const removedFiles = [...imageFiles(previous?.images), ...(previous?.statics ?? [])].filter((file) => !kept.has(file));
  const whole = !previous || (!inPlace && pages.length > WHOLE_ABOVE * all.length);
  const made = keys.search ?? {};
  const searchParts = Object.keys(made).filter((folder) => previous?.search[folder] !== made[folder]);
  const searchRemoved = keys.search ? Object.keys(previous?.search ?? {}).filter((folder) => !(folder in made) && isSearchIndexEntry(folder)) : [];
  return { pages: whole ? all : pages, manifest, removed, removedFiles, searchParts, searchRemoved, total: all.length, whole };
}

/** The previous site's files, relative to its folder, that the plan's site no longer has: the pages in `removed`, and `removedFiles`. */
export const goneFiles = (plan: SitePlan): string[] => [...plan.removed.map(outputFile), ...plan.removedFiles];

/** Some part of the search index is to be made or removed: the index and its list of parts are written again. */
export const searchChanged = (plan: SitePlan): boolean => plan.searchParts.length > 0 || plan.searchRemoved.length > 0;

/**
 * Writes `pages`, or with `claim` the ones it hands out: two threads writing
 * the same list take turns through one shared counter (`Atomics.add`), so
 * each page is written once and neither thread waits while pages are left.
 */
export async function writePages(pages: readonly SitePage[], dir: string, claim?: { counters: Int32Array; slot: number }): Promise<void> {
  const madeDirs = new Set<string>();
  for (let i = 0; ; i++) {
    const at = claim ? Atomics.add(claim.counters, claim.slot, 1) : i;
    if (at >= pages.length) break;
    const page = pages[at]!;
    const file = path.join(dir, outputFile(page.url));
    const folder = path.dirname(file);
    if (!madeDirs.has(folder)) mkdirSync(folder, { recursive: true }), madeDirs.add(folder);
    try {
      writeFileSync(file, await page.render());
    } catch (cause) {
      throw new Error(`could not write ${page.url}${page.source ? ` (from ${page.source})` : ""}`, { cause });
    }
  }
}

/** The module the page-writing worker runs. */
export const PAGE_WORKER = new URL("./page-worker.ts", import.meta.url);

/** Fewer list pages than this are written in this thread: starting a worker costs about 0.2 s. */
const WORKER_MIN = Number(process.env.NEWSROOM_PAGE_WORKER_MIN ?? 1500);

export async function writeSitePages(plan: SitePlan, newsroom: Newsroom, dir: string): Promise<void> {
  const [withBodies, lists] = [plan.pages.filter((p) => p.bodies), plan.pages.filter((p) => !p.bodies)];
  if (lists.length < WORKER_MIN) return writePages(plan.pages, dir);
  // The next page to write of each list (list pages, pages with bodies), for whichever thread comes first.
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const work: PageWork = {
    // Bodies are most of an article's size: the worker reads them where they lie (body-spill.ts).
    ingested: { articles: newsroom.articles.map(withoutBodies), report: [], assets: new Map() },
    bodies: newsroom.articles.map(spilledTexts),
    spillFile: spillFile(),
    site: newsroom.site,
    now: newsroom.now,
    images: newsroom.images,
    urls: lists.map((p) => p.url),
    bodyUrls: withBodies.map((p) => p.url),
    counters,
    dir,
  };
  const worker = startWorker(PAGE_WORKER, { workerData: work }).then(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.once("message", (m: FromPageWorker) => ("error" in m ? reject(new Error(`the page worker failed: ${m.error}`)) : resolve()));
        w.once("error", reject);
        w.once("exit", (code) => reject(new Error(`the page worker stopped (exit code ${code})`)));
      }).finally(() => w.terminate()),
  );
  // Seen even if writing here fails first; awaited below.
  worker.catch(() => undefined);
  // This thread starts with the pages with bodies, the worker with the list pages; each then helps with the other's.
  await timed(`  ${withBodies.length} with bodies first (this thread)`, async () => {
    await writePages(withBodies, dir, { counters, slot: BODIES });
    await writePages(lists, dir, { counters, slot: LISTS });
  });
  await timed(`  ${lists.length} lists first (worker, the rest)`, () => worker);
}

/** Slots of the shared counters (page-worker.ts). */
export const LISTS = 0;
export const BODIES = 1;
