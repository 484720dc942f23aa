/**
 * Slugs are unique site-wide. When two articles of the same day share a slug,
 * the first by file path keeps it and the others get a suffix hashed from
 * their own path: stable whatever else is added or removed.
 */
import type { Article } from "../validate/schema.ts";
import { shortHash } from "./slug.ts";
import { articleUrl } from "./url.ts";

export function makeUrlsUnique(articles: Article[]): void {
  // The first article of each URL, and the groups of those shared: nearly every URL has one article, so no list is made for it.
  const first = new Map<string, Article>();
  const shared = new Map<string, Article[]>();
  for (const a of articles) {
    const other = first.get(a.url);
    if (other === undefined) first.set(a.url, a);
    else {
      const group = shared.get(a.url);
      if (group) group.push(a);
      else shared.set(a.url, [other, a]);
    }
  }
  for (const group of shared.values()) {
    group.sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const a of group.slice(1)) {
      a.slug = `${a.slug}-${shortHash(a.file, 6)}`;
      a.url = articleUrl(a.day, a.slug);
    }
  }
}
