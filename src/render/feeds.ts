/**
 * Atom (RFC 4287) and JSON Feed 1.1, with the full text of the newest
 * articles and only absolute URLs. The helpers come from
 * @11ty/eleventy-plugin-rss: `convertHtmlToAbsoluteUrls` resolves every link
 * and image in an article body against the article's own URL. (We call the
 * helpers rather than `addPlugin(rssPlugin)`: the plugin also installs
 * Eleventy's HTML <base> transform, which would add the path prefix a second
 * time to links that already carry it. They are loaded when a feed is
 * written: a build that leaves the feeds as they are does not pay for them.)
 */
import type { Article } from "../validate/schema.ts";
import { escapeHtml } from "./html.ts";
import type { Newsroom } from "./site-data.ts";
import { lastModified } from "./site-data.ts";
import { xmlText } from "./sitemaps.ts";
import { absoluteUrl } from "./urls.ts";

export const ATOM_URL = "/feed.xml";
export const JSON_FEED_URL = "/feed.json";

interface FeedItem {
  article: Article;
  url: string;
  /** Full body, every URL absolute, lead image first. */
  content: string;
  image?: string;
  authors: Array<{ name: string; url: string }>;
  /** Section first, then tags (display spellings). */
  terms: string[];
}

const rss = () => import("@11ty/eleventy-plugin-rss");

async function feedItems(newsroom: Newsroom): Promise<FeedItem[]> {
  const { site } = newsroom;
  const { convertHtmlToAbsoluteUrls } = await rss();
  return Promise.all(
    newsroom.feed.map(async (a) => {
      const url = absoluteUrl(site, a.url);
      const ctx = newsroom.context.get(a.url);
      const imageSrc = a.image && (newsroom.images.get(a.image.src)?.largest ?? (/^https:\/\//.test(a.image.src) ? a.image.src : undefined));
      const image = imageSrc && absoluteUrl(site, imageSrc);
      const lead = image ? `<p><img src="${escapeHtml(image)}" alt="${escapeHtml(a.image?.alt ?? "")}"></p>\n` : "";
      return {
        article: a,
        url,
        content: lead + (await convertHtmlToAbsoluteUrls(a.html, url)),
        image,
        authors: (ctx?.authors ?? []).map((t) => ({ name: t.name, url: absoluteUrl(site, t.url) })),
        terms: [...(ctx?.categories ?? []), ...(ctx?.tags ?? [])].map((t) => t.name),
      };
    }),
  );
}

/** When the feed last changed: its newest article (or the build time for an empty feed). */
const feedUpdated = (newsroom: Newsroom) => {
  const times = newsroom.feed.map((a) => Date.parse(lastModified(a)));
  return new Date(times.length ? Math.max(...times) : Date.parse(newsroom.now));
};

export async function atomFeed(newsroom: Newsroom): Promise<string> {
  const { site } = newsroom;
  const [items, { dateToRfc3339 }] = await Promise.all([feedItems(newsroom), rss()]);
  const home = absoluteUrl(site, "/");
  const entries = items.map(({ article: a, url, content, authors, terms }) => {
    const people = authors.length ? authors : [{ name: site.publisher.name, url: home }];
    return [
      "  <entry>",
      `    <title type="text">${xmlText(a.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `    <id>${xmlText(url)}</id>`,
      `    <published>${dateToRfc3339(new Date(a.date))}</published>`,
      `    <updated>${dateToRfc3339(new Date(lastModified(a)))}</updated>`,
      ...people.map((p) => `    <author><name>${xmlText(p.name)}</name><uri>${xmlText(p.url)}</uri></author>`),
      ...terms.map((t) => `    <category term="${xmlText(t)}"/>`),
      `    <summary type="text">${xmlText(a.description)}</summary>`,
      `    <content type="html">${xmlText(content)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(site.language)}">
  <title type="text">${xmlText(site.title)}</title>
  <subtitle type="text">${xmlText(site.description)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xmlText(absoluteUrl(site, ATOM_URL))}"/>
  <link rel="alternate" type="text/html" href="${xmlText(home)}"/>
  <id>${xmlText(home)}</id>
  <updated>${dateToRfc3339(feedUpdated(newsroom))}</updated>
  <author><name>${xmlText(site.publisher.name)}</name><uri>${xmlText(home)}</uri></author>
${site.publisher.logo ? `  <logo>${xmlText(absoluteUrl(site, site.publisher.logo))}</logo>\n` : ""}  <generator>The Daily Seed newsroom</generator>
${entries.join("\n")}
</feed>
`;
}

/** https://www.jsonfeed.org/version/1.1/ */
export async function jsonFeed(newsroom: Newsroom): Promise<string> {
  const { site } = newsroom;
  const items = await feedItems(newsroom);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.description,
    home_page_url: absoluteUrl(site, "/"),
    feed_url: absoluteUrl(site, JSON_FEED_URL),
    language: site.language,
    ...(site.publisher.logo && { icon: absoluteUrl(site, site.publisher.logo) }),
    authors: [{ name: site.publisher.name, url: absoluteUrl(site, "/") }],
    items: items.map(({ article: a, url, content, image, authors, terms }) => ({
      id: url,
      url,
      title: a.title,
      content_html: content,
      summary: a.description,
      ...(image && { image }),
      date_published: a.date,
      ...(a.updated && { date_modified: a.updated }),
      ...(authors.length > 0 && { authors }),
      ...(terms.length > 0 && { tags: terms }),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
