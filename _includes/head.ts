/**
 * What crawlers and link previews read in <head>: canonical link, OpenGraph
 * and Twitter card tags, feeds, and JSON-LD. Every URL is absolute, from the
 * site settings.
 */
import { html, jsonForScript, raw, SafeHtml } from "../src/render/html.ts";
import { absoluteUrl } from "../src/render/urls.ts";
import type { Site } from "../src/site/settings.ts";

export interface SocialImage {
  /** Site-relative or absolute. */
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface ArticleMeta {
  published: string;
  modified?: string;
  section?: string;
  tags: readonly string[];
  /** Site-relative author page URLs. */
  authors: readonly string[];
}

export interface HeadInput {
  site: Site;
  url: string;
  /** The page's own title (without the site name). */
  title: string;
  description: string;
  image?: SocialImage;
  article?: ArticleMeta;
  jsonLd?: readonly unknown[];
  noindex?: boolean;
  /** Site-relative URL of the page this one repeats (a copy's original); defaults to `url`. */
  canonical?: string;
  /** The page's own feed (a term's), named before the site's: readers offer the first. */
  feed?: { title: string; url: string };
}

/** OpenGraph wants language_TERRITORY; a bare language has no standard form, so none is given. */
const ogLocale = (language: string) => (/^[a-z]{2,3}-[a-z]{2}$/i.test(language) ? language.replace("-", "_") : undefined);

export function headTags({ site, url, title, description, image, article, jsonLd = [], noindex, canonical: canonicalUrl, feed }: HeadInput): SafeHtml {
  const canonical = absoluteUrl(site, canonicalUrl ?? url);
  const locale = ogLocale(site.language);
  const tags: Array<SafeHtml | false | "" | 0 | undefined> = [
    html`<link rel="canonical" href="${canonical}">`,
    noindex && html`<meta name="robots" content="noindex">`,
    html`<meta property="og:site_name" content="${site.title}">`,
    html`<meta property="og:type" content="${article ? "article" : "website"}">`,
    html`<meta property="og:title" content="${title}">`,
    html`<meta property="og:description" content="${description}">`,
    html`<meta property="og:url" content="${canonical}">`,
    locale && html`<meta property="og:locale" content="${locale}">`,
    image && html`<meta property="og:image" content="${absoluteUrl(site, image.url)}">`,
    image?.width && html`<meta property="og:image:width" content="${image.width}">`,
    image?.height && html`<meta property="og:image:height" content="${image.height}">`,
    image?.alt && html`<meta property="og:image:alt" content="${image.alt}">`,
    article && html`<meta property="article:published_time" content="${article.published}">`,
    article?.modified && html`<meta property="article:modified_time" content="${article.modified}">`,
    article?.section && html`<meta property="article:section" content="${article.section}">`,
    ...(article?.authors ?? []).map((a) => html`<meta property="article:author" content="${absoluteUrl(site, a)}">`),
    ...(article?.tags ?? []).map((t) => html`<meta property="article:tag" content="${t}">`),
    html`<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">`,
    site.twitter && html`<meta name="twitter:site" content="${site.twitter}">`,
    html`<meta name="twitter:title" content="${title}">`,
    html`<meta name="twitter:description" content="${description}">`,
    image && html`<meta name="twitter:image" content="${absoluteUrl(site, image.url)}">`,
    image?.alt && html`<meta name="twitter:image:alt" content="${image.alt}">`,
    feed && html`<link rel="alternate" type="application/atom+xml" title="${feed.title}" href="${absoluteUrl(site, feed.url)}">`,
    html`<link rel="alternate" type="application/atom+xml" title="${site.title}" href="${absoluteUrl(site, "/feed.xml")}">`,
    html`<link rel="alternate" type="application/feed+json" title="${site.title}" href="${absoluteUrl(site, "/feed.json")}">`,
    ...jsonLd.map((data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>`),
  ];
  return raw(tags.filter((t): t is SafeHtml => t instanceof SafeHtml).map((t) => t.value).join("\n"));
}
