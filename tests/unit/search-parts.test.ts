/**
 * The parts of the search index (src/render/search-parts.ts): which article
 * goes in which part, over random archives, and what an added or removed
 * article changes. The built fixture site's parts, and what moves when the
 * month turns, are checked in tests/site/output.test.ts and
 * tests/e2e/incremental.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DateTime } from "luxon";
import { searchBundles, searchParts, type SearchPart } from "../../src/render/search-parts.ts";
import type { Newsroom } from "../../src/render/site-data.ts";
import type { Article } from "../../src/validate/schema.ts";

const NOW = "2025-09-03T12:00:00Z";

/** A newsroom with just what the parts are made from: articles newest first, as the site has them. */
function newsroom(articles: Array<Pick<Article, "day" | "status" | "url">>, size: number, now = NOW): Newsroom {
  const sorted = [...articles].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  return { articles: sorted, site: { timeZone: "Europe/London", searchPartSize: size }, now } as unknown as Newsroom;
}

/** `count` published articles on random days of 2023–2025, several on some days. */
function randomArticles(seed: number, count: number) {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const start = DateTime.fromISO("2023-01-01", { zone: "UTC" });
  return Array.from({ length: count }, (_, i) => {
    const day = start.plus({ days: Math.floor(next() * next() * 1000) }).toISODate()!;
    return { day, status: "published" as const, url: `/a${i}/` };
  });
}

const shape = (parts: readonly SearchPart[]) => parts.map((p) => [p.folder, p.articles.map((a) => a.url)]);

test("every published article is in one part; archive parts hold whole days, at most the part size unless one day has more, oldest first", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const size = 1 + (seed % 7);
    const articles = [...randomArticles(seed, 60), { day: "2024-06-01", status: "draft" as const, url: "/draft/" }];
    const n = newsroom(articles, size);
    const parts = searchParts(n);
    const [recent, archive] = [parts.at(-1)!, parts.slice(0, -1)];
    assert.equal(recent.folder, "pagefind-recent");
    assert.ok(recent.articles.every((a) => a.day >= "2025-08-01"));
    // Each article once, drafts in none, and the site's order (newest first) inside each part.
    const placed = parts.flatMap((p) => p.articles.map((a) => a.url));
    assert.deepEqual([...placed].sort(), n.articles.filter((a) => a.status === "published").map((a) => a.url).sort());
    for (const p of parts) assert.deepEqual(p.articles, n.articles.filter((a) => p.articles.includes(a)));
    assert.equal(archive[0]!.folder, "pagefind");
    archive.forEach((part, i) => {
      const days = part.articles.map((a) => a.day);
      assert.ok(days[0]! < "2025-08-01");
      // Named after the first day of its range, which holds its oldest article.
      if (i > 0) assert.ok(part.folder.startsWith("pagefind-") && part.folder.slice(9) <= days.at(-1)!, part.folder);
      assert.ok(part.articles.length <= size || new Set(days).size === 1, `${part.folder}: ${days.length} articles over ${new Set(days).size} days`);
      const later = archive[i + 1];
      if (later) assert.ok(later.articles.at(-1)!.day > days[0]!, "a day split between two parts, or parts out of order");
    });
  }
});

test("adding or removing one article changes its own part only (split in two, or merged with the other half of its range): never the parts around it", () => {
  const changed = (from: readonly SearchPart[], to: readonly SearchPart[]) => {
    const kept = new Set(shape(to).map((p) => JSON.stringify(p)));
    return from.filter((p) => !kept.has(JSON.stringify(shape([p])[0])));
  };
  for (let seed = 1; seed <= 60; seed++) {
    const size = 3 + (seed % 6);
    const articles = randomArticles(seed, 150);
    const one = { day: randomArticles(seed + 500, 1)[0]!.day, status: "published" as const, url: "/one/" };
    if (one.day >= "2025-08-01") continue; // a recent article
    const [without, withOne] = [searchParts(newsroom(articles, size)).slice(0, -1), searchParts(newsroom([...articles, one], size)).slice(0, -1)];
    const [gone, made] = [changed(without, withOne), changed(withOne, without)];
    // What changed: the part that takes the article (split in two when it overflows), nothing else.
    assert.ok(made.some((p) => p.articles.some((a) => a.url === "/one/")));
    assert.ok(gone.length <= 1 && made.length <= 2, `seed ${seed}: ${gone.length} parts gone, ${made.length} made`);
    assert.equal(made.reduce((sum, p) => sum + p.articles.length, 0), gone.reduce((sum, p) => sum + p.articles.length, 0) + 1);
  }
});

test("an archive without articles is one empty part, the one the search page loads the UI from; the page merges only parts with articles", () => {
  const n = newsroom([{ day: "2025-09-01", status: "published", url: "/x/" }], 2);
  assert.deepEqual(shape(searchParts(n)), [["pagefind", []], ["pagefind-recent", ["/x/"]]]);
  assert.deepEqual(searchBundles(searchParts(n)), ["pagefind-recent"]);
  assert.deepEqual(searchBundles(searchParts(newsroom([], 2))), ["pagefind"]);
});
