import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { resolveDate } from "../../src/enrich/dates.ts";
import { renderBody } from "../../src/enrich/markdown.ts";
import { librarySlug, plainSlug, slugFor, slugify } from "../../src/enrich/slug.ts";
import { makeUrlsUnique } from "../../src/enrich/unique_slugs.ts";
import { safePermalink } from "../../src/publish/paths.ts";
import type { Article } from "../../src/validate/schema.ts";
import { validate } from "../../src/validate/validate.ts";

test("a date-only value is that calendar day in every zone (no off-by-one)", () => {
  for (const zone of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Tokyo"]) {
    const d = resolveDate("2025-09-02", zone);
    assert.equal(d.day, "2025-09-02", zone);
    assert.equal(d.dateOnly, true);
  }
  assert.equal(resolveDate("2025-09-02", "America/New_York").iso, "2025-09-02T00:00:00-04:00");
});

test("a time without offset is site-zone wall time; an explicit offset wins", () => {
  assert.equal(resolveDate("2025-09-02T05:59:33", "Europe/London").iso, "2025-09-02T05:59:33+01:00");
  const withOffset = resolveDate("2025-09-02T01:00:00+08:00", "Europe/London");
  assert.equal(withOffset.iso, "2025-09-01T18:00:00+01:00");
  assert.equal(withOffset.day, "2025-09-01");
});

test("invalid dates are reported with the field and the value", () => {
  const { messages } = validate({
    title: { value: "T", source: "front-matter" },
    date: { value: "2025-13-45", source: "front-matter", line: 3 },
    body: { value: "x", source: "inferred" },
  });
  assert.deepEqual(messages, [{ level: "error", field: "date", line: 3, message: 'date "2025-13-45" is not a valid date' }]);
  const feb30 = validate({ title: { value: "T", source: "front-matter" }, date: { value: "2025-02-30", source: "inline" }, body: { value: "x", source: "inferred" } });
  assert.equal(feb30.messages[0]?.message, 'date "2025-02-30" is not a valid date');
});

test("tags and categories accept a list or a comma string; case duplicates collapse", () => {
  const { data } = validate({
    title: { value: 1984, source: "front-matter" },
    date: { value: "2025-01-01", source: "front-matter" },
    tags: { value: "Politics, politics ,  China", source: "front-matter" },
    categories: { value: null, source: "front-matter" },
    body: { value: "x", source: "inferred" },
  });
  assert.equal(data?.title, "1984");
  assert.deepEqual(data?.tags, ["Politics", "China"]);
  assert.deepEqual(data?.categories, []);
});

test("slugs transliterate, fall back to a stable hash, never carry path characters", () => {
  assert.equal(slugify("Путин и Си"), "putin-i-si");
  assert.equal(slugify("Xi, Putin reaffirm ‘old friend’ ties"), "xi-putin-reaffirm-old-friend-ties");
  assert.match(slugFor("习近平会见普京"), /^a-[0-9a-f]{8}$/);
  assert.equal(slugFor("习近平会见普京"), slugFor("习近平会见普京"));
  assert.equal(slugFor("../../etc/passwd"), "etc-passwd");
});

test("plain ASCII headlines are slugged without slugify, exactly as slugify would", () => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  // What reaches plainSlug: "<" and ">" are word breaks by then, as "/" and "\\" are.
  const plain = printable.filter((c) => !"$%&|<>".includes(c));
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...plain), maxLength: 60 }), (s) => assert.equal(plainSlug(s), librarySlug(s))), { numRuns: 2000 });
  // Whole slugs, with the characters slugify spells out or transliterates and those NFKC turns into path characters.
  const before = (s: string) => librarySlug(s.normalize("NFKC").replace(/[/\\<>]+/g, " ")).replace(/[^a-z0-9-]+/g, "").replace(/-{2,}/g, "-").replace(/^-|-$/g, "");
  const mixed = [...printable, "é", "’", "“", "–", "—", "Ж", "习", "／", "＜", "ﬁ", "\u00a0", "ß"];
  fc.assert(
    // Short enough that no slug reaches the 80-character cut ("$" is "dollar").
    fc.property(fc.string({ unit: fc.constantFrom(...mixed), maxLength: 10 }), (s) => assert.equal(slugify(s), before(s))),
    { numRuns: 2000 },
  );
  assert.equal(slugify("Storm-hit town: 3 dead, U.S. aid (update #2)"), "storm-hit-town-3-dead-us-aid-update-2");
  assert.equal(slugify("Fish & chips"), "fish-and-chips");
});

test("colliding URLs get a stable suffix from the file path", () => {
  const make = (file: string) => ({ file, slug: "same", day: "2025-09-02", url: "/2025/09/02/same/" }) as Article;
  const list = [make("b.md"), make("a.md")];
  makeUrlsUnique(list);
  assert.equal(list[1]!.url, "/2025/09/02/same/");
  assert.match(list[0]!.url, /^\/2025\/09\/02\/same-[0-9a-f]{6}\/$/);
});

test("permalinks that could leave the output folder are refused", () => {
  assert.equal(safePermalink("/2025/09/02/a-b/"), "/2025/09/02/a-b/");
  for (const bad of ["/../../tmp/x.html", "../x/", "/a/../../b/", "/A/", "/a b/"]) assert.throws(() => safePermalink(bad), /refusing/);
});

test("markdown: html off, unsafe links dropped, headings demoted with ids", () => {
  const { html, text } = renderBody('# Top\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](data:text/html,hi) ![i](data:image/png;base64,AAAA) [ok](https://example.org/)');
  assert.match(html, /<h2 id="top">Top<\/h2>/);
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /&lt;script&gt;/);
  assert.doesNotMatch(html, /href="(?:javascript|data):/);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /href="https:\/\/example.org\/"/);
  assert.match(text, /^Top\n\n<script>alert\(1\)<\/script>/);
});
