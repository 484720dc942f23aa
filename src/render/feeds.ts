/**
 * Atom (RFC 4287) and JSON Feed 1.1, with only absolute URLs: the site's
 * feeds carry the full text of the newest articles; every tag, section and
 * author has an Atom feed of its newest articles too, summarised (a reader
 * following one topic clicks through, and a site has thousands of terms).
 * The helpers come from @11ty/eleventy-plugin-rss: `convertHtmlToAbsoluteUrls`
 * resolves every link and image in an article body against the article's own
 * URL. (We call the helpers rather than `addPlugin(rssPlugin)`: the plugin
 * also installs Eleventy's HTML <base> transform, which would add the path
 * prefix a second time to links that already carry it. They are loaded when
 * a feed is written: a build that leaves the feeds as they are does not pay
 * for them.)
 */
import type { Article } from "../validate/schema.ts";
import { escapeHtml } from "./html.ts";
import type { Newsroom, TermFeed } from "./site-data.ts";
import { lastModified } from "./site-data.ts";
import { once } from "./once.ts";
import { xmlText } from "./sitemaps.ts";
import { absoluteUrl } from "./urls.ts";

export const ATOM_URL = "/feed.xml";
export const JSON_FEED_URL = "/feed.json";

/** What both formats say of an article besides its body. */
interface ItemMeta {
  url: string;
  authors: Array<{ name: string; url: string }>;
  /** Section first, then tags (display spellings). */
  terms: string[];
}

function itemMeta(a: Article, newsroom: Newsroom): ItemMeta {
  const { site } = newsroom;
  const ctx = newsroom.context.get(a.url);
  return {
    url: absoluteUrl(site, a.url),
    authors: (ctx?.authors ?? []).map((t) => ({ name: t.name, url: absoluteUrl(site, t.url) })),
    terms: [...(ctx?.categories ?? []), ...(ctx?.tags ?? [])].map((t) => t.name),
  };
}

/** An article of the site's feeds in full: its body with every URL absolute, lead image first. */
interface FullItem {
  content: string;
  image?: string;
}

const rss = once(() => import("@11ty/eleventy-plugin-rss"));

async function fullItems(newsroom: Newsroom): Promise<FullItem[]> {
  const { site } = newsroom;
  const { convertHtmlToAbsoluteUrls } = await rss();
  return Promise.all(
    newsroom.feed.map(async (a) => {
      const imageSrc = a.image && (newsroom.images.get(a.image.src)?.largest ?? (/^https:\/\//.test(a.image.src) ? a.image.src : undefined));
      const image = imageSrc && absoluteUrl(site, imageSrc);
      const lead = image ? `<p><img src="${escapeHtml(image)}" alt="${escapeHtml(a.image?.alt ?? "")}"></p>\n` : "";
      return { content: lead + (await convertHtmlToAbsoluteUrls(a.html, absoluteUrl(site, a.url))), image };
    }),
  );
}

/** When a feed last changed: its newest article (or the build time for an empty feed). */
const feedUpdated = (articles: readonly Article[], now: string) => {
  const times = articles.map((a) => Date.parse(lastModified(a)));
  return new Date(times.length ? Math.max(...times) : Date.parse(now));
};

/** One Atom feed: the site's (full text), or a term's (summaries: a reader following a topic clicks through). */
interface AtomSpec {
  title: string;
  subtitle: string;
  /** Site-relative: the feed's own URL and the page it follows. */
  url: string;
  page: string;
  articles: readonly Article[];
  updated: Date;
  /** The articles in full, or none: summaries only. */
  full?: readonly FullItem[];
}

/** An article's <entry>, with its full text when given `content`. */
function entry(a: Article, newsroom: Newsroom, toRfc3339: (d: Date) => string, content?: string): string {
  const { site } = newsroom;
  const { url, authors, terms } = itemMeta(a, newsroom);
  const people = authors.length ? authors : [{ name: site.publisher.name, url: absoluteUrl(site, "/") }];
  return [
    "  <entry>",
    `    <title type="text">${xmlText(a.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
    `    <id>${xmlText(url)}</id>`,
    `    <published>${toRfc3339(new Date(a.date))}</published>`,
    `    <updated>${toRfc3339(new Date(lastModified(a)))}</updated>`,
    ...people.map((p) => `    <author><name>${xmlText(p.name)}</name><uri>${xmlText(p.url)}</uri></author>`),
    ...terms.map((t) => `    <category term="${xmlText(t)}"/>`),
    `    <summary type="text">${xmlText(a.description)}</summary>`,
    ...(content === undefined ? [] : [`    <content type="html">${xmlText(content)}</content>`]),
    "  </entry>",
  ].join("\n");
}

/** Summary entries made in a build, by article: an article is in the feeds of all its terms (3 to 6 at 10k articles). */
const summaries = new WeakMap<Newsroom, Map<Article, string>>();

async function atom(spec: AtomSpec, newsroom: Newsroom): Promise<string> {
  const { site } = newsroom;
  const { dateToRfc3339 } = await rss();
  const home = absoluteUrl(site, "/");
  const page = absoluteUrl(site, spec.page);
  let made = summaries.get(newsroom);
  if (!made) summaries.set(newsroom, (made = new Map()));
  const entries = spec.articles.map((a, i) => {
    if (spec.full) return entry(a, newsroom, dateToRfc3339, spec.full[i]!.content);
    let xml = made.get(a);
    if (xml === undefined) made.set(a, (xml = entry(a, newsroom, dateToRfc3339)));
    return xml;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(site.language)}">
  <title type="text">${xmlText(spec.title)}</title>
  <subtitle type="text">${xmlText(spec.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xmlText(absoluteUrl(site, spec.url))}"/>
  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>
  <id>${xmlText(page)}</id>
  <updated>${dateToRfc3339(spec.updated)}</updated>
  <author><name>${xmlText(site.publisher.name)}</name><uri>${xmlText(home)}</uri></author>
${site.publisher.logo ? `  <logo>${xmlText(absoluteUrl(site, site.publisher.logo))}</logo>\n` : ""}  <generator>The Daily Seed newsroom</generator>
${entries.join("\n")}
</feed>
`;
}

/** The site's feed: the newest articles in full. */
export async function atomFeed(newsroom: Newsroom): Promise<string> {
  const { site, feed } = newsroom;
  const updated = feedUpdated(feed, newsroom.now);
  return atom({ title: site.title, subtitle: site.description, url: ATOM_URL, page: "/", articles: feed, updated, full: await fullItems(newsroom) }, newsroom);
}

/** A tag's, section's or author's feed (site-data.ts TermFeed): its newest articles, summarised, dated by `datedBy`. */
export const termFeed = (f: TermFeed, newsroom: Newsroom): Promise<string> =>
  atom({ title: f.title, subtitle: f.subtitle, url: f.url, page: f.term.url, articles: f.articles, updated: feedUpdated(f.datedBy, newsroom.now) }, newsroom);

/** https://www.jsonfeed.org/version/1.1/ */
export async function jsonFeed(newsroom: Newsroom): Promise<string> {
  const { site } = newsroom;
  const full = await fullItems(newsroom);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.description,
    home_page_url: absoluteUrl(site, "/"),
    feed_url: absoluteUrl(site, JSON_FEED_URL),
    language: site.language,
    ...(site.publisher.logo && { icon: absoluteUrl(site, site.publisher.logo) }),
    authors: [{ name: site.publisher.name, url: absoluteUrl(site, "/") }],
    items: newsroom.feed.map((a, i) => {
      const { url, authors, terms } = itemMeta(a, newsroom);
      const { content, image } = full[i]!;
      return {
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
      };
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
