/**
 * schema.org JSON-LD (https://developers.google.com/search/docs/appearance/structured-data/article).
 * Plain objects here; `jsonForScript` (html.ts) escapes them for the page, so
 * a headline containing `</script>` cannot end the element.
 */
import type { Site } from "../site/settings.ts";
import type { Article } from "../validate/schema.ts";
import type { Crumb } from "./site-data.ts";
import type { Term } from "./taxonomy.ts";
import { absoluteUrl } from "./urls.ts";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function publisherLd(site: Site): Json {
  return {
    "@type": "NewsMediaOrganization",
    name: site.publisher.name,
    url: absoluteUrl(site, "/"),
    ...(site.publisher.logo && { logo: { "@type": "ImageObject", url: absoluteUrl(site, site.publisher.logo) } }),
  };
}

export interface ArticleLdInput {
  article: Article;
  authors: readonly Term[];
  /** Absolute or site-relative image URLs; only images that exist. */
  images: readonly string[];
}

export function newsArticleLd({ article: a, authors, images }: ArticleLdInput, site: Site): Json {
  const url = absoluteUrl(site, a.url);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: a.title,
    description: a.description,
    datePublished: a.date,
    dateModified: a.updated ?? a.date,
    // No byline: the publication stands behind the article.
    author: authors.length
      ? authors.map((t) => ({ "@type": "Person", name: t.name, url: absoluteUrl(site, t.url) }))
      : [{ "@type": "Organization", name: site.publisher.name, url: absoluteUrl(site, "/") }],
    publisher: publisherLd(site),
    ...(images.length > 0 && { image: images.map((i) => absoluteUrl(site, i)) }),
    ...(a.dateline && { dateline: a.dateline }),
    ...(a.categories[0] && { articleSection: a.categories[0] }),
    ...(a.tags.length > 0 && { keywords: a.tags.join(", ") }),
    inLanguage: site.language,
    wordCount: a.wordCount,
    isAccessibleForFree: true,
  };
}

export function websiteLd(site: Site): Json {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.title,
    description: site.description,
    url: absoluteUrl(site, "/"),
    inLanguage: site.language,
    publisher: publisherLd(site),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site, "/search/")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

export function breadcrumbLd(crumbs: readonly Crumb[], site: Site): Json {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({ "@type": "ListItem", position: i + 1, name: c.label, item: absoluteUrl(site, c.url) })),
  };
}
