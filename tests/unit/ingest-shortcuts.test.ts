/**
 * Shortcuts taken for speed in the per-file pipeline (issue #6) must give
 * what the long way gives. Each is compared with the long way itself (the
 * library call or the plain definition it skips) on inputs at its edges.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import matter from "gray-matter";
import yaml from "js-yaml";
import MarkdownIt, { type MarkdownIt as Markdown } from "markdown-it";
import { decode } from "../../src/decode/index.ts";
import { countWords, truncate } from "../../src/enrich/article.ts";
import { linkifyOnlyWhereTextMayLink, md, plainTextRun } from "../../src/enrich/markdown.ts";
import { parseFrontMatter } from "../../src/frontmatter/parse.ts";

test("linkify is asked only about text that can hold a link, and answers as before", () => {
  const fullTest = Object.getPrototypeOf(md.linkify).test as (text: string) => boolean;
  const samples = [
    "plain words. More words", "see https://example.org/x", "HTTP://EXAMPLE.ORG", "mailto:a@b.co", "write to a@b.co", "//example.org/path", "see //localhost/x", "mailto:x@localhost",
    "ftp://x.org", "www.example.org", "example.com", "U.S. officials", "3.5 percent", "end.", "a.b", "x:y", "a/b", "@", ". ", "…", "",
    "ｈｔｔｐ：//x", "javascript:alert(1)", "e.g. this", "file://x", "a.рф", "xn--p1ai.xn--p1ai",
  ];
  for (const s of samples) assert.equal(md.linkify.test(s), fullTest.call(md.linkify, s), JSON.stringify(s));
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z .:/@\-_\n]{0,30}$/), fc.string({ maxLength: 30 }), (a, b) => {
      for (const s of [a, b, `${a}${b}`]) assert.equal(md.linkify.test(s), fullTest.call(md.linkify, s), JSON.stringify(s));
    }),
    { numRuns: 3000, seed: 6 },
  );
});

/**
 * `change` made to a markdown-it instance with our options renders as the instance without it: on
 * `samples`, then on `runs` strings of up to `maxLength` `pieces` (fast-check, seeded). Returns the changed instance.
 */
function rendersAsMarkdownIt(change: (ours: Markdown) => void, samples: readonly string[], pieces: readonly string[], maxLength: number, seed: number): Markdown {
  const [theirs, ours] = [new MarkdownIt(md.options), new MarkdownIt(md.options)];
  change(ours);
  for (const s of samples) assert.equal(ours.render(s), theirs.render(s), JSON.stringify(s));
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength }), (parts) => {
      const s = parts.join("");
      assert.equal(ours.render(s), theirs.render(s), JSON.stringify(s));
    }),
    { numRuns: 20000, seed },
  );
  return ours;
}

test("markdown: a run of plain text ends where markdown-it's own text rule ends it", () => {
  const pieces = ["a", "Bc", " ", "\n", "\n\n", "é", "…", "(c)", "--", "...", '"', "'", "http://x.org", "www.x.org", "a@b.co", "[x]", "[x]: /y\n", "![a](/i.png)",
    "**", "~~", "# ", "> ", "1. ", "- ", "    ", "<b>", "&amp;", ...Array.from("!#$%&*+-:<=>@[\\]^_`{}~()")];
  const samples = ["", "plain words only", "a [link](https://example.org) and `code`", "x ~~s~~ y", "[label with *em*](https://x.org) after", "[ref]\n\n[ref]: https://x.org"];
  rendersAsMarkdownIt((ours) => ours.inline.ruler.at("text", plainTextRun), samples, pieces, 40, 7);
});

test("linkify leaves out only paragraphs whose text outside links it would link nothing in", () => {
  const pieces = ["a", " ", "\n", "\n\n", ".", ":", "/", "@", "x.org", "www.x.org", "https://x.org/p", "//x.org", "a@b.co", "mailto:a@b.co",
    "[", "]", "(", ")", "[l](https://x.org)", "[https://x.org](/y)", "[a@b.co](/m)", "<https://x.org>", "\\]", "`https://x.org`",
    "![i](https://x.org/i.png)", "**", "_", "&#58;", "[r]", "[r]: https://x.org\n", "# ", "> ", "- "];
  const samples = ["plain words", "a [link](https://example.org) only", "see https://example.org and [l](/x)", "[l](https://x.org) then www.y.org", "\\](https://x.org)"];
  const ours = rendersAsMarkdownIt(linkifyOnlyWhereTextMayLink, samples, pieces, 30, 8);
  assert.match(ours.render("[l](/x) then https://y.org/"), /then <a href="https:\/\/y\.org\/">/);
});

test("front matter reads the YAML that gray-matter read (its quirks included)", () => {
  const engines = { yaml: (src: string) => yaml.load(src, { schema: yaml.CORE_SCHEMA, json: false }) as object };
  const blocks = [
    "title: Hello\ndate: 2025-09-02", "", "   ", "# only a comment", "# one\n  # two\n\n", "title: x\n----\nauthor: y", "----\ntitle: x",
    "---x\ntitle: y", "title: a\n---b: c", "~", "null", "title: x # comment", "a: 1\n#b: 2", "- a\n- b", "just text", "title: 'a\n---'",
  ];
  for (const block of blocks) {
    const fm = parseFrontMatter(`---\n${block}\n---\nBody`);
    let expected: unknown;
    try {
      expected = (matter(`---\n${block}\n---\n`, { engines, language: "yaml" }).data as unknown) ?? {};
    } catch {
      expected = "invalid YAML";
    }
    if (typeof expected === "object" && !Array.isArray(expected)) assert.deepStrictEqual(fm.data, expected, JSON.stringify(block));
    else assert.equal(fm.failed, true, JSON.stringify(block));
  }
});

test("front matter: the body is everything after the closing line, numbered from it", () => {
  for (const [text, body, bodyLine] of [
    ["---\na: 1\n---", "", 4],
    ["---\na: 1\n---\n", "", 4],
    ["---\na: 1\n...\n\nText\n", "\nText\n", 4],
    ["---\n---\nText", "Text", 3],
    ["---\na: 1\n--- \t\nText\nmore\n---\nend", "Text\nmore\n---\nend", 4],
  ] as const) {
    const fm = parseFrontMatter(text);
    assert.equal(fm.failed, false, text);
    assert.equal(fm.body, body, text);
    assert.equal(fm.bodyLine, bodyLine, text);
  }
  assert.equal(parseFrontMatter("---").failed, true);
  assert.equal(parseFrontMatter("---\na: 1\n----").failed, true);
});

test("text without a character from U+0300 up is already NFC, so it is not normalised", () => {
  const below: string[] = [];
  for (let c = 0; c < 0x300; c++) below.push(String.fromCharCode(c));
  for (const a of below) {
    assert.equal(a.normalize("NFC"), a);
    for (const b of below) if ((a + b).normalize("NFC") !== a + b) assert.fail(`${a.charCodeAt(0)} + ${b.charCodeAt(0)} composes`);
  }
  assert.equal(decode(Buffer.from("Cafe\u0301 and cafe\u0301")).text, "Café and café");
});

test("words are counted and descriptions cut as the plain definitions do", () => {
  const words = (s: string) => s.split(/[ \n\t\r\u00a0]+/).filter(Boolean).length;
  const cut = (s: string, max: number) => {
    const flat = s.slice(0, max * 2 + 64).replace(/\s+/g, " ").trim();
    if (flat.length <= max) return flat;
    const head = flat.slice(0, max);
    const kept = head.slice(0, Math.max(head.lastIndexOf(" "), max / 2)).replace(/[\s,;:—–-]+$/, "");
    // A cut that ends a sentence (its stop, then any closing quotes or brackets) gets no ellipsis.
    return /[.!?][’”"')\]]*$/.test(kept) ? kept : `${kept}…`;
  };
  const spaced = fc.array(fc.constantFrom("word", "é", "’", "”", ".", "?", ")", " ", "  ", "\n", "\n\n", "\t", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", ",", "—"), { maxLength: 120 });
  fc.assert(
    fc.property(fc.oneof(spaced.map((p) => p.join("")), fc.string({ maxLength: 400 })), fc.integer({ min: 1, max: 200 }), (s, max) => {
      assert.equal(countWords(s), words(s));
      assert.equal(truncate(s, max), cut(s, max));
    }),
    { numRuns: 3000, seed: 6 },
  );
  const text = "Work began on Tuesday to repair the harbour wall. Engineers expect the repairs to take seven weeks. Berths stay open.";
  assert.equal(truncate(text, 100), "Work began on Tuesday to repair the harbour wall. Engineers expect the repairs to take seven weeks.");
  assert.equal(truncate(text, 90), "Work began on Tuesday to repair the harbour wall. Engineers expect the repairs to take…");
  assert.equal(truncate("He said: “We will keep the berths open.” Then he left the quay.", 45), "He said: “We will keep the berths open.”");
});
