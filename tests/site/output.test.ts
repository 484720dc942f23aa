/**
 * The built fixture site, read as a reader, a feed reader and a crawler
 * would: pages, archives, terms, article metadata, JSON-LD, feeds (parsed
 * with feedparser), sitemaps (validated with xmllint), robots.txt, search.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import FeedParser from "feedparser";
import { buildFixtureSite, ORIGIN, PREFIX } from "./fixture.ts";
import { xmllint } from "./xml.ts";

const site = buildFixtureSite();
const abs = (url: string) => `${ORIGIN}${PREFIX}${url.replace(/^\//, "")}`;

const STORM = "/2025/09/03/storm-closes-the-coast-road/";
const COUNCIL = "/2025/09/03/council-approves-a-budget-that-protects-libraries/";
const LIFEBOAT = "/2025/09/01/lifeboat-crew-rescues-walkers-cut-off-by-the-tide/";
const HOSTILE_TITLE = 'Breaking </script><script>alert("x")</script> & “quotes” in a headline';

/** Article URLs in the order a list page shows them. */
const cardLinks = (html: string) => [...html.matchAll(/<h[23] class="card__title"><a href="([^"]+)">/g)].map((m) => m[1]!);
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
const meta = (html: string, property: string) => [...html.matchAll(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`, "g"))].map((m) => m[1]);
const articlePages = () => site.files().filter((f) => /^\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/index\.html$/.test(f) && !/\/page\//.test(f));

/** Every article of a paginated list, following its "Older" links. */
function walkList(url: string): { pages: string[]; articles: string[] } {
  const pages: string[] = [];
  const articles: string[] = [];
  for (let next: string | undefined = url; next; ) {
    pages.push(next);
    const html = site.read(next);
    articles.push(...cardLinks(html));
    next = /<a href="([^"]+)" rel="next">Older →<\/a>/.exec(html)?.[1];
  }
  return { pages, articles };
}

test("the build publishes the 13 ready articles and nothing held back", () => {
  assert.equal(site.build.code, 0, site.build.stderr);
  assert.match(site.build.stdout, /^13 published, 2 held/m);
  assert.match(site.build.stdout, /^Pages: \d+ written; search index [\d.]+ s \(5 parts, 13 articles(?:; \d from \.cache\/search)?\)$/m);
  assert.equal(articlePages().length, 13);
  assert.ok(!site.files().some((f) => /unfinished-draft|scheduled-piece/.test(f)));
});

test("home: the latest articles under day headings, newest first, then the archive", () => {
  const home = site.read("/");
  const links = cardLinks(home);
  assert.equal(links.length, 8, "homeLimit is 8");
  assert.equal(links[0], `${PREFIX}${STORM.slice(1)}`);
  assert.equal(links[1], `${PREFIX}${COUNCIL.slice(1)}`);
  for (const link of links) assert.ok(existsSync(site.file(link)), link);
  const days = [...home.matchAll(/<h2 class="day__heading" id="day-([\d-]+)"><time datetime="\1">([^<]+)<\/time>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(days, [
    ["2025-09-03", "Wednesday 3 September 2025"],
    ["2025-09-02", "Tuesday 2 September 2025"],
    ["2025-09-01", "Monday 1 September 2025"],
  ]);
  assert.match(home, /<a class="more__link" href="\/news\/archive\/">Browse the archive<\/a>/);
  assert.match(home, /<li class="card card--lead card--image">/);
  const [website] = jsonLd(home);
  assert.equal(website!["@type"], "WebSite");
  assert.equal((website!.potentialAction as { target: { urlTemplate: string } }).target.urlTemplate, `${abs("/search/")}?q={search_term_string}`);
});

test("archives: /YYYY/ lists months and days; months and days are paginated and complete", () => {
  const year = site.read("/2025/");
  assert.match(year, /<h1 class="list__title">2025<\/h1>/);
  assert.deepEqual([...year.matchAll(/<h2 class="month__heading"[^>]*><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]), [
    ["/news/2025/09/", "September 2025"],
    ["/news/2025/08/", "August 2025"],
    ["/news/2025/07/", "July 2025"],
    ["/news/2025/03/", "March 2025"],
    ["/news/2025/01/", "January 2025"],
  ]);
  assert.match(year, /<a href="\/news\/2025\/09\/02\/" aria-label="Tuesday 2 September 2025: 5 articles">2<\/a>/);
  assert.match(year, /<a href="\/news\/2024\/" rel="prev">/);

  const month = walkList("/news/2025/09/");
  assert.deepEqual(month.pages, ["/news/2025/09/", "/news/2025/09/page/2/", "/news/2025/09/page/3/"]);
  assert.equal(month.articles.length, 8);
  assert.equal(new Set(month.articles).size, 8);
  assert.match(site.read("/2025/09/page/2/"), /<title>September 2025, page 2 · The Test Courier<\/title>/);
  assert.match(site.read("/2025/09/page/2/"), /<a href="\/news\/2025\/09\/page\/2\/" aria-current="page">2<\/a>/);

  const day = walkList("/news/2025/09/02/");
  assert.deepEqual(day.pages, ["/news/2025/09/02/", "/news/2025/09/02/page/2/"]);
  assert.equal(day.articles.length, 5);
  const dayHtml = site.read("/2025/09/02/");
  assert.match(dayHtml, /<h1 class="list__title">Tuesday 2 September 2025<\/h1>/);
  assert.match(dayHtml, /rel="prev"><span class="prevnext__label">Earlier<\/span> <span class="prevnext__title">Monday 1 September 2025<\/span>/);
  assert.match(dayHtml, /rel="next"><span class="prevnext__label">Later<\/span> <span class="prevnext__title">Wednesday 3 September 2025<\/span>/);

  const archive = site.read("/archive/");
  assert.deepEqual([...archive.matchAll(/<h2 class="year__heading"[^>]*><a href="([^"]+)">(\d{4})<\/a>/g)].map((m) => m[2]), ["2025", "2024"]);
});

test("tags, sections and authors: one term per spelling family, paginated, shown in the common spelling", () => {
  const weather = walkList("/news/tags/weather/");
  assert.deepEqual(weather.pages, ["/news/tags/weather/", "/news/tags/weather/page/2/"]);
  assert.equal(weather.articles.length, 6, "Weather, WEATHER, 'weather ' and weather are one tag");
  assert.match(site.read("/tags/weather/"), /<h1 class="list__title">Weather<\/h1>/);
  const tagDirs = site.files().filter((f) => /^tags\/[^/]+\/index\.html$/.test(f)).map((f) => f.split("/")[1]);
  assert.equal(tagDirs.filter((t) => t!.includes("weather")).length, 1);
  assert.equal(walkList("/news/tags/climate-change/").articles.length, 2, "'Climate  Change' and 'climate change' are one tag");
  assert.match(site.read("/tags/local-government/"), /<h1 class="list__title">Local Government<\/h1>/);
  const japanese = tagDirs.find((t) => /^a-[0-9a-f]{8}$/.test(t!));
  assert.ok(japanese, "a tag slugify cannot spell gets a stable hash slug");
  assert.match(site.read(`/tags/${japanese}/`), /<h1 class="list__title">東京<\/h1>/);

  const news = walkList("/news/categories/news/");
  assert.equal(news.articles.length, 7, "News and news are one section");
  assert.equal(news.pages.length, 3);
  assert.match(site.read("/"), /<li><a href="\/news\/categories\/news\/">News<\/a><\/li>/);

  const jane = walkList("/news/authors/jane-doe/");
  assert.equal(jane.articles.length, 3, "Jane Doe, jane doe and 'Jane  Doe' are one author");
  assert.match(site.read("/authors/jane-doe/"), /<h1 class="list__title">Jane Doe<\/h1>/);

  const tagIndex = site.read("/tags/");
  assert.match(tagIndex, /<li><a href="\/news\/tags\/weather\/">Weather<\/a> <span class="month__count">6<\/span><\/li>/);
  assert.match(site.read("/authors/"), /<a href="\/news\/authors\/john-smith\/">John Smith<\/a> <span class="month__count">2<\/span>/);
});

test("article page: headline, dek, linked byline, times, reading time, image, section and tags, neighbours", () => {
  const html = site.read(STORM);
  assert.match(html, /<h1 class="article__title">Storm closes the coast road<\/h1>/);
  assert.match(html, /<p class="dek">Gusts of ninety miles an hour/);
  assert.match(html, /<span class="byline">By <a href="\/news\/authors\/jane-doe\/" rel="author">Jane Doe<\/a><\/span>/);
  assert.match(html, /<time datetime="2025-09-03T07:30:00\+01:00">3 September 2025, 07:30 BST<\/time>/);
  assert.match(html, /<span class="reading-time">1 min read<\/span>/);
  assert.match(html, /<p class="kicker" data-pagefind-ignore><a href="\/news\/categories\/news\/">News<\/a><\/p>/);
  assert.match(html, /<li><a href="\/news\/tags\/weather\/" data-pagefind-filter="tag">Weather<\/a><\/li><li><a href="\/news\/tags\/roads\/" data-pagefind-filter="tag">Roads<\/a><\/li>/);
  // Newest article: an older neighbour only.
  assert.match(html, new RegExp(`<a href="${PREFIX}${COUNCIL.slice(1)}" rel="prev"><span class="prevnext__label">Previous article</span>`));
  assert.doesNotMatch(html, /rel="next"/);
  // The image: eleventy-img widths, intrinsic size, formats, files that exist.
  const picture = /<picture>(.*?)<\/picture>/.exec(html)?.[1] ?? "";
  assert.match(picture, /<source type="image\/webp" srcset="\/news\/img\/[0-9a-f]{16}-400\.webp 400w, \/news\/img\/[0-9a-f]{16}-800\.webp 800w, \/news\/img\/[0-9a-f]{16}-1200\.webp 1200w" sizes="[^"]+">/);
  assert.match(picture, /<img src="\/news\/img\/[0-9a-f]{16}-800\.jpeg" width="1200" height="750" alt="Storm clouds gather over the hills above the coast road" loading="eager" fetchpriority="high" decoding="async">/);
  for (const [, src] of picture.matchAll(/(\/news\/img\/[^ ",]+)/g)) assert.ok(existsSync(site.file(src!)), src);
  // The neighbour in the middle of the list has both.
  const council = site.read(COUNCIL);
  assert.match(council, /rel="prev"><span class="prevnext__label">Previous article<\/span> <span class="prevnext__title">Ferry crews vote to strike over rotas/);
  assert.match(council, /rel="next"><span class="prevnext__label">Next article<\/span> <span class="prevnext__title">Storm closes the coast road/);
  assert.match(council, /<span class="updated">Updated <time datetime="2025-09-03T10:15:00\+01:00">3 September 2025, 10:15 BST<\/time><\/span>/);
  // A missing image is left out everywhere.
  const lifeboat = site.read(LIFEBOAT);
  assert.doesNotMatch(lifeboat, /<img|<picture|og:image/);
  // Only the article is indexed for search; its meta and tags are not.
  assert.equal((html.match(/data-pagefind-body/g) ?? []).length, 1);
  assert.match(html, /<div class="article__meta" data-pagefind-ignore>/);
  assert.doesNotMatch(site.read("/"), /data-pagefind-body/);
});

test("head: canonical, description, OpenGraph and Twitter cards with absolute URLs", () => {
  const html = site.read(STORM);
  assert.match(html, new RegExp(`<link rel="canonical" href="${abs(STORM)}">`));
  assert.deepEqual(meta(html, "description"), ["Gusts of ninety miles an hour brought down power lines and left three villages cut off overnight."]);
  assert.deepEqual(meta(html, "og:type"), ["article"]);
  assert.deepEqual(meta(html, "og:url"), [abs(STORM)]);
  assert.deepEqual(meta(html, "og:locale"), ["en_GB"]);
  const [image] = meta(html, "og:image");
  assert.match(image!, /^https:\/\/example\.com\/news\/img\/[0-9a-f]{16}-1200\.jpeg$/);
  assert.deepEqual(meta(html, "og:image:width"), ["1200"]);
  assert.deepEqual(meta(html, "article:published_time"), ["2025-09-03T07:30:00+01:00"]);
  assert.deepEqual(meta(html, "article:tag"), ["Weather", "Roads"]);
  assert.deepEqual(meta(html, "twitter:card"), ["summary_large_image"]);
  assert.deepEqual(meta(html, "twitter:site"), ["@testcourier"]);
  assert.deepEqual(meta(html, "twitter:image"), [image]);
  assert.match(html, /<link rel="alternate" type="application\/atom\+xml" title="The Test Courier" href="https:\/\/example\.com\/news\/feed\.xml">/);
  assert.deepEqual(meta(site.read(LIFEBOAT), "twitter:card"), ["summary"]);
  // Every HTML page names itself as canonical, absolutely.
  for (const f of site.files().filter((x) => x.endsWith(".html") && x !== "404.html")) {
    const own = abs(`/${f.replace(/index\.html$/, "")}`);
    assert.match(readFileSync(path.join(site.out, f), "utf8"), new RegExp(`<link rel="canonical" href="${own.replace(/[.?]/g, "\\$&")}">`), f);
  }
});

test("NewsArticle JSON-LD: parsed as JSON, the right @type and fields; image only when it exists", () => {
  const [article, crumbs] = jsonLd(site.read(STORM));
  assert.equal(article!["@context"], "https://schema.org");
  assert.equal(article!["@type"], "NewsArticle");
  assert.equal(article!.headline, "Storm closes the coast road");
  assert.equal(article!.datePublished, "2025-09-03T07:30:00+01:00");
  assert.equal(article!.dateModified, "2025-09-03T07:30:00+01:00");
  assert.deepEqual(article!.author, [{ "@type": "Person", name: "Jane Doe", url: abs("/authors/jane-doe/") }]);
  assert.match((article!.image as string[])[0]!, /^https:\/\/example\.com\/news\/img\/[0-9a-f]{16}-1200\.jpeg$/);
  assert.deepEqual(article!.publisher, {
    "@type": "NewsMediaOrganization",
    name: "The Test Courier",
    url: abs("/"),
    logo: { "@type": "ImageObject", url: abs("/assets/logo.png") },
  });
  assert.equal(crumbs!["@type"], "BreadcrumbList");
  const [council] = jsonLd(site.read(COUNCIL));
  assert.equal(council!.dateModified, "2025-09-03T10:15:00+01:00");
  const [lifeboat] = jsonLd(site.read(LIFEBOAT));
  assert.equal(lifeboat!["@type"], "NewsArticle");
  assert.ok(!("image" in lifeboat!), "no image key for a missing image");
  assert.deepEqual(lifeboat!.author, [{ "@type": "Organization", name: "The Test Courier", url: abs("/") }]);
});

test("a headline with </script> cannot break out of the title, the cards or the JSON-LD", () => {
  const file = articlePages().find((f) => f.includes("/breaking-"))!;
  const html = readFileSync(path.join(site.out, file), "utf8");
  const scripts = html.match(/<script\b/g) ?? [];
  assert.equal(scripts.length, 2, "only the two JSON-LD scripts");
  assert.equal(jsonLd(html)[0]!.headline, HOSTILE_TITLE);
  assert.match(html, /<h1 class="article__title">Breaking &lt;\/script&gt;&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; “quotes” in a headline<\/h1>/);
  assert.match(html, /<p class="dek">A dek with &lt;b&gt;markup&lt;\/b&gt; &amp; an ampersand\.<\/p>/);
  assert.match(html, /&lt;script&gt;alert\(“body”\)&lt;\/script&gt;|&lt;script&gt;alert\(&quot;body&quot;\)&lt;\/script&gt;/);
  assert.equal((site.read("/").match(/<script\b/g) ?? []).length, 1, "home: only its JSON-LD");
});

function parseFeed(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on("error", reject);
    parser.on("readable", () => {
      for (let item: FeedParser.Item | null; (item = parser.read() as FeedParser.Item | null); ) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

test("Atom feed: parsed by feedparser, the newest articles in full with absolute URLs", async () => {
  const xml = site.read("/feed.xml");
  const { meta: feed, items } = await parseFeed(xml);
  assert.equal(feed["#type"], "atom");
  assert.equal(feed.title, "The Test Courier");
  assert.equal(feed.link, abs("/"));
  assert.equal(items.length, 6, "feedLimit is 6");
  assert.equal(items[0]!.title, "Storm closes the coast road");
  assert.equal(items[0]!.link, abs(STORM));
  assert.equal(items[0]!.author, "Jane Doe");
  assert.deepEqual(items[0]!.categories, ["News", "Weather", "Roads"]);
  assert.equal(items[0]!.pubdate?.toISOString(), "2025-09-03T06:30:00.000Z");
  const content = items[0]!.description;
  assert.match(content, /The Met Office expects the wind to ease by Thursday morning/, "full text, not a summary");
  assert.match(content, new RegExp(`<a href="${abs(STORM)}#the-details">details below</a>`), "relative links made absolute");
  assert.match(content, /<img src="https:\/\/example\.com\/news\/img\/[0-9a-f]{16}-1200\.jpeg"/);
  for (const item of items) {
    for (const [, url] of item.description.matchAll(/(?:href|src)="([^"]+)"/g)) assert.match(url!, /^https?:\/\//, `${item.title}: ${url}`);
  }
  // The title is escaped text in the XML; feedparser, like most readers, then strips anything tag-like from titles.
  assert.match(xml, /<title type="text">Breaking &lt;\/script&gt;&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; “quotes” in a headline<\/title>/);
  assert.equal(items.find((i) => i.title.startsWith("Breaking"))?.title, 'Breaking alert("x") & “quotes” in a headline');
  assert.equal(items[1]!.date?.toISOString(), "2025-09-03T09:15:00.000Z", "updated time for an updated article");
});

test("JSON Feed 1.1: full content, absolute URLs, image, authors, tags", () => {
  const feed = JSON.parse(site.read("/feed.json")) as {
    version: string; title: string; home_page_url: string; feed_url: string; language: string;
    items: Array<{ id: string; url: string; title: string; content_html: string; date_published: string; date_modified?: string; image?: string; authors?: Array<{ name: string; url: string }>; tags?: string[] }>;
  };
  assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
  assert.equal(feed.home_page_url, abs("/"));
  assert.equal(feed.feed_url, abs("/feed.json"));
  assert.equal(feed.language, "en-GB");
  assert.equal(feed.items.length, 6);
  const [storm, council] = feed.items;
  assert.equal(storm!.url, abs(STORM));
  assert.equal(storm!.id, abs(STORM));
  assert.match(storm!.content_html, /What happens next/);
  assert.match(storm!.image!, /^https:\/\/example\.com\/news\/img\/[0-9a-f]{16}-1200\.jpeg$/);
  assert.deepEqual(storm!.authors, [{ name: "Jane Doe", url: abs("/authors/jane-doe/") }]);
  assert.deepEqual(storm!.tags, ["News", "Weather", "Roads"]);
  assert.equal(storm!.date_published, "2025-09-03T07:30:00+01:00");
  assert.equal(council!.date_modified, "2025-09-03T10:15:00+01:00");
});

test("every tag, section and author has an Atom feed of its newest articles, summarised, named on each of its pages", async () => {
  const weather = walkList("/news/tags/weather/");
  const { meta: feed, items } = await parseFeed(site.read("/tags/weather/feed.xml"));
  assert.equal(feed["#type"], "atom");
  assert.equal(feed.title, "The Test Courier: Weather");
  assert.equal(feed.link, abs("/tags/weather/"), "the feed follows the tag's page");
  assert.equal(feed.xmlurl, abs("/tags/weather/feed.xml"));
  assert.deepEqual(items.map((i) => i.link), weather.articles.slice(0, 2).map((url) => `${ORIGIN}${url}`), "the tag's newest two (termFeedLimit is 2), newest first");
  assert.equal(items[0]!.title, "Storm closes the coast road");
  assert.equal(items[0]!.summary, "Gusts of ninety miles an hour brought down power lines and left three villages cut off overnight.");
  assert.doesNotMatch(site.read("/tags/weather/feed.xml"), /<content/, "summaries, not the full text");
  assert.equal((await parseFeed(site.read("/authors/jane-doe/feed.xml"))).meta.title, "The Test Courier: Jane Doe");
  assert.equal((await parseFeed(site.read("/categories/news/feed.xml"))).items.length, 2);

  // Every term page, and each later page of one, names its own feed first (feed readers offer the first), then the site's.
  const termPages = site.files().filter((f) => /^(tags|categories|authors)\/[^/]+\/(page\/\d+\/)?index\.html$/.test(f));
  assert.ok(termPages.length >= 15 && termPages.some((f) => f.includes("/page/")), termPages.join(" "));
  for (const f of termPages) {
    const base = f.split("/").slice(0, 2).join("/");
    const html = site.read(`/${f.replace(/index\.html$/, "")}`);
    const alternates = [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(alternates, [abs(`/${base}/feed.xml`), abs("/feed.xml")], f);
    assert.match(html, new RegExp(`<p class="list__feed"><a href="${PREFIX}${base}/feed\\.xml" type="application/atom\\+xml"><svg[^>]*aria-hidden="true"[^>]*>.*</svg>Follow `), f);
    assert.ok(existsSync(site.file(`/${base}/feed.xml`)), `${base}/feed.xml`);
  }
  assert.match(site.read("/authors/jane-doe/"), />Follow Jane Doe by feed<\/a>/);
  assert.match(site.read("/tags/weather/"), />Follow this topic by feed<\/a>/);
  // Other lists have none.
  assert.doesNotMatch(site.read("/2025/09/"), /list__feed|\/2025\/09\/feed\.xml/);
});

test("sitemap.xml: valid against the XSD, every page and nothing else, with image entries", () => {
  const file = site.file("/sitemap.xml");
  const r = xmllint(file, "urlset");
  assert.equal(r.code, 0, r.output);
  const xml = readFileSync(file, "utf8");
  const locs = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  const pages = site.files().filter((f) => f.endsWith(".html") && f !== "404.html" && f !== "search/index.html").map((f) => abs(`/${f.replace(/index\.html$/, "")}`));
  assert.deepEqual([...locs].sort(), [...pages].sort());
  for (const a of articlePages()) assert.ok(locs.includes(abs(`/${a.replace(/index\.html$/, "")}`)), a);
  assert.match(xml, new RegExp(`<url><loc>${abs(STORM)}</loc><lastmod>2025-09-03T07:30:00\\+01:00</lastmod><image:image><image:loc>https://example\\.com/news/img/[0-9a-f]{16}-1200\\.jpeg</image:loc></image:image></url>`));
  assert.match(xml, new RegExp(`<url><loc>${abs(COUNCIL)}</loc><lastmod>2025-09-03T10:15:00\\+01:00</lastmod></url>`));
});

test("Google News sitemap: valid, the articles of the two days before --now, with publication and title", () => {
  const file = site.file("/news-sitemap.xml");
  const r = xmllint(file, "urlset");
  assert.equal(r.code, 0, r.output);
  const xml = readFileSync(file, "utf8");
  assert.match(xml, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
  const urls = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  assert.equal(urls.length, 7, "the 2 articles of 3 September and 5 of 2 September; 1 September 10:00 BST is more than 48 h before");
  assert.ok(!urls.includes(abs(LIFEBOAT)));
  assert.match(xml, new RegExp(`<url><loc>${abs(STORM)}</loc><news:news><news:publication><news:name>The Test Courier</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-09-03T07:30:00\\+01:00</news:publication_date><news:title>Storm closes the coast road</news:title></news:news></url>`));
  assert.match(xml, /<news:title>Breaking &lt;\/script&gt;&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; “quotes” in a headline<\/news:title>/);
});

test("robots.txt names both sitemaps; the 404 page and the search page are not for indexing", () => {
  assert.equal(site.read("/robots.txt"), `User-agent: *\nAllow: /\n\nSitemap: ${abs("/sitemap.xml")}\nSitemap: ${abs("/news-sitemap.xml")}\n`);
  const notFound = site.read("/404.html");
  assert.match(notFound, /<meta name="robots" content="noindex">/);
  assert.match(notFound, /<h1 class="list__title">This page could not be found<\/h1>/);
  assert.match(notFound, /<link rel="stylesheet" href="\/news\/assets\/site\.css">/);
  const search = site.read("/search/");
  assert.match(search, /<meta name="robots" content="noindex">/);
  // The UI from the oldest part's bundle; the parts to merge from the list written with the index.
  assert.match(search, /<div id="search" class="search" data-bundle-path="\/news\/pagefind\/" data-parts="\/news\/pagefind-parts\.json" data-base-url="\/news\/" data-label="Words to find in articles"><\/div>/);
  assert.match(search, /<script src="\/news\/pagefind\/pagefind-ui\.js" defer><\/script>/);
  assert.match(search, /<noscript>/);
});

/** Articles in each part of the search index, from its bundle's entry file. */
const indexedIn = (out: string, folder: string) =>
  Object.values((JSON.parse(readFileSync(path.join(out, folder, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> }).languages).map((l) => l.page_count);

const PARTS = ["pagefind", "pagefind-2025-01-08", "pagefind-2025-05-16", "pagefind-recent", "pagefind-recent-2025-09-01"];

test("Pagefind ran on the staging folder: its bundles are published, indexing the 13 articles only, in parts", () => {
  for (const f of ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css"]) {
    for (const folder of PARTS) assert.ok(existsSync(path.join(site.out, folder, f)), `${folder}/${f}`);
  }
  // Built on 2025-09-03: the 4 articles dated before 1 August, at most 2 a part (the fixture's
  // searchPartSize), are the archive: 30 Dec and 1 Jan, 10 Mar, 15 Jul; the 9 since, at most 8 a part
  // (its searchRecentPartSize), the recent parts: 28 Aug, then 1 to 3 Sep.
  assert.deepEqual(PARTS.map((folder) => indexedIn(site.out, folder)), [[2], [1], [1], [1], [8]]);
  assert.deepEqual(JSON.parse(site.read("/pagefind-parts.json")), PARTS);
  assert.ok(site.files().some((f) => f.startsWith("pagefind/filter/")), "a tag filter index");
  assert.ok(!existsSync(path.join(path.dirname(site.out), ".site.building")), "no staging folder left");
});

test("a preview build (--drafts) shows drafts and scheduled pieces, flagged and not for indexing, but keeps them out of feeds, sitemaps and search", () => {
  const preview = buildFixtureSite(["--drafts"]);
  assert.equal(preview.build.code, 0, preview.build.stderr);
  const held = preview.files().filter((f) => /unfinished-draft|scheduled-piece/.test(f) && f.endsWith("index.html"));
  assert.equal(held.length, 2);
  for (const f of held) {
    const html = readFileSync(path.join(preview.out, f), "utf8");
    assert.match(html, /<p class="flag flag--(draft|scheduled)" data-pagefind-ignore>(draft|scheduled)<\/p>/);
    assert.match(html, /<meta name="robots" content="noindex">/);
  }
  // The scheduled piece is tagged Weather: the tag's page shows it, its feed does not.
  assert.match(preview.read("/tags/weather/"), /scheduled-piece/);
  for (const url of ["/feed.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml", "/tags/weather/feed.xml"]) {
    assert.doesNotMatch(preview.read(url), /unfinished-draft|scheduled-piece/, url);
  }
  assert.deepEqual(PARTS.map((folder) => indexedIn(preview.out, folder)), [[2], [1], [1], [1], [8]]);
});
