/** /sitemap.xml: every page; past 50,000 URLs a sitemap index over /sitemap-N.xml. */
import { safePermalink } from "../../publish/paths.ts";
import type { Newsroom } from "../site-data.ts";
import { renderSitemap, type SitemapFile } from "../sitemaps.ts";

interface Data {
  newsroom: Newsroom;
  sitemap: SitemapFile;
}

export const data = {
  pagination: { data: "newsroom.sitemaps", size: 1, alias: "sitemap" },
  permalink: (d: Data) => safePermalink(d.sitemap.url),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderSitemap(d.sitemap, d.newsroom.site);
