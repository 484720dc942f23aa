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
 * holds a few pages, not the site. Many pages (a whole site) are handed to
 * the file writer's thread, which makes their folders and files while this
 * one renders the next (file-writer.ts).
 */
import path from "node:path";
import type { Newsroom } from "../render/site-data.ts";
import { isSearchIndexEntry } from "../render/search-parts.ts";
import { sitePages, type SitePage } from "../render/site-pages.ts";
import { fingerprints, type ArticleModel } from "./page-keys.ts";
import { outputFile } from "./paths.ts";
import { imageFiles, type KeptImage } from "../render/plugins/images.ts";
import { FileWriter } from "./file-writer.ts";
import { writeInFolder } from "./write-in-folder.ts";
import { envNumber } from "../site/env-number.ts";

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

/** What a page is, for an error message: `/2025/09/02/slug/ (from wire/a.md)`. */
const pageName = (page: SitePage) => `${page.url}${page.source ? ` (from ${page.source})` : ""}`;

/** Writes `pages` in this thread: a rebuild's few. */
async function writePages(pages: readonly SitePage[], dir: string, served: boolean): Promise<void> {
  const made = new Set<string>();
  for (const page of pages) {
    const html = await rendered(page);
    try {
      writeInFolder(path.join(dir, outputFile(page.url)), html, made, served);
    } catch (cause) {
      throw new Error(`could not write ${pageName(page)}`, { cause });
    }
  }
}

/** The page's HTML; a template's error names the page. */
async function rendered(page: SitePage): Promise<string> {
  try {
    return await page.render();
  } catch (cause) {
    throw new Error(`could not write ${pageName(page)}`, { cause });
  }
}

/** Fewer pages than this are written in this thread: the file writer adds about 20 ms (its start, its last files), and saves this thread about 0.1 ms a page. */
const WRITER_MIN = envNumber("NEWSROOM_FILE_WRITER_MIN") ?? 500;

/**
 * Writes the plan's pages: many (a whole site) through the file writer, which makes their folders
 * and files on a thread of its own while this one renders the next (file-writer.ts). `served`: a
 * server reads the folder meanwhile (write-in-folder.ts).
 */
export async function writeSitePages(plan: SitePlan, dir: string, { served = false } = {}): Promise<void> {
  if (plan.pages.length < WRITER_MIN) return writePages(plan.pages, dir, served);
  const writer = await FileWriter.start(dir, served);
  try {
    for (const page of plan.pages) writer.add(outputFile(page.url), await rendered(page), pageName(page));
  } catch (cause) {
    writer.stop();
    throw cause;
  }
  await writer.close();
}
