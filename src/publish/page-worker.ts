/**
 * Worker side of write-site.ts `writeSitePages`: writes the list pages
 * (archives, tags, sections, authors, stories, sitemaps, home, …) while the
 * main thread writes the article pages, then helps with those. It gets the
 * articles without their bodies, which it reads from the spill file when a
 * page shows one, groups them itself exactly as the main thread did
 * (site-data.ts is deterministic), and takes pages from the same shared
 * counters as the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Ingested } from "../ingest.ts";
import type { ResponsiveImage } from "../render/plugins/images.ts";
import { newsroomData } from "../render/site-data.ts";
import { sitePages, type SitePage } from "../render/site-pages.ts";
import { useSpillFile } from "../ingest/body-spill.ts";
import { withSpilledTexts, type SpilledTexts } from "../ingest/codec.ts";
import type { Site } from "../site/settings.ts";
import { BODIES, LISTS, writePages } from "./write-site.ts";

export interface PageWork {
  ingested: Ingested;
  site: Site;
  now: string;
  images: Map<string, ResponsiveImage>;
  /** Where each article's html and text lie in the spill file (body-spill.ts), whose descriptor is `spillFile`. */
  bodies: SpilledTexts[];
  spillFile: number;
  /** URLs of the list pages and of the pages with bodies to write, in page-table order (the main thread's lists). */
  urls: string[];
  bodyUrls: string[];
  /** Shared counters of the next page of each list to write (write-site.ts LISTS, BODIES). */
  counters: Int32Array;
  dir: string;
}

export type FromPageWorker = { done: true } | { error: string };

const work = workerData as PageWork;

/** The pages named, which must come in the main thread's order: the threads share counters into these lists. */
function inOrder(all: readonly SitePage[], urls: readonly string[]): SitePage[] {
  const wanted = new Set(urls);
  const pages = all.filter((p) => wanted.has(p.url));
  if (pages.length !== urls.length || pages.some((p, i) => p.url !== urls[i])) throw new Error("the worker's pages are not the main thread's");
  return pages;
}
const port = parentPort!;
try {
  useSpillFile(work.spillFile);
  const articles = work.ingested.articles.map((a, i) => withSpilledTexts(a, work.bodies[i]!));
  const newsroom = newsroomData({ ...work.ingested, articles }, work.site, { now: new Date(work.now), images: work.images });
  const all = sitePages(newsroom);
  const [lists, withBodies] = [inOrder(all, work.urls), inOrder(all, work.bodyUrls)];
  await writePages(lists, work.dir, { counters: work.counters, slot: LISTS });
  await writePages(withBodies, work.dir, { counters: work.counters, slot: BODIES });
  port.postMessage({ done: true } satisfies FromPageWorker);
} catch (cause) {
  port.postMessage({ error: String((cause as Error)?.stack ?? cause) } satisfies FromPageWorker);
}
