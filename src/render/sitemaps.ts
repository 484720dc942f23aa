/**
 * Sitemaps (https://www.sitemaps.org/protocol.html) and the Google News
 * sitemap. `sitemap.xml` lists every page; past 50,000 URLs (the protocol's
 * limit per file) it becomes a sitemap index over `sitemap-N.xml` parts, so
 * crawlers always start from the same URL. Article images are listed with the
 * image extension. Validated against the official XSDs in the tests.
 */
import type { Site } from "../site/settings.ts";
import type { Article } from "../validate/schema.ts";
import { escapeHtml } from "./html.ts";
import { once } from "./once.ts";
import { absoluteUrl, absoluteUrls } from "./urls.ts";

export interface SitemapEntry {
  /** Site-relative URL. */
  url: string;
  lastmod?: string;
  /** Site-relative or absolute image URLs. */
  images?: string[];
}

export interface SitemapFile {
  /** Site-relative URL of this file. */
  url: string;
  kind: "urlset" | "index";
  entries: SitemapEntry[];
}

export const SITEMAP_LIMIT = 50_000;
export const NEWS_LIMIT = 1000;
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_SITEMAP_URL = "/news-sitemap.xml";

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const NS_IMAGE = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"';
const NS_NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';

/** The characters XML 1.0 forbids in text. */
const FORBIDDEN = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF";
const FORBIDDEN_CHARS = new RegExp(`[${FORBIDDEN}]`, "g");
/** What xmlText changes: tested once first, for the many URLs and names that need nothing (a sitemap has 100,000s). */
const CHANGED_CHARS = new RegExp(`[&<>"'${FORBIDDEN}]`);

/** Text for XML: escaped, and without the control characters XML 1.0 forbids. */
export const xmlText = (s: string) => (CHANGED_CHARS.test(s) ? escapeHtml(s.replace(FORBIDDEN_CHARS, "")) : s);

/** The latest of the items' dates (ISO 8601, as written; `dateOf` is given each item's position too) by instant, the first of equals; undefined when none has one. */
export function newestOf<T>(items: readonly T[], dateOf: (item: T, at: number) => string | undefined): string | undefined {
  let best: string | undefined;
  let bestMillis = -Infinity;
  for (let at = 0; at < items.length; at++) {
    const date = dateOf(items[at]!, at);
    const ms = date === undefined ? NaN : Date.parse(date);
    if (ms > bestMillis) [best, bestMillis] = [date, ms];
  }
  return best;
}

/** A sitemap entry whose last change is found when first read, then kept: a rebuild that writes no sitemap reads none. */
export function lazyEntry(url: string, lastmod: () => string | undefined): SitemapEntry {
  const read = once(lastmod);
  return {
    url,
    get lastmod() {
      return read();
    },
  };
}

/** One sitemap when it fits, else an index (at `/sitemap.xml`) and parts of at most `limit` URLs. */
export function sitemapFiles(entries: SitemapEntry[], limit = SITEMAP_LIMIT): SitemapFile[] {
  if (entries.length <= limit) return [{ url: "/sitemap.xml", kind: "urlset", entries }];
  const parts: SitemapFile[] = [];
  for (let i = 0; i < entries.length; i += limit) {
    parts.push({ url: `/sitemap-${parts.length + 1}.xml`, kind: "urlset", entries: entries.slice(i, i + limit) });
  }
  const index = parts.map((p) => lazyEntry(p.url, () => newestOf(p.entries, (e) => e.lastmod)));
  return [{ url: "/sitemap.xml", kind: "index", entries: index }, ...parts];
}

export function renderSitemap(file: SitemapFile, site: Site): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const absolute = absoluteUrls(site);
  if (file.kind === "index") {
    out.push(`<sitemapindex ${NS}>`);
    for (const e of file.entries) {
      out.push(`<sitemap><loc>${xmlText(absolute(e.url))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</sitemap>`);
    }
    out.push("</sitemapindex>");
  } else {
    out.push(`<urlset ${NS} ${NS_IMAGE}>`);
    for (const e of file.entries) {
      const images = e.images ? e.images.map((i) => `<image:image><image:loc>${xmlText(absolute(i))}</image:loc></image:image>`).join("") : "";
      out.push(`<url><loc>${xmlText(absolute(e.url))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}${images}</url>`);
    }
    out.push("</urlset>");
  }
  return `${out.join("\n")}\n`;
}

/** Google News: articles published in the two days before the build, newest first, at most 1,000. */
export function newsArticles(articles: readonly Article[], now: Date, limit = NEWS_LIMIT): Article[] {
  const to = now.getTime();
  const from = to - NEWS_WINDOW_MS;
  const out: Article[] = [];
  // Newest first: skip what is after `now` (preview builds), stop at the first one too old.
  for (const a of articles) {
    const t = Date.parse(a.date);
    if (t > to) continue;
    if (t < from || out.length === limit) break;
    out.push(a);
  }
  return out;
}

/** The news sitemap's language: ISO 639 (2 or 3 letters), except zh-cn / zh-tw as Google asks. */
export function newsLanguage(tag: string): string {
  const [lang = "en", ...rest] = tag.toLowerCase().split("-");
  if (lang !== "zh") return lang;
  return rest.some((r) => r === "tw" || r === "hk" || r === "mo" || r === "hant") ? "zh-tw" : "zh-cn";
}

export function renderNewsSitemap(articles: readonly Article[], site: Site): string {
  const publication = `<news:publication><news:name>${xmlText(site.publisher.name)}</news:name><news:language>${newsLanguage(site.language)}</news:language></news:publication>`;
  const urls = articles.map(
    (a) =>
      `<url><loc>${xmlText(absoluteUrl(site, a.url))}</loc><news:news>${publication}<news:publication_date>${a.date}</news:publication_date><news:title>${xmlText(a.title)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${NS} ${NS_NEWS}>\n${urls.join("\n")}\n</urlset>\n`;
}
