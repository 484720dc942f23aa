/**
 * The validation shortcut (src/validate/common_case.ts) must return exactly
 * what the schema returns whenever it answers, and must answer for the
 * ordinary article (or it would silently stop saving time).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseCommonCase } from "../../src/validate/common_case.ts";
import { ArticleDataSchema } from "../../src/validate/schema.ts";
import { validate } from "../../src/validate/validate.ts";

const FIELDS = ["title", "dek", "authors", "dateline", "date", "updated", "tags", "categories", "image", "imageAlt", "draft", "slug", "body"];

/** Values near every edge the schema has: types, white space, controls, lengths, dates, flags. */
const text = fc.oneof(
  fc.constantFrom("", " ", "T", "  Two  words \n", "a\u0007b", "\u0085", "x,y, X", "Café", "e\u0301", ",,", " , a ,A", "1984"),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(79, 80, 81, 99, 100, 101, 199, 200, 201, 299, 300, 301, 500, 501, 1000, 1001).map((n) => "x".repeat(n)),
  fc.constantFrom(79, 80, 81, 100, 101).map((n) => ` ${"y ".repeat(n / 2)}\t`),
);
const date = fc.constantFrom(
  "2025-09-02", " 2025-09-02 ", "2025-09-02T05:59:33", "2025-09-02 05:59", "2025-09-02T05:59:33.5+01:00", "2025-09-02T05:59Z", "2025-02-30",
  "2025-13-01", "2024-02-29", "2025-09-02T24:00", "2025-09-02T05:60", "2025-09-02T05:59:60", "2025-9-2", "",
);
const value = fc.oneof(
  text,
  date,
  fc.array(text, { maxLength: 4 }),
  fc.constantFrom(51, 52).map((n) => Array.from({ length: n }, (_, i) => `t${i}`)),
  fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.constantFrom(null, undefined, true, false, "true", "false", "yes", "no", "True", 0, 1, 1984, 1.5, Infinity, NaN, -0, {}, { a: 1 }, []),
);
/** Mostly a usual value for the field, sometimes anything: so both branches are taken often. */
const mostly = (usual: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: value, weight: 1 });
const words = fc.constantFrom("Storm closes the coast road", " Jane  Doe ", "News", "BEIJING", "cover.jpg", "a, b, A", "Zürich");
const input = fc.record(
  {
    title: mostly(words),
    dek: mostly(words),
    authors: mostly(fc.oneof(words, fc.array(words, { maxLength: 3 }))),
    dateline: mostly(words),
    date: mostly(date),
    updated: mostly(date),
    tags: mostly(fc.oneof(words, fc.array(words, { maxLength: 3 }))),
    categories: mostly(fc.oneof(words, fc.array(words, { maxLength: 3 }))),
    image: mostly(words),
    imageAlt: mostly(words),
    draft: mostly(fc.constantFrom(true, false, "yes", "no", "true", "false")),
    slug: mostly(words),
    body: mostly(fc.constant("Body text.")),
    extra: value,
  },
  { requiredKeys: ["title", "date", "body"] },
);

test("the shortcut returns exactly what the schema returns, whenever it answers", () => {
  let answered = 0;
  fc.assert(
    fc.property(input, (candidate) => {
      const fast = parseCommonCase(candidate);
      if (fast === undefined) return;
      answered++;
      const parsed = ArticleDataSchema.safeParse(candidate);
      assert.ok(parsed.success, "the schema refused what the shortcut accepted");
      assert.deepStrictEqual(fast, parsed.data);
      assert.deepStrictEqual(Object.keys(fast), Object.keys(parsed.data));
    }),
    { numRuns: 20_000, seed: 6 },
  );
  assert.ok(answered > 2000, `only ${answered} inputs took the shortcut`);
});

test("the ordinary article takes the shortcut; numbers, nulls and errors go through the schema", () => {
  assert.deepStrictEqual(parseCommonCase({ title: " Storm \n closes road ", date: "2025-09-02", tags: "a, A, b", body: "Text." }), {
    title: "Storm closes road", authors: [], date: "2025-09-02", tags: ["a", "b"], categories: [], draft: false, body: "Text.",
  });
  assert.equal(parseCommonCase({ title: 1984, date: "2025-09-02", body: "Text." }), undefined);
  assert.equal(parseCommonCase({ title: "T", date: "2025-09-02", tags: null, draft: "maybe", body: "Text." }), undefined);
  assert.equal(parseCommonCase({ title: "T", date: "2025-02-30", body: "Text." }), undefined);
  assert.deepEqual(Object.keys(ArticleDataSchema.shape), FIELDS, "a new field needs a place in common_case.ts");
});

test("validate gives the same data and messages with or without the shortcut", () => {
  const cases = [
    { title: { value: "T", source: "front-matter" }, date: { value: "2025-01-01", source: "front-matter" }, body: { value: "x", source: "inferred" } },
    { title: { value: 1984, source: "front-matter" }, date: { value: "2025-13-45", source: "front-matter", line: 3 }, body: { value: "x", source: "inferred" } },
  ] as const;
  assert.deepStrictEqual(validate(cases[0]).data, ArticleDataSchema.parse({ title: "T", date: "2025-01-01", body: "x" }));
  assert.deepStrictEqual(validate(cases[1]).messages, [{ level: "error", field: "date", line: 3, message: 'date "2025-13-45" is not a valid date' }]);
});
