/**
 * Records keep their bodies as UTF-8 bytes (src/ingest/codec.ts): decoded
 * when read, never by copying or caching a record.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { articleCopier, decodeResult, encodeResult, lazyTexts, withCompactTexts } from "../../src/ingest/codec.ts";
import type { FileResult } from "../../src/ingest/file.ts";
import { IngestCache } from "../../src/ingest/memory-cache.ts";
import type { Article } from "../../src/validate/schema.ts";

const article = {
  file: "a.md", status: "published", title: "Storm “closes” roads", authors: [], tags: ["weather"], categories: [], draft: false,
  slug: "storm", url: "/2025/09/02/storm/", date: "2025-09-02T00:00:00+00:00", dateOnly: true, day: "2025-09-02",
  html: "<p>Rain — “heavy” rain.</p>", text: "Rain — “heavy” rain.", textHash: "h", description: "Rain", wordCount: 3, readingMinutes: 1, sources: { title: "front-matter" },
} as Article;
const result: FileResult = {
  entry: { file: "a.md", status: "published", url: article.url, title: article.title, date: article.date, sources: {}, messages: [] },
  article,
  millis: 0,
};

const lazyRecord = (): Article => {
  const { meta, texts } = encodeResult(result);
  return decodeResult(meta, () => texts).article!;
};
const unread = (a: Article) => [lazyTexts(a)?.unread("html"), lazyTexts(a)?.unread("text")];

test("a decoded record reads its html and text only when asked, as they were", () => {
  const a = lazyRecord();
  assert.deepEqual(unread(a), [true, true]);
  assert.equal(a.title, article.title);
  assert.deepEqual(unread(a), [true, true]);
  assert.equal(a.html, article.html);
  assert.equal(a.text, article.text);
  assert.deepEqual(unread(a), [false, false]);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(article)));
});

test("records parsed in this thread are kept the same way", () => {
  const a = withCompactTexts(result).article!;
  assert.deepEqual(unread(a), [true, true]);
  assert.equal(a.html, article.html);
  assert.equal(withCompactTexts({ ...result, article: a }).article, a, "kept twice");
});

test("a copy shares the stored bodies without decoding them; assigning to one leaves the other", () => {
  const a = lazyRecord();
  const copy = articleCopier(a)();
  assert.notEqual(copy, a);
  assert.deepEqual(unread(copy), [true, true]);
  assert.deepEqual(unread(a), [true, true]);
  copy.html = "<p>changed</p>";
  assert.equal(copy.html, "<p>changed</p>");
  assert.equal(a.html, article.html);
  assert.equal(copy.text, article.text);
  assert.deepEqual(Object.keys(copy), Object.keys(a));
});

test("the preview's in-memory cache hands out copies that are still undecoded", () => {
  const cache = new IngestCache();
  cache.store("a.md", "stamp", { ...result, article: lazyRecord() });
  const hit = cache.lookup("a.md", "stamp")!;
  assert.deepEqual(unread(hit.article!), [true, true]);
  assert.equal(hit.article!.text, article.text);
  assert.deepEqual(unread(cache.lookup("a.md", "stamp")!.article!), [true, true], "a reading copy decoded the cached one");
});

test("the cache keeps a result as it was stored: later changes to it or to a copy do not reach it", () => {
  const cache = new IngestCache();
  const stored: FileResult = { ...result, entry: { ...result.entry, messages: [] }, article: lazyRecord() };
  cache.store("a.md", "stamp", stored);
  stored.entry.messages.push({ level: "warning", message: "added after storing" });
  stored.article!.story = "after";
  const first = cache.lookup("a.md", "stamp")!;
  assert.equal(first.entry.messages.length, 0);
  assert.equal(first.article!.story, undefined);
  first.entry.messages.push({ level: "warning", message: "added to a copy" });
  first.entry.sources.title = "inferred";
  first.article!.story = "copy";
  const second = cache.lookup("a.md", "stamp")!;
  assert.equal(second.entry.messages.length, 0);
  assert.deepEqual(second.entry.sources, {});
  assert.equal(second.article!.story, undefined);
  assert.equal(second.article!.html, article.html);
});
