/**
 * Slugs are unique site-wide. When two articles of the same day share a slug,
 * the first by file path keeps it and the others get a suffix hashed from
 * their own path: stable whatever else is added or removed.
 */
import type { Article } from "../validate/schema.ts";
import { shortHash } from "./slug.ts";
import { articleUrl } from "./url.ts";

export function makeUrlsUnique(articles: Article[]): void {
  const byUrl = new Map<string, Article[]>();
  for (const a of articles) {
    const list = byUrl.get(a.url);
    if (list) list.push(a);
    else byUrl.set(a.url, [a]);
  }
  for (const group of byUrl.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const a of group.slice(1)) {
      a.slug = `${a.slug}-${shortHash(a.file, 6)}`;
      a.url = articleUrl(a.day, a.slug);
    }
  }
}
