/**
 * The story step of a rebuild on a second thread (src/ingest/stories-thread.ts,
 * stories-worker.ts): started before the cached records are decoded, from what
 * the record cache keeps of each (disk-cache.ts `story`), it gives what the
 * step gives in this thread and without any cache; it asks this thread for the
 * texts it still needs (duplicates to confirm, every text when its records
 * are lost) and saves its records whenever they change (the few new ones
 * beside the file, until there are enough to rewrite it).
 */
import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { ingest, storyThreadsDone, type IngestOptions } from "../../src/ingest.ts";
import { lazyTexts } from "../../src/ingest/codec.ts";
import { COLUMNS, readCheckedFile } from "../../src/ingest/checked-file.ts";
import type { StoryStep } from "../../src/ingest/stories-cache.ts";
import { prepareStoryThread } from "../../src/ingest/stories-thread.ts";
import { packInputs, packRelations, unpackInputs, unpackRelations } from "../../src/ingest/stories-wire.ts";
import type { StoryRelations } from "../../src/stories/index.ts";
import { TermRecords } from "../../src/stories/records.ts";
import { tempDir } from "../helpers/cli.ts";

const NOW = new Date("2026-01-10T12:00:00Z");
const STORY =
  "Ministers in Valparaíso confirmed on Tuesday that the Aurelio Brandt harbour scheme will cost 412 million pesos, after engineers " +
  'found the northern breakwater had shifted 38 centimetres during the June storms. Harbour master Ilse Okonkwo said "we cannot wait another winter".';

function setup() {
  const seedsDir = tempDir("story-thread");
  writeArticles(path.join(seedsDir, "generated"), 0, 150);
  writeFileSync(path.join(seedsDir, "story-a.md"), `---\ntitle: Harbour repairs approved\ndate: 2025-03-03\n---\n${STORY}\n`);
  // An exact duplicate, undated: confirmed on both texts, and dated from its story.
  writeFileSync(path.join(seedsDir, "story-b.md"), `---\ntitle: Breakwater fix costs 412m\n---\n${STORY}\n`);
  writeFileSync(path.join(seedsDir, "story-c.txt"), `Breakwater repairs\n\n${STORY}\n\nWork starts in the spring, the ministry said.\n`);
  const cacheDir = path.join(tempDir("story-thread-cache"), "ingest");
  const opts: IngestOptions = { seedsDir, timeZone: "Europe/London", now: NOW, workers: 0 };
  const recordsFile = path.join(cacheDir, "story-terms.bin");
  const read = (file: string) => TermRecords.fromPlain(readCheckedFile(file, COLUMNS));
  const newerFile = path.join(cacheDir, "story-terms-newer.bin");
  const stored = Object.assign(() => read(recordsFile), { file: recordsFile, newer: () => read(newerFile) });
  const cached = async (more: Partial<IngestOptions> = {}) => {
    let how: StoryStep | undefined;
    // How often the build was told it could go on while the thread runs.
    let waits = 0;
    const result = await ingest({ ...opts, cacheDir, onStories: (h) => (how = h), whileStoriesRun: () => waits++, ...more });
    await storyThreadsDone();
    return { result, how, waits };
  };
  return { seedsDir, stored, cached, fresh: () => ingest(opts) };
}

/** Articles whose text was decoded in this thread. */
const readTexts = (result: Awaited<ReturnType<typeof ingest>>): string[] =>
  result.articles.filter((a) => !lazyTexts(a)?.unread("text")).map((a) => a.file).sort();

test("after an edit or an addition the story thread finds what the step finds without a cache, reading only the texts it needs", async () => {
  const { seedsDir, stored, cached, fresh } = setup();
  const first = await cached();
  assert.deepEqual([first.how, first.waits], ["ran", 0], "the first build: every seed parsed, the step in this thread");
  await prepareStoryThread();
  const name = readdirSync(path.join(seedsDir, "generated")).sort()[0]!;

  appendFileSync(path.join(seedsDir, "generated", name), "\nOne more sentence about the harbour wall and the storm.\n");
  const before = readFileSync(stored.file);
  const afterEdit = await cached();
  assert.deepEqual([afterEdit.how, afterEdit.waits], ["thread", 1], "the build was told once that only the thread was left");
  // The edited article's text went to the thread; story-a's it asked for, to confirm story-b as its duplicate.
  assert.deepEqual(readTexts(afterEdit.result), [`generated/${name}`, "story-a.md"]);
  const expected = await fresh();
  assert.deepStrictEqual(afterEdit.result, expected);
  assert.equal(expected.report.find((e) => e.file === "story-b.md")?.status, "duplicate", "a duplicate was confirmed");
  const revisions = new Set([...stored()!.revisions, ...(stored.newer()?.revisions ?? [])]);
  assert.ok(afterEdit.result.articles.every((a) => revisions.has(a.textHash)), "its records saved, the edited article's among them");
  const edited = afterEdit.result.articles.find((a) => a.file === `generated/${name}`)!;
  assert.deepEqual(stored.newer()?.revisions, [edited.textHash], "the edited article's record beside the file");
  assert.deepEqual(readFileSync(stored.file), before, "the file itself is not rewritten for one record");

  writeFileSync(path.join(seedsDir, "story-d.md"), `---\ntitle: Harbour reopens\ndate: 2025-03-09\n---\nThe harbour reopened on Sunday after repairs to the northern breakwater. ${STORY}\n`);
  const afterAdd = await cached();
  assert.equal(afterAdd.how, "thread");
  assert.deepEqual(readTexts(afterAdd.result), ["story-a.md", "story-d.md"], "the records the last thread saved serve this one");
  assert.deepStrictEqual(afterAdd.result, await fresh());
  assert.equal(afterAdd.result.articles.find((a) => a.file === "story-d.md")?.story, afterAdd.result.articles.find((a) => a.file === "story-a.md")?.story);

  const unchanged = await cached();
  assert.deepEqual([unchanged.how, unchanged.waits], ["reused", 0], "the relations the thread found are kept");
  assert.deepEqual(readTexts(unchanged.result), []);

  appendFileSync(path.join(seedsDir, "story-c.txt"), "\nThe ministry expects the work to last two years.\n");
  const here = await cached({ storyThread: false });
  assert.equal(here.how, "ran", "storyThread: false runs the step in this thread");
  assert.deepStrictEqual(here.result, await fresh());
});

test("with its records file damaged, the thread asks for every text it needs and still finds the same", async () => {
  const { seedsDir, stored, cached, fresh } = setup();
  await cached();
  await prepareStoryThread();
  const bytes = readFileSync(stored.file);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
  writeFileSync(stored.file, bytes);
  const name = readdirSync(path.join(seedsDir, "generated")).sort()[1]!;
  appendFileSync(path.join(seedsDir, "generated", name), "\nA sentence about the pier.\n");
  const rebuilt = await cached();
  assert.equal(rebuilt.how, "thread");
  assert.deepEqual(readTexts(rebuilt.result), rebuilt.result.articles.map((a) => a.file).sort(), "every text asked for");
  assert.deepStrictEqual(rebuilt.result, await fresh());
  assert.equal(stored()?.size, rebuilt.result.report.filter((e) => e.status !== "skipped").length, "and the records saved again");
});

test("the thread's relations cross as story ids by position and the few links, and come back the same", () => {
  const relations = new Map<string, StoryRelations>([
    ["a.md", { story: "0123456789" }],
    ["b.md", { story: "0123456789", duplicateOf: "a.md" }],
    ["c.md", { story: "0123456789", derivedFrom: { file: "a.md", similarity: 0.83 } }],
    ["d.md", { story: "abcdefabcd" }],
  ]);
  const packed = packRelations(relations);
  assert.equal(packed.stories, "0123456789\n0123456789\n0123456789\nabcdefabcd");
  assert.deepStrictEqual(unpackRelations([...relations.keys()], structuredClone(packed)), relations);
  assert.equal(unpackRelations(["a.md", "b.md"], packed), undefined, "relations of other inputs");
  assert.deepStrictEqual(unpackRelations([], packRelations(new Map())), new Map());
});

test("the inputs cross as one string per field and come back the same; a field holding the separator does not unpack", () => {
  const inputs = [
    { file: "2025/a.md", title: "Harbour repairs approved", date: "2025-03-03T00:00:00.000+00:00", revision: "r1" },
    { file: "b c.md", title: "Breakwater “fix”", date: null, revision: "r2" },
  ];
  const packed = packInputs(inputs);
  assert.deepEqual(packed.files, "2025/a.md\0b c.md");
  const back = unpackInputs(structuredClone(packed));
  assert.deepStrictEqual(back, { files: ["2025/a.md", "b c.md"], titles: ["Harbour repairs approved", "Breakwater “fix”"], dates: ["2025-03-03T00:00:00.000+00:00", null], revisions: ["r1", "r2"] });
  assert.deepStrictEqual(unpackInputs(packInputs([])), { files: [], titles: [], dates: [], revisions: [] });
  assert.equal(unpackInputs(packInputs([{ ...inputs[0]!, title: "a\0b" }])), undefined);
});
