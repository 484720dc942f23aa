/**
 * Page fingerprints (src/publish/page-keys.ts) let an article's `revision` stand for the fields
 * the per-file stage alone sets (SET_BY_REVISION). That holds only while no site-wide step (the
 * story step, unique URLs, statuses) changes one of them: checked here on seeds that give each
 * step something to do, against the same seeds run through the per-file stage alone.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ingest, ingestBytes, type IngestOptions } from "../../src/ingest.ts";
import { fingerprints, SET_BY_REVISION } from "../../src/publish/page-keys.ts";
import { listSeeds } from "../../src/read/walk.ts";
import { newsroomData } from "../../src/render/site-data.ts";
import { sitePages } from "../../src/render/site-pages.ts";
import { loadSite } from "../../src/site/settings.ts";
import type { Article } from "../../src/validate/schema.ts";
import { tempDir } from "../helpers/cli.ts";

const NOW = new Date("2026-01-10T12:00:00Z");
const STORY =
  "Ministers in Valparaíso confirmed on Tuesday that the Aurelio Brandt harbour scheme will cost 412 million pesos, after engineers " +
  "found the northern breakwater had shifted 38 centimetres during the June storms. Harbour master Ilse Okonkwo said " +
  '"we cannot wait another winter" before repairs begin.';
const OTHER = "The council voted to keep the library open on Sundays through the winter, after a petition signed by 3,000 residents.";

function seeds(): string {
  const dir = tempDir("page-keys");
  const write = (rel: string, text: string) => writeFileSync(path.join(dir, rel), text);
  write("story-a.md", `---\ntitle: Harbour repairs approved\ndate: 2025-03-03\ntags: harbour\n---\n${STORY}\n`);
  // An exact copy (a duplicate, with a message), and an undated copy that takes its story's date (date, day, url, sources).
  write("story-b.md", `---\ntitle: Copy of the harbour story\ndate: 2025-03-05\n---\n${STORY}\n`);
  write("story-c.txt", `Breakwater repairs\n\n${STORY}\n\nWork starts in the spring, the ministry said.\n`);
  // Same title and day: the second by path gets a suffixed slug.
  write("same-a.md", `---\ntitle: Library stays open\ndate: 2025-12-01\n---\n${OTHER}\n`);
  write("same-b.md", `---\ntitle: Library stays open\ndate: 2025-12-01\n---\n${OTHER} Opening hours are unchanged.\n`);
  // Statuses: a draft and a scheduled article (shown with drafts).
  write("draft.md", `---\ntitle: Not yet\ndate: 2025-11-01\ndraft: true\n---\n${OTHER}\n`);
  write("later.md", `---\ntitle: Next year\ndate: 2027-01-01\n---\n${OTHER}\n`);
  return dir;
}

test("no site-wide step changes the fields an article's revision stands for", async () => {
  const opts: IngestOptions = { seedsDir: seeds(), timeZone: "Europe/London", now: NOW, drafts: true, workers: 0 };
  const { articles } = await ingest(opts);
  const byFile = new Map(articles.map((a) => [a.file, a]));
  // Each step had something to do.
  assert.equal(byFile.get("story-c.txt")?.sources.date, "story");
  assert.equal(byFile.has("story-b.md"), false, "published once, as story-a.md");
  assert.notEqual(byFile.get("same-b.md")?.url, byFile.get("same-a.md")?.url);
  assert.deepEqual([byFile.get("draft.md")?.status, byFile.get("later.md")?.status], ["draft", "scheduled"]);

  const seedList = await listSeeds(opts.seedsDir);
  for (const a of articles) {
    assert.ok(a.revision, `${a.file} has a revision`);
    const seed = seedList.find((s) => s.rel === a.file)!;
    const alone = ingestBytes(readFileSync(seed.abs), seed, opts, new Map()).article!;
    for (const key of SET_BY_REVISION) {
      if (key !== "revision") assert.deepStrictEqual(a[key as keyof Article], alone[key as keyof Article], `${a.file}: ${key}`);
    }
  }
});

test("the fields the revision does not stand for still change the article's pages", async () => {
  const opts: IngestOptions = { seedsDir: seeds(), timeZone: "Europe/London", now: NOW, workers: 0 };
  const ingested = await ingest(opts);
  const keyOf = () => {
    const n = newsroomData(ingested, loadSite(), { now: NOW, images: new Map() });
    const pages = sitePages(n);
    return fingerprints(pages, n).pages[pages.findIndex((p) => p.url === article.url)];
  };
  const article = ingested.articles.find((a) => a.file === "story-a.md")!;
  const before = keyOf();
  assert.ok(before);
  article.story = "0000000000";
  assert.notEqual(keyOf(), before, "a story id");
  const story = keyOf();
  article.sources = { ...article.sources, title: "inferred" };
  assert.notEqual(keyOf(), story, "where a field came from");
});
