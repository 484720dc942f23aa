/**
 * Page fingerprints (src/publish/page-keys.ts) let an article's `revision` stand for the fields
 * the per-file stage alone sets (SET_BY_REVISION). That holds only while no site-wide step (the
 * story step, unique URLs, statuses) changes one of them: checked here on seeds that give each
 * step something to do, against the same seeds run through the per-file stage alone. And a
 * rebuild whose articles all kept their places hashes again only the pages showing a changed
 * one (ArticleModel), which holds only while the site data reads nothing else of an article.
 * Above all, a page that keeps its fingerprint must render the same bytes: checked across added,
 * removed and moved articles, since list pages are fingerprinted by their list, not made for it.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ingest, ingestBytes, type IngestOptions, type Ingested } from "../../src/ingest.ts";
import { encode, fingerprints, SET_BY_REVISION, type ArticleModel } from "../../src/publish/page-keys.ts";
import { listSeeds } from "../../src/read/walk.ts";
import { newsroomData } from "../../src/render/site-data.ts";
import { PAGE_RULES, sitePages } from "../../src/render/site-pages.ts";
import { loadSite } from "../../src/site/settings.ts";
import type { Article } from "../../src/validate/schema.ts";
import { tempDir } from "../helpers/cli.ts";

const NOW = new Date("2026-01-10T12:00:00Z");
const STORY =
  "Ministers in Valparaíso confirmed on Tuesday that the Aurelio Brandt harbour scheme will cost 412 million pesos, after engineers " +
  "found the northern breakwater had shifted 38 centimetres during the June storms. Harbour master Ilse Okonkwo said " +
  '"we cannot wait another winter" before repairs begin.';
const OTHER = "The council voted to keep the library open on Sundays through the winter, after a petition signed by 3,000 residents.";

function seeds(): string {
  const dir = tempDir("page-keys");
  const write = (rel: string, text: string) => writeFileSync(path.join(dir, rel), text);
  write("story-a.md", `---\ntitle: Harbour repairs approved\ndate: 2025-03-03\ntags: harbour\n---\n${STORY}\n`);
  // An exact copy (a duplicate, with a message), and an undated copy that takes its story's date (date, day, url, sources).
  write("story-b.md", `---\ntitle: Copy of the harbour story\ndate: 2025-03-05\n---\n${STORY}\n`);
  write("story-c.txt", `Breakwater repairs\n\n${STORY}\n\nWork starts in the spring, the ministry said.\n`);
  // Same title and day: the second by path gets a suffixed slug.
  write("same-a.md", `---\ntitle: Library stays open\ndate: 2025-12-01\n---\n${OTHER}\n`);
  write("same-b.md", `---\ntitle: Library stays open\ndate: 2025-12-01\n---\n${OTHER} Opening hours are unchanged.\n`);
  // Statuses: a draft and a scheduled article (shown with drafts).
  write("draft.md", `---\ntitle: Not yet\ndate: 2025-11-01\ndraft: true\n---\n${OTHER}\n`);
  write("later.md", `---\ntitle: Next year\ndate: 2027-01-01\n---\n${OTHER}\n`);
  return dir;
}

test("no site-wide step changes the fields an article's revision stands for", async () => {
  const opts: IngestOptions = { seedsDir: seeds(), timeZone: "Europe/London", now: NOW, drafts: true, workers: 0 };
  const { articles } = await ingest(opts);
  const byFile = new Map(articles.map((a) => [a.file, a]));
  // Each step had something to do.
  assert.equal(byFile.get("story-c.txt")?.sources.date, "story");
  assert.equal(byFile.has("story-b.md"), false, "published once, as story-a.md");
  assert.notEqual(byFile.get("same-b.md")?.url, byFile.get("same-a.md")?.url);
  assert.deepEqual([byFile.get("draft.md")?.status, byFile.get("later.md")?.status], ["draft", "scheduled"]);

  const seedList = await listSeeds(opts.seedsDir);
  for (const a of articles) {
    assert.ok(a.revision, `${a.file} has a revision`);
    const seed = seedList.find((s) => s.rel === a.file)!;
    const alone = ingestBytes(readFileSync(seed.abs), seed, opts, new Map()).article!;
    for (const key of SET_BY_REVISION) {
      if (key !== "revision") assert.deepStrictEqual(a[key as keyof Article], alone[key as keyof Article], `${a.file}: ${key}`);
    }
  }
});

test("the fields the revision does not stand for still change the article's pages", async () => {
  const opts: IngestOptions = { seedsDir: seeds(), timeZone: "Europe/London", now: NOW, workers: 0 };
  const ingested = await ingest(opts);
  const keyOf = () => {
    const n = newsroomData(ingested, loadSite(), { now: NOW, images: new Map() });
    const pages = sitePages(n);
    return fingerprints(pages, n).pages[pages.findIndex((p) => p.url === article.url)];
  };
  const article = ingested.articles.find((a) => a.file === "story-a.md")!;
  const before = keyOf();
  assert.ok(before);
  article.story = "0000000000";
  assert.notEqual(keyOf(), before, "a story id");
  const story = keyOf();
  article.sources = { ...article.sources, title: "inferred" };
  assert.notEqual(keyOf(), story, "where a field came from");
});

/** Article fields the site data and the pages fingerprinted by articles or places read, found by reading them through proxies. */
function fieldsRead(ingested: Ingested): Set<string> {
  const read = new Set<string>();
  const watched = {
    ...ingested,
    articles: ingested.articles.map(
      (a) =>
        new Proxy(a, {
          get(target, key, receiver) {
            if (typeof key === "string") read.add(key);
            return Reflect.get(target, key, receiver);
          },
        }),
    ),
  };
  const n = newsroomData(watched, loadSite(), { now: NOW, images: new Map() });
  // Articles in the inputs of a page fingerprinted by its articles stand for their keys; those fingerprinted by the places alone have none.
  const withoutArticles = (_k: string, v: unknown) => (watched.articles.includes(v as Article) ? null : v);
  for (const [, pages] of PAGE_RULES) {
    for (const page of pages(n)) {
      if (page.byArticles) JSON.stringify(page.inputs, withoutArticles);
      else if (page.byPlaces) JSON.stringify(page.inputs);
    }
  }
  // A list page's inputs are its list and articles: what it is made from must follow from them too.
  for (const list of n.lists) JSON.stringify(list.page, withoutArticles);
  return read;
}

test("the site data reads of an article only what its place covers: the fields its revision does not stand for, and its terms and image (its own context)", async () => {
  const ingested = await ingest({ seedsDir: seeds(), timeZone: "Europe/London", now: NOW, drafts: true, workers: 0 });
  const read = fieldsRead(ingested);
  assert.ok(read.has("url") && read.has("tags"), [...read].join(", "));
  const inContext = new Set(["tags", "categories", "authors"]);
  const outside = [...read].filter((key) => SET_BY_REVISION.has(key) && !inContext.has(key));
  assert.deepEqual(outside, [], "read by the site data but covered by neither the place nor the context");
});

test("with every other article in its place, only the pages showing an edited or added article are hashed again, and every fingerprint is a full pass's", async () => {
  const opts: IngestOptions = { seedsDir: seeds(), timeZone: "Europe/London", now: NOW, workers: 0 };
  const file = path.join(opts.seedsDir, "budget.md");
  writeFileSync(file, "---\ntitle: Budget passes\ndate: 2025-06-02\nimage: https://example.com/budget.jpg\n---\nThe council passed its budget on Monday by nine votes to four.\n");
  const site = loadSite();
  const pass = async (previous?: { pages: Record<string, string>; articles?: ArticleModel }) => {
    const n = newsroomData(await ingest(opts), site, { now: NOW, images: new Map() });
    const pages = sitePages(n);
    const keys = fingerprints(pages, n, previous);
    assert.deepEqual(keys.pages, fingerprints(pages, n).pages, "the same as with no previous build");
    return { pages, keys, previous: { pages: Object.fromEntries(pages.map((p, i) => [p.url, keys.pages[i]!])), articles: keys.articles } };
  };
  // Every page's inputs hashed, but for the pages that follow from the places alone: those are fingerprinted by the places.
  const everyPage = (pages: readonly { byPlaces?: true }[]) => pages.filter((p) => !p.byPlaces).length;
  const first = await pass();
  assert.equal(first.keys.hashed, everyPage(first.pages));
  const unchanged = await pass(first.previous);
  assert.equal(unchanged.keys.hashed, unchanged.pages.filter((p) => !p.byArticles && !p.byPlaces).length, "nothing changed: only the pages fingerprinted by neither their articles nor the places");

  // A body edited: the article's place is kept; its page, its neighbours' and its lists are hashed again.
  writeFileSync(file, readFileSync(file, "utf8").replace("Monday", "Monday evening"));
  const edited = await pass(unchanged.previous);
  const url = edited.pages.find((p) => p.source === "budget.md")!.url;
  const changed = edited.pages.filter((p, i) => edited.keys.pages[i] !== unchanged.keys.pages[i]).map((p) => p.url);
  assert.ok(changed.includes(url), changed.join(" "));
  assert.ok(edited.keys.hashed < edited.pages.length && edited.keys.hashed >= changed.length, `${edited.keys.hashed} of ${edited.pages.length}`);

  // Another image from elsewhere, which the sitemap lists: a new place, so the pages fingerprinted by the places are hashed again.
  writeFileSync(file, readFileSync(file, "utf8").replace("budget.jpg", "budget-vote.jpg"));
  const pictured = await pass(edited.previous);
  const sitemap = pictured.pages.findIndex((p) => p.url === "/sitemap.xml");
  assert.ok(sitemap >= 0 && pictured.pages[sitemap]!.byPlaces);
  assert.notEqual(pictured.keys.pages[sitemap], edited.keys.pages[sitemap], "the sitemap lists the image");

  // Articles added, every other one in its place: the pages of the lists that hold them (and of the
  // days and months beside a new one, which link to it) and the pages showing them are hashed again.
  const grow = async (previous: typeof pictured.previous, rel: string, text: string) => {
    writeFileSync(path.join(opts.seedsDir, rel), text);
    const grown = await pass(previous);
    const url = grown.pages.find((p) => p.source === rel)?.url;
    assert.ok(url && !(url in previous.pages), `${rel} has a page of its own`);
    assert.ok(grown.keys.hashed < grown.pages.length, `${rel}: ${grown.keys.hashed} of ${grown.pages.length} hashed`);
    return grown;
  };
  // On a new month between June and December, with an existing tag.
  const september = await grow(pictured.previous, "september.md", "---\ntitle: Ferry timetable\ndate: 2025-09-15\ntags: harbour\n---\nThe ferry keeps its winter timetable into spring.\n");
  const changedBy = (after: typeof september, before: typeof pictured) =>
    after.pages.filter((p, i) => before.previous.pages[p.url] !== undefined && before.previous.pages[p.url] !== after.keys.pages[i]).map((p) => p.url);
  assert.deepEqual(
    changedBy(september, pictured).filter((url) => /^\/2025\/\d\d\/$/.test(url)).sort(),
    ["/2025/06/", "/2025/12/"],
    "the months beside the new one link to it",
  );
  // A rewrite of a story's report, later: it joins that story, whose other pages list it.
  const rewrite = await grow(september.previous, "story-d.md", `---\ntitle: Harbour works, again\ndate: 2025-03-09\n---\n${STORY}\n\nThe ministry confirmed the cost.\n`);
  assert.ok(changedBy(rewrite, september).some((url) => url === rewrite.pages.find((p) => p.source === "story-a.md")!.url), "the story's first report lists the rewrite");
  // The next build, with nothing changed, reads the model the grown one left.
  const again = await pass(rewrite.previous);
  assert.equal(again.keys.hashed, again.pages.filter((p) => !p.byArticles && !p.byPlaces).length);

  // A tag added: a new place, so every page is hashed again.
  writeFileSync(file, readFileSync(file, "utf8").replace("date: 2025-06-02", "date: 2025-06-02\ntags: budget"));
  const tagged = await pass(again.previous);
  assert.equal(tagged.keys.hashed, everyPage(tagged.pages));
});

test("a page fingerprinted by its articles names in its lists (SitePage.from) every article its inputs stand for", async () => {
  const n = newsroomData(await ingest({ seedsDir: seeds(), timeZone: "Europe/London", now: NOW, drafts: true, workers: 0 }), loadSite(), { now: NOW, images: new Map() });
  const articles = new Set<object>(n.articles);
  const pages = sitePages(n).filter((p) => p.byArticles);
  assert.ok(pages.length > n.articles.length, "article and list pages");
  for (const p of pages) {
    const named = new Set(p.from?.flat());
    encode(p.inputs, (o) => {
      if (!articles.has(o)) return undefined;
      assert.ok(named.has(o as Article), `${p.url} stands for ${(o as Article).url}, which none of its lists holds`);
      return "article";
    });
  }
});

test("a page whose fingerprint stays the same after articles are added and removed renders the same bytes", async () => {
  const dir = tempDir("page-keys-moves");
  const write = (rel: string, day: string, tags: string) =>
    writeFileSync(path.join(dir, rel), `---\ntitle: Council notes ${rel}\ndate: ${day}T09:00:00Z\ntags: ${tags}\n---\n${OTHER} Filed as ${rel}.\n`);
  // Days 1, 3 and 5 of two months, two articles a day; lists of two articles a page (pages shift when one is added).
  for (const [i, day] of ["2025-05-01", "2025-05-03", "2025-05-05", "2025-06-01", "2025-06-03"].entries()) {
    write(`a${i}.md`, day, i % 2 ? "council, roads" : "council");
    write(`b${i}.md`, day, "weather");
  }
  const site = { ...loadSite(), pageSize: 2 };
  const opts: IngestOptions = { seedsDir: dir, timeZone: "UTC", now: NOW, workers: 0 };
  const build = async () => {
    const n = newsroomData(await ingest(opts), site, { now: NOW, images: new Map() });
    const pages = sitePages(n);
    const keys = fingerprints(pages, n).pages;
    return new Map(await Promise.all(pages.map(async (p, i) => [p.url, { key: keys[i]!, html: await p.render() }] as const)));
  };
  const check = (before: Awaited<ReturnType<typeof build>>, after: Awaited<ReturnType<typeof build>>) => {
    const kept: string[] = [];
    const changed: string[] = [];
    for (const [url, page] of after) {
      const old = before.get(url);
      if (!old) continue;
      if (old.key === page.key) {
        assert.equal(page.html, old.html, `${url} kept its fingerprint but renders differently`);
        kept.push(url);
      } else changed.push(url);
    }
    return { kept, changed };
  };
  const first = await build();
  // A new day between two others (their newer and older links change, their articles do not), on an existing tag's first page.
  write("new.md", "2025-05-04", "council, harbour");
  const added = await build();
  const { kept, changed } = check(first, added);
  assert.ok(changed.includes("/2025/05/03/") && changed.includes("/2025/05/05/"), `the new day's neighbours: ${changed.join(" ")}`);
  assert.ok(changed.includes("/tags/council/page/2/"), "the tag's later pages shift");
  assert.ok(kept.includes("/2025/06/01/") && kept.includes("/tags/weather/"), `lists the article is not in: ${kept.join(" ")}`);
  // Removed again, and an article of May moved to a new month: June's page shows the same articles, and a newer month.
  rmSync(path.join(dir, "new.md"));
  write("b0.md", "2025-07-01", "weather");
  assert.ok(check(added, await build()).changed.includes("/2025/06/"), "the month before the new one");
});

test("the text a fingerprint hashes tells apart values that differ, and names stand-ins", () => {
  const standIn = { title: "an article" };
  const text = (v: unknown) => encode(v, (o) => (o === standIn ? "key-1" : undefined));
  // Each pair would be one text if strings were joined unescaped, or numbers and strings spelled alike.
  const differing: Array<[unknown, unknown]> = [
    [["ab"], ["a", "b"]],
    [["a", ""], ["a"]],
    [{ a: "1", b: "2" }, { a: '1"1"b', b: "2" }],
    [[1, 2], [12]],
    [1, "1"],
    [null, "n"],
    [true, "t"],
    [[[]], [[], []]],
    [{ a: [] }, { a: {} }],
    [standIn, { title: "an article" }],
    [standIn, "key-1"],
    [{ x: standIn }, { x: "@5\"key-1" }],
  ];
  for (const [a, b] of differing) assert.notEqual(text(a), text(b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  // As JSON: undefined and function properties left out, toJSON honoured.
  assert.equal(text({ a: 1, b: undefined, c: () => 1 }), text({ a: 1 }));
  assert.equal(text(new Date(0)), text("1970-01-01T00:00:00.000Z"));
  assert.equal(text({ s: standIn }), text({ s: standIn }));
});
