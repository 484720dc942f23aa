/**
 * Incremental builds: after each kind of editorial change, a second
 * `npm run build` into the same output rewrites only some pages, and the
 * site it leaves is byte for byte the site a full `--no-cache` build of the
 * same seeds writes into an empty folder. The site fixture has 3 articles a
 * page, so one added or redated article shifts pagination, tag pages and
 * neighbours: the cases a wrong dependency map would get wrong.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { RACY_MS } from "../../src/read/settled.ts";
import { buildSeeds, FIXTURE, NOW, siteTree } from "../site/fixture.ts";
import { tempDir } from "../helpers/cli.ts";

const seeds = path.join(tempDir("incremental-seeds"), "seeds");
cpSync(path.join(FIXTURE, "seeds"), seeds, { recursive: true });
const out = path.join(tempDir("incremental-out"), "site");

const build = (outDir: string, ...extra: string[]) => buildSeeds(seeds, outDir, ["--now", NOW, ...extra]);
const buildWith = (siteFile: string, outDir: string, ...extra: string[]) => buildSeeds(seeds, outDir, ["--now", NOW, ...extra], siteFile);

/** Pages written by the build, and the site's size, from its "Pages:" line. */
function pagesWritten(stdout: string): { written: number; total: number } {
  const m = /^Pages: (?:(\d+) of )?(\d+) written/m.exec(stdout);
  assert.ok(m, stdout);
  return { written: Number(m[1] ?? m[2]), total: Number(m[2]) };
}

/** `extra` as given to the build of `out` (the last --now wins). */
function assertSameAsFullBuild(...extra: string[]): void {
  const reference = path.join(tempDir("incremental-ref"), "site");
  build(reference, "--no-cache", ...extra);
  assert.deepEqual(siteTree(out), siteTree(reference));
}

const edit = (file: string, change: (text: string) => string) => {
  const p = path.join(seeds, file);
  writeFileSync(p, change(readFileSync(p, "utf8")));
};

const first = build(out);

test("the first build writes every page", () => {
  const { written, total } = pagesWritten(first);
  assert.equal(written, total);
  assert.ok(total > 40, first);
});

test("with the pages written by the file writer's thread, the site is the same (bodies just parsed, or from the cache)", () => {
  const [parsed, cached] = [path.join(tempDir("incremental-parallel"), "site"), path.join(tempDir("incremental-parallel-cached"), "site")];
  process.env.NEWSROOM_FILE_WRITER_MIN = "0";
  try {
    build(parsed, "--no-cache");
    build(cached); // a new folder: every page written, the records from the first build's cache
  } finally {
    delete process.env.NEWSROOM_FILE_WRITER_MIN;
  }
  assert.deepEqual(siteTree(parsed), siteTree(out));
  assert.deepEqual(siteTree(cached), siteTree(out));
});

test("nothing changed: no page is written, the search index is kept", () => {
  const stdout = build(out);
  assert.deepEqual(pagesWritten(stdout).written, 0);
  assert.match(stdout, /search index unchanged/);
});

test("a build into a new folder links the search index's parts from .cache/search, where the first build kept them, instead of indexing them again", () => {
  const again = path.join(tempDir("incremental-store"), "site");
  assert.match(build(again), /search index [\d.]+ s \(5 parts, 13 articles; 5 from \.cache\/search\)/);
  assert.deepEqual(siteTree(again), siteTree(out));
  // Without the caches, Pagefind indexes every part (and the same bytes: assertSameAsFullBuild).
  assert.match(build(path.join(tempDir("incremental-store"), "site"), "--no-cache"), /search index [\d.]+ s \(5 parts, 13 articles\)$/m);
});

/** The inode of each part's entry file, by folder in order: a part made again has a new one. */
const partInodes = () =>
  Object.fromEntries(readdirSync(out).filter((f) => f.startsWith("pagefind")).sort().flatMap((f) => (f.endsWith(".json") ? [] : [[f, statSync(path.join(out, f, "pagefind-entry.json")).ino]])));
const partsList = () => JSON.parse(readFileSync(path.join(out, "pagefind-parts.json"), "utf8")) as string[];
/** The parts made again since `before` (a part that is new counts as made). */
const remade = (before: Record<string, number>) =>
  Object.entries(partInodes())
    .filter(([folder, ino]) => before[folder] !== ino)
    .map(([folder]) => folder);

// The fixture's parts (searchPartSize 2, searchRecentPartSize 8): 30 Dec and 1 Jan; 10 Mar; 15 Jul; the recent ones: 28 Aug; 1 to 3 Sep.
const PARTS = ["pagefind", "pagefind-2025-01-08", "pagefind-2025-05-16", "pagefind-recent", "pagefind-recent-2025-09-01"];
test("a recent article edited: only the recent part of its days is made again; an older one: only its archive part", () => {
  let before = partInodes();
  assert.deepEqual(Object.keys(before), PARTS);
  edit("storm-coast-road.md", (t) => `${t}\nThe road reopened in the evening.\n`);
  assert.match(build(out), /search index [\d.]+ s \(1 of 5 parts, 8 articles(?:; \d from \.cache\/search)?\)/);
  assert.deepEqual(remade(before), ["pagefind-recent-2025-09-01"]);
  before = partInodes();
  edit("spring-flood.md", (t) => `${t}\nThe river fell back by nightfall.\n`);
  assert.match(build(out), /search index [\d.]+ s \(1 of 5 parts, 1 article(?:; \d from \.cache\/search)?\)/);
  assert.deepEqual(remade(before), ["pagefind-2025-01-08"]);
  assertSameAsFullBuild();
});

test("a month later, last month's articles leave the recent part for the archive part of their days; the other parts are kept", () => {
  const before = partInodes();
  const later = ["--now", "2025-10-02T12:00:00Z"];
  // 28 August joins 15 July. Recent: 8 September articles, then the piece scheduled for the 10th, due now.
  assert.match(build(out, ...later), /search index [\d.]+ s \(3 of 5 parts, 11 articles(?:; \d from \.cache\/search)?\)/);
  const parts = ["pagefind", "pagefind-2025-01-08", "pagefind-2025-05-16", "pagefind-recent", "pagefind-recent-2025-09-05"];
  assert.deepEqual(partsList(), parts);
  assert.deepEqual(Object.keys(partInodes()), parts, "a part gone stayed");
  assert.deepEqual(remade(before), ["pagefind-2025-05-16", "pagefind-recent", "pagefind-recent-2025-09-05"]);
  assertSameAsFullBuild(...later);
  // Back to the fixture's build time, for the tests below.
  build(out);
  assert.deepEqual(Object.keys(partInodes()), PARTS);
  assertSameAsFullBuild();
});

test("an archive article deleted: its part goes and no other is made again; put back, only its part is made; --no-search leaves the index as it was", () => {
  rmSync(path.join(seeds, "spring-flood.md"));
  const before = partInodes();
  build(out, "--no-search");
  assert.deepEqual(partInodes(), before, "--no-search changed the search index");
  assert.deepEqual(partsList(), PARTS);
  assert.match(build(out), /search index [\d.]+ s \(0 of 4 parts, 0 articles\)/);
  assert.deepEqual(partsList(), ["pagefind", "pagefind-2025-05-16", "pagefind-recent", "pagefind-recent-2025-09-01"]);
  assert.deepEqual(Object.keys(partInodes()), partsList());
  assert.deepEqual(remade(before), []);
  assertSameAsFullBuild();
  cpSync(path.join(FIXTURE, "seeds", "spring-flood.md"), path.join(seeds, "spring-flood.md"));
  const without = partInodes();
  assert.match(build(out), /search index [\d.]+ s \(1 of 5 parts, 1 article(?:; \d from \.cache\/search)?\)/);
  assert.deepEqual(remade(without), ["pagefind-2025-01-08"]);
  assertSameAsFullBuild();
});

/** [what, the change, whether it touches only some pages] */
const changes: Array<[string, () => void, boolean]> = [
  ["an article added", () => writeFileSync(path.join(seeds, "added.md"), "---\ntitle: Lifeboat crew rescues two sailors\ndate: 2025-09-03T11:00:00\ntags: [harbour]\ncategories: [News]\n---\n\nThe lifeboat crew was called out at dawn after a yacht lost its mast off the headland.\n"), true],
  ["a body edited", () => edit("ferry-strike.md", (t) => t.replace(/\n\n([A-Z])/, "\n\nA new first paragraph about the ferry strike.\n\n$1")), true],
  ["a headline changed (new URL)", () => edit("school-term.md", (t) => t.replace(/^title: .*$/m, "title: Schools open a week late after repairs")), true],
  ["tags changed", () => edit("council-budget.md", (t) => t.replace(/^tags: .*$/m, "tags: [budget, libraries]")), true],
  ["an article redated", () => edit("summer-heat.md", (t) => t.replace(/^date: .*$/m, "date: 2025-01-15T08:00:00")), true],
  ["an article deleted", () => rmSync(path.join(seeds, "rail-timetable.md")), true],
  ["the last article of a section deleted: the navigation of every page changes", () => rmSync(path.join(seeds, "tokyo-trade.md")), false],
];

for (const [what, change, partial] of changes) {
  test(`${what}: ${partial ? "only some pages are written" : "every page is written"}, and the site equals a full build`, () => {
    change();
    const stdout = build(out);
    const { written, total } = pagesWritten(stdout);
    if (partial) assert.ok(written > 0 && written < total / 2, stdout);
    else assert.equal(written, total, stdout);
    assertSameAsFullBuild();
  });
}

test("article images: once their file has settled, builds neither encode nor write them again; dropped from their article, their files leave the site", async () => {
  const image = path.join(seeds, "images", "coast-road.jpg");
  await sleep(Math.max(0, statSync(image).ctimeMs + RACY_MS + 100 - Date.now()));
  build(out); // sees the file settled
  const imageDir = path.join(out, "img");
  const inodes = () => Object.fromEntries(readdirSync(imageDir).map((f) => [f, statSync(path.join(imageDir, f)).ino]));
  const before = inodes();
  assert.equal(Object.keys(before).length, 6);
  edit("ferry-strike.md", (t) => `${t}\nCrossings resume on Friday.\n`);
  assert.ok(pagesWritten(build(out)).written > 0);
  assert.deepEqual(inodes(), before);
  const line = /^image: .*\n/m.exec(readFileSync(path.join(seeds, "storm-coast-road.md"), "utf8"))![0];
  edit("storm-coast-road.md", (t) => t.replace(line, ""));
  build(out);
  assert.equal(existsSync(imageDir), false);
  assertSameAsFullBuild();
  edit("storm-coast-road.md", (t) => t.replace(/^---\n/, `---\n${line}`));
  build(out);
  assertSameAsFullBuild();
});

test("the site renamed: every page changes, so the site is written whole and swapped in; the search index is carried over", () => {
  const renamed = path.join(tempDir("incremental-site"), "site.json");
  const settings = JSON.parse(readFileSync(path.join(FIXTURE, "site.json"), "utf8")) as { title: string };
  writeFileSync(renamed, JSON.stringify({ ...settings, title: "The Evening Seed" }));
  const index = path.join(out, "pagefind", "pagefind-entry.json");
  const before = statSync(index).ino;
  const stdout = buildWith(renamed, out, "--timings");
  const { written, total } = pagesWritten(stdout);
  assert.equal(written, total, stdout);
  assert.match(stdout, /search index unchanged/);
  assert.match(stdout, /publish: swap the folder in/);
  assert.equal(statSync(index).ino, before, "the search index was not the live one");
  assert.match(readFileSync(path.join(out, "index.html"), "utf8"), /<title>The Evening Seed/);
  const reference = path.join(tempDir("incremental-site-ref"), "site");
  buildWith(renamed, reference, "--no-cache");
  assert.deepEqual(siteTree(out), siteTree(reference));
});

test("the output folder deleted or replaced: the next build writes every page, not just the changes", () => {
  rmSync(out, { recursive: true });
  const stdout = build(out);
  const { written, total } = pagesWritten(stdout);
  assert.equal(written, total, stdout);
  assertSameAsFullBuild();
});
