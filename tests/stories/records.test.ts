/**
 * Phase-1 records between runs (src/stories/records.ts): a run that reuses
 * them relates stories exactly as one that reads every text, whatever the
 * records cover, and reads no text it has a record for.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { COLUMNS, readCheckedColumns, writeCheckedFile } from "../../src/ingest/checked-file.ts";
import { analyzeStories, CopyCoverages, TermRecords, type StoryAnalysis, type StoryInput, type StoryRecords } from "../../src/stories/index.ts";
import { recordsOf } from "../../src/stories/records.ts";
import { loadCorpus, loadSeeds } from "./load.ts";
import { generateCorpus, prng } from "./synthetic.ts";
import { byHash } from "./by-hash.ts";

const revisionOf = (d: { title: string; text: string }) => createHash("sha256").update(`${d.title}\0${d.text}`).digest("base64url");

/** Inputs whose text is a getter counting its reads (by file), as the build gives them. */
function lazyInputs(docs: readonly StoryInput[], reads: Map<string, number>): StoryInput[] {
  return docs.map(({ file, title, text, date }) => ({
    file,
    title,
    date,
    revision: revisionOf({ title, text }),
    get text() {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return text;
    },
  }));
}

/** Everything a run decided, scores included. */
const canon = (a: StoryAnalysis): string =>
  JSON.stringify({ relations: [...a.relations].sort((x, y) => (x[0] < y[0] ? -1 : 1)), pairs: a.pairs, coverages: a.coverages, terms: a.stats.terms });

function corpus(): StoryInput[] {
  const docs: StoryInput[] = [...loadSeeds(), ...loadCorpus(), ...generateCorpus(1200, 5).docs];
  // Exact duplicates: their texts are read to confirm them, records or not.
  const a = docs.find((d) => d.file === "marathon.txt")!;
  docs.push({ ...a, file: "zz-same.txt", text: `  ${a.text.toUpperCase()} ` });
  return docs;
}

/** Files in a group of exact duplicates (the only texts a run with every record reads). */
function duplicateGroups(a: StoryAnalysis): Set<string> {
  const out = new Set<string>();
  for (const [file, r] of a.relations) {
    if (r.duplicateOf !== undefined) out.add(file).add(r.duplicateOf);
  }
  return out;
}

test("reusing records relates stories exactly as reading every text: empty, full, partial records, an edited article", () => {
  const docs = corpus();
  const want = analyzeStories(docs);
  const wanted = canon(want);

  const reads = new Map<string, number>();
  const empty: StoryRecords = { previous: TermRecords.empty() };
  const first = analyzeStories(lazyInputs(docs, reads), {}, empty);
  assert.equal(canon(first), wanted, "empty records");
  assert.equal(first.stats.read, docs.length);
  assert.equal(empty.next!.size, docs.length);

  // Every record: no text is read but to confirm exact duplicates.
  reads.clear();
  const full: StoryRecords = { previous: empty.next! };
  const second = analyzeStories(lazyInputs(docs, reads), {}, full);
  assert.equal(canon(second), wanted, "full records");
  assert.equal(second.stats.read, 0);
  const dups = duplicateGroups(want);
  assert.ok(dups.size >= 2);
  for (const file of reads.keys()) assert.ok(dups.has(file), `${file} was read`);
  assert.equal(full.next!.size, docs.length);

  // Records of some articles only; a new article; one edited (its revision changes with its text).
  const r = prng(3);
  const some = docs.filter(() => r() < 0.6);
  const partial: StoryRecords = { previous: TermRecords.empty() };
  analyzeStories(lazyInputs(some, new Map()), {}, partial);
  const edited = docs.map((d, i) => (i === 7 ? { ...d, text: `${d.text} One more sentence about the harbour wall and its repair.` } : d));
  edited.push({ ...docs[20]!, file: "zz-new.txt", text: `${docs[20]!.text.slice(0, 400)} A new closing line.` });
  reads.clear();
  const renewed: StoryRecords = { previous: partial.next! };
  const third = analyzeStories(lazyInputs(edited, reads), {}, renewed);
  assert.equal(canon(third), canon(analyzeStories(edited)), "partial records, edited and new articles");
  const recorded = new Set(some.map((d) => d.file));
  const expectRead = edited.filter((d, i) => !recorded.has(d.file) || i === 7).length;
  assert.equal(third.stats.read, expectRead);
  assert.ok(reads.has(edited[7]!.file) && reads.has("zz-new.txt"));
  // The edited article's old record is gone from the next ones; its new one is there.
  assert.equal(renewed.next!.find(revisionOf(docs[7]!)), -1);
  assert.ok(renewed.next!.find(revisionOf(edited[7]!)) >= 0);
  assert.equal(renewed.next!.size, edited.length);
});

test("records made in batches (as parse threads make them) serve a run like its own: in any order, beside older records", () => {
  const docs = corpus();
  const wanted = canon(analyzeStories(docs));
  const withRevisions = docs.map((d) => ({ ...d, revision: revisionOf(d) }));
  // Batches of uneven size, handed over in another order than the articles'.
  const batches: TermRecords[] = [];
  for (let at = 0, size = 1; at < withRevisions.length; at += size, size = (size * 7) % 97 + 1) batches.push(recordsOf(withRevisions.slice(at, at + size)));
  batches.reverse();
  const made: StoryRecords = { previous: TermRecords.empty(), made: [...batches] };
  const got = analyzeStories(lazyInputs(docs, new Map()), {}, made);
  assert.equal(canon(got), wanted, "made records only");
  assert.equal(got.stats.read, 0);
  assert.equal(made.next!.size, docs.length);
  assert.equal(made.made!.length, 0, "the run lets go of them");
  // With none kept from earlier runs, none are made for the next.
  const once: StoryRecords = { made: batches };
  const alone = analyzeStories(lazyInputs(docs, new Map()), {}, once);
  assert.equal(canon(alone), wanted);
  assert.equal(alone.stats.read, 0);
  assert.equal(once.next, undefined);
  // Older records for some articles, batches for others; one article in neither: only its text is read.
  const some: StoryRecords = { previous: TermRecords.empty() };
  analyzeStories(lazyInputs(docs.filter((_, i) => i % 3 === 0), new Map()), {}, some);
  const rest = withRevisions.filter((_, i) => i % 3 !== 0 && i !== 10);
  const reads = new Map<string, number>();
  const mixed = analyzeStories(lazyInputs(docs, reads), {}, { previous: some.next!, made: [recordsOf(rest.slice(0, 200)), recordsOf(rest.slice(200))] });
  assert.equal(canon(mixed), wanted, "older and made records");
  assert.equal(mixed.stats.read, 1);
  assert.ok(reads.has(docs[10]!.file));
});

test("records survive being written and read back (the cache file's serialization)", () => {
  const docs = corpus();
  const first: StoryRecords = { previous: TermRecords.empty() };
  const want = canon(analyzeStories(lazyInputs(docs, new Map()), {}, first));
  const back = TermRecords.fromPlain(v8.deserialize(v8.serialize(first.next!.toPlain())));
  assert.ok(back);
  const again = analyzeStories(lazyInputs(docs, new Map()), {}, { previous: back });
  assert.equal(canon(again), want);
  assert.equal(again.stats.read, 0);
  // After an edit, whose run kept the ids of the records it had: the file holds only terms some record has, and serves as well.
  const edited = docs.map((d, i) => (i === 3 ? { ...d, title: "Zyzzyva", text: "Quokka axolotl tuatara: words no other article has." } : d));
  const renewed: StoryRecords = { previous: back };
  const want2 = canon(analyzeStories(lazyInputs(edited, new Map()), {}, renewed));
  assert.equal(want2, canon(analyzeStories(edited)));
  assert.ok(renewed.next!.counts.df.includes(0), "the edited article's old terms have no record");
  const plain = renewed.next!.toPlain();
  assert.ok(plain.termDf.every((df) => df > 0) && plain.termDf.length === plain.termHash.length);
  const back2 = TermRecords.fromPlain(v8.deserialize(v8.serialize(plain)))!;
  assert.equal(canon(analyzeStories(lazyInputs(edited, new Map()), {}, { previous: back2 })), want2);
  // Anything else reads as no records.
  assert.equal(TermRecords.fromPlain({ ...first.next!.toPlain(), words: new Int32Array(3) }), undefined);
  assert.equal(TermRecords.fromPlain({ ...first.next!.toPlain(), revisions: "a\nb" }), undefined);
  assert.equal(TermRecords.fromPlain("records"), undefined);
  assert.equal(TermRecords.fromPlain({ ...first.next!.toPlain(), termDf: new Int32Array(1) }), undefined);
});

test("spare records (read once, with room) serve as the base a run makes its columns in: the same result after edits, additions, removals and moves", (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "spare-records-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const docs = corpus();
  const first: StoryRecords = { previous: TermRecords.empty() };
  analyzeStories(lazyInputs(docs, new Map()), {}, first);
  const file = path.join(dir, "records.bin");
  writeCheckedFile(file, first.next!.toPlain(), COLUMNS);
  /** The file's records as the story thread reads them, and whether the run made its columns in theirs. */
  const run = (inputs: readonly StoryInput[], room = TermRecords.spareRoom) => {
    const previous = TermRecords.fromPlain(readCheckedColumns(file, room), true)!;
    assert.ok(previous);
    const got = canon(analyzeStories(lazyInputs(inputs, new Map()), {}, { previous }));
    let inPlace = false;
    try {
      void previous.columns;
    } catch {
      inPlace = true;
    }
    return { got, inPlace };
  };
  const longer = (d: StoryInput) => ({ ...d, text: `${d.text}\n\nMinisters said the quokka census would resume in the spring, with new counters at every harbour.` });
  const cases: Array<[string, StoryInput[], boolean]> = [
    ["unchanged", docs, true],
    ["an edit that adds words, early", docs.map((d, i) => (i === 2 ? longer(d) : d)), true],
    ["an edit that removes words, late", docs.map((d, i) => (i === docs.length - 3 ? { ...d, text: d.text.slice(0, d.text.length >> 1) } : d)), true],
    ["edits both ways", docs.map((d, i) => (i === 1 ? { ...d, text: d.text.slice(0, 40) } : i === 500 ? longer(d) : i === 900 ? longer(longer(d)) : d)), true],
    ["an article added first, one removed", [{ ...longer(docs[5]!), file: "000-new.md" }, ...docs.filter((_, i) => i !== 700)], true],
    ["one added last", [...docs, { ...docs[9]!, file: "zzz-new.md", text: "Axolotl tuatara quokka. A new story entirely." }], true],
    // A file renamed comes before rows of the file it followed: not in the file's order.
    ["a file moved", docs.map((d, i) => (i === 800 ? { ...d, file: "0-moved.md" } : d)), false],
    // Two files with the same title and text have one record, which the run would need twice.
    ["a copy of a file added", [...docs, { ...docs[8]!, file: "zzz-copy.md" }], false],
  ];
  for (const [what, inputs, inPlace] of cases) {
    const want = canon(analyzeStories(inputs));
    const got = run(inputs);
    assert.equal(got.got, want, what);
    assert.equal(got.inPlace, inPlace, `${what}: columns made in place`);
  }
  // Growth past the room the columns were read with: new columns, the same result.
  const grown = docs.map((d, i) => (i % 50 === 0 ? longer(d) : d));
  const tight = run(grown, () => 0);
  assert.deepEqual(tight, { got: canon(analyzeStories(grown)), inPlace: false });
  // A file missing, damaged or cut short reads as nothing.
  assert.equal(readCheckedColumns(path.join(dir, "missing.bin"), TermRecords.spareRoom), undefined);
  const bytes = readFileSync(file);
  const flipped = Buffer.from(bytes);
  flipped[bytes.length >> 1]! ^= 1;
  writeFileSync(file, flipped);
  assert.equal(readCheckedColumns(file, TermRecords.spareRoom), undefined);
  writeFileSync(file, bytes.subarray(0, bytes.length - 8));
  assert.equal(readCheckedColumns(file, TermRecords.spareRoom), undefined);
});

test("with the helper thread, records are kept and reused with the single-thread result", () => {
  const { docs } = generateCorpus(1500, 9);
  const want = canon(analyzeStories(docs, { threads: 1 }));
  const first: StoryRecords = { previous: TermRecords.empty() };
  assert.equal(canon(analyzeStories(lazyInputs(docs, new Map()), { threads: 2 }, first)), want);
  // Half of them, then all of them.
  const half: StoryRecords = { previous: TermRecords.empty() };
  analyzeStories(lazyInputs(docs.filter((_, i) => i % 2 === 0), new Map()), { threads: 1 }, half);
  const two = analyzeStories(lazyInputs(docs, new Map()), { threads: 2 }, half);
  assert.equal(canon(two), want);
  assert.equal(two.stats.threads, 2);
  assert.deepEqual(byHash(half.next!), byHash(first.next!), "the same records, however they were made");
  const all = analyzeStories(lazyInputs(docs, new Map()), { threads: 2 }, { previous: first.next! });
  assert.equal(canon(all), want);
  assert.equal(all.stats.read, 0);
});

test("articles without a revision are always read and never kept", () => {
  const docs = loadCorpus();
  const records: StoryRecords = { previous: TermRecords.empty() };
  const a = analyzeStories(docs, {}, records);
  assert.equal(a.stats.read, docs.length);
  assert.equal(records.next!.size, 0);
  assert.equal(canon(a), canon(analyzeStories(docs)));
});

test("kept copy coverages: a run aligns only the pairs it has none for, with the result of one that aligns every pair", () => {
  const docs = corpus();
  const first: StoryRecords = { previous: TermRecords.empty(), coverages: new CopyCoverages() };
  const all = analyzeStories(lazyInputs(docs, new Map()), {}, first);
  assert.ok(all.stats.examined > 20);
  assert.equal(all.stats.aligned, all.stats.examined, "nothing kept: every pair aligned");
  // Kept by revisions: pairs of articles with the same titles and texts share one.
  const revisions = (ds: readonly StoryInput[]) => new Map(ds.map((d) => [d.file, revisionOf(d)]));
  const before = revisions(docs);
  const distinct = new Set(all.coverages.map((c) => `${before.get(c.copy)} ${before.get(c.original)}`));
  assert.equal(first.nextCoverages!.size, distinct.size);
  const back = CopyCoverages.fromPlain(v8.deserialize(v8.serialize(first.nextCoverages!.toPlain())))!;

  // An article examined as a copy gets one more sentence: only its pairs are aligned again.
  const copy = all.coverages.find((c) => c.coverage > 0.7)!.copy;
  const edited = docs.map((d) => (d.file === copy ? { ...d, text: `${d.text}\n\nThe council will meet again on Friday.` } : d));
  const want = analyzeStories(edited);
  const again: StoryRecords = { previous: first.next!, coverages: back };
  const got = analyzeStories(lazyInputs(edited, new Map()), {}, again);
  assert.equal(canon(got), canon(want));
  const pairsOfCopy = want.coverages.filter((c) => c.copy === copy || c.original === copy).length;
  assert.ok(pairsOfCopy > 0);
  assert.equal(got.stats.aligned, pairsOfCopy);
  assert.equal(got.stats.examined, want.stats.examined);
  assert.ok(back.holdsAll(first.nextCoverages!) && first.nextCoverages!.holdsAll(back), "read back whole");
  assert.ok(!back.holdsAll(again.nextCoverages!), "the edited copy's pairs are new");

  // A kept coverage is trusted, not aligned again: a false one shows (and so the key must change with the code).
  const orig = got.coverages.find((c) => c.copy === copy)!.original;
  const edits = revisions(edited);
  const lying = CopyCoverages.fromPlain(again.nextCoverages!.toPlain())!;
  lying.set(edits.get(copy)!, edits.get(orig)!, 0);
  const fooled = analyzeStories(lazyInputs(edited, new Map()), {}, { previous: again.next!, coverages: lying });
  assert.equal(fooled.stats.aligned, 0);
  assert.notEqual(fooled.relations.get(copy)!.derivedFrom?.file, orig);
  assert.equal(got.relations.get(copy)!.derivedFrom?.file, orig);

  // Anything else reads as no coverages.
  assert.equal(CopyCoverages.fromPlain({ pairs: "a b\nc d", values: new Float64Array(1) }), undefined);
  assert.equal(CopyCoverages.fromPlain({ pairs: "a b", values: [0.5] }), undefined);
  assert.equal(CopyCoverages.fromPlain(null), undefined);
  assert.equal(CopyCoverages.fromPlain({ pairs: "", values: new Float64Array(0) })!.size, 0);
});
