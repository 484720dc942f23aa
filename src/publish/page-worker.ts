/**
 * Worker side of write-site.ts `writeSitePages`: writes the list pages
 * (archives, tags, sections, authors, stories, sitemaps, home, …) while the
 * main thread writes the article pages. It gets the articles without their
 * bodies (list pages never show one), groups them itself exactly as the main
 * thread did (site-data.ts is deterministic), and writes the pages named,
 * taking turns with the main thread once that is done with its own.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Ingested } from "../ingest.ts";
import type { ResponsiveImage } from "../render/plugins/images.ts";
import { newsroomData } from "../render/site-data.ts";
import { sitePages } from "../render/site-pages.ts";
import type { Site } from "../site/settings.ts";
import { writePages } from "./write-site.ts";

export interface PageWork {
  ingested: Ingested;
  site: Site;
  now: string;
  images: Map<string, ResponsiveImage>;
  /** URLs of the pages to write, in page-table order (the main thread's list). */
  urls: string[];
  /** Shared counter of the next page of `urls` to write (write-site.ts writePages). */
  next: Int32Array;
  dir: string;
}

export type FromPageWorker = { done: true } | { error: string };

const work = workerData as PageWork;
const port = parentPort!;
try {
  const newsroom = newsroomData(work.ingested, work.site, { now: new Date(work.now), images: work.images });
  const wanted = new Set(work.urls);
  const pages = sitePages(newsroom).filter((p) => wanted.has(p.url));
  if (pages.length !== work.urls.length || pages.some((p, i) => p.url !== work.urls[i])) throw new Error("the worker's pages are not the main thread's");
  await writePages(pages, work.dir, work.next);
  port.postMessage({ done: true } satisfies FromPageWorker);
} catch (cause) {
  port.postMessage({ error: String((cause as Error)?.stack ?? cause) } satisfies FromPageWorker);
}
