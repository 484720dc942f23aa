/**
 * Every generated page passes html-validate (recommended rules) with no
 * errors, and every internal link, image, script, stylesheet and #anchor
 * resolves to a file (and an id) in the built site, including absolute links
 * to the site's own origin (canonical, og:url, feeds).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { HtmlValidate } from "html-validate";
import { buildFixtureSite, ORIGIN, PREFIX } from "./fixture.ts";

const site = buildFixtureSite();
const pages = site.files().filter((f) => f.endsWith(".html"));
const html = new Map(pages.map((f) => [f, readFileSync(path.join(site.out, f), "utf8")]));

// Headlines are long by nature, and the page title is the headline plus the site name.
const validator = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "long-title": "off" } });

test("the fixture site builds", () => {
  assert.equal(site.build.code, 0, site.build.stderr);
  assert.ok(pages.length > 50, `${pages.length} pages`);
});

test("html-validate: no errors on any generated page", async () => {
  const problems: string[] = [];
  for (const [file, source] of html) {
    const report = await validator.validateString(source, file);
    for (const r of report.results) {
      for (const m of r.messages) if (m.severity === 2) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

const ids = (source: string) => new Set([...source.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

/** URLs a page points at: links, images, sources, scripts, stylesheets, and site URLs in meta tags. */
function references(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\s(?:href|src)="([^"]+)"/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\ssrcset="([^"]+)"/g)) out.push(...m[1]!.split(",").map((s) => s.trim().split(/\s+/)[0]!));
  for (const m of source.matchAll(/<meta (?:property|name)="(?:og:url|og:image|twitter:image|article:author)" content="([^"]+)">/g)) out.push(m[1]!);
  return out.map((u) => u.replaceAll("&amp;", "&"));
}

test("every internal link, asset and #anchor resolves", () => {
  const broken: string[] = [];
  let checked = 0;
  for (const [file, source] of html) {
    const pageUrl = new URL(`${PREFIX}${file.replace(/index\.html$/, "")}`, ORIGIN);
    for (const ref of references(source)) {
      const url = new URL(ref, pageUrl);
      if (url.origin !== ORIGIN) continue; // another site: not ours to check
      checked++;
      if (!url.pathname.startsWith(PREFIX)) {
        broken.push(`${file}: ${ref} is outside the path prefix ${PREFIX}`);
        continue;
      }
      const target = site.file(decodeURIComponent(url.pathname));
      if (!existsSync(target)) {
        broken.push(`${file}: ${ref} → missing ${path.relative(site.out, target)}`);
        continue;
      }
      if (url.hash) {
        const targetHtml = html.get(path.relative(site.out, target).split(path.sep).join("/")) ?? "";
        if (!ids(targetHtml).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${file}: ${ref} → no element with that id`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 1000, `checked ${checked} references`);
});

test("ids are unique on every page and every skip link has its target", () => {
  for (const [file, source] of html) {
    const all = [...source.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(all).size, all.length, `${file}: duplicate id`);
    assert.match(source, /<a class="skip-link" href="#main">/, file);
    assert.ok(ids(source).has("main"), file);
  }
});
