/**
 * What crawlers and link previews read in <head>: canonical link, OpenGraph
 * and Twitter card tags, feeds, and JSON-LD. Every URL is absolute, from the
 * site settings.
 */
import { html, jsonForScript, type SafeHtml } from "../src/render/html.ts";
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
}

/** OpenGraph wants language_TERRITORY; a bare language has no standard form, so none is given. */
const ogLocale = (language: string) => (/^[a-z]{2,3}-[a-z]{2}$/i.test(language) ? language.replace("-", "_") : undefined);

export function headTags({ site, url, title, description, image, article, jsonLd = [], noindex }: HeadInput): SafeHtml {
  const canonical = absoluteUrl(site, url);
  const locale = ogLocale(site.language);
  return html`<link rel="canonical" href="${canonical}">
${noindex ? html`<meta name="robots" content="noindex">` : ""}
<meta property="og:site_name" content="${site.title}">
<meta property="og:type" content="${article ? "article" : "website"}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
${locale ? html`<meta property="og:locale" content="${locale}">` : ""}
${image
  ? html`<meta property="og:image" content="${absoluteUrl(site, image.url)}">
${image.width ? html`<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">` : ""}
${image.alt ? html`<meta property="og:image:alt" content="${image.alt}">` : ""}`
  : ""}
${article
  ? html`<meta property="article:published_time" content="${article.published}">
${article.modified ? html`<meta property="article:modified_time" content="${article.modified}">` : ""}
${article.section ? html`<meta property="article:section" content="${article.section}">` : ""}
${article.authors.map((a) => html`<meta property="article:author" content="${absoluteUrl(site, a)}">\n`)}${article.tags.map((t) => html`<meta property="article:tag" content="${t}">\n`)}`
  : ""}
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">
${site.twitter ? html`<meta name="twitter:site" content="${site.twitter}">` : ""}
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
${image ? html`<meta name="twitter:image" content="${absoluteUrl(site, image.url)}">` : ""}
${image?.alt ? html`<meta name="twitter:image:alt" content="${image.alt}">` : ""}
<link rel="alternate" type="application/atom+xml" title="${site.title}" href="${absoluteUrl(site, "/feed.xml")}">
<link rel="alternate" type="application/feed+json" title="${site.title}" href="${absoluteUrl(site, "/feed.json")}">
${jsonLd.map((data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>\n`)}`;
}
