import { test } from "node:test";
import assert from "node:assert/strict";
import { relateStories, type StoryRelations } from "../../src/stories/index.ts";
import { loadCorpus, loadExpected } from "./load.ts";

const corpus = loadCorpus();
const expected = loadExpected();

/** Story groups as sorted lists of files, sorted. */
export function groupsOf(rel: Map<string, StoryRelations>): string[][] {
  const by = new Map<string, string[]>();
  for (const [file, r] of rel) {
    const g = by.get(r.story);
    if (g) g.push(file);
    else by.set(r.story, [file]);
  }
  return [...by.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

test("fixture corpus: at least 30 distinct short articles, every file in exactly one expected story", () => {
  assert.ok(corpus.length >= 30, `${corpus.length} articles`);
  for (const a of corpus) {
    const words = a.text.split(/\s+/).length;
    assert.ok(words >= 120 && words <= 250, `${a.file}: ${words} words`);
    assert.ok(a.title.length > 0, `${a.file} has a title`);
  }
  const listed = expected.stories.flat().sort();
  assert.deepEqual(listed, corpus.map((a) => a.file).sort());
  assert.ok(expected.stories.some((g) => g.length >= 3), "has a story with three reports");
  assert.ok(corpus.some((a) => a.date === null), "has an undated article");
});

test("fixture corpus: story groups are exactly the expected ones (no false grouping, none missed)", () => {
  const rel = relateStories(corpus);
  const want = expected.stories.map((g) => g.slice().sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  assert.deepEqual(groupsOf(rel), want);
});

test("fixture corpus: no article is flagged as a duplicate or a copy", () => {
  const rel = relateStories(corpus);
  for (const [file, r] of rel) {
    assert.equal(r.duplicateOf, undefined, `${file} duplicateOf`);
    assert.equal(r.derivedFrom, undefined, `${file} derivedFrom ${JSON.stringify(r.derivedFrom)}`);
  }
});

test("confusable events in the same week stay apart on content alone", () => {
  // Two mayoral races on the same night, two wildfires in one state two days
  // apart, two strikes by one union in one week, and two storms / two quakes
  // in one region: with the dates removed, content alone must keep them apart.
  const pairs: [string, string][] = [
    ["election-brankton.txt", "election-dunmore.txt"],
    ["wildfire-cedar-falls.txt", "wildfire-pine-ridge-a.txt"],
    ["wildfire-cedar-falls.txt", "wildfire-pine-ridge-b.txt"],
    ["strike-airport.txt", "strike-rail.txt"],
    ["storm-brenna-a.txt", "storm-calder.txt"],
    ["quake-mirel.txt", "quake-tarsa-a.txt"],
  ];
  for (const [a, b] of pairs) {
    const docs = corpus.filter((d) => d.file === a || d.file === b).map((d) => ({ ...d, date: null }));
    const rel = relateStories(docs);
    assert.notEqual(rel.get(a)!.story, rel.get(b)!.story, `${a} vs ${b}`);
  }
});

test("recurring events with the same people are kept apart by the date window", () => {
  // Same club and manager a week apart; same bank and governor two months
  // apart; same parties and leaders four years apart; same rocket ten days apart.
  const pairs: [string, string][] = [
    ["football-rovers-hartfield-a.txt", "football-rovers-lakeport.txt"],
    ["bank-rate-hold-march.txt", "bank-rate-cut-may.txt"],
    ["election-kelvaria-2021.txt", "election-kelvaria-2025.txt"],
    ["launch-orbis-comms.txt", "launch-orbis-weather.txt"],
    ["product-laptop-launch.txt", "product-phone-launch.txt"],
  ];
  const rel = relateStories(corpus);
  for (const [a, b] of pairs) assert.notEqual(rel.get(a)!.story, rel.get(b)!.story, `${a} vs ${b}`);
});

test("an undated report joins its story but does not bridge two dated stories", () => {
  const rel = relateStories(corpus);
  const c = rel.get("bank-rate-cut-may-c.txt")!.story;
  assert.equal(c, rel.get("bank-rate-cut-may.txt")!.story);
  assert.notEqual(c, rel.get("bank-rate-hold-march.txt")!.story);
});
