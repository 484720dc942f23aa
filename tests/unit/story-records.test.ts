/**
 * Phase-1 records of the story step between builds (src/ingest/stories-cache.ts,
 * src/stories/records.ts): kept beside the ingest cache; after an edit only the edited article's
 * text is read, the result is that of a build without any cache, and records
 * of articles gone are dropped. Run in this thread (a rebuild's story thread:
 * story-thread.test.ts), the file is rewritten only once more than a few
 * records would be missing or stale; until then those articles are read again.
 * Copy coverages (src/stories/coverages.ts) are kept beside them.
 */
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { MIN_STORY_WORDS } from "../../src/enrich/stories.ts";
import { ingest, type IngestOptions } from "../../src/ingest.ts";
import { lazyTexts } from "../../src/ingest/codec.ts";
import { checkedFileStore, COLUMNS, readCheckedFile } from "../../src/ingest/checked-file.ts";
import { CopyCoverages } from "../../src/stories/coverages.ts";
import { TermRecords } from "../../src/stories/records.ts";
import { tempDir } from "../helpers/cli.ts";

const NOW = new Date("2026-01-10T12:00:00Z");
const STORY =
  "Ministers in Valparaíso confirmed on Tuesday that the Aurelio Brandt harbour scheme will cost 412 million pesos, after engineers " +
  'found the northern breakwater had shifted 38 centimetres during the June storms. Harbour master Ilse Okonkwo said "we cannot wait another winter".';

function setup(generated = 30) {
  const seedsDir = tempDir("story-records");
  writeArticles(path.join(seedsDir, "generated"), 0, generated);
  writeFileSync(path.join(seedsDir, "story-a.md"), `---\ntitle: Harbour repairs approved\ndate: 2025-03-03\n---\n${STORY}\n`);
  writeFileSync(path.join(seedsDir, "story-b.md"), `---\ntitle: Breakwater fix costs 412m\n---\n${STORY}\n`);
  writeFileSync(path.join(seedsDir, "story-c.txt"), `Breakwater repairs\n\n${STORY}\n\nWork starts in the spring, the ministry said.\n`);
  const cacheDir = path.join(tempDir("story-records-cache"), "ingest");
  // The step in this thread: a rebuild's story thread saves its records whenever they change (story-thread.test.ts).
  const opts: IngestOptions = { seedsDir, timeZone: "Europe/London", now: NOW, workers: 0, storyThread: false };
  const recordsFile = path.join(cacheDir, "story-terms.bin");
  const stored = (): TermRecords | undefined => TermRecords.fromPlain(readCheckedFile(recordsFile, COLUMNS));
  return { seedsDir, recordsFile, stored, cached: () => ingest({ ...opts, cacheDir }), fresh: () => ingest(opts) };
}

/** Articles shown whose text was decoded (read by someone) so far. */
const readTexts = (result: Awaited<ReturnType<typeof ingest>>): string[] =>
  result.articles.filter((a) => !lazyTexts(a)?.unread("text")).map((a) => a.file).sort();

test("after an edit only the edited article is read; the result is a fresh build's; records follow the seeds", async () => {
  const { seedsDir, recordsFile, stored, cached, fresh } = setup();
  await cached();
  const first = stored();
  assert.ok(first && first.size > 20, "records saved beside the ingest cache");

  const name = readdirSync(path.join(seedsDir, "generated")).sort()[0]!;
  appendFileSync(path.join(seedsDir, "generated", name), "\nOne more sentence about the harbour wall and the storm.\n");
  const afterEdit = await cached();
  // Read (before the comparison below reads them all): the edited article, and story-a, whose
  // text is compared with its exact duplicate's (story-b, not shown).
  assert.deepEqual(readTexts(afterEdit), [`generated/${name}`, "story-a.md"]);
  assert.deepStrictEqual(afterEdit, await fresh());
  assert.equal(stored()!.size, first.size, "the edited article's old record replaced");

  rmSync(path.join(seedsDir, "story-c.txt"));
  const afterDelete = await cached();
  assert.deepStrictEqual(afterDelete, await fresh());
  assert.equal(stored()!.size, first.size - 1, "the deleted article's record dropped");

  // The file gone (deleted, or damaged and so not read): every text is read again, with the same result, and the file saved again.
  rmSync(recordsFile);
  writeFileSync(path.join(seedsDir, "story-d.md"), `---\ntitle: Harbour reopens\ndate: 2025-03-09\n---\nThe harbour reopened on Sunday after repairs to the northern breakwater, ${STORY}\n`);
  const withoutFile = await cached();
  assert.equal(readTexts(withoutFile).length, withoutFile.articles.length, "every shown article's text read");
  assert.deepStrictEqual(withoutFile, await fresh());
  assert.ok(existsSync(recordsFile), "and saved again");
});

test("after a few edits the records file is left as it is and those articles are read again; after more it is rewritten", async () => {
  // 150 articles: one edit leaves 2 of 150 records missing or stale, within the 2% the file may lag behind.
  const { seedsDir, recordsFile, stored, cached, fresh } = setup(147);
  await cached();
  const bytes = readFileSync(recordsFile);
  const names = readdirSync(path.join(seedsDir, "generated")).sort();
  const edit = (name: string, line: string) => appendFileSync(path.join(seedsDir, "generated", name), `\n${line}\n`);

  edit(names[0]!, "One more sentence about the harbour wall.");
  const afterEdit = await cached();
  assert.deepEqual(readTexts(afterEdit), [`generated/${names[0]}`, "story-a.md"]);
  assert.deepStrictEqual(afterEdit, await fresh());
  assert.deepEqual(readFileSync(recordsFile), bytes, "one edit: the file is not rewritten");

  // The first edit's record is not in the file: read again, with the second.
  edit(names[1]!, "And one about the pier.");
  const afterSecond = await cached();
  assert.deepEqual(readTexts(afterSecond), [`generated/${names[0]}`, `generated/${names[1]}`, "story-a.md"]);
  assert.deepStrictEqual(afterSecond, await fresh());
  assert.notDeepEqual(readFileSync(recordsFile), bytes, "4 of 150 missing or stale: rewritten");
  const revisions = new Set(stored()!.revisions);
  assert.ok(afterSecond.articles.every((a) => a.wordCount < MIN_STORY_WORDS || revisions.has(a.textHash)), "with every compared article's record");

  edit(names[2]!, "And one about the lighthouse.");
  assert.deepEqual(readTexts(await cached()), [`generated/${names[2]}`, "story-a.md"], "the rewritten file serves the next run");
});

test("copy coverages are kept beside the records: saved when a pair is new, trusted after, and a fresh build's result", async () => {
  const { seedsDir, recordsFile, cached, fresh } = setup();
  const first = await cached();
  const file = path.join(path.dirname(recordsFile), "story-coverages.bin");
  const stored = () => readCheckedFile(file, COLUMNS) as { key: string };
  const pairs = () => CopyCoverages.fromPlain(stored())!;
  const revision = (result: typeof first, name: string) => result.articles.find((a) => a.file === name)!.textHash;
  const copyOf = (result: typeof first) => result.articles.find((a) => a.file === "story-c.txt")!.derivedFrom?.file;
  assert.equal(copyOf(first), "story-a.md");
  assert.ok(pairs().get(revision(first, "story-c.txt"), revision(first, "story-a.md"))! > 0.7);

  // An article like no other: no new pair, and the file stays as it is.
  const bytes = readFileSync(file);
  const words = Array.from({ length: 80 }, (_, i) => `quokka${String.fromCharCode(97 + (i % 26))}${i}`);
  writeFileSync(path.join(seedsDir, "unrelated.md"), `---\ntitle: Quokka census\ndate: 2025-03-05\n---\n${words.join(" ")}.\n`);
  const added = await cached();
  assert.ok(added.articles.some((a) => a.file === "unrelated.md"));
  assert.deepEqual(readFileSync(file), bytes);

  // The copy edited: its pair is aligned and saved.
  appendFileSync(path.join(seedsDir, "story-c.txt"), "\nThe ministry will publish the tender in May.\n");
  const edited = await cached();
  assert.deepStrictEqual(edited, await fresh());
  const kept = pairs();
  assert.ok(kept.get(revision(edited, "story-c.txt"), revision(edited, "story-a.md"))! > 0.7);

  // A kept coverage is trusted: a false one shows in the next build whose story step runs.
  kept.set(revision(edited, "story-c.txt"), revision(edited, "story-a.md"), 0);
  checkedFileStore(file, COLUMNS).write({ key: stored().key, ...kept.toPlain() });
  appendFileSync(path.join(seedsDir, "unrelated.md"), "\nquokka census ends\n");
  assert.equal(copyOf(await cached()), undefined);
});
