/** The site's pure parts: terms, pagination, archives, sitemaps, the news window, settings. */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { archives } from "../../src/render/archives.ts";
import { termFeed } from "../../src/render/feeds.ts";
import { jsonForScript } from "../../src/render/html.ts";
import { pageCount, pageOf } from "../../src/render/paginate.ts";
import { newsroomData } from "../../src/render/site-data.ts";
import { imageFiles, processImages } from "../../src/render/plugins/images.ts";
import { RACY_MS } from "../../src/read/settled.ts";
import { newestOf, newsArticles, newsLanguage, renderSitemap, sitemapFiles, type SitemapEntry } from "../../src/render/sitemaps.ts";
import { taxonomy, termSlug } from "../../src/render/taxonomy.ts";
import { absoluteUrl, absoluteUrls, href } from "../../src/render/urls.ts";
import { loadSite, SiteSchema, type Site } from "../../src/site/settings.ts";
import type { Article } from "../../src/validate/schema.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";
import { xmllint } from "./xml.ts";

const site: Site = SiteSchema.parse({ title: "T", description: "D", url: "https://example.com", timeZone: "UTC", publisher: { name: "T" } });

let n = 0;
function article(day: string, extra: Partial<Article> = {}): Article {
  n++;
  return {
    file: `a${n}.md`, status: "published", title: `Article ${n}`, authors: [], tags: [], categories: [], draft: false,
    slug: `article-${n}`, url: `/${day.replaceAll("-", "/")}/article-${n}/`, date: `${day}T12:00:00+00:00`, dateOnly: false, day,
    html: "<p>x</p>", text: "x", textHash: "x", description: "x", wordCount: 1, readingMinutes: 1, sources: {}, ...extra,
  };
}

test("tags differing only in case, spacing or Unicode form are one term, shown in the most common spelling", () => {
  assert.equal(termSlug("Climate  Change"), termSlug(" climate change "));
  assert.equal(termSlug("ＷＥＡＴＨＥＲ"), termSlug("weather"));
  assert.match(termSlug("東京"), /^a-[0-9a-f]{8}$/);
  const list = [
    article("2025-09-03", { tags: ["weather", "Roads"] }),
    article("2025-09-02", { tags: ["Weather"] }),
    article("2025-09-01", { tags: ["WEATHER ", "東京"] }),
    article("2025-08-01", { tags: ["Weather"] }),
  ];
  const tax = taxonomy("tag", list, new Intl.Collator("en"));
  assert.deepEqual(tax.terms.map((t) => [t.name, t.slug, t.articles.length]), [
    ["Roads", "roads", 1],
    ["Weather", "weather", 4],
    ["東京", termSlug("東京"), 1],
  ]);
  assert.equal(tax.terms[1]!.url, "/tags/weather/");
  assert.deepEqual(tax.ofArticle[0]!.map((t) => t.name), ["Weather", "Roads"]);
  // "New York" and "new-york" share a URL, so they are one term on one article too.
  const merged = taxonomy("tag", [article("2025-01-01", { tags: ["New York", "new-york"] })], new Intl.Collator("en"));
  assert.equal(merged.terms.length, 1);
  assert.equal(merged.terms[0]!.articles.length, 1);
});

test("a remembered term name keeps nothing of the text it was cut from (npm start lives through many builds)", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  // A cache index's lines (60 MB), with a tag cut from them as thin-record.ts cuts it: in V8, a view of them.
  const slugOfTagInIndex = () => termSlug("climatechangeadaptation\u0001".repeat(2_500_000).split("\u0002").join("").slice(24, 47));
  assert.equal(slugOfTagInIndex(), "climatechangeadaptation");
  // V8 keeps the last text a regular expression ran on (RegExp.lastMatch): the name itself, until another runs.
  assert.ok(/c/.test("c"));
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  assert.ok(kept < 16_000_000, `${(kept / 1e6).toFixed(0)} MB still held after the text was dropped`);
});

test("pagination keeps page 1 at the list URL and bounds the page links", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);
  const pages = Array.from({ length: pageCount(items.length, 5) }, (_, i) => pageOf(items, 5, "/tags/x/", i + 1));
  assert.deepEqual(pages.map((p) => p.url), ["/tags/x/", "/tags/x/page/2/", "/tags/x/page/3/", "/tags/x/page/4/", "/tags/x/page/5/"]);
  assert.deepEqual(pages[4]!.items, [20, 21, 22]);
  assert.equal(pages[0]!.pager.prev, undefined);
  assert.equal(pages[0]!.pager.next, "/tags/x/page/2/");
  assert.equal(pages[4]!.pager.last, "/tags/x/page/5/");
  assert.deepEqual(pages[2]!.pager.window.map((w) => w.number), [1, 2, 3, 4, 5]);
  assert.deepEqual(pages[0]!.pager.window.map((w) => w.number), [1, 2, 3]);
  assert.equal(pageCount(0, 5), 1);
  assert.deepEqual(pageOf([], 5, "/x/", 1).items, []);
});

test("archives group newest-first articles by year, month and day in one pass", () => {
  const years = archives([article("2025-09-03"), article("2025-09-03"), article("2025-09-01"), article("2025-01-31"), article("2024-12-31")]);
  assert.deepEqual(years.map((y) => [y.year, y.url, y.count]), [["2025", "/2025/", 4], ["2024", "/2024/", 1]]);
  assert.deepEqual(years[0]!.months.map((m) => [m.url, m.articles.length, m.days.map((d) => d.url)]), [
    ["/2025/09/", 3, ["/2025/09/03/", "/2025/09/01/"]],
    ["/2025/01/", 1, ["/2025/01/31/"]],
  ]);
});

test("sitemap.xml becomes a sitemap index past the URL limit, and every file validates against the XSDs", () => {
  const entries: SitemapEntry[] = Array.from({ length: 7 }, (_, i) => ({ url: `/2025/09/0${i + 1}/a/`, lastmod: `2025-09-0${i + 1}T10:00:00+00:00` }));
  entries[0]!.images = ["/img/abc-1200.jpeg", "https://cdn.example.net/x.jpg"];
  assert.equal(sitemapFiles(entries).length, 1);
  const files = sitemapFiles(entries, 3);
  assert.deepEqual(files.map((f) => [f.url, f.kind, f.entries.length]), [
    ["/sitemap.xml", "index", 3],
    ["/sitemap-1.xml", "urlset", 3],
    ["/sitemap-2.xml", "urlset", 3],
    ["/sitemap-3.xml", "urlset", 1],
  ]);
  assert.equal(files[0]!.entries[0]!.lastmod, "2025-09-03T10:00:00+00:00");
  const dir = tempDir("sitemaps");
  for (const f of files) {
    const file = path.join(dir, f.url);
    const xml = renderSitemap(f, site);
    writeFileSync(file, xml);
    const r = xmllint(file, f.kind);
    assert.equal(r.code, 0, `${f.url}: ${r.output}\n${xml}`);
  }
  const index = renderSitemap(files[0]!, site);
  assert.match(index, /<sitemap><loc>https:\/\/example\.com\/sitemap-2\.xml<\/loc>/);
  const first = renderSitemap(files[1]!, site);
  assert.match(first, /<image:loc>https:\/\/example\.com\/img\/abc-1200\.jpeg<\/image:loc>/);
  assert.match(first, /<image:loc>https:\/\/cdn\.example\.net\/x\.jpg<\/image:loc>/);
});

test("a list's last change is its latest date by instant, the first of equals, whatever the offsets and shapes", () => {
  // Dates around a DST change (+01:00 / +02:00), in UTC, with and without fractions, date-only, and the same instant written twice.
  const shapes = (ms: number): string[] => {
    const utc = new Date(ms).toISOString();
    const at = (offsetH: number) => {
      const wall = new Date(ms + offsetH * 3_600_000).toISOString().slice(0, 19);
      return `${wall}+0${offsetH}:00`;
    };
    return [at(1), at(2), at(0), utc, utc.replace(/\.\d+Z$/, "Z"), utc.slice(0, 10)];
  };
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 300; round++) {
    const dates = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
      const all = shapes(Date.UTC(2025, 2, 29) + Math.floor(random() * 4 * 86_400) * 1000);
      return all[Math.floor(random() * all.length)]!;
    });
    let expected: string | undefined;
    for (const d of dates) if (expected === undefined || Date.parse(d) > Date.parse(expected)) expected = d;
    assert.equal(newestOf(dates, (d) => d), expected, dates.join(" "));
  }
  // Across offsets the order as text is not the order in time: 01:31 UTC is the latest of these. Undefined dates are skipped.
  assert.equal(newestOf(["2025-03-30T03:30:00+02:00", "2025-03-30T02:00:00+01:00", "2025-03-30T01:31:00+00:00"], (d) => d), "2025-03-30T01:31:00+00:00");
  assert.equal(newestOf([undefined, "2025-03-30T03:30:00+02:00", undefined], (d) => d), "2025-03-30T03:30:00+02:00");
  assert.equal(newestOf([{ date: undefined }], (i) => i.date), undefined);
});

test("the sitemap dates each list page, year and the home page by its articles' newest change, which an `updated` may be", () => {
  // Newest first, as ingest gives them; some updated later, one past the newest article's date, one in another offset.
  const list = [
    article("2025-09-03", { tags: ["Rain"] }),
    article("2025-09-02", { tags: ["Rain"], updated: "2025-09-03T14:00:00+02:00" }),
    article("2025-09-02", { tags: ["Rain", "Wind"], updated: "2025-09-04T08:00:00+00:00" }),
    article("2025-08-30", { tags: ["Wind"], updated: "2025-08-31T09:00:00+00:00" }),
    article("2024-12-31", { tags: ["Wind"] }),
  ];
  const data = newsroomData({ articles: list, report: [], assets: new Map(), notes: [] }, { ...site, pageSize: 2 }, { now: new Date("2025-09-05T00:00:00Z") });
  const lastmod = new Map(data.sitemaps[0]!.entries.map((e) => [e.url, e.lastmod]));
  const newest = (articles: readonly Article[]) => newestOf(articles, (a) => a.updated ?? a.date);
  for (const l of data.lists) assert.equal(lastmod.get(l.url), newest(l.page.groups.flatMap((g) => g.articles)), l.url);
  // The second article's update is the first one's date as an instant: the first of equals.
  assert.equal(lastmod.get("/tags/rain/"), "2025-09-03T12:00:00+00:00");
  assert.equal(lastmod.get("/tags/rain/page/2/"), "2025-09-04T08:00:00+00:00");
  assert.equal(lastmod.get("/tags/wind/page/2/"), "2024-12-31T12:00:00+00:00");
  assert.equal(lastmod.get("/2025/09/02/"), "2025-09-04T08:00:00+00:00");
  assert.equal(lastmod.get("/2025/08/"), "2025-08-31T09:00:00+00:00");
  assert.equal(lastmod.get("/2025/"), "2025-09-04T08:00:00+00:00");
  assert.equal(lastmod.get("/2024/"), "2024-12-31T12:00:00+00:00");
  assert.equal(lastmod.get("/"), "2025-09-04T08:00:00+00:00");
});

test("the news window is the two days before the build, newest first, capped", () => {
  const now = new Date("2025-09-03T12:00:00Z");
  const list = [
    article("2025-09-04"), // after the build time (preview): left out
    article("2025-09-03"),
    article("2025-09-02"),
    article("2025-09-01", { date: "2025-09-01T12:00:00+00:00" }), // exactly 48 h: in
    article("2025-09-01", { date: "2025-09-01T11:59:59+00:00" }),
  ];
  assert.deepEqual(newsArticles(list, now).map((a) => a.day), ["2025-09-03", "2025-09-02", "2025-09-01"]);
  assert.equal(newsArticles(list, now, 2).length, 2);
  assert.equal(newsLanguage("en-GB"), "en");
  assert.equal(newsLanguage("zh-Hant-TW"), "zh-tw");
  assert.equal(newsLanguage("zh-CN"), "zh-cn");
  assert.equal(newsLanguage("fil"), "fil");
});

test("JSON for <script> cannot close the element or open a comment", () => {
  const out = jsonForScript({ headline: "</script><script>alert(1)</script><!-- & \u2028" }).value;
  assert.doesNotMatch(out, /<|>/);
  assert.deepEqual(JSON.parse(out), { headline: "</script><script>alert(1)</script><!-- & \u2028" });
});

test("settings: URLs come from the base URL and path prefix; a bad setting is a clear error", () => {
  const sub = SiteSchema.parse({ ...site, url: "https://example.com/news", pathPrefix: "/news/" });
  assert.equal(sub.url, "https://example.com/news/");
  assert.equal(href(sub, "/2025/"), "/news/2025/");
  assert.equal(absoluteUrl(sub, "/feed.xml"), "https://example.com/news/feed.xml");
  assert.equal(absoluteUrl(sub, "https://cdn.example.net/a.jpg"), "https://cdn.example.net/a.jpg");
  // The sitemaps' shortcut gives what absoluteUrl gives, for plain paths and the others.
  const absolute = absoluteUrls(sub);
  for (const path of ["/feed.xml", "/2025/09/02/a-b_c~d/", "/", "/img/x.jpeg", "/a/./b/", "/a/../b", "/café/", "/a b/", "/?q=1", "https://cdn.example.net/a.jpg", "img/x.jpeg"]) {
    assert.equal(absolute(path), absoluteUrl(sub, path), path);
  }
  const bad = (over: Record<string, unknown>) => SiteSchema.safeParse({ ...site, ...over }).success;
  assert.equal(bad({ url: "https://example.com/news/" }), false, "a path in url must be the path prefix");
  assert.equal(bad({ url: "ftp://example.com/" }), false);
  assert.equal(bad({ timeZone: "Mars/Olympus" }), false);
  assert.equal(bad({ pathPrefix: "news" }), false);
  assert.equal(bad({ language: "english!" }), false);
  assert.equal(bad({ publisher: { name: "T", logo: "javascript:alert(1)" } }), false);
  assert.equal(bad({ pageSize: 0 }), false);
  // A settings file that is not JSON, or not valid settings: the error names the file, then what is wrong.
  const file = path.join(tempDir("settings"), "site.json");
  writeFileSync(file, '{ "title": "T", }');
  assert.throws(() => loadSite(file), (e: Error) => e.message.startsWith(`${path.relative(process.cwd(), file)}: not valid JSON: `) && e.cause instanceof SyntaxError);
  writeFileSync(file, JSON.stringify({ ...site, timeZone: "Mars/Olympus" }));
  assert.throws(() => loadSite(file), /site\.json: .*timeZone/s);
  assert.throws(() => loadSite(path.join(path.dirname(file), "missing.json")), /missing\.json: could not be read/);
});

test("images: eleventy-img widths and formats for a good file; a file sharp cannot read is left out", async (t) => {
  const dir = tempDir("images");
  const broken = path.join(dir, "broken.jpg");
  writeFileSync(broken, "this is not a JPEG");
  const good = path.join(ROOT, "tests/fixtures/site/seeds/images/coast-road.jpg");
  const warn = t.mock.method(console, "warn", () => undefined);
  const { images } = await processImages(new Map([["/media/a-good.jpg", good], ["/media/b-broken.jpg", broken]]), dir);
  assert.deepEqual([...images.keys()], ["/media/a-good.jpg"]);
  assert.equal(warn.mock.callCount(), 1);
  assert.match(String(warn.mock.calls[0]!.arguments[0]), /broken\.jpg could not be processed/);
  const image = images.get("/media/a-good.jpg")!;
  assert.deepEqual([image.width, image.height], [1200, 750]);
  assert.deepEqual(image.sources.map((s) => [s.type, s.widths.map((w) => w.width)]), [["image/webp", [400, 800, 1200]], ["image/jpeg", [400, 800, 1200]]]);
  assert.match(image.largest, /^\/img\/[0-9a-f]{16}-1200\.jpeg$/);
  for (const s of image.sources) for (const w of s.widths) assert.ok(existsSync(path.join(dir, w.url)), w.url);
});

test("images: one kept by a build that saw its file settled is reused, nothing encoded or written; a new or re-saved file is processed", async () => {
  const src = "/media/photo.jpg";
  const file = path.join(tempDir("images-source"), "photo.jpg");
  copyFileSync(path.join(ROOT, "tests/fixtures/site/seeds/images/coast-road.jpg"), file);
  const assets = new Map([[src, file]]);
  const first = await processImages(assets, tempDir("images-first"));
  const made = first.images.get(src)!;
  assert.deepEqual(first.kept[src]!.image, made);
  assert.deepEqual(imageFiles(first.kept), made.sources.flatMap((s) => s.widths.map((w) => w.url.slice(1))).sort());
  // As a later build records it, once the copy's change time is older than RACY_MS.
  const settled = { [src]: { ...first.kept[src]!, at: Date.now() + RACY_MS + 1000 } };
  const again = tempDir("images-again");
  const reused = await processImages(assets, again, { previous: settled });
  assert.equal(reused.images.get(src), made);
  assert.equal(reused.kept[src], settled[src]);
  assert.deepEqual(readdirSync(again), []);
  // Just copied: its stat cannot vouch for its bytes yet.
  const racy = tempDir("images-racy");
  assert.deepEqual((await processImages(assets, racy, { previous: first.kept })).images.get(src), made);
  assert.ok(existsSync(path.join(racy, made.largest)));
  // Saved again with other bytes (a JPEG comment): other files.
  const jpeg = readFileSync(file);
  writeFileSync(file, Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 7]), Buffer.from("again"), jpeg.subarray(2)]));
  const resaved = tempDir("images-resaved");
  const other = (await processImages(assets, resaved, { previous: settled })).images.get(src)!;
  assert.notEqual(other.largest, made.largest);
  assert.ok(existsSync(path.join(resaved, other.largest)));
});

test("images: the store holds what any folder had encoded, linked into the next folder that lacks it; whole entries only; unused ones go after 30 days", async () => {
  const src = "/media/photo.jpg";
  const file = path.join(tempDir("store-source"), "photo.jpg");
  copyFileSync(path.join(ROOT, "tests/fixtures/site/seeds/images/coast-road.jpg"), file);
  const assets = new Map([[src, file]]);
  const store = tempDir("store");
  // An entry of 40 days ago, for another photo: pruned, with the files only it names.
  const stale = path.join(store, "0123456789abcdef0123456789abcdef.json");
  mkdirSync(path.join(store, "img"), { recursive: true });
  writeFileSync(path.join(store, "img", "stale-400.jpeg"), "old");
  writeFileSync(stale, JSON.stringify({ width: 400, height: 250, src: "/img/stale-400.jpeg", largest: "/img/stale-400.jpeg", sources: [{ type: "image/jpeg", widths: [{ url: "/img/stale-400.jpeg", width: 400 }] }] }));
  // A file no entry names, of the last hour: another build may be encoding it.
  writeFileSync(path.join(store, "img", "fresh-400.jpeg"), "new");
  const longAgo = new Date(Date.now() - 40 * 24 * 3600_000);
  utimesSync(stale, longAgo, longAgo);
  utimesSync(path.join(store, "img", "stale-400.jpeg"), longAgo, longAgo);

  const first = tempDir("store-first");
  const made = (await processImages(assets, first, { store })).images.get(src)!;
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(path.join(store, "img", "stale-400.jpeg")), false);
  assert.equal(existsSync(path.join(store, "img", "fresh-400.jpeg")), true);
  const entries = readdirSync(store).filter((f) => f.endsWith(".json"));
  assert.equal(entries.length, 1);
  const files = imageFiles({ [src]: { source: "", at: 0, image: made } });
  const inode = (dir: string, f: string) => statSync(path.join(dir, f)).ino;
  for (const f of files) assert.equal(inode(first, f), inode(store, f), f);
  // Another folder: the same files, linked from the store, none encoded.
  const second = tempDir("store-second");
  assert.deepEqual((await processImages(assets, second, { store })).images.get(src), made);
  for (const f of files) assert.equal(inode(second, f), inode(store, f), f);
  // An entry without its JSON is not whole: encoded again (new files), and the JSON written.
  rmSync(path.join(store, entries[0]!));
  const third = tempDir("store-third");
  assert.deepEqual((await processImages(assets, third, { store })).images.get(src), made);
  for (const f of files) assert.notEqual(inode(second, f), inode(third, f), f);
  assert.deepEqual(readdirSync(store).filter((f) => f.endsWith(".json")), entries);
});

test("the masthead: the `sections` setting in its order (any spelling; empty ones left out), else the six biggest", () => {
  const list = [
    article("2025-09-03", { categories: ["News"] }),
    article("2025-09-02", { categories: ["news"] }),
    article("2025-09-01", { categories: ["Culture"] }),
    article("2025-08-31", { categories: ["Sport"] }),
  ];
  const names = (s: Site) => newsroomData({ articles: list, report: [], assets: new Map(), notes: [] }, s, { now: new Date("2025-09-04T00:00:00Z") }).sections.map((t) => t.name);
  assert.deepEqual(names(site), ["News", "Culture", "Sport"]);
  assert.deepEqual(names({ ...site, sections: ["sport", "Weather", "NEWS"] }), ["Sport", "News"]);
});

test("term feeds: each term's newest published articles up to `termFeedLimit`; 0 makes none, and term pages then name none", async () => {
  const list = [
    article("2025-09-03", { tags: ["Weather", "Unannounced"], status: "draft" }),
    article("2025-09-02", { tags: ["Weather", "Roads"] }),
    article("2025-09-01", { tags: ["weather"] }),
    article("2025-08-31", { tags: ["Weather"] }),
  ];
  const data = (s: Site) => newsroomData({ articles: list, report: [], assets: new Map(), notes: [] }, s, { now: new Date("2025-09-04T00:00:00Z") });
  const two = data({ ...site, termFeedLimit: 2 });
  const weather = two.termFeeds.find((f) => f.url === "/tags/weather/feed.xml");
  assert.deepEqual(weather?.articles, [list[1], list[2]], "the draft (a preview's) stays out; the newest two of the rest");
  assert.equal(weather?.title, "T: Weather");
  assert.deepEqual(two.termFeeds.map((f) => f.url).sort(), ["/tags/roads/feed.xml", "/tags/unannounced/feed.xml", "/tags/weather/feed.xml"]);
  // A preview's term of drafts only: an empty feed, dated by its newest article, not by the build time (its fingerprint follows its articles).
  const drafts = two.termFeeds.find((f) => f.url === "/tags/unannounced/feed.xml")!;
  const xml = await termFeed(drafts, two);
  assert.doesNotMatch(xml, /<entry>/);
  assert.match(xml, /<updated>2025-09-03T12:00:00Z<\/updated>/);
  assert.deepEqual(two.lists.find((l) => l.url === "/tags/weather/")?.page.feed, { title: "T: Weather", url: "/tags/weather/feed.xml" });
  const none = data({ ...site, termFeedLimit: 0 });
  assert.deepEqual(none.termFeeds, []);
  assert.equal(none.lists.find((l) => l.url === "/tags/weather/")?.page.feed, undefined);
  assert.equal(SiteSchema.parse({ ...site, termFeedLimit: undefined }).termFeedLimit, 20, "the default");
});
