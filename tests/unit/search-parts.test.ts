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
function newsroom(articles: Array<Pick<Article, "day" | "status" | "url">>, size: number, recentSize?: number, now = NOW): Newsroom {
  const sorted = [...articles].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  return { articles: sorted, site: { timeZone: "Europe/London", searchPartSize: size, searchRecentPartSize: recentSize }, now } as unknown as Newsroom;
}

/** The first day of last month, for NOW in the site's zone: articles from then on are recent. */
const RECENT_FROM = "2025-08-01";

/** `count` published articles on random days of 2023–2025 (or of the `days` from `from`), several on some days. */
function randomArticles(seed: number, count: number, { from = "2023-01-01", days = 1000, prefix = "a" } = {}) {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const start = DateTime.fromISO(from, { zone: "UTC" });
  return Array.from({ length: count }, (_, i) => {
    const day = start.plus({ days: Math.floor(next() * next() * days) }).toISODate()!;
    return { day, status: "published" as const, url: `/${prefix}${i}/` };
  });
}

/** Besides, `count` articles of the recent days up to NOW. */
const recentArticles = (seed: number, count: number) => randomArticles(seed, count, { from: NOW.slice(0, 10), days: -33, prefix: "r" });

const shape = (parts: readonly SearchPart[]) => parts.map((p) => [p.folder, p.articles.map((a) => a.url)]);

test("every published article is in one part; archive and recent parts hold whole days, at most their size unless one day has more, oldest first", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const size = 1 + (seed % 7);
    // The recent parts' own size (larger than the archive's, or smaller), or by default the archive's when under 1,000.
    const recentSize = seed % 3 === 0 ? undefined : seed % 3 === 1 ? 1 + (seed % 4) : size + 3;
    const articles = [...randomArticles(seed, 60), ...recentArticles(seed, 20), { day: "2024-06-01", status: "draft" as const, url: "/draft/" }];
    const n = newsroom(articles, size, recentSize);
    const parts = searchParts(n);
    const recentAt = parts.findIndex((p) => p.folder === "pagefind-recent");
    const [archive, recent] = [parts.slice(0, recentAt), parts.slice(recentAt)];
    // Each article once, drafts in none, and the site's order (newest first) inside each part.
    const placed = parts.flatMap((p) => p.articles.map((a) => a.url));
    assert.deepEqual([...placed].sort(), n.articles.filter((a) => a.status === "published").map((a) => a.url).sort());
    for (const p of parts) assert.deepEqual(p.articles, n.articles.filter((a) => p.articles.includes(a)));
    for (const [group, base, most, isIn] of [
      [archive, "pagefind", size, (day: string) => day < RECENT_FROM],
      [recent, "pagefind-recent", recentSize ?? size, (day: string) => day >= RECENT_FROM],
    ] as const) {
      assert.equal(group[0]!.folder, base);
      group.forEach((part, i) => {
        const days = part.articles.map((a) => a.day);
        assert.ok(days.every(isIn), `${part.folder}: ${days.join(" ")}`);
        // Named after the first day of its range, which holds its oldest article.
        if (i > 0) assert.ok(part.folder.startsWith(`${base}-`) && part.folder.slice(base.length + 1) <= days.at(-1)!, part.folder);
        assert.ok(part.articles.length <= most || new Set(days).size === 1, `${part.folder}: ${days.length} articles over ${new Set(days).size} days`);
        const later = group[i + 1];
        if (later) assert.ok(later.articles.at(-1)!.day > days[0]!, "a day split between two parts, or parts out of order");
      });
    }
    assert.ok(recent.flatMap((p) => p.articles).length >= 15, "too few recent articles to cut");
  }
});

test("adding or removing one article changes its own part only (split in two, or merged with the other half of its range): never the parts around it", () => {
  const changed = (from: readonly SearchPart[], to: readonly SearchPart[]) => {
    const kept = new Set(shape(to).map((p) => JSON.stringify(p)));
    return from.filter((p) => !kept.has(JSON.stringify(shape([p])[0])));
  };
  for (let seed = 1; seed <= 60; seed++) {
    const size = 3 + (seed % 6);
    const articles = [...randomArticles(seed, 120), ...recentArticles(seed, 30)];
    // Every other one published today: an article added to the recent parts.
    const one = { day: seed % 2 ? randomArticles(seed + 500, 1)[0]!.day : NOW.slice(0, 10), status: "published" as const, url: "/one/" };
    const [without, withOne] = [searchParts(newsroom(articles, size, 2)), searchParts(newsroom([...articles, one], size, 2))];
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
