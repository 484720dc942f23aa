/**
 * A cached record kept as a line of the cache index (src/ingest/thin-record.ts) reads back as
 * the record its pack's meta gives (src/ingest/codec.ts), key order included: page fingerprints
 * hash an article's fields in their order (src/publish/page-keys.ts).
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { decodeResult, encodeResult, lazyTexts, storedHtmlLength } from "../../src/ingest/codec.ts";
import { ingestSeed, type FileResult } from "../../src/ingest/file.ts";
import { SharedObjects, thinLine, thinResult } from "../../src/ingest/thin-record.ts";
import { listSeeds } from "../../src/read/walk.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FOLDERS = ["seeds", "tests/fixtures/ingest", "tests/fixtures/hostile"].map((f) => path.join(ROOT, f));
const CTX = { timeZone: "Europe/London", nowMillis: Date.parse("2026-01-10T12:00:00Z"), pipeline: "test" };

/** What the cache would read back for `result`: from its meta, and from its line (undefined: none). */
function readBack(result: FileResult, rel: string) {
  const { meta, texts } = encodeResult(result);
  const fromMeta = decodeResult(meta, () => texts);
  const line = thinLine(result, rel, storedHtmlLength(meta));
  const fromLine = line === undefined ? undefined : thinResult(line, rel, () => texts, texts.length, new SharedObjects());
  return { fromMeta, fromLine };
}

/** Every property, in order, bodies included: what a build can read of a record. */
const everything = (r: FileResult) => JSON.stringify(r, (_key, value: unknown) => (value === undefined ? "(undefined)" : value));

test("each seed kept as a line reads back as its record does, in the same key order, with its bodies undecoded", async () => {
  let lines = 0;
  let articles = 0;
  for (const dir of FOLDERS) {
    for (const seed of await listSeeds(dir)) {
      if (seed.skip) continue;
      const { result } = ingestSeed(seed, { ...CTX, seedsDir: dir });
      if (!result.article) continue;
      articles++;
      const { fromMeta, fromLine } = readBack(result, seed.rel);
      if (!fromLine) continue;
      lines++;
      assert.equal(lazyTexts(fromLine.article!)?.unread("html"), true, seed.rel);
      assert.equal(everything(fromLine), everything(fromMeta), seed.rel);
      assert.deepStrictEqual(fromLine, fromMeta, seed.rel);
      assert.deepStrictEqual(Object.keys(fromLine.article!), Object.keys(fromMeta.article!), seed.rel);
      assert.deepStrictEqual(Object.keys(fromLine.entry), Object.keys(fromMeta.entry), seed.rel);
    }
  }
  assert.ok(articles > 20, `${articles} articles`);
  // The hostile fixtures have the odd ones (a property JSON would drop, separators); the rest are lines.
  assert.ok(lines >= articles - 5, `${lines} of ${articles} articles kept as lines`);
});

test("a value holding a separator, or a record of another shape, is not kept as a line", async () => {
  const dir = path.join(ROOT, "seeds");
  const seed = (await listSeeds(dir)).find((s) => !s.skip)!;
  const { result } = ingestSeed(seed, { ...CTX, seedsDir: dir });
  assert.ok(thinLine(result, seed.rel, 0) !== undefined);
  const a = result.article!;
  for (const changed of [
    { ...result, article: { ...a, tags: ["a\u0001b"] } },
    { ...result, article: { ...a, title: "a\u0000b" } },
    { ...result, article: { ...a, authors: [""] } },
    { ...result, article: { ...a, revision: undefined } },
    { ...result, article: { ...a, story: "s1" } },
    { ...result, entry: { ...result.entry, messages: [{ level: "warning" as const, message: "m", line: undefined }] } },
  ]) {
    assert.equal(thinLine(changed, seed.rel, 0), undefined, JSON.stringify(Object.keys(changed.article ?? {})));
  }
  assert.equal(thinLine(result, "another.md", 0), undefined, "a record of another path");
  assert.throws(() => thinResult("title\u0001only", seed.rel, () => new Uint8Array(), 0, new SharedObjects()));
});

test("the seeds folders hold the files this test reads", () => {
  for (const dir of FOLDERS) assert.ok(readdirSync(dir).length > 0, dir);
});
