/**
 * What every page template receives from Eleventy under `newsroom`: the
 * validated site settings and the records, grouped ONCE for the whole build
 * (archives, terms, neighbours, list pages, sitemaps). Page templates only
 * look things up here, so each page costs O(what it shows), whatever the
 * size of the corpus.
 */
import type { Ingested } from "../ingest.ts";
import type { Site } from "../site/settings.ts";
import type { Article } from "../validate/schema.ts";
import { archives, type ArchiveDay, type ArchiveMonth, type ArchiveYear } from "./archives.ts";
import { dayHeading, monthHeading } from "./format.ts";
import { pageCount, pageOf, pageUrl, type Paged, type Pager } from "./paginate.ts";
import type { ResponsiveImage } from "./plugins/images.ts";
import { originalOf, storyIndex, type StoryIndex } from "./stories.ts";
import { once } from "./once.ts";
import { lazyEntry, newestOf, newsArticles, sitemapFiles, type SitemapEntry, type SitemapFile } from "./sitemaps.ts";
import { TERM_PATHS, taxonomy, termSlug, type Taxonomy, type Term, type TermKind } from "./taxonomy.ts";

export interface DayGroup {
  /** YYYY-MM-DD in the site zone. */
  day: string;
  articles: Article[];
}

export interface Crumb {
  label: string;
  url: string;
}

/** One page of a month, day, tag, category or author list. */
export interface ListPage {
  kind: "month" | "day" | TermKind;
  url: string;
  /** What the list is: "September 2025", "Weather", "Jane Doe". */
  heading: string;
  /** Small label above the heading: "Archive", "Topic", … */
  kicker: string;
  description: string;
  crumbs: Crumb[];
  /** This page's articles, grouped by day on month pages, one group otherwise. */
  groups: DayGroup[];
  pager: Pager;
  /** Links to neighbouring lists: the days of this month, the previous and next day or month. */
  related: Crumb[];
  older?: Crumb;
  newer?: Crumb;
  /** A term's pages: its feed (TermFeed), when the site has term feeds. */
  feed?: { title: string; url: string };
}

/** A tag's, section's or author's Atom feed (src/render/feeds.ts termFeed), beside its first page. */
export interface TermFeed {
  term: Term;
  /** Site-relative: `/tags/weather/feed.xml`. */
  url: string;
  /** "The Daily Seed: Weather". */
  title: string;
  subtitle: string;
  /** The term's newest published articles, at most `site.termFeedLimit`. */
  articles: Article[];
  /**
   * What its <updated> is found from: `articles`, or with none (a preview's term of drafts only)
   * the term's newest, never the build time, so that what the feed shows follows from its articles
   * alone (site-pages.ts fingerprints it by them).
   */
  datedBy: readonly Article[];
}

/** An index of all terms of one kind: /tags/, /categories/, /authors/. */
export interface TermIndex {
  kind: TermKind;
  url: string;
  heading: string;
  terms: Array<{ name: string; url: string; count: number }>;
}

/** What an article page needs beyond the article, looked up by URL. */
export interface ArticleContext {
  /** Next newer and next older article by date. */
  newer?: Article;
  older?: Article;
  tags: Term[];
  categories: Term[];
  authors: Term[];
  image?: ResponsiveImage;
}

export interface Newsroom extends Ingested {
  site: Site;
  /** Build time (`--now`), ISO 8601. */
  now: string;
  /** Newest days first, at most `site.homeLimit` articles. */
  home: DayGroup[];
  /** Newest year first. */
  years: ArchiveYear[];
  taxonomies: Record<TermKind, Taxonomy>;
  lists: ListSlot[];
  termIndexes: TermIndex[];
  /** By article URL. */
  context: Map<string, ArticleContext>;
  /** Processed article images, by `article.image.src`. */
  images: Map<string, ResponsiveImage>;
  /** The masthead's sections: the site's `sections` that have articles, else the biggest six. */
  sections: Term[];
  /** Newest articles for the Atom and JSON feeds. */
  feed: Article[];
  /** One per term, unless `site.termFeedLimit` is 0. */
  termFeeds: TermFeed[];
  /** `sitemap.xml` and, past 50,000 URLs, its parts. */
  sitemaps: SitemapFile[];
  /** Articles for the Google News sitemap (published in the two days before `now`). */
  news: Article[];
  /** Story pages and lookups ("More on this story", canonical links of copies). */
  stories: StoryIndex;
}

/** Articles are already newest first; consecutive runs of the same day form a group. */
export function groupByDay(articles: readonly Article[]): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const a of articles) {
    const last = groups.at(-1);
    if (last?.day === a.day) last.articles.push(a);
    else groups.push({ day: a.day, articles: [a] });
  }
  return groups;
}

export { absoluteUrl, href } from "./urls.ts";

export const lastModified = (a: Article) => a.updated ?? a.date;

/**
 * The newest change among articles listed newest first (a list page's, a year's, the site's): what
 * `newestOf(articles, lastModified)` finds, from fewer dates. An article keeps `updated` only when it is later than
 * its date (enrich/article.ts), and no later article's date is newer than the first's, so only the
 * first article's last change and the others' `updated` can be newest. At 10k articles, parsing or
 * looking up the last change of every article of every list that holds it (about ten lists each)
 * took 40 ms of a rebuild after an addition, which writes the sitemap again.
 */
const newestChange = (articles: readonly Article[]): string | undefined => newestOf(articles, (a, at) => (at === 0 ? lastModified(a) : a.updated));

const HOME: Crumb = { label: "Home", url: "/" };
const ARCHIVE: Crumb = { label: "Archive", url: "/archive/" };

const pageSuffix = (pager: Pager) => (pager.number > 1 ? ` (page ${pager.number} of ${pager.count})` : "");

/**
 * A list page, its URL known at once and the page made only when read (`page`): a rebuild renders
 * few list pages of thousands, and making every one was some 40 % of grouping a site of 10,000
 * articles. Its fingerprint reads `inputs` instead (src/publish/page-keys.ts): what the list's pages
 * show besides their articles (the heading, a month's days, the neighbouring days or months), the
 * page's number, the list's length (with the page size, which every page shares, the pager) and the
 * page's articles. When articles moved (one added), every page is fingerprinted, and making each
 * list page for that was a fifth of it.
 */
export interface ListSlot {
  url: string;
  readonly inputs: unknown;
  /**
   * The lists of articles whose members decide its inputs: its own list (which articles each of its
   * pages shows, and how many pages) and those of the lists its `about` names (an archive's newer
   * and older day or month, which exist while they hold an article). page-keys.ts reads them.
   */
  readonly from: readonly (readonly Article[])[];
  readonly page: ListPage;
  /** The newest change among the page's articles (its sitemap lastmod). */
  readonly lastmod: string | undefined;
}

/**
 * The slots of the pages of a list of `items` whose first page is at `base`, each made by `make`,
 * which reads nothing of the list but `about` and the page it is given (tests/unit/page-keys.test.ts
 * checks that pages with the same inputs render the same bytes).
 */
function listSlots(
  items: readonly Article[],
  size: number,
  base: string,
  about: unknown,
  make: (page: Paged<Article>) => ListPage,
  neighbours: readonly (readonly Article[] | undefined)[] = [],
): ListSlot[] {
  const from = [items, ...neighbours.filter((list) => list !== undefined)];
  return Array.from({ length: pageCount(items.length, size) }, (_, i) => {
    const page = once(() => make(pageOf(items, size, base, i + 1)));
    // Read by the fingerprint and by the sitemap.
    const shown = once(() => items.slice(i * size, (i + 1) * size));
    return {
      url: pageUrl(base, i + 1),
      from,
      get inputs() {
        return [about, i + 1, items.length, shown()];
      },
      get page() {
        return page();
      },
      get lastmod() {
        return newestChange(shown());
      },
    };
  });
}

function archiveLists(years: readonly ArchiveYear[], site: Site): ListSlot[] {
  const months = years.flatMap((y) => y.months);
  const days = months.flatMap((m) => m.days);
  const dayCrumb = (d: ArchiveDay): Crumb => ({ label: dayHeading(d.day), url: d.url });
  const monthCrumb = (m: ArchiveMonth): Crumb => ({ label: monthHeading(m.month), url: m.url });
  const monthPages = months.flatMap((m, i) => {
    const [newer, older] = [months[i - 1], months[i + 1]];
    const about = [m.month, m.days.map((d) => [d.day, d.url]), newer && [newer.month, newer.url], older && [older.month, older.url]];
    return listSlots(m.articles, site.pageSize, m.url, about, (page) => {
      const [heading, year] = [monthHeading(m.month), m.month.slice(0, 4)];
      return {
        kind: "month",
        url: page.url,
        heading,
        kicker: "Archive",
        description: `Every article published in ${heading}${pageSuffix(page.pager)}.`,
        crumbs: [HOME, ARCHIVE, { label: year, url: `/${year}/` }],
        groups: groupByDay(page.items),
        pager: page.pager,
        related: m.days.map((d) => ({ label: String(Number(d.day.slice(8))), url: d.url })),
        newer: newer && monthCrumb(newer),
        older: older && monthCrumb(older),
      };
    }, [newer?.articles, older?.articles]);
  });
  const dayPages = days.flatMap((d, i) => {
    const [newer, older] = [days[i - 1], days[i + 1]];
    const about = [d.day, newer && [newer.day, newer.url], older && [older.day, older.url]];
    return listSlots(d.articles, site.pageSize, d.url, about, (page) => {
      const [heading, year, month] = [dayHeading(d.day), d.day.slice(0, 4), d.day.slice(0, 7)];
      return {
        kind: "day",
        url: page.url,
        heading,
        kicker: "Archive",
        description: `Every article published on ${heading}${pageSuffix(page.pager)}.`,
        crumbs: [HOME, ARCHIVE, { label: year, url: `/${year}/` }, { label: monthHeading(month), url: `/${month.replace("-", "/")}/` }],
        groups: [{ day: d.day, articles: page.items }],
        pager: page.pager,
        related: [],
        newer: newer && dayCrumb(newer),
        older: older && dayCrumb(older),
      };
    }, [newer?.articles, older?.articles]);
  });
  return [...monthPages, ...dayPages];
}

/** What a term's pages and feed are: "Topic: Weather", "Articles by Jane Doe". */
const termWhat = (term: Term) => (term.kind === "author" ? `Articles by ${term.name}` : `${TERM_PATHS[term.kind].label}: ${term.name}`);

const termFeedUrl = (term: Term) => `${term.url}feed.xml`;
const termFeedTitle = (term: Term, site: Site) => `${site.title}: ${term.name}`;

function termLists(tax: Taxonomy, site: Site): ListSlot[] {
  const { plural, label, base } = TERM_PATHS[tax.kind];
  return tax.terms.flatMap((term) =>
    listSlots(term.articles, site.pageSize, term.url, [tax.kind, term.name], (page) => {
      const what = termWhat(term);
      return {
        kind: tax.kind,
        url: page.url,
        heading: term.name,
        kicker: label,
        description: `${what}, newest first${pageSuffix(page.pager)}.`,
        crumbs: [HOME, { label: plural, url: base }],
        groups: [{ day: "", articles: page.items }],
        pager: page.pager,
        related: [],
        feed: site.termFeedLimit > 0 ? { title: termFeedTitle(term, site), url: termFeedUrl(term) } : undefined,
      };
    }),
  );
}

/** Each term's feed: its newest published articles (a preview's drafts stay out of feeds). */
function termFeeds(taxonomies: Record<TermKind, Taxonomy>, site: Site): TermFeed[] {
  const limit = site.termFeedLimit;
  if (limit === 0) return [];
  return (["tag", "category", "author"] as const).flatMap((kind) =>
    taxonomies[kind].terms.map((term) => {
      const articles: Article[] = [];
      for (const a of term.articles) {
        if (articles.length === limit) break;
        if (a.status === "published") articles.push(a);
      }
      const datedBy = articles.length ? articles : term.articles.slice(0, 1);
      return { term, url: termFeedUrl(term), title: termFeedTitle(term, site), subtitle: `${termWhat(term)}, newest first.`, articles, datedBy };
    }),
  );
}

/** Every page a crawler should know, with its last change: home, archives, lists, term indexes, articles. */
function sitemapEntries(articles: readonly Article[], years: readonly ArchiveYear[], lists: readonly ListSlot[], indexes: readonly TermIndex[], images: ReadonlyMap<string, ResponsiveImage>, stories: StoryIndex): SitemapEntry[] {
  const newestAll = once(() => newestChange(articles));
  const entries: SitemapEntry[] = [lazyEntry("/", newestAll), lazyEntry("/archive/", newestAll)];
  for (const y of years) entries.push(lazyEntry(y.url, () => newestChange(y.months.flatMap((m) => m.articles))));
  for (const l of lists) entries.push(lazyEntry(l.url, () => l.lastmod));
  for (const i of indexes) if (i.terms.length) entries.push(lazyEntry(i.url, newestAll));
  // A story's articles are oldest first.
  for (const s of stories.pages) entries.push(lazyEntry(s.url, () => newestOf(s.articles, lastModified)));
  for (const a of articles) {
    const image = a.image && (images.get(a.image.src)?.largest ?? (/^https:/.test(a.image.src) ? a.image.src : undefined));
    entries.push({ url: a.url, lastmod: lastModified(a), images: image ? [image] : undefined });
  }
  return entries;
}

export interface NewsroomExtras {
  /** Build time. */
  now: Date;
  images?: Map<string, ResponsiveImage>;
}

export function newsroomData(ingested: Ingested, site: Site, { now, images = new Map() }: NewsroomExtras): Newsroom {
  const { articles } = ingested;
  const collator = new Intl.Collator(site.language, { sensitivity: "base", numeric: true });
  const taxonomies = {
    tag: taxonomy("tag", articles, collator),
    category: taxonomy("category", articles, collator),
    author: taxonomy("author", articles, collator),
  };
  const years = archives(articles);

  const context = new Map<string, ArticleContext>();
  articles.forEach((a, i) => {
    context.set(a.url, {
      newer: articles[i - 1],
      older: articles[i + 1],
      tags: taxonomies.tag.ofArticle[i]!,
      categories: taxonomies.category.ofArticle[i]!,
      authors: taxonomies.author.ofArticle[i]!,
      image: a.image && images.get(a.image.src),
    });
  });

  // A preview build (--drafts) shows drafts and scheduled articles on pages, never in feeds or sitemaps.
  const published = articles.filter((a) => a.status === "published");
  const lists = [...archiveLists(years, site), ...(["tag", "category", "author"] as const).flatMap((k) => termLists(taxonomies[k], site))];
  const termIndexes = (["tag", "category", "author"] as const).map((kind) => ({
    kind,
    url: TERM_PATHS[kind].base,
    heading: TERM_PATHS[kind].plural,
    terms: taxonomies[kind].terms.map((t) => ({ name: t.name, url: t.url, count: t.articles.length })),
  }));
  const stories = storyIndex(articles);
  // A copy's canonical URL is its original's, so crawlers are given only originals.
  const canonical = published.filter((a) => !originalOf(a, stories));
  const sections = site.sections
    ? site.sections.flatMap((name) => taxonomies.category.terms.find((t) => t.slug === termSlug(name)) ?? [])
    : [...taxonomies.category.terms].sort((x, y) => y.articles.length - x.articles.length).slice(0, 6);
  return {
    ...ingested,
    site,
    now: now.toISOString(),
    home: groupByDay(articles.slice(0, site.homeLimit)),
    years,
    taxonomies,
    lists,
    termIndexes,
    context,
    images,
    sections,
    feed: published.slice(0, site.feedLimit),
    termFeeds: termFeeds(taxonomies, site),
    sitemaps: sitemapFiles(sitemapEntries(canonical, years, lists, termIndexes, images, stories)),
    news: newsArticles(canonical, now),
    stories,
  };
}
