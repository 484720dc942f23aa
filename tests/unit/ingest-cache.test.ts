/**
 * The persistent ingest cache (src/ingest/disk-cache.ts): a record is reused
 * only while everything it was made from is the same, and whatever the cache
 * holds (stale, damaged, foreign), the output is what a build without the
 * cache gives.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parseCli } from "../../scripts/options.ts";
import { ingest, type IngestOptions, type IngestStats } from "../../src/ingest.ts";
import { DiskCache } from "../../src/ingest/disk-cache.ts";
import { ingestFiles } from "../../src/ingest/files.ts";
import { storyIdentity } from "../../src/enrich/stories.ts";
import { listSeeds } from "../../src/read/walk.ts";
import { loadSite } from "../../src/site/settings.ts";
import { tempDir } from "../helpers/cli.ts";
import { flipByteInEveryPack } from "./damage-packs.ts";

const MTIME = new Date("2025-10-01T08:00:00Z");
const NOW = new Date("2026-01-10T12:00:00Z");

function makeSeeds(): string {
  const dir = tempDir("cache-seeds");
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    utimesSync(path.join(dir, name), MTIME, MTIME);
  };
  write("dated.md", "---\ntitle: Harbour reopens\ndate: 2025-09-01\ntags: [port]\n---\nThe harbour reopened on Monday after repairs.\n");
  write("undated.txt", "Storm warning for the coast\n\nGales are expected overnight along the coast road.\n");
  write("scheduled.md", "---\ntitle: Budget day\ndate: 2026-02-01T09:00:00Z\n---\nThe budget is presented today.\n");
  write("pictured.md", "---\ntitle: New bridge\ndate: 2025-08-01\nimage: bridge.jpg\n---\nThe bridge opened to traffic.\n");
  write("broken.md", "---\ntitle: [unclosed\n---\nText.\n");
  return dir;
}

function setup() {
  const seedsDir = makeSeeds();
  const cacheDir = path.join(tempDir("cache"), "ingest");
  const opts: IngestOptions = { seedsDir, timeZone: "Europe/London", now: NOW, workers: 0 };
  /** Ingest with the cache; the stats say where records came from. */
  const cached = async (extra: Partial<IngestOptions> = {}) => {
    let stats: IngestStats | undefined;
    const result = await ingest({ ...opts, ...extra, cacheDir, onStats: (s) => (stats = s) });
    return { result, stats: stats! };
  };
  /** The same build without any cache: what the cached one must equal. */
  const fresh = (extra: Partial<IngestOptions> = {}) => ingest({ ...opts, ...extra });
  return { seedsDir, cacheDir, cached, fresh };
}

test("unchanged seeds are not parsed again, and the records are the same", async () => {
  const { cached, fresh } = setup();
  const first = await cached();
  assert.equal(first.stats.parsed, 5);
  const second = await cached();
  // The file with broken YAML too: its error entry follows from its bytes alone.
  assert.deepEqual({ parsed: second.stats.parsed, fromDisk: second.stats.fromDisk }, { parsed: 0, fromDisk: 5 });
  assert.deepStrictEqual(second.result, await fresh());
});

test("a changed file is parsed again, even at the same size and modification time", async () => {
  const { seedsDir, cached, fresh } = setup();
  await cached();
  const file = path.join(seedsDir, "dated.md");
  writeFileSync(file, readFileSync(file, "utf8").replace("Harbour reopens", "Harbour re-opens").replace("after repairs", "after repair"));
  utimesSync(file, MTIME, MTIME);
  const again = await cached();
  assert.equal(again.stats.parsed, 1);
  assert.ok(again.result.articles.some((a) => a.title === "Harbour re-opens"));
  assert.deepStrictEqual(again.result, await fresh());
});

test("what a record depends on besides its bytes: build time, mtime, images, time zone", async () => {
  const { seedsDir, cached, fresh } = setup();
  await cached();

  // A later build time publishes the scheduled article without parsing anything.
  const later = new Date("2026-03-01T00:00:00Z");
  const scheduledNow = await cached({ now: later });
  assert.equal(scheduledNow.stats.parsed, 0);
  assert.ok(scheduledNow.result.articles.some((a) => a.title === "Budget day"));
  assert.deepStrictEqual(scheduledNow.result, await fresh({ now: later }));

  // Touching files: only the one dated by its modification time is parsed again.
  const touched = new Date("2025-11-05T10:00:00Z");
  for (const f of ["undated.txt", "dated.md"]) utimesSync(path.join(seedsDir, f), touched, touched);
  const afterTouch = await cached();
  assert.equal(afterTouch.stats.parsed, 1);
  assert.deepStrictEqual(afterTouch.result, await fresh());

  // The missing image appears: the article that names it is read again and shows it.
  writeFileSync(path.join(seedsDir, "bridge.jpg"), "not really a jpeg");
  const pictured = await cached();
  assert.equal(pictured.stats.parsed, 1);
  assert.ok(pictured.result.articles.find((a) => a.title === "New bridge")?.image);
  assert.deepStrictEqual(pictured.result, await fresh());

  // Another time zone: every date moves, so nothing is reused.
  const zoned = await cached({ timeZone: "Asia/Tokyo" });
  assert.equal(zoned.stats.parsed, 5);
  assert.deepStrictEqual(zoned.result, await fresh({ timeZone: "Asia/Tokyo" }));
});

test("a git date that appears counts only for seeds dated from git", async () => {
  const { seedsDir, cacheDir } = setup();
  const seeds = await listSeeds(seedsDir);
  const parsedWith = async (gitDates: Map<string, string>) => {
    let parsed = -1;
    const results = await ingestFiles(seeds, gitDates, { seedsDir, timeZone: "UTC", now: NOW, cacheDir, workers: 0, onStats: (s) => (parsed = s.parsed) });
    return { parsed, results };
  };
  await parsedWith(new Map());
  const git = new Map([["undated.txt", "2025-07-07T07:07:07+00:00"], ["dated.md", "2025-07-07T07:07:07+00:00"]]);
  const withGit = await parsedWith(git);
  assert.equal(withGit.parsed, 1, "only the undated seed depends on git");
  assert.equal(withGit.results.find((r) => r.entry.file === "undated.txt")?.article?.sources.date, "git");
});

test("a damaged, truncated or foreign cache is ignored, never trusted", async () => {
  const { cacheDir, cached, fresh } = setup();
  await cached();
  const expected = await fresh();
  const packs = path.join(cacheDir, "packs");

  // One flipped byte in every pack's texts (its last byte): found when a text is read, which then
  // comes from the seed; the next build makes every record of those packs again.
  flipByteInEveryPack(cacheDir, (length) => length - 1);
  const flipped = await cached();
  assert.deepStrictEqual(flipped.result, expected);
  assert.equal((await cached()).stats.parsed, 5, "the damaged packs were dropped");
  assert.equal((await cached()).stats.parsed, 0, "and the cache is whole again");

  // One in every pack's metas (its first byte): records kept as lines of the index (thin-record.ts)
  // do not read them; the others are made again. Each reads back whole either way.
  flipByteInEveryPack(cacheDir, () => 0);
  assert.deepStrictEqual((await cached()).result, expected);

  // A truncated index, then one of random bytes.
  truncateSync(path.join(cacheDir, "index.bin"), 100);
  assert.equal((await cached()).stats.parsed, 5);
  writeFileSync(path.join(cacheDir, "index.bin"), Buffer.from("not an index at all, just words"));
  const garbage = await cached();
  assert.equal(garbage.stats.parsed, 5);
  assert.deepStrictEqual(garbage.result, expected);

  // Missing packs: a miss, not an error.
  rmSync(packs, { recursive: true });
  assert.equal((await cached()).stats.parsed, 5);

  // Another pipeline version (the ingest code changed) reads as empty.
  assert.ok(DiskCache.open(cacheDir).size > 0);
  assert.equal(DiskCache.open(cacheDir, "another version").size, 0);
});

test("build and check take --no-cache", () => {
  const site = loadSite();
  assert.ok(parseCli([], site).cacheDir?.endsWith(path.join(".cache", "ingest")));
  assert.equal(parseCli(["--no-cache"], site).cacheDir, undefined);
});

test("the index gives back every entry as stored: size, stat, story identity (dated, undated, none) and what the record depended on", async () => {
  const { seedsDir, cacheDir } = setup();
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
  // Long enough for the story step, one dated and one not, and a title with a curly quote.
  writeFileSync(path.join(seedsDir, "long-dated.md"), `---\ntitle: Council’s vote\ndate: 2025-09-02\n---\n${words(40)}.\n`);
  writeFileSync(path.join(seedsDir, "long-undated.txt"), `Floods close the coast road\n\n${words(40)}.\n`);
  const seeds = await listSeeds(seedsDir);
  // Listed "later" than the files' change times by more than RACY_MS: every stat is kept.
  const listedAt = Date.now() + 60_000;
  const results = await ingestFiles(seeds, new Map(), { seedsDir, timeZone: "Europe/London", now: NOW, cacheDir, workers: 0, listedAt });
  const cache = DiskCache.open(cacheDir, undefined, listedAt);
  seeds.forEach((seed, at) => {
    const entry = cache.candidate(seed);
    if (seed.rel === "broken.md") return assert.ok(entry, "an error entry is a record too");
    assert.ok(entry, seed.rel);
    assert.deepEqual([entry.rel, entry.size, entry.timeZone], [seed.rel, seed.size, "Europe/London"]);
    assert.ok(cache.unchanged(entry, seed), `${seed.rel}: its stat`);
    assert.deepEqual(entry.story, storyIdentity(results[at]!.article), `${seed.rel}: its story identity`);
  });
  const story = (rel: string) => cache.candidate(seeds.find((s) => s.rel === rel)!)!.story;
  assert.deepEqual(story("long-dated.md")?.slice(0, 2), ["Council’s vote", "2025-09-02T00:00:00+01:00"]);
  assert.equal(story("long-undated.txt")?.[1], null);
  assert.equal(story("dated.md"), null, "too short for the story step");
  assert.deepEqual(Object.keys(cache.candidate(seeds.find((s) => s.rel === "pictured.md")!)!.deps), ["image"]);
});
