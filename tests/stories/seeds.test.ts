import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeStories, relateStories } from "../../src/stories/index.ts";
import { loadSeeds } from "./load.ts";

const seeds = loadSeeds();
const F = (prefix: string): string => {
  const f = seeds.find((s) => s.file.startsWith(prefix));
  assert.ok(f, `seed ${prefix} present`);
  return f.file;
};

test("the five seeds load with the dates the issue describes", () => {
  assert.equal(seeds.length, 5);
  const dated = seeds.filter((s) => s.date !== null).map((s) => s.file.slice(0, 3));
  assert.deepEqual(dated, ["000", "003"]);
  assert.ok(!seeds.some((s) => s.text.includes("â€")), "mojibake fixed in the loader");
});

test("all five seeds are one story with a short URL-safe id", () => {
  const rel = relateStories(seeds);
  assert.equal(rel.size, 5);
  const ids = new Set([...rel.values()].map((r) => r.story));
  assert.equal(ids.size, 1);
  const [id] = ids;
  assert.match(id!, /^[0-9a-f]{10}$/);
});

test("001 is derived from 000, 004 (a paraphrase) from 003, nothing else", () => {
  const rel = relateStories(seeds);
  const r = (p: string) => rel.get(F(p))!;
  assert.equal(r("001").derivedFrom?.file, F("000"));
  assert.equal(r("004").derivedFrom?.file, F("003"));
  for (const p of ["000", "002", "003"]) assert.equal(r(p).derivedFrom, undefined, `${p} is not derived`);
  for (const p of ["000", "001", "002", "003", "004"]) assert.equal(r(p).duplicateOf, undefined, `${p} is no duplicate`);
  for (const p of ["001", "004"]) {
    const s = r(p).derivedFrom!.similarity;
    assert.ok(s >= 0 && s <= 1, `similarity ${s} in [0,1]`);
    assert.equal(Math.round(s * 100) / 100, s, "rounded to 2 decimals");
    assert.ok(s >= 0.7, `${p} similarity ${s} is high`);
  }
});

test("000 and 002 share wire paragraphs but neither is a copy of the other", () => {
  const a = analyzeStories(seeds);
  const cov = a.coverages.find(
    (c) => (c.copy === F("002") && c.original === F("000")) || (c.copy === F("000") && c.original === F("002")),
  );
  assert.ok(cov, "the pair was examined");
  assert.ok(cov.coverage > 0.2, `they do share text (${cov.coverage})`);
  assert.ok(cov.coverage < 0.7, `but not enough to be a copy (${cov.coverage})`);
});

test("without any dates the seeds still form one story and the same copy links", () => {
  const rel = relateStories(seeds.map((s) => ({ ...s, date: null })));
  assert.equal(new Set([...rel.values()].map((r) => r.story)).size, 1);
  // Undated: the longer article is taken as the original.
  const pairs = [...rel.entries()]
    .filter(([, r]) => r.derivedFrom)
    .map(([f, r]) => [f.slice(0, 3), r.derivedFrom!.file.slice(0, 3)].sort().join("-"))
    .sort();
  assert.deepEqual(pairs, ["000-001", "003-004"]);
});
