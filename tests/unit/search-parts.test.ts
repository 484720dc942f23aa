/**
 * The parts of the search index (src/render/search-parts.ts): which article
 * goes in which part, over random archives, and what moves when the month
 * turns. The built fixture site's parts are checked in tests/site/output.test.ts
 * and tests/e2e/incremental.test.ts.
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

test("every published article is in one part; archive parts hold whole days, at most the part size unless one day has more, oldest first, and end only where the next day would not fit", () => {
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
      const [first, last] = [days.at(-1)!, days[0]!];
      assert.ok(last < "2025-08-01");
      if (i > 0) assert.equal(part.folder, `pagefind-${first}`);
      assert.ok(part.articles.length <= size || new Set(days).size === 1, `${part.folder}: ${days.length} articles over ${new Set(days).size} days`);
      const later = archive[i + 1];
      if (!later) return;
      assert.ok(later.articles.at(-1)!.day > last, "a day split between two parts");
      const nextDay = later.articles.filter((a) => a.day === later.articles.at(-1)!.day).length;
      assert.ok(part.articles.length + nextDay > size, `${part.folder} ended early`);
    });
  }
});

test("when the month turns, last month's articles join the newest archive part or start new ones; the parts before are unchanged", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const size = 3 + (seed % 5);
    const articles = [...randomArticles(seed, 80), ...randomArticles(seed + 100, 12).map((a, i) => ({ ...a, day: `2025-08-${String(1 + (i % 28)).padStart(2, "0")}`, url: `/aug${i}/` }))];
    const now = searchParts(newsroom(articles, size)).slice(0, -1);
    const later = searchParts(newsroom(articles, size, "2025-10-02T12:00:00Z")).slice(0, -1);
    assert.deepEqual(shape(later.slice(0, now.length - 1)), shape(now.slice(0, -1)));
    const [newest, grown] = [now.at(-1)!, later[now.length - 1]!];
    assert.equal(grown.folder, newest.folder);
    assert.deepEqual(grown.articles.slice(-newest.articles.length), newest.articles);
  }
});

test("an archive without articles is one empty part, the one the search page loads the UI from; the page merges only parts with articles", () => {
  const n = newsroom([{ day: "2025-09-01", status: "published", url: "/x/" }], 2);
  assert.deepEqual(shape(searchParts(n)), [["pagefind", []], ["pagefind-recent", ["/x/"]]]);
  assert.deepEqual(searchBundles(searchParts(n)), ["pagefind-recent"]);
  assert.deepEqual(searchBundles(searchParts(newsroom([], 2))), ["pagefind"]);
});
