/**
 * Phases 2–3 kept between runs (src/stories/reuse.ts): a run that weighs and
 * scores again only the articles an edit affected finds exactly what a run
 * over every article finds (relations, scores, coverages), after edits of
 * every kind: a word no other article has, a common word, a title, a text
 * made a copy or a duplicate of another, several at once. NEWSROOM_FUZZ_SEED
 * picks other edits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import v8 from "node:v8";
import { analyzeStories, TermRecords, type StoryAnalysis, type StoryInput, type StoryRecords } from "../../src/stories/index.ts";
import { isRunState } from "../../src/stories/run-state.ts";
import { loadCorpus, loadSeeds } from "./load.ts";
import { generateCorpus, prng } from "./synthetic.ts";

const withRevision = (d: StoryInput): StoryInput => ({ ...d, revision: createHash("sha256").update(`${d.title}\0${d.text}`).digest("base64url") });

/** Everything a run decided, scores included, in an order that does not depend on how pairs were found. */
function canon(a: StoryAnalysis): string {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return JSON.stringify({
    relations: [...a.relations].sort((x, y) => order(x[0], y[0])),
    pairs: a.pairs.map((p) => `${p.a} ${p.b} ${p.similarity}`).sort(order),
    coverages: a.coverages.map((c) => `${c.copy} ${c.original} ${c.coverage}`).sort(order),
  });
}

/** A run with the records and phases 2–3 of `before` (a run's StoryRecords), and what it left. */
function rerun(docs: readonly StoryInput[], before: StoryRecords, threads = 1): { got: StoryAnalysis; records: StoryRecords } {
  const records: StoryRecords = { previous: before.next!, previousRun: before.nextRun };
  return { got: analyzeStories(docs, { threads }, records), records };
}

const base = (): StoryInput[] => [...loadSeeds(), ...loadCorpus(), ...generateCorpus(1500, 7).docs].map(withRevision);

/** The words of an article's text, and how many articles hold each (lower case). */
function wordCounts(docs: readonly StoryInput[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(`${d.title} ${d.text}`.toLowerCase().match(/[a-z]{4,}/g) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

type Edit = (docs: StoryInput[], r: () => number) => string;

const pick = (docs: readonly StoryInput[], r: () => number) => Math.floor(r() * docs.length);
const replaceDoc = (docs: StoryInput[], i: number, change: Partial<StoryInput>) => (docs[i] = withRevision({ ...docs[i]!, ...change }));

/** Each edit changes `docs` in place and names itself. */
const EDITS: Record<string, Edit> = {
  "a word no other article has": (docs, r) => {
    const i = pick(docs, r);
    replaceDoc(docs, i, { text: `${docs[i]!.text} Zyzzogeton${Math.floor(r() * 1e6)}.` });
    return docs[i]!.file;
  },
  "a common word replaced by a rarer one": (docs, r) => {
    const df = wordCounts(docs);
    const i = pick(docs, r);
    const words = docs[i]!.text.match(/[a-z]{4,}/g) ?? [];
    const common = words.sort((x, y) => (df.get(y) ?? 0) - (df.get(x) ?? 0))[Math.floor(r() * 5)] ?? "harbour";
    replaceDoc(docs, i, { text: docs[i]!.text.replace(common, "quayside") });
    return `${docs[i]!.file} (${common}, in ${df.get(common)})`;
  },
  "a new title": (docs, r) => {
    const i = pick(docs, r);
    replaceDoc(docs, i, { title: `Council ${docs[pick(docs, r)]!.title}` });
    return docs[i]!.file;
  },
  "a text that becomes a rewrite of another": (docs, r) => {
    const [i, j] = [pick(docs, r), pick(docs, r)];
    const sentences = docs[j]!.text.split(". ");
    replaceDoc(docs, i, { text: sentences.map((s, k) => (k % 4 === 1 ? s.replace(/\b(\w+)$/, "indeed") : s)).join(". ") });
    return `${docs[i]!.file} from ${docs[j]!.file}`;
  },
  "an exact duplicate of another": (docs, r) => {
    const [i, j] = [pick(docs, r), pick(docs, r)];
    replaceDoc(docs, i, { text: `  ${docs[j]!.text.toUpperCase()}` });
    return `${docs[i]!.file} of ${docs[j]!.file}`;
  },
  "a text cut to one short sentence": (docs, r) => {
    const i = pick(docs, r);
    replaceDoc(docs, i, { text: "Nothing to add." });
    return docs[i]!.file;
  },
  "a date moved (weights and pairs stay)": (docs, r) => {
    const i = pick(docs, r);
    replaceDoc(docs, i, { date: docs[i]!.date ? null : "2025-01-01T09:00:00Z" });
    return docs[i]!.file;
  },
};

test("after each kind of edit, reusing the last run's weights and pairs finds exactly what a full run finds", () => {
  const seed = Number(process.env.NEWSROOM_FUZZ_SEED ?? 1);
  const r = prng(seed);
  let docs = base();
  let before: StoryRecords = { previous: TermRecords.empty(), previousRun: undefined };
  analyzeStories(docs, { threads: 1 }, before);
  assert.ok(isRunState(before.nextRun), "a run leaves its state");
  const edits = Object.entries(EDITS);
  // Each edit alone, then three at once, each run taking the state the one before it left.
  const rounds = [...edits.map((e) => [e]), ...Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => edits[pick(edits as never[], r)]!))];
  let reused = 0;
  for (const round of rounds) {
    docs = [...docs];
    const what = round.map(([name, edit]) => `${name}: ${edit(docs, r)}`).join("; ");
    const { got, records } = rerun(docs, before);
    assert.equal(canon(got), canon(analyzeStories(docs, { threads: 1 })), `seed ${seed}, ${what}`);
    // A common word added or removed moves the weights of too many articles: then all are weighed again.
    if (got.stats.reweighed < docs.length) reused++;
    before = records;
  }
  // At least the rounds of a new word alone and of a date alone.
  assert.ok(reused >= 2, `${reused} of ${rounds.length} runs reused the last one's`);
});

test("a word no other article has affects that article alone; a common one, every article holding it", () => {
  const docs = base();
  const before: StoryRecords = { previous: TermRecords.empty(), previousRun: undefined };
  analyzeStories(docs, { threads: 1 }, before);
  const rare = [...docs];
  replaceDoc(rare, 40, { text: `${docs[40]!.text} Quokkaville.` });
  assert.equal(rerun(rare, before).got.stats.reweighed, 1);
  // A word in a few articles: its df moves, and so do their weights (titles hold words too: a few more).
  const df = wordCounts(docs);
  const word = [...df].find(([w, n]) => n >= 3 && n <= 6 && new RegExp(`\\b${w}\\b`).test(docs[40]!.text))?.[0];
  assert.ok(word, "a word of article 40 that a few others have");
  const fewer = [...docs];
  replaceDoc(fewer, 40, { text: docs[40]!.text.replace(new RegExp(`\\b${word}\\b`, "g"), "quayside") });
  const { got } = rerun(fewer, before);
  assert.ok(got.stats.reweighed >= 2 && got.stats.reweighed <= 2 * df.get(word)!, `${got.stats.reweighed} weighed again for "${word}" (in ${df.get(word)})`);
  assert.equal(canon(got), canon(analyzeStories(fewer, { threads: 1 })));
});

test("phases 2–3 run in full when the articles are not the same files, one has no revision, the options differ, or the state is not one", () => {
  const docs = base();
  const before: StoryRecords = { previous: TermRecords.empty(), previousRun: undefined };
  analyzeStories(docs, { threads: 1 }, before);
  const full = (got: StoryAnalysis) => got.stats.reweighed === got.stats.documents;
  assert.ok(full(rerun([...docs, withRevision({ ...docs[3]!, file: "zz-added.txt" })], before).got), "an article added");
  assert.ok(full(rerun(docs.slice(1), before).got), "an article gone");
  const { revision: _, ...unrevised } = docs[5]!;
  assert.ok(full(rerun(docs.map((d, i) => (i === 5 ? unrevised : d)), before).got), "an article without a revision");
  const other = analyzeStories(docs, { threads: 1, indexTerms: 16 }, { previous: before.next!, previousRun: before.nextRun });
  assert.equal(other.stats.reweighed, docs.length, "other options");
  assert.equal(canon(other), canon(analyzeStories(docs, { threads: 1, indexTerms: 16 })));
  // Through a file's serialization, and checked when read back.
  const back: unknown = v8.deserialize(v8.serialize(before.nextRun));
  assert.ok(isRunState(back));
  assert.equal(rerun(docs, { ...before, nextRun: back }).got.stats.reweighed, 0);
  assert.equal(isRunState({ ...before.nextRun!, pairS: new Float32Array(1) }), false);
  assert.equal(isRunState("state"), false);
});

test("with the helper thread, a run reusing phases 2–3 finds what a single-thread full run finds", () => {
  const docs = generateCorpus(1500, 11).docs.map(withRevision);
  const before: StoryRecords = { previous: TermRecords.empty(), previousRun: undefined };
  analyzeStories(docs, { threads: 2 }, before);
  const edited = [...docs];
  EDITS["a common word replaced by a rarer one"]!(edited, prng(5));
  const { got } = rerun(edited, before, 2);
  assert.ok(got.stats.reweighed < docs.length);
  assert.equal(canon(got), canon(analyzeStories(edited, { threads: 1 })));
});
