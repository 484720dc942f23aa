/**
 * The search index comes in parts, each a Pagefind bundle in its own folder
 * at the site root, which the search page merges (Pagefind's `mergeIndex`):
 *
 *   pagefind/              the archive: the articles dated before the first day of last month
 *   pagefind-YYYY-MM-DD/   (site zone), oldest first, in parts of at most `site.searchPartSize`
 *                          articles of whole days, each named after the first day of its range
 *                          (the oldest part is `pagefind/`, where the UI is loaded from);
 *   pagefind-recent/       the recent articles, the others, cut the same way into parts of at
 *   pagefind-recent-YYYY-MM-DD/  most `site.searchRecentPartSize` (RECENT_PART_SIZE, or the archive's if smaller).
 *
 * Pagefind has no incremental mode: it takes 3–4 ms and, while it
 * indexes, about 280 KB of memory per article (3 GB at 10,000 articles, so
 * 100,000 in one bundle would not fit in most machines' memory). In parts, a
 * build indexes only the parts whose articles changed, one at a time:
 * publishing or correcting a recent article reindexes a month or two of
 * articles, an older one its part, and memory stays that of one part at any
 * size. A part is a range of days cut from the range of all days by halving
 * it until each half holds at most `searchPartSize` articles, so its
 * boundaries depend only on its own articles: an edit changes no boundary,
 * an added or removed article changes its own part only (split in two, or
 * merged with the other half of its range), and a month moving out of
 * `recent` changes only the parts of its days (and the recent part that
 * becomes the oldest, named `pagefind-recent` then). (Filling parts greedily,
 * oldest first, made fewer parts, but one article added to a full part
 * pushed a day into the next one, and so on to the newest part.) The recent
 * articles are cut too: a newsroom publishing 300 articles a day has 15,000
 * of them, which as one part Pagefind would need 4 GB to index. Smaller
 * recent parts make publishing quicker (an article added today reindexes
 * only the part of its days: about 3 ms an article) and a reader's first
 * search a little slower (it loads each part's metadata and chunks).
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

const RECENT_FOLDER = "pagefind-recent";
/**
 * The recent parts' size unless the site sets one: Pagefind reindexes a part of 1,000 in about 3 s,
 * and a newsroom publishing 50 articles a day has about 2,000 recent ones, so two or three parts.
 */
const RECENT_PART_SIZE = 1000;
/** The oldest archive part, present even when empty: the search page loads Pagefind's UI from it. */
export const ARCHIVE_FOLDER = "pagefind";
/** The list of parts the search page merges: folders, those with articles, in merge order. */
export const PARTS_FILE = "pagefind-parts.json";

/** Top-level entries of the site that belong to the search index (published with it, never page by page). */
export const isSearchIndexEntry = (name: string): boolean => name === ARCHIVE_FOLDER || name.startsWith("pagefind-");

const made = new WeakMap<Newsroom, SearchPart[]>();

/** Every part of the index: the archive's, oldest first, then the recent ones, oldest first. */
export function searchParts(n: Newsroom): SearchPart[] {
  let parts = made.get(n);
  if (!parts) {
    const { timeZone, searchPartSize, searchRecentPartSize = Math.min(RECENT_PART_SIZE, searchPartSize) } = n.site;
    const from = DateTime.fromISO(n.now, { zone: timeZone }).minus({ months: 1 }).startOf("month").toISODate()!;
    const published = n.articles.filter((a) => a.status === "published");
    const [archive, recent] = [published.filter((a) => a.day < from), published.filter((a) => a.day >= from)];
    parts = [...partsOf(archive, searchPartSize, ARCHIVE_FOLDER), ...partsOf(recent, searchRecentPartSize, RECENT_FOLDER)];
    made.set(n, parts);
  }
  return parts;
}

/** Day numbers (days from 1970-01-01) of the interval all archive parts are cut from: years 1 to 9999 and more. */
const ALL_DAYS = 2 ** 22;

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 of a `YYYY-MM-DD` day. */
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * `articles` (newest first) in parts: halves of the range of all days, halved again while they
 * hold more than `size` articles (a single day with more is one part). A part depends only on the
 * articles of its own range, so adding or removing an article changes at most its own part (split
 * in two, or merged with its other half), never the parts around it. The oldest part is `base`,
 * the others `base-YYYY-MM-DD` after the first day of their range; with no articles, `base` alone.
 */
function partsOf(articles: readonly Article[], size: number, base: string): SearchPart[] {
  const days = articles.map((a) => dayNumber(a.day));
  const parts: SearchPart[] = [];
  // Articles articles[hi - 1] (oldest) down to articles[lo], all within days [from, to).
  const cut = (lo: number, hi: number, from: number, to: number): void => {
    if (hi === lo) return;
    if (hi - lo <= size || to - from === 1) {
      parts.push({ folder: parts.length === 0 ? base : `${base}-${dayOf(from)}`, articles: articles.slice(lo, hi) });
      return;
    }
    const mid = from + (to - from) / 2;
    let split = lo; // the first (newest-first) article of the older half
    while (split < hi && days[split]! >= mid) split++;
    cut(split, hi, from, mid);
    cut(lo, split, mid, to);
  };
  cut(0, articles.length, -ALL_DAYS, ALL_DAYS);
  return parts.length ? parts : [{ folder: base, articles: [] }];
}

/**
 * The folders the search page merges, the first one first: Pagefind's UI stops at a bundle
 * without articles, so only parts with some; with none, the (empty) oldest archive part.
 */
export function searchBundles(parts: readonly SearchPart[]): string[] {
  const withArticles = parts.filter((p) => p.articles.length > 0).map((p) => p.folder);
  return withArticles.length ? withArticles : [ARCHIVE_FOLDER];
}
