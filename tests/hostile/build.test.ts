/**
 * Hostile and broken input, end to end: the whole hostile seeds folder
 * (tests/fixtures/hostile plus the on-the-fly cases of make-seeds.ts) is built
 * once and checked once. Every case: a clear message naming the file (and
 * line), the rest of the site builds, nothing is executed, nothing is written
 * outside the output folder, no script reaches a reader, nothing is lost.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { ReportEntry } from "../../src/report/entry.ts";
import { runScript, tempDir } from "../helpers/cli.ts";
import { unsafeMarkup } from "../helpers/html-safety.ts";
import { expectedReportFiles, FIXTURES, makeHostileSeeds, MARKER, ODD_NAMES, SECRET, SECRET_IMAGE, snapshot } from "./make-seeds.ts";

const NOW = "2025-09-10T12:00:00Z";
const root = tempDir("hostile");
rmSync(MARKER, { force: true });
const { seeds } = makeHostileSeeds(root);
const before = snapshot(seeds);
const outParent = path.join(root, "out");
const out = path.join(outParent, "site");
const started = performance.now();
const build = runScript("build", ["--seeds", seeds, "--out", out, "--now", NOW], { timeout: 120_000 });
const buildSeconds = (performance.now() - started) / 1000;
const check = runScript("check", ["--seeds", seeds, "--now", NOW, "--json"], { timeout: 120_000 });
const report = (JSON.parse(check.stdout) as { files: ReportEntry[] }).files;
const byFile = new Map(report.map((e) => [e.file, e]));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}
const outputFiles = filesUnder(out);
const htmlFiles = outputFiles.filter((f) => f.endsWith(".html"));
const page = (url: string) => readFileSync(path.join(out, url, "index.html"), "utf8");

test("the build finishes, in bounded time, and sums up", () => {
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /^\d+ published, 3 held \(draft\/scheduled\), \d+ skipped, \d+ warnings, \d+ files with errors, [\d.]+ s → /m);
  assert.ok(buildSeconds < 90, `build took ${buildSeconds.toFixed(1)} s`);
});

test("nothing is executed: no front matter, template or file name ever runs", () => {
  assert.equal(existsSync(MARKER), false, "code from a seed ran");
  assert.equal(existsSync(path.join(seeds, "fly", "newsroom-pwned-name")), false);
  assert.equal(existsSync("newsroom-pwned-name"), false);
});

test("nothing is written outside the output folder; the seeds are untouched", () => {
  assert.deepEqual(readdirSync(outParent), ["site"], "no lock, staging or stray file beside the output");
  assert.deepEqual(snapshot(seeds), before);
  for (const escaped of ["/tmp/newsroom-escape.html", "/tmp/newsroom-escape-url.html", "/tmp/newsroom-escape-computed.html", "/tmp/newsroom-escape-output.html", "/tmp/newsroom-escape-slug"]) {
    assert.equal(existsSync(escaped), false, escaped);
  }
  for (const f of outputFiles) assert.ok(f.startsWith(out + path.sep));
  // Every article URL is /YYYY/MM/DD/slug/ with a clean slug, whatever permalink/slug/url said.
  for (const e of report) if (e.url) assert.match(e.url, /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9][a-z0-9-]*\/$/, e.file);
});

test("no script reaches a reader: every output page is free of foreign scripts, handlers and unsafe URLs", () => {
  assert.ok(htmlFiles.length > 50, `only ${htmlFiles.length} pages`);
  for (const f of htmlFiles) {
    const html = readFileSync(f, "utf8");
    assert.deepEqual(unsafeMarkup(html), [], path.relative(out, f));
    assert.doesNotMatch(html, /\x1b|\u0007/, `${path.relative(out, f)} holds a control character`);
  }
});

test("markup in every front-matter field is shown as text", () => {
  const html = page("/2025/09/01/script-alerttitle-script-headline/");
  assert.match(html, /<h1 class="article__title">&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt; Headline<\/h1>/);
  assert.match(html, /&lt;img src=x onerror=alert\(&quot;author&quot;\)&gt;/);
  assert.match(html, /&lt;b onmouseover=alert\(1\)&gt;bold&lt;\/b&gt;/);
  assert.match(html, /&quot;&gt;&lt;\/p&gt;&lt;script&gt;alert\(&quot;dek&quot;\)&lt;\/script&gt;/);
  const body = page("/2025/09/01/script-in-the-body/");
  assert.match(body, /&lt;script&gt;alert\(“body”\)&lt;\/script&gt;/);
  assert.match(body, /\[plain js\]\(javascript:alert\(‘link’\)\)/, "an unsafe link stays visible as text");
  assert.match(body, /<a href="https:\/\/example\.org\/page">safe link<\/a>/);
});

test("nothing outside the seeds folder reaches the site: symlinked files, folders and images", () => {
  for (const f of outputFiles) {
    const bytes = readFileSync(f);
    for (const secret of [SECRET, SECRET_IMAGE, "root:x:0:0"]) assert.equal(bytes.includes(secret), false, `${path.relative(out, f)} holds ${secret}`);
  }
  assert.match(byFile.get("fly/uses-linked-image.md")!.messages.map((m) => m.message).join("\n"), /is a link to a file outside the seeds folder/);
});

test("nothing lost: every file under the seeds folder is in the report, once", () => {
  const files = report.map((e) => e.file);
  assert.equal(new Set(files).size, files.length, "a file reported twice");
  const expected = expectedReportFiles(seeds).map((f) => f.normalize()).sort();
  const actual = files.map((f) => f.replace(/\uFFFD/g, "\uFFFD").normalize()).sort();
  assert.deepEqual(actual, expected);
  for (const e of report) {
    assert.ok(["published", "draft", "scheduled", "duplicate", "error", "skipped"].includes(e.status), e.file);
    if (e.status === "error" || e.status === "skipped") assert.ok(e.messages.length > 0, `${e.file}: no reason given`);
  }
});

test("the rest of the site builds: every good seed is published at its URL", () => {
  const published = report.filter((e) => e.status === "published");
  assert.ok(published.length >= 45, `${published.length} published`);
  for (const e of published) assert.ok(existsSync(path.join(out, e.url!, "index.html")), `${e.file} → ${e.url}`);
  // Every committed fixture the harness expects published is published here too.
  for (const f of filesUnder(FIXTURES).filter((f) => f.endsWith(".expected.json"))) {
    const expected = JSON.parse(readFileSync(f, "utf8")) as { status: string };
    const rel = path.relative(FIXTURES, f).replace(/\.expected\.json$/, "").split(path.sep).join("/");
    assert.equal(byFile.get(rel)?.status, expected.status, rel);
  }
  for (const [, title] of ODD_NAMES.slice(0, -1)) assert.ok(report.some((e) => e.title === title && e.status === "published"), title);
});

test("errors name the file and the line, with control characters in names escaped", () => {
  const lines = build.stderr;
  for (const expected of [
    /hostile-[^/]+\/seeds\/fm-js\.md:1: error: front matter must open with a line of exactly "---"/,
    /seeds\/fm-space-js\.md:1: error: .*found "--- js"/,
    /seeds\/fm-toml\.md:1: error: TOML front matter/,
    /seeds\/yaml-invalid\.md:6: error: front matter is not valid YAML/,
    /seeds\/yaml-alias-bomb\.md:1: error: front matter has more than 5000 values/,
    /seeds\/yaml-deep-nesting\.md:4: error: front matter nests brackets more than 64 levels deep/,
    /seeds\/date-invalid\.md:3: error: date "2025-02-30" is not a valid date/,
    /seeds\/date-null\.md:3: error: date is empty/,
    /seeds\/yaml-title-list\.md:2: error: title a list of 2 must be text/,
    /seeds\/binary-png\.md: error: binary file/,
    /seeds\/empty\.md: error: the file is empty/,
    /seeds\/fly\/link-outside\.md: error: symlink points outside the seeds folder/,
    /seeds\/fly\/too-big-11mb\.md: error: file is 11\.0 MB; the limit is 10 MB/,
    /seeds\/fly\/latin-\uFFFD\.md: error: the file name is not valid UTF-8/,
  ]) {
    assert.match(lines, expected);
  }
  assert.doesNotMatch(build.stdout + build.stderr, /[\x1b\u202e\u0007]/, "a control character from a file name reached the terminal");
  const human = runScript("check", ["--seeds", seeds, "--now", NOW]);
  assert.match(human.stdout, /fly\/ansi-\\u001b\[31mred\\u001b\[0m\.md\s+published/);
  assert.match(human.stdout, /fly\/new\\u000aline\.md\s+published/);
  assert.doesNotMatch(human.stdout, /[\x1b\u202e]/);
});

test("5 MB articles are published as plain paragraphs, quickly; an 11 MB file is refused", () => {
  for (const file of ["fly/big-5mb.md", "fly/big-5mb-brackets.md"]) {
    const e = byFile.get(file)!;
    assert.equal(e.status, "published", file);
    assert.match(e.messages.map((m) => m.message).join(), /shown as plain paragraphs/);
  }
  assert.equal(byFile.get("fly/too-big-11mb.md")?.status, "error");
  assert.equal(byFile.get("fly/fifo.md")?.status, "skipped");
});

test("duplicate titles get distinct URLs; tags differing only in case are one tag", () => {
  const a = byFile.get("dup-title-a.md")!;
  const b = byFile.get("dup-title-b.md")!;
  assert.equal(a.url, "/2025/09/03/same-headline-twice/");
  assert.match(b.url!, /^\/2025\/09\/03\/same-headline-twice-[0-9a-f]{6}\/$/);
  const tags = [...page("/2025/09/03/tags-differing-in-case/").matchAll(/<li[^>]*>(?:<a[^>]*>)?([^<]*)</g)].map((m) => m[1]!.trim().toLowerCase());
  assert.equal(tags.filter((t) => t === "news").length, 1);
  for (const file of ["title-chinese.md", "title-japanese.md", "title-thai.md", "title-emoji.md"]) assert.match(byFile.get(file)!.url!, /\/a-[0-9a-f]{8}\/$/, file);
});

test("drafts and scheduled articles are left out and reported", () => {
  assert.equal(byFile.get("fly/draft.md")?.status, "draft");
  assert.equal(byFile.get("fly/scheduled.md")?.status, "scheduled");
  assert.equal(existsSync(path.join(out, "2025/09/04/a-draft")), false);
  assert.equal(existsSync(path.join(out, "2031")), false);
});
