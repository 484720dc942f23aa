/**
 * Every page of the site, in one ordered table (like markdown-it's rule
 * lists): each entry names a kind of page and lists its pages from the site
 * data. A page is its URL, what it shows (`inputs`) and how to render it.
 *
 * `inputs` is what makes incremental builds possible (src/publish/write-site.ts):
 * a page whose inputs did not change since the last build is not rendered
 * again. So `inputs` must cover everything the page's template reads, apart
 * from what every page shares (site settings, the navigation, the code:
 * `sharedInputs`). Articles inside inputs stand for their whole record and
 * their own terms and image (page-keys.ts), terms for their name and URL.
 */
import { articlePage } from "../../_includes/article.ts";
import { homePage } from "../../_includes/home.ts";
import { archiveIndex, listPage, termIndexPage, yearPage } from "../../_includes/lists.ts";
import { notFoundPage } from "../../_includes/not-found.ts";
import { searchPage } from "../../_includes/search.ts";
import { storyPage } from "../../_includes/story.ts";
import { ATOM_URL, JSON_FEED_URL, atomFeed, jsonFeed, termFeed } from "./feeds.ts";
import type { ArchiveYear } from "./archives.ts";
import type { Newsroom } from "./site-data.ts";
import { NEWS_SITEMAP_URL, renderNewsSitemap, renderSitemap } from "./sitemaps.ts";
import { originalOf } from "./stories.ts";
import { absoluteUrl } from "./urls.ts";
import type { Article } from "../validate/schema.ts";

export interface SitePage {
  /** Site-relative URL without the path prefix: `/2025/09/02/slug/`, `/feed.xml`. */
  url: string;
  /** What the page shows, for its fingerprint. */
  inputs: unknown;
  /** The seed a page is made from, for error messages. */
  source?: string;
  /** Shows article bodies (article pages, full-text feeds); other pages are rendered without them. */
  bodies?: boolean;
  /**
   * What the page shows changes only with the articles in its inputs and the places of all
   * articles (their key but for the revision, src/publish/page-keys.ts): the pages of
   * articles, archives and terms. Checked by tests/unit/page-keys.test.ts.
   */
  byArticles?: true;
  /**
   * With `byArticles`: lists of articles that hold every article its inputs stand for and every
   * article whose place decides the rest of them (for a list's page, its whole list and the lists
   * its links name). A page none of whose lists holds an added article keeps its inputs
   * (page-keys.ts; checked by tests/unit/page-keys.test.ts).
   */
  from?: readonly (readonly (Article | undefined)[])[];
  /**
   * What the page shows follows from the places of all articles alone (and what every page
   * shares, and the page URLs): the calendar, the term indexes and the sitemaps. It is
   * fingerprinted by those, not by its inputs (at 100k articles, hashing the sitemaps' took
   * 0.4 s), so it keeps its fingerprint while every article keeps its place, whichever articles
   * changed, and is written again when any moves. Checked by tests/unit/page-keys.test.ts.
   */
  byPlaces?: true;
  render: () => string | Promise<string>;
}

type PageRule = [kind: string, pages: (n: Newsroom) => SitePage[]];

/** What year pages and the archive index show of the calendar: its URLs and counts, not the articles. */
const calendar = (y: ArchiveYear) => [y.year, y.count, y.months.map((m) => [m.month, m.articles.length, m.days.map((d) => [d.day, d.articles.length])])];

function robotsTxt(n: Newsroom): string {
  const lines = ["User-agent: *", "Allow: /", "", `Sitemap: ${absoluteUrl(n.site, "/sitemap.xml")}`];
  if (n.news.length) lines.push(`Sitemap: ${absoluteUrl(n.site, NEWS_SITEMAP_URL)}`);
  return `${lines.join("\n")}\n`;
}

export const PAGE_RULES: readonly PageRule[] = [
  ["home", (n) => [{ url: "/", inputs: n.home, render: () => homePage(n) }]],
  [
    "articles",
    (n) =>
      n.articles.map((a) => {
        const ctx = n.context.get(a.url);
        const story = a.story ? n.stories.byId.get(a.story) : undefined;
        const original = originalOf(a, n.stories);
        const inputs = [a, ctx?.newer, ctx?.older, story?.url, story?.articles, original];
        const from = [[a, ctx?.newer, ctx?.older, original], story?.articles ?? []];
        return { url: a.url, inputs, source: a.file, bodies: true, byArticles: true, from, render: () => articlePage(a, n) };
      }),
  ],
  [
    "lists",
    // A list page is made only to be rendered: its inputs are its list and its articles (site-data.ts ListSlot).
    (n) =>
      n.lists.map((l) => ({
        url: l.url,
        get inputs() {
          return l.inputs;
        },
        byArticles: true,
        from: l.from,
        render: () => listPage(l.page, n),
      })),
  ],
  [
    "years",
    (n) =>
      n.years.map((y, i) => {
        const [newer, older] = [n.years[i - 1], n.years[i + 1]];
        return { url: y.url, inputs: [calendar(y), newer?.year, older?.year], byPlaces: true, render: () => yearPage(y, newer, older, n) };
      }),
  ],
  ["archive", (n) => [{ url: "/archive/", inputs: [n.articles.length, n.years.map(calendar)], byPlaces: true, render: () => archiveIndex(n) }]],
  ["term indexes", (n) => n.termIndexes.map((t) => ({ url: t.url, inputs: t, byPlaces: true, render: () => termIndexPage(t, n) }))],
  ["stories", (n) => n.stories.pages.map((s) => ({ url: s.url, inputs: s, render: () => storyPage(s, n) }))],
  [
    "feeds",
    (n) => [
      // An empty feed is dated by the build time.
      { url: ATOM_URL, inputs: [n.feed, n.feed.length ? "" : n.now], bodies: true, render: () => atomFeed(n) },
      { url: JSON_FEED_URL, inputs: [n.feed, n.feed.length ? "" : n.now], bodies: true, render: () => jsonFeed(n) },
    ],
  ],
  [
    "term feeds",
    // Summaries: no bodies. Dated by `datedBy`: in a preview a term's feed may have no article (all drafts), then by the term's newest.
    (n) =>
      n.termFeeds.map((f) => ({
        url: f.url,
        inputs: [f.title, f.term.url, f.articles, f.datedBy],
        byArticles: true,
        from: [f.term.articles],
        render: () => termFeed(f, n),
      })),
  ],
  ["sitemaps", (n) => n.sitemaps.map((s) => ({ url: s.url, inputs: s, byPlaces: true, render: () => renderSitemap(s, n.site) }))],
  // Written only while there is recent news: an empty <urlset> is invalid.
  ["news sitemap", (n) => (n.news.length ? [{ url: NEWS_SITEMAP_URL, inputs: n.news, render: () => renderNewsSitemap(n.news, n.site) }] : [])],
  ["robots", (n) => [{ url: "/robots.txt", inputs: n.news.length > 0, render: () => robotsTxt(n) }]],
  ["search", (n) => [{ url: "/search/", inputs: null, render: () => searchPage(n) }]],
  ["not found", (n) => [{ url: "/404.html", inputs: n.articles.slice(0, 5), render: () => notFoundPage(n) }]],
];

export const sitePages = (n: Newsroom): SitePage[] => PAGE_RULES.flatMap(([, pages]) => pages(n));

/** What every page shows besides its own inputs: the site settings and the section navigation. */
export const sharedInputs = (n: Newsroom) => [n.site, n.sections.map((t) => [t.name, t.url])];
