/**
 * The warm path of ingest (src/ingest/disk-cache.ts, src/ingest/stories-cache.ts):
 * seeds whose stat is unchanged are not read, an unchanged corpus does not run
 * the story step again, and whatever happened to the seeds folder in between
 * (edits, additions, deletions, renames, touches), the result equals a build
 * without any cache.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { ingest, type IngestOptions, type IngestStats } from "../../src/ingest.ts";
import { lazyTexts } from "../../src/ingest/codec.ts";
import { DiskCache, JOURNAL_MAX } from "../../src/ingest/disk-cache.ts";
import { RACY_MS } from "../../src/read/settled.ts";
import { ingestFiles } from "../../src/ingest/files.ts";
import { applyStoriesCached } from "../../src/ingest/stories-cache.ts";
import { listSeeds } from "../../src/read/walk.ts";
import { tempDir } from "../helpers/cli.ts";
import { flipByteInEveryPack } from "./damage-packs.ts";

const MTIME = new Date("2025-10-01T08:00:00Z");
const TOUCHED = new Date("2025-11-05T10:00:00Z");
const NOW = new Date("2026-01-10T12:00:00Z");
const STORY =
  "Ministers in Valparaíso confirmed on Tuesday that the Aurelio Brandt harbour scheme will cost 412 million pesos, after engineers " +
  "found the northern breakwater had shifted 38 centimetres during the June storms. Harbour master Ilse Okonkwo said " +
  '"we cannot wait another winter" before repairs begin.';

/** A few dozen generated seeds, and reports of one event: a dated one, exact copies (undated, dated), an undated follow-up. */
function makeSeeds(): string {
  const dir = tempDir("incremental");
  writeArticles(path.join(dir, "generated"), 0, 40);
  writeFileSync(path.join(dir, "story-a.md"), `---\ntitle: Harbour repairs approved\ndate: 2025-03-03\n---\n${STORY}\n`);
  writeFileSync(path.join(dir, "story-b.md"), `---\ntitle: Breakwater fix costs 412m\n---\n${STORY}\n`);
  // A dated copy: marked a duplicate with a message added in place, its date its own.
  writeFileSync(path.join(dir, "story-e.md"), `---\ntitle: Copy of the harbour story\ndate: 2025-03-05\n---\n${STORY}\n`);
  writeFileSync(path.join(dir, "story-c.txt"), `Breakwater repairs\n\n${STORY}\n\nWork starts in the spring, the ministry said.\n`);
  writeFileSync(path.join(dir, "undated.txt"), "Storm warning for the coast\n\nGales are expected overnight along the coast road.\n");
  // Whole seconds, so that an edit can put the very same modification time back.
  for (const rel of readdirSync(dir, { recursive: true, encoding: "utf8" })) utimesSync(path.join(dir, rel), MTIME, MTIME);
  return dir;
}

function setup() {
  const seedsDir = makeSeeds();
  const cacheDir = path.join(tempDir("incremental-cache"), "ingest");
  const opts: IngestOptions = { seedsDir, timeZone: "Europe/London", now: NOW, workers: 0 };
  const cached = async () => {
    let stats: IngestStats | undefined;
    const result = await ingest({ ...opts, cacheDir, onStats: (s) => (stats = s) });
    return { result, stats: stats! };
  };
  const fresh = () => ingest(opts);
  return { seedsDir, cacheDir, cached, fresh };
}

const fileStamp = (file: string) => {
  const s = statSync(file);
  return [s.mtimeMs, s.ino, readFileSync(file).toString("base64")].join(" ");
};

test("edits, additions, deletions, renames and touches: a warm build equals one without cache", async () => {
  const { seedsDir, cacheDir, cached, fresh } = setup();
  const seed = (rel: string) => path.join(seedsDir, rel);
  const first = await cached();
  assert.deepStrictEqual(first.result, await fresh());
  const byFile = new Map(first.result.report.map((e) => [e.file, e]));
  assert.equal(byFile.get("story-b.md")?.status, "duplicate", "the story step has something to apply");
  assert.equal(byFile.get("story-e.md")?.status, "duplicate");
  assert.equal(byFile.get("story-c.txt")?.sources.date, "story");

  // Just written, the seeds are too recent for their stat to vouch for them: hashed once more, then trusted.
  await sleep(RACY_MS + 200);
  const second = await cached();
  assert.equal(second.stats.parsed, 0);
  assert.equal(second.stats.rehashed, second.stats.fromDisk);
  const index = path.join(cacheDir, "index.bin");
  const stories = path.join(cacheDir, "stories.bin");
  const [indexBefore, storiesBefore] = [fileStamp(index), fileStamp(stories)];

  const third = await cached();
  assert.deepEqual({ parsed: third.stats.parsed, rehashed: third.stats.rehashed }, { parsed: 0, rehashed: 0 }, "nothing read again");
  assert.equal(fileStamp(index), indexBefore, "an index that would not change is not written");
  assert.equal(fileStamp(stories), storiesBefore, "the story step's relations were reused, not found and saved again");
  assert.deepStrictEqual(third.result, await fresh());

  // Same size and modification time, other text (the change time still moves).
  const edited = seed("story-b.md");
  writeFileSync(edited, readFileSync(edited, "utf8").replace("costs 412m", "costs 413m"));
  utimesSync(edited, MTIME, MTIME);
  // Touched: same bytes, new stat. The first is dated by its modification time, the second by its front matter.
  utimesSync(seed("undated.txt"), TOUCHED, TOUCHED);
  utimesSync(seed("story-a.md"), TOUCHED, TOUCHED);
  writeFileSync(seed("story-d.md"), `---\ntitle: Harbour scheme costed\ndate: 2025-03-04\n---\n${STORY} The work takes two years.\n`);
  const generated = (await listSeeds(seedsDir)).filter((s) => s.rel.startsWith("generated/") && !s.skip);
  rmSync(seed(generated[2]!.rel));
  renameSync(seed(generated[3]!.rel), seed(`generated/renamed-${path.basename(generated[3]!.rel)}`));
  const afterChanges = await cached();
  assert.deepStrictEqual(afterChanges.result, await fresh());
  // Parsed: the edited, the one dated by its mtime, the added and the renamed seeds; hashed first: the edited and both touched.
  assert.deepEqual({ parsed: afterChanges.stats.parsed, rehashed: afterChanges.stats.rehashed }, { parsed: 4, rehashed: 3 });
  assert.notEqual(fileStamp(stories), storiesBefore, "the story step ran again");

  const again = await cached();
  assert.equal(again.stats.parsed, 0);
  assert.deepStrictEqual(again.result, await fresh());
});

test("a few changed entries are written beside the index, which the next build reads amended; many, and the index is written again", async () => {
  const { seedsDir, cacheDir, cached, fresh } = setup();
  const [index, journal] = [path.join(cacheDir, "index.bin"), path.join(cacheDir, "index-newer.bin")];
  await cached();
  assert.ok(existsSync(index) && !existsSync(journal), "a first build writes the index");
  const indexStamp = fileStamp(index);

  const edited = path.join(seedsDir, "story-c.txt");
  writeFileSync(edited, readFileSync(edited, "utf8").replace("in the spring", "in the autumn"));
  const afterEdit = await cached();
  assert.equal(afterEdit.stats.parsed, 1);
  assert.equal(fileStamp(index), indexStamp, "the index is left as it was");
  assert.ok(existsSync(journal), "the changed entry is written beside it");
  assert.deepStrictEqual(afterEdit.result, await fresh());
  const read = await cached();
  assert.equal(read.stats.parsed, 0, "the edited seed's record is found through the journal");
  assert.deepStrictEqual(read.result, await fresh());

  // A seed gone: the journal says so, and the build after it has nothing to write.
  rmSync(path.join(seedsDir, "undated.txt"));
  assert.deepStrictEqual((await cached()).result, await fresh());
  const journalStamp = fileStamp(journal);
  assert.equal((await cached()).stats.parsed, 0);
  assert.deepEqual([fileStamp(index), fileStamp(journal)], [indexStamp, journalStamp], "nothing written when nothing changed");

  // A damaged journal is ignored: the edited seed is a miss against the index, never a wrong record.
  const bytes = readFileSync(journal);
  bytes[bytes.length >> 1]! ^= 0xff;
  writeFileSync(journal, bytes);
  const damaged = await cached();
  assert.equal(damaged.stats.parsed, 1);
  assert.deepStrictEqual(damaged.result, await fresh());

  // More changes than a journal holds: the index is written again and the journal goes; one kept
  // from before names the old index, so it is ignored.
  const stale = readFileSync(journal);
  writeArticles(path.join(seedsDir, "more"), 40, 40 + JOURNAL_MAX + 1);
  const many = await cached();
  assert.equal(many.stats.parsed, JOURNAL_MAX + 1);
  assert.notEqual(fileStamp(index), indexStamp);
  assert.ok(!existsSync(journal));
  writeFileSync(journal, stale);
  const after = await cached();
  assert.equal(after.stats.parsed, 0);
  assert.deepStrictEqual(after.result, await fresh());
});

test("a seed's stat is kept only when older than the listing by RACY_MS", async () => {
  const seedsDir = makeSeeds();
  const cacheDir = path.join(tempDir("racy-cache"), "ingest");
  const seeds = await listSeeds(seedsDir);
  const keptStats = async (listedAt: number) => {
    rmSync(cacheDir, { recursive: true, force: true });
    await ingestFiles(seeds, new Map(), { seedsDir, timeZone: "UTC", now: NOW, cacheDir, workers: 0, listedAt });
    const disk = DiskCache.open(cacheDir);
    return seeds.filter((s) => !s.skip).map((s) => disk.candidate(s)?.stat ?? null);
  };
  // Written a moment ago: an edit within the same timestamp tick could keep this stat, so it is not kept.
  assert.ok((await keptStats(Date.now())).every((s) => s === null));
  const later = await keptStats(Date.now() + RACY_MS + 1000);
  assert.ok(later.every((s) => s !== null));
  const a = seeds.find((s) => s.rel === "story-a.md")!;
  assert.deepEqual(later[seeds.filter((s) => !s.skip).indexOf(a)], [a.mtimeMs, a.ctimeMs, a.ino]);
});

test("the story step's relations reused from the cache give what running it gives, and read no text", async () => {
  const seedsDir = makeSeeds();
  const cacheDir = path.join(tempDir("stories-cache"), "ingest");
  const seeds = await listSeeds(seedsDir);
  const opts = { seedsDir, timeZone: "UTC", now: NOW, cacheDir, workers: 0 };
  await ingestFiles(seeds, new Map(), opts);
  const run = async (dir: string | undefined) => {
    const results = await ingestFiles(seeds, new Map(), opts);
    return { how: await applyStoriesCached(results, "UTC", dir), results };
  };
  const ran = await run(cacheDir);
  const reused = await run(cacheDir);
  assert.deepEqual([ran.how, reused.how], ["ran", "reused"]);
  // Reusing them decoded no article's html or text.
  assert.ok(reused.results.every((r) => !r.article || (lazyTexts(r.article)?.unread("html") && lazyTexts(r.article)?.unread("text"))));
  assert.deepStrictEqual(reused.results, ran.results);
  assert.deepStrictEqual(reused.results, (await run(undefined)).results, "the same as without a cache");
  assert.equal((await run(undefined)).how, "ran");
});

test("the story step runs again when a title, a text or a written date changes, and only then", async () => {
  const seedsDir = makeSeeds();
  const cacheDir = path.join(tempDir("stories-rerun"), "ingest");
  const opts = { seedsDir, timeZone: "UTC", now: NOW, cacheDir, workers: 0 };
  const run = async () => {
    const results = await ingestFiles(await listSeeds(seedsDir), new Map(), opts);
    const how = await applyStoriesCached(results, "UTC", cacheDir);
    const fresh = await ingestFiles(await listSeeds(seedsDir), new Map(), { ...opts, cacheDir: undefined });
    await applyStoriesCached(fresh, "UTC", undefined);
    assert.deepStrictEqual(results, fresh, "not what running the step without a cache gives");
    return how;
  };
  const file = path.join(seedsDir, "story-e.md");
  const edit = (from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
  assert.equal(await run(), "ran");
  edit("---\ntitle:", "---\ntags: [harbour, repairs]\ntitle:");
  assert.equal(await run(), "reused", "tags are not read by the story step");
  edit("title: Copy of the harbour story", "title: Copy of the harbour report");
  assert.equal(await run(), "ran", "a title");
  assert.equal(await run(), "reused");
  edit("date: 2025-03-05", "date: 2025-03-06");
  assert.equal(await run(), "ran", "a date");
  edit(/\n$/, " One more sentence.\n");
  assert.equal(await run(), "ran", "a text");
});

test("html and text are read when first needed; a pack damaged or gone by then gives them from the seed, and is made again", async () => {
  const { cacheDir, cached, fresh } = setup();
  await cached();
  const expected = await fresh();
  const packs = path.join(cacheDir, "packs");

  // A pack keeps its records' texts after their metas: its last byte is text.
  flipByteInEveryPack(cacheDir, (length) => length - 1);
  const damaged = await cached();
  assert.equal(damaged.stats.parsed, 0, "the metas were whole");
  assert.deepStrictEqual(damaged.result, expected, "texts from the seeds, not the damaged packs");
  const healed = await cached();
  assert.ok(healed.stats.parsed > 0, "the damaged packs were dropped: their records are made again");
  assert.deepStrictEqual(healed.result, expected);

  // Packs collected (another build) after the records were handed out, before any text was read.
  const early = await cached();
  rmSync(packs, { recursive: true });
  assert.deepStrictEqual(early.result, expected);
});
