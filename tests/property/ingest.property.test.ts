/**
 * Property-based tests (fast-check) of the per-file pipeline, `ingestBytes`:
 * - arbitrary bytes and arbitrary front matter never make it throw;
 * - every input ends as a record (published, draft, scheduled) or as an error
 *   with a message saying why;
 * - the page rendered from a record (the real article template) never holds a
 *   tag, event handler or URL scheme from the input outside escaped text.
 * Runs are bounded so the whole file stays well under 20 s.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import yaml from "js-yaml";
import { articlePage } from "../../_includes/article.ts";
import { ingestBytes } from "../../src/ingest.ts";
import { escapeHtml } from "../../src/render/html.ts";
import { getSite } from "../../src/render/newsroom.ts";
import { newsroomData } from "../../src/render/site-data.ts";
import type { Article } from "../../src/validate/schema.ts";
import { scanTags, unsafeMarkup, urlScheme } from "../helpers/html-safety.ts";

const NOW = new Date("2026-01-15T12:00:00Z");
const site = getSite();
const seed = { abs: "/nonexistent/seeds/prop.md", rel: "prop.md", size: 0, mtimeMs: Date.parse("2025-12-01T08:30:00Z") };
const opts = { seedsDir: "/nonexistent/seeds", timeZone: site.timeZone, now: NOW, drafts: true };
const run = (bytes: Uint8Array) => ingestBytes(bytes, { ...seed, size: bytes.length }, opts, new Map());
const render = (a: Article) => articlePage(a, newsroomData({ articles: [a], report: [], assets: new Map(), notes: [] }, site, { now: NOW }));

/** Tags the article page can contain: the template's own and markdown-it's output. */
const MARKDOWN_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "s", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "span"];
const benign = run(
  Buffer.from(
    "---\ntitle: Benign\ndate: 2025-09-01\nauthor: [Jane Doe]\ntags: [a]\ncategories: [News]\ndek: Dek\nimage: https://example.org/x.jpg\nupdated: 2025-09-02\ndraft: true\n---\n" +
      "LONDON — Text *em* **strong** `code` [link](https://example.org).\n\n## Sub\n\n- a\n- b\n\n1. c\n\n> q\n\n```\npre\n```\n\n---\n\n| a | b |\n|---|---|\n| c | d |\n\n![alt](https://example.org/i.png) ~~s~~ line  \nbreak\n",
  ),
);
assert.ok(benign.article, "the benign article renders");
const ALLOWED_TAGS = new Set([...MARKDOWN_TAGS, ...scanTags(render(benign.article)).map((t) => t.name)]);
const URL_ATTRS = new Set(["href", "src", "srcset", "action", "formaction", "poster", "data", "cite"]);

function assertSafePage(a: Article): void {
  const page = render(a);
  assert.deepEqual(unsafeMarkup(page), []);
  for (const tag of scanTags(page)) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `<${tag.name}> came from the input`);
    for (const [name, value] of tag.attrs) {
      if (!URL_ATTRS.has(name)) continue;
      for (const url of name === "srcset" ? value.split(/,\s*/).map((s) => s.split(/\s+/)[0]!) : [value]) {
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(urlScheme(url))?.[1];
        assert.ok(scheme === undefined || ["http", "https", "mailto"].includes(scheme), `${name}="${url}"`);
      }
    }
  }
  // Text fields reach the page escaped, exactly.
  assert.ok(page.includes(`<h1 class="article__title">${escapeHtml(a.title)}</h1>`), `headline ${JSON.stringify(a.title)}`);
  if (a.dek) assert.ok(page.includes(`<p class="dek">${escapeHtml(a.dek)}</p>`), `dek ${JSON.stringify(a.dek)}`);
}

function assertOutcome(bytes: Uint8Array): void {
  const r = run(bytes);
  const { status, messages } = r.entry;
  assert.ok(["published", "draft", "scheduled", "error"].includes(status), status);
  if (r.article) {
    assert.notEqual(status, "error");
    assert.equal(r.article.status, status);
    assert.match(r.article.url, /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9][a-z0-9-]*\/$/);
    assertSafePage(r.article);
  } else {
    assert.equal(status, "error");
    assert.ok(messages.some((m) => m.level === "error" && m.message.length > 0), "an error without a message");
  }
}

const PAYLOADS = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=//e.x>", '"><b onmouseover=alert(1)>',
  "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "&#106;avascript:alert(1)",
  "[x](javascript:alert(1))", "[x](data:text/html,<script>)", "![x](javascript:alert(1))", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
  "<javascript:alert(1)>", "[r][1]\n\n[1]: javascript:alert(1)", "</textarea></title><script>", "<!--", "-->", "]]>", "{{ 7*7 }}", "{% raw %}",
  "${7*7}", "---js", "+++", "\u0000", "\u001b[31m", "\u202e", "\r\n", "\n\n", "# ", "> ", "- ", "```", "  ", "'", '"', "&amp;", "\\",
  "https://example.org/a\"onerror=alert(1)", "mailto:x@y.z", "www.example.org", "BEIJING— ", "By Jane Doe", "date 2025-09-02 ",
];
const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) }, { weight: 2, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }), { maxLength: 12 })
  .map((parts) => parts.join(""));

const KEYS = ["title", "headline", "dek", "excerpt", "description", "author", "authors", "byline", "dateline", "date", "published", "updated", "tags",
  "keywords", "categories", "category", "image", "cover", "image_alt", "draft", "slug", "permalink", "url", "path", "layout", "eleventyComputed", "__proto__", "constructor"];
const dateish = fc.oneof(
  fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "2025-09-02T25:00", "yesterday", ""),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    dateish,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("v"), { maxKeys: 3 }),
  ),
})).v;
const frontMatter = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })), value, { maxKeys: 10 });

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

test("arbitrary bytes: never throws; a record or a reported error", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => assertOutcome(bytes)), { numRuns: RUNS });
});

test("arbitrary bytes after valid front matter: never throws; a record or a reported error", () => {
  const head = Buffer.from("---\ntitle: Bytes\ndate: 2025-09-01\n---\n");
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => assertOutcome(Buffer.concat([head, bytes]))), { numRuns: RUNS });
});

test("arbitrary front matter (as YAML) and a hostile body: never throws, the page holds nothing from the input but text", () => {
  fc.assert(
    fc.property(frontMatter, hostileText, (data, body) => {
      const yamlText = yaml.safeDump(data, { skipInvalid: true, lineWidth: -1 });
      assertOutcome(Buffer.from(`---\n${yamlText}---\n${body}\n`));
    }),
    { numRuns: RUNS },
  );
});

test("arbitrary front-matter text (not necessarily YAML) and body: never throws", () => {
  const line = fc.tuple(fc.constantFrom(...KEYS, "x"), hostileText).map(([k, v]) => `${k}: ${v}`);
  fc.assert(
    fc.property(fc.array(fc.oneof(line, hostileText), { maxLength: 8 }), hostileText, fc.constantFrom("---", "---js", "--- js", "+++", ""), (lines, body, opener) => {
      assertOutcome(Buffer.from(`${opener}\n${lines.join("\n")}\n---\n${body}`));
    }),
    { numRuns: RUNS },
  );
});

test("hostile text where a headline, dateline or byline is inferred: the page is safe", () => {
  fc.assert(
    fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), (blocks) => {
      assertOutcome(Buffer.from(blocks.join("\n\n")));
    }),
    { numRuns: RUNS },
  );
});
