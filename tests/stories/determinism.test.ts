import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeStories, relateStories, type StoryInput, type StoryRelations } from "../../src/stories/index.ts";
import { loadCorpus, loadSeeds } from "./load.ts";
import { generateCorpus, prng } from "./synthetic.ts";

const canon = (rel: Map<string, StoryRelations>): string =>
  JSON.stringify([...rel.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const r = prng(seed);
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

test("shuffling the input order gives identical output (seeds + fixtures + copies)", () => {
  const docs: StoryInput[] = [...loadSeeds(), ...loadCorpus()];
  const a = docs.find((d) => d.file === "marathon.txt")!;
  docs.push({ ...a, file: "zz-copy.txt", date: null, text: a.text.toUpperCase() });
  docs.push({ ...a, file: "aa-rewrite.txt", date: null, text: a.text.replace("cool, still", "cool and still") });
  const want = canon(relateStories(docs));
  for (const seed of [1, 2, 3, 4, 5]) assert.equal(canon(relateStories(shuffle(docs, seed))), want, `seed ${seed}`);
});

test("shuffling a synthetic corpus gives identical output", () => {
  const { docs } = generateCorpus(1500, 7);
  const want = canon(relateStories(docs));
  assert.equal(canon(relateStories(shuffle(docs, 11))), want);
  assert.equal(canon(relateStories(docs.slice().reverse())), want);
});

test("the two-thread path gives exactly the single-thread output", () => {
  const { docs } = generateCorpus(1200, 3);
  const one = relateStories(docs, { threads: 1 });
  const two = relateStories(docs, { threads: 2 });
  assert.equal(canon(two), canon(one));
});

test("story ids are stable, short, URL-safe and distinct between stories", () => {
  const rel = relateStories(loadCorpus());
  const ids = new Set([...rel.values()].map((r) => r.story));
  for (const id of ids) assert.match(id, /^[0-9a-f]{10}$/);
  assert.equal(ids.size, new Set([...rel.values()].map((r) => r.story)).size);
  assert.equal(canon(relateStories(loadCorpus())), canon(rel));
});

test("duplicate file names are rejected", () => {
  const d = { file: "a.txt", title: "t", text: "x", date: null };
  assert.throws(() => relateStories([d, { ...d }]), /duplicate file/);
});

test("scale: candidates come from the index, far from all pairs, and quality holds", () => {
  const c = generateCorpus(3000, 5);
  const a = analyzeStories(c.docs);
  const allPairs = (3000 * 2999) / 2;
  assert.ok(a.stats.candidates < allPairs / 100, `${a.stats.candidates} candidates of ${allPairs} pairs`);
  // Pairwise story precision / recall against the generator's truth.
  const count = (key: (i: number) => string): Map<string, number> => {
    const m = new Map<string, number>();
    c.docs.forEach((_, i) => m.set(key(i), (m.get(key(i)) ?? 0) + 1));
    return m;
  };
  const pairs = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const story = (i: number): string => a.relations.get(c.docs[i]!.file)!.story;
  const tp = pairs(count((i) => `${story(i)}|${c.event[i]}`));
  const precision = tp / pairs(count(story));
  const recall = tp / pairs(count((i) => String(c.event[i])));
  assert.ok(precision > 0.99, `precision ${precision}`);
  assert.ok(recall > 0.98, `recall ${recall}`);
  let flagged = 0;
  let wrong = 0;
  c.docs.forEach((d, i) => {
    const r = a.relations.get(d.file)!;
    const of = r.duplicateOf ?? r.derivedFrom?.file;
    if (of === undefined) return;
    flagged++;
    const j = c.docs.findIndex((x) => x.file === of);
    if (!(c.copyOf[i] === j || c.copyOf[j] === i || (c.copyOf[i]! >= 0 && c.copyOf[i] === c.copyOf[j]))) wrong++;
  });
  const truth = [...c.copyOf].filter((x) => x >= 0).length;
  assert.equal(wrong, 0, "no false copy flags");
  assert.ok(flagged >= truth * 0.9, `${flagged} copies flagged of ${truth}`);
});
