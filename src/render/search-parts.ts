/**
 * The search index comes in two parts, each a Pagefind bundle of its own,
 * which the search page merges (Pagefind's `mergeIndex`): `recent`, the
 * articles dated from the first day of last month (in the site's zone), and
 * `archive`, the older ones. Pagefind has no incremental mode and takes about
 * 4 ms per article, so publishing or correcting a recent article reindexes a
 * month or two of articles rather than the whole archive (40 s at 10,000);
 * the archive is indexed again when an older article changes and once a month,
 * when last month's articles move into it.
 */
import { DateTime } from "luxon";
import type { Article } from "../validate/schema.ts";
import type { Newsroom } from "./site-data.ts";

/** Each part and its bundle's folder under the site root. */
export const SEARCH_PARTS = { archive: "pagefind", recent: "pagefind-recent" } as const;
export type SearchPart = keyof typeof SEARCH_PARTS;
export const SEARCH_PART_NAMES = Object.keys(SEARCH_PARTS) as SearchPart[];

const parts = new WeakMap<Newsroom, Record<SearchPart, Article[]>>();

/** The published articles of each part, newest first. */
export function searchParts(n: Newsroom): Record<SearchPart, Article[]> {
  let made = parts.get(n);
  if (!made) {
    const from = DateTime.fromISO(n.now, { zone: n.site.timeZone }).minus({ months: 1 }).startOf("month").toISODate()!;
    made = { archive: [], recent: [] };
    for (const a of n.articles) if (a.status === "published") made[a.day >= from ? "recent" : "archive"].push(a);
    parts.set(n, made);
  }
  return made;
}

/**
 * The parts with articles, as the search page loads them (the first one, then the others merged
 * into it): Pagefind's UI stops at a bundle without any. With none, the archive's (empty) bundle.
 */
export function searchBundles(n: Newsroom): SearchPart[] {
  const withArticles = SEARCH_PART_NAMES.filter((p) => searchParts(n)[p].length > 0);
  return withArticles.length ? withArticles : ["archive"];
}
