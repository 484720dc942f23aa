/** The checker the hostile and property tests rely on must itself catch what a browser would run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { scanTags, unsafeMarkup } from "../helpers/html-safety.ts";

test("finds what a browser would run", () => {
  for (const bad of [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img/src="x"/onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" \u0001javascript:alert(1)">x</a>',
    "<a href=JaVaScRiPt:alert(1)>x</a>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<img srcset="ok.png 1x, javascript:alert(1) 2x">',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<div style="background:url(javascript:alert(1))">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<script type="application/ld+json">{"a":1}</script><script>alert(1)</script>',
    '<p title="x" onclick="y">',
  ]) {
    assert.notDeepEqual(unsafeMarkup(bad), [], bad);
  }
});

test("leaves escaped text, quoted attribute text and the site's own scripts alone", () => {
  for (const good of [
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    '<img alt="x onerror=alert(1)" src="/img/a.jpg">',
    '<a href="https://example.org/%22onmouseover=%22alert(1)">x</a>',
    '<a title="javascript:alert(1)" href="/x/">x</a>',
    '<script type="application/ld+json">{"headline":"\\u003cscript\\u003e"}</script>',
    '<script src="/assets/search.js" defer></script>',
    "<p>1 < 2 and a <3</p>",
    "<!-- <script>alert(1)</script> -->",
  ]) {
    assert.deepEqual(unsafeMarkup(good), [], good);
  }
});

test("tokenizes like HTML5: unquoted values end at white space, raw text is skipped", () => {
  const tags = scanTags('<a href=/x title=a"b>t</a><script>var s = "<b onclick=x>";</script><i>');
  assert.deepEqual(tags.map((t) => t.name), ["a", "script", "i"]);
  assert.deepEqual(tags[0]!.attrs, [["href", "/x"], ["title", 'a"b']]);
});

test("raw text ends at its own end tag even after text whose lower case is longer (İ)", () => {
  const page = '<p>İİ</p><script type="application/ld+json">{"a":"İ"}</SCRIPT><p>x</p>';
  assert.equal(scanTags(page)[1]!.content, '{"a":"İ"}');
  assert.deepEqual(unsafeMarkup(page), []);
});
