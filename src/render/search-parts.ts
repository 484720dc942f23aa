/**
 * The search index comes in parts, each a Pagefind bundle in its own folder
 * at the site root, which the search page merges (Pagefind's `mergeIndex`):
 *
 *   pagefind-recent/       the articles dated from the first day of last month (site zone);
 *   pagefind/              the archive: the older articles, oldest first, in parts of at most
 *   pagefind-YYYY-MM-DD/   `site.searchPartSize` articles of whole days, each named after its
 *                          first day (the oldest part is `pagefind/`, where the UI is loaded from).
 *
 * Pagefind has no incremental mode: it takes 3–4 ms and, while it
 * indexes, about 280 KB of memory per article (3 GB at 10,000 articles, so
 * 100,000 in one bundle would not fit in most machines' memory). In parts, a
 * build indexes only the parts whose articles changed, one at a time:
 * publishing or correcting a recent article reindexes a month or two of
 * articles, an older one its part, and memory stays that of one part at any
 * size. Parts are filled oldest first and a part ends before the day that
 * would overfill it, so an edit changes no boundaries, and a month moving out
 * of `recent` joins the newest archive part (or starts one).
 *
 * Which parts the site has is listed in `/pagefind-parts.json`, written with
 * the index (src/render/plugins/search.ts): a build that leaves search out
 * (`--no-search`) leaves the parts and their list as they were.
 */
import { DateTime } from "luxon";
import type { Article } from "../validate/schema.ts";
import type { Newsroom } from "./site-data.ts";

export interface SearchPart {
  /** Its folder at the site root, which names it in the manifest. */
  folder: string;
  /** Its published articles, newest first. */
  articles: Article[];
}

export const RECENT_FOLDER = "pagefind-recent";
/** The oldest archive part, present even when empty: the search page loads Pagefind's UI from it. */
export const ARCHIVE_FOLDER = "pagefind";
/** The list of parts the search page merges: folders, those with articles, in merge order. */
export const PARTS_FILE = "pagefind-parts.json";

/** Top-level entries of the site that belong to the search index (published with it, never page by page). */
export const isSearchIndexEntry = (name: string): boolean => name === ARCHIVE_FOLDER || name.startsWith("pagefind-");

const made = new WeakMap<Newsroom, SearchPart[]>();

/** Every part of the index: the archive's, oldest first, then the recent one. */
export function searchParts(n: Newsroom): SearchPart[] {
  let parts = made.get(n);
  if (!parts) {
    const from = DateTime.fromISO(n.now, { zone: n.site.timeZone }).minus({ months: 1 }).startOf("month").toISODate()!;
    const published = n.articles.filter((a) => a.status === "published");
    const recent: SearchPart = { folder: RECENT_FOLDER, articles: published.filter((a) => a.day >= from) };
    parts = [...archiveParts(published.filter((a) => a.day < from), n.site.searchPartSize), recent];
    made.set(n, parts);
  }
  return parts;
}

/** `older` (newest first) in parts of whole days of at most `size` articles (a day with more is one part). */
function archiveParts(older: readonly Article[], size: number): SearchPart[] {
  let part: SearchPart = { folder: ARCHIVE_FOLDER, articles: [] };
  const parts = [part];
  // From the oldest day, filling each part oldest first.
  for (let end = older.length; end > 0; ) {
    let start = end - 1;
    while (start > 0 && older[start - 1]!.day === older[start]!.day) start--;
    if (part.articles.length > 0 && part.articles.length + (end - start) > size) parts.push((part = { folder: `pagefind-${older[start]!.day}`, articles: [] }));
    for (let i = end - 1; i >= start; i--) part.articles.push(older[i]!);
    end = start;
  }
  for (const p of parts) p.articles.reverse();
  return parts;
}

/**
 * The folders the search page merges, the first one first: Pagefind's UI stops at a bundle
 * without articles, so only parts with some; with none, the (empty) oldest archive part.
 */
export function searchBundles(parts: readonly SearchPart[]): string[] {
  const withArticles = parts.filter((p) => p.articles.length > 0).map((p) => p.folder);
  return withArticles.length ? withArticles : [ARCHIVE_FOLDER];
}
