/** Story coverage end to end on the real seeds: one story, two copies, story dates, pages and links. */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runScript, tempDir, tempSeeds } from "../helpers/cli.ts";
import type { ReportEntry } from "../../src/report/entry.ts";

const NOW = "2025-09-10T12:00:00Z";
const seeds = tempSeeds();
// An exact copy (only white space and quote marks differ) is published once.
const original = readFileSync(path.join(seeds, "002_8c6eac4fd1a406c4.txt"), "utf8");
writeFileSync(path.join(seeds, "005_copy.txt"), original.replaceAll("’", "'").replaceAll("\n", "\n\n"));
copyFileSync(path.join(seeds, "003_d124a37a302c7d53.txt"), path.join(seeds, "006_repost.md"));
const out = path.join(tempDir("out"), "site");
const build = runScript("build", ["--seeds", seeds, "--out", out, "--now", NOW]);
const page = (url: string) => readFileSync(path.join(out, url, "index.html"), "utf8");
const { files } = JSON.parse(runScript("check", ["--seeds", seeds, "--json", "--now", NOW]).stdout) as { files: ReportEntry[] };
const entry = (file: string) => files.find((f) => f.file === file)!;

test("all seeds are one story; copies point to their originals", () => {
  assert.equal(build.code, 0, build.stderr);
  assert.equal(new Set(files.map((f) => f.story)).size, 1);
  assert.match(files[0]!.story!, /^[0-9a-f]{10}$/);
  assert.equal(entry("001_405e124c4d916592.txt").derivedFrom?.file, "000_5b70cdc346d49482.txt");
  assert.equal(entry("004_f7d692f137b23f74.txt").derivedFrom?.file, "003_d124a37a302c7d53.txt");
  for (const f of ["000_5b70cdc346d49482.txt", "002_8c6eac4fd1a406c4.txt", "003_d124a37a302c7d53.txt"]) assert.equal(entry(f).derivedFrom, undefined, f);
});

test("exact duplicates are reported and published once", () => {
  assert.equal(entry("005_copy.txt").status, "duplicate");
  assert.equal(entry("005_copy.txt").duplicateOf, "002_8c6eac4fd1a406c4.txt");
  assert.equal(entry("006_repost.md").status, "duplicate");
  assert.equal(entry("006_repost.md").duplicateOf, "003_d124a37a302c7d53.txt");
  assert.match(build.stdout, /^5 published, 2 duplicate, /m);
});

test("undated articles take the story's date, ranked above file time", () => {
  for (const f of ["001_405e124c4d916592.txt", "002_8c6eac4fd1a406c4.txt", "004_f7d692f137b23f74.txt"]) {
    assert.equal(entry(f).date, "2025-09-02T00:00:00+00:00", f);
    assert.equal(entry(f).sources.date, "story", f);
    assert.equal(entry(f).url?.startsWith("/2025/09/02/"), true, f);
  }
});

test("a derived article links to its original and points its canonical link there", () => {
  const copy = page(entry("004_f7d692f137b23f74.txt").url!);
  const originalUrl = entry("003_d124a37a302c7d53.txt").url!;
  assert.match(copy, new RegExp(`<link rel="canonical" href="https://news\\.example\\.org${originalUrl}">`));
  assert.match(copy, new RegExp(`<p class="derived-notice"[^>]*>This report closely follows <a href="${originalUrl}">New: Russia&#39;s Putin hails`));
  const orig = page(originalUrl);
  assert.doesNotMatch(orig, /derived-notice/);
  assert.match(orig, new RegExp(`<link rel="canonical" href="https://news\\.example\\.org${originalUrl}">`));
});

test("every article shows More on this story; the story page lists coverage oldest first", () => {
  const story = files[0]!.story!;
  const shown = files.filter((f) => f.status === "published");
  for (const f of shown) {
    const html = page(f.url!);
    assert.match(html, /<h2 id="more-on-this-story"[^>]*>More on this story<\/h2>/, f.file);
    const listed = [...html.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]).filter((u) => shown.some((s) => s.url === u));
    assert.deepEqual(new Set(listed), new Set(shown.filter((s) => s !== f).map((s) => s.url)), f.file);
    assert.match(html, new RegExp(`<a href="/stories/${story}/">All 5 reports on this story</a>`));
  }
  const storyHtml = page(`/stories/${story}/`);
  const order = [...storyHtml.matchAll(/<h2 class="card__title"><a href="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(order.length, 5);
  assert.equal(order[0], entry("000_5b70cdc346d49482.txt").url, "the inline-dated report (midnight) comes first");
});

test("sitemaps list originals and the story page, never a copy", () => {
  const xml = readFileSync(path.join(out, "sitemap.xml"), "utf8");
  assert.match(xml, new RegExp(`/stories/${files[0]!.story}/</loc>`));
  for (const f of ["001_405e124c4d916592.txt", "004_f7d692f137b23f74.txt"]) assert.doesNotMatch(xml, new RegExp(`${entry(f).url}</loc>`), f);
  for (const f of ["000_5b70cdc346d49482.txt", "002_8c6eac4fd1a406c4.txt", "003_d124a37a302c7d53.txt"]) assert.match(xml, new RegExp(`${entry(f).url}</loc>`), f);
});
