/** The command-line contract, end to end: build the seeds, read the HTML, read the report. */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runScript, tempDir, tempSeeds } from "../helpers/cli.ts";

const NOW = "2025-09-10T12:00:00Z";
const seeds = tempSeeds();
const out = path.join(tempDir("out"), "site");
const build = runScript("build", ["--seeds", seeds, "--out", out, "--now", NOW]);
const page = (url: string) => readFileSync(path.join(out, url, "index.html"), "utf8");

test("build exits 0 with a one-line summary", () => {
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /^5 published, \d+ warnings, 0 files with errors, [\d.]+ s → /m);
});

test("the index lists the five articles newest first under day headings", () => {
  const home = page("/");
  const links = [...home.matchAll(/<h3 class="card__title"><a href="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(links.length, 5);
  for (const link of links) assert.ok(existsSync(path.join(out, link!, "index.html")), link);
  const headings = [...home.matchAll(/<h2 class="day__heading"[^>]*><time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => [m[1], m[2]]);
  // 001, 002 and 004 are undated: they take their story's day (000's inline date), not their mtime (3 September).
  assert.deepEqual(headings, [["2025-09-02", "Tuesday 2 September 2025"]]);
});

test("article 002: headline, dateline, subheads and time element", () => {
  const html = page("/2025/09/02/xi-putin-reaffirm-old-friend-ties-in-the-face-of-us-challenges/");
  assert.match(html, /<h1 class="article__title">Xi, Putin reaffirm ‘old friend’ ties in the face of US challenges<\/h1>/);
  assert.match(html, /<p><span class="dateline">BEIJING<\/span> — Chinese leader Xi Jinping/);
  assert.deepEqual([...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]), ["‘Always together’", "Mongolia", "Pushback to Trump"]);
  assert.match(html, /<time datetime="2025-09-02T00:00:00\+00:00">2 September 2025<\/time>/);
});

test("article 003: front-matter fields, repaired mojibake, no broken image", () => {
  const html = page("/2025/09/02/new-russias-putin-hails-unprecedented-ties-with-china-as-talks-begin/");
  assert.match(html, /<p class="dek">The two leaders are seeking/);
  assert.match(html, /<span class="byline">By <a href="\/authors\/badely\/" rel="author">badely<\/a><\/span>/);
  assert.match(html, /<p class="kicker" data-pagefind-ignore><a href="\/categories\/news\/">News<\/a><\/p>/);
  assert.match(html, /Here’s what you need to know/);
  assert.doesNotMatch(html, /â€/);
  assert.doesNotMatch(html, /<img/);
});

test("article 000: inline date shown as a calendar day, with its dek", () => {
  const html = page("/2025/09/02/chinese-president-xi-jinping-has-welcomed-his-russian-counterpart-vladimir-putin/");
  assert.match(html, /<time datetime="2025-09-02T00:00:00\+00:00">2 September 2025<\/time>/);
  assert.match(html, /<p class="dek">The two leaders’ meeting comes the day before a military parade/);
});

test("check --json reports every file with the contract's fields", () => {
  const check = runScript("check", ["--seeds", seeds, "--json", "--now", NOW]);
  assert.equal(check.code, 0, check.stderr);
  const { files } = JSON.parse(check.stdout) as { files: Array<Record<string, unknown>> };
  assert.equal(files.length, 5);
  for (const f of files) {
    for (const key of ["file", "status", "url", "title", "date", "sources", "messages"]) assert.ok(key in f, `${String(f.file)} lacks ${key}`);
    assert.equal(f.status, "published");
    assert.match(String(f.date), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  }
  const derived = files.filter((f) => (f.messages as Array<{ field?: string; message: string }>).some((m) => m.field === "title" && /derived/.test(m.message)));
  assert.deepEqual(derived.map((f) => f.file), ["000_5b70cdc346d49482.txt", "001_405e124c4d916592.txt", "004_f7d692f137b23f74.txt"]);
});

test("one bad file never stops the others; --strict fails the run", () => {
  const dir = tempSeeds();
  writeFileSync(path.join(dir, "bad.md"), "---\ntitle: Broken\ndate: 2025-13-45\n---\nText.\n");
  writeFileSync(path.join(dir, "photo.png"), "not an article");
  const site = path.join(tempDir("out"), "site");
  const r = runScript("build", ["--seeds", dir, "--out", site, "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /bad\.md:3: error: date "2025-13-45" is not a valid date/);
  assert.match(r.stdout, /^5 published, 1 skipped, .*1 files with errors/m);
  const strict = runScript("check", ["--seeds", dir, "--strict", "--now", NOW]);
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /photo\.png\s+skipped\s+not an article file/);
});

test("site settings that are not valid stop every command at once, with the file and what is wrong, not a stack trace", () => {
  const settings = path.join(tempDir("bad-settings"), "site.json");
  writeFileSync(settings, '{ "title": "Broken", }');
  for (const [script, args] of [["build", ["--seeds", seeds, "--out", out]], ["check", ["--seeds", seeds]], ["new", ["--seeds", seeds, "A headline"]]] as const) {
    const r = runScript(script, [...args], { env: { ...process.env, NO_COLOR: "1", NEWSROOM_SITE: settings } });
    assert.equal(r.code, 2, `${script}: ${r.stderr}`);
    assert.match(r.stderr, /^error: \S*site\.json: not valid JSON: /, script);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${script}: no stack trace`);
  }
});

test("a failed build leaves the previous site in place", () => {
  const before = page("/");
  const r = runScript("build", ["--seeds", path.join(seeds, "does-not-exist"), "--out", out, "--now", NOW]);
  assert.notEqual(r.code, 0);
  assert.equal(page("/"), before);
});
