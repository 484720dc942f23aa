/** /robots.txt: everything may be crawled; names the sitemaps. */
import type { Newsroom } from "../site-data.ts";
import { NEWS_SITEMAP_URL } from "../sitemaps.ts";
import { absoluteUrl } from "../urls.ts";

export const data = { permalink: "/robots.txt", eleventyExcludeFromCollections: true };

export function render({ newsroom }: { newsroom: Newsroom }) {
  const { site } = newsroom;
  const lines = ["User-agent: *", "Allow: /", "", `Sitemap: ${absoluteUrl(site, "/sitemap.xml")}`];
  if (newsroom.news.length) lines.push(`Sitemap: ${absoluteUrl(site, NEWS_SITEMAP_URL)}`);
  return `${lines.join("\n")}\n`;
}
