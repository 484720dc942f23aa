/**
 * The Google News sitemap: articles from the two days before the build.
 * Written only while there is recent news (an empty <urlset> is invalid);
 * robots.txt names it only then.
 */
import { safePermalink } from "../../publish/paths.ts";
import type { Newsroom } from "../site-data.ts";
import { NEWS_SITEMAP_URL, renderNewsSitemap } from "../sitemaps.ts";

interface Data {
  newsroom: Newsroom;
}

export const data = {
  permalink: (d: Data) => (d.newsroom.news.length ? safePermalink(NEWS_SITEMAP_URL) : false),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderNewsSitemap(d.newsroom.news, d.newsroom.site);
